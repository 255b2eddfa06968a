// What tests demand of iCalendar text: strict checks of the bytes (CRLF, 75-octet lines that
// never cut a UTF-8 character, required properties, a VTIMEZONE for every TZID, unique UIDs), and
// the events as a real parser (ical.js) reads them back.
import assert from 'node:assert/strict'
import ICAL from 'ical.js'

const octets = (s: string) => Buffer.byteLength(s, 'utf8')

/** What a strict reader demands of the bytes, whatever parser comes after. */
export function assertStrict(text: string) {
  const bytes = Buffer.from(text, 'utf8')
  assert.ok(text.endsWith('\r\n'), 'the last line ends with CRLF')
  const physical = text.slice(0, -2).split('\r\n')
  for (const line of physical) {
    assert.ok(!/[\r\n]/.test(line), `a bare CR or LF in ${JSON.stringify(line)}`)
    assert.ok(octets(line) <= 75, `${octets(line)} octets: ${line}`)
  }
  // Each physical line on its own is whole UTF-8: no character was cut by a fold.
  const strict = new TextDecoder('utf-8', { fatal: true })
  let from = 0
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      strict.decode(bytes.subarray(from, i))
      from = i + 2
    }
  }
  const lines = text
    .slice(0, -2)
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
  const stack: string[] = []
  const components: { name: string; props: string[] }[] = []
  for (const line of lines) {
    assert.match(line, /^[A-Z][A-Z0-9-]*(;[A-Z0-9-]+=("[^"]*"|[^";:,]*))*:/, `a content line: ${line}`)
    if (line.startsWith('BEGIN:')) {
      stack.push(line.slice(6))
      components.push({ name: line.slice(6), props: [] })
    } else if (line.startsWith('END:')) {
      assert.equal(stack.pop(), line.slice(4), 'components close in order')
    } else {
      const open = components.findLast((c) => c.name === stack.at(-1))!
      open.props.push(line)
    }
  }
  assert.deepEqual(stack, [])
  const count = (c: { props: string[] }, name: string) =>
    c.props.filter((p) => p.startsWith(`${name}:`) || p.startsWith(`${name};`)).length
  const vcalendar = components[0]!
  assert.equal(vcalendar.name, 'VCALENDAR')
  assert.ok(vcalendar.props.includes('VERSION:2.0'))
  assert.equal(count(vcalendar, 'PRODID'), 1)
  assert.ok(components.length > 1, 'at least one component')
  const zones = new Set(
    components
      .filter((c) => c.name === 'VTIMEZONE')
      .map((c) => c.props.find((p) => p.startsWith('TZID:'))!.slice(5)),
  )
  for (const c of components) {
    if (c.name === 'VEVENT') {
      for (const name of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SEQUENCE'])
        assert.equal(count(c, name), 1, `one ${name} in ${c.props.join(' | ')}`)
      assert.match(c.props.find((p) => p.startsWith('DTSTAMP:'))!, /^DTSTAMP:\d{8}T\d{6}Z$/)
      for (const p of c.props) {
        const tzid = /;TZID=([^;:]+)/.exec(p)?.[1]
        if (tzid) assert.ok(zones.has(tzid), `a VTIMEZONE for ${tzid}`)
      }
    }
    if (c.name === 'STANDARD' || c.name === 'DAYLIGHT') {
      for (const name of ['TZOFFSETFROM', 'TZOFFSETTO', 'DTSTART']) assert.equal(count(c, name), 1)
      for (const p of c.props.filter((p) => p.startsWith('TZOFFSET')))
        assert.match(p, /^TZOFFSET(FROM|TO):[+-]\d{4}(\d{2})?$/)
      assert.match(c.props.find((p) => p.startsWith('DTSTART:'))!, /^DTSTART:\d{8}T\d{6}$/)
    }
  }
  const uids = components
    .filter((c) => c.name === 'VEVENT')
    .map((c) => c.props.find((p) => p.startsWith('UID:')))
  assert.equal(new Set(uids).size, uids.length, 'UIDs are unique')
  return components
}

/** The events as ical.js reads them, each time resolved through the calendar's own VTIMEZONE. */
export function readBack(text: string) {
  const vcalendar = new ICAL.Component(ICAL.parse(text))
  return vcalendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent)
    return {
      event,
      vevent,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      zone: event.startDate.zone?.tzid ?? null,
    }
  })
}

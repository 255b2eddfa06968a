import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { inflateSync } from 'node:zlib'
import { eq, sql } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { chapterTeam } from '../chapters/chapters.schema.ts'
import { people } from '../people/people.schema.ts'
import { printable } from './recognition.pdf.ts'
import {
  daysHeldIn,
  heldTitles,
  isCertificateCode,
  newCertificateCode,
  titleEarned,
  titlesOf,
} from './recognition.rules.ts'
import { certificates, swagShipments, titleGrants } from './recognition.schema.ts'
import { issueCertificate, recognitionOf } from './recognition.service.ts'

const chapter = { id: 'c1', cityZh: '杭州', cityEn: 'Hangzhou' }

describe('titles', () => {
  it('gives a title for every calendar year a seat or a role was held, newest first', () => {
    const titles = titlesOf(
      [
        { role: 'member', startedAt: new Date('2024-11-01'), endedAt: new Date('2025-03-01'), chapter },
        { role: 'leader', startedAt: new Date('2025-03-01'), endedAt: null, chapter },
      ],
      [
        { role: 'ambassador', grantedAt: new Date('2026-05-01'), endedAt: null, sig: null },
        { role: 'administrator', grantedAt: new Date('2021-01-01'), endedAt: null, sig: null },
      ],
      new Date('2026-11-22'),
      { minTenureDays: 30 },
    )
    assert.deepEqual(
      titles.map((t) => t.key),
      [
        'chapter:c1:leader:2026',
        'role:ambassador:-:2026',
        'chapter:c1:leader:2025',
        'chapter:c1:member:2025',
        'chapter:c1:member:2024',
      ],
    )
  })

  it('counts the days of each calendar year a place was held, overlaps once, up to now', () => {
    const d = (iso: string) => new Date(iso)
    assert.equal(
      daysHeldIn(2026, [{ from: d('2026-03-01T00:00Z'), to: d('2026-03-31T00:00Z') }], d('2027-01-01')),
      30,
    )
    assert.equal(
      daysHeldIn(2026, [{ from: d('2025-12-10T00:00Z'), to: d('2026-01-20T00:00Z') }], d('2027-01-01')),
      19,
      'only the part inside the year',
    )
    assert.equal(
      daysHeldIn(
        2026,
        [
          { from: d('2026-01-01T00:00Z'), to: d('2026-01-21T00:00Z') },
          { from: d('2026-01-11T00:00Z'), to: d('2026-01-31T00:00Z') },
        ],
        d('2027-01-01'),
      ),
      30,
      'overlapping periods count once',
    )
    assert.equal(daysHeldIn(2026, [{ from: d('2026-11-20T00:00Z'), to: null }], d('2026-11-22T12:00Z')), 2.5)
  })

  it('earns the year’s title at the minimum tenure exactly, not a minute before, unless granted', () => {
    const policy = { minTenureDays: 30 }
    const seat = (from: string, to: string | null) => ({
      role: 'leader',
      startedAt: new Date(from),
      endedAt: to ? new Date(to) : null,
      chapter,
    })
    const keys = (s: ReturnType<typeof seat>, now: string, granted = new Set<string>()) =>
      titlesOf([s], [], new Date(now), policy, granted).map((t) => t.key)
    assert.deepEqual(keys(seat('2026-06-01T10:00Z', '2026-07-01T10:00Z'), '2026-12-01'), [
      'chapter:c1:leader:2026',
    ])
    assert.deepEqual(keys(seat('2026-06-01T10:00Z', '2026-07-01T09:59Z'), '2026-12-01'), [], 'a minute short')
    assert.deepEqual(
      keys(seat('2026-06-01T10:00Z', '2026-06-01T10:05Z'), '2026-12-01'),
      [],
      'minutes earn nothing',
    )
    assert.deepEqual(
      keys(seat('2026-06-01T10:00Z', '2026-06-01T10:05Z'), '2026-12-01', new Set(['chapter:c1:leader:2026'])),
      ['chapter:c1:leader:2026'],
      'a SIG lead’s grant does',
    )
    assert.deepEqual(
      keys(seat('2025-12-10T00:00Z', '2026-01-20T00:00Z'), '2026-12-01'),
      [],
      'days are counted within each year: 22 in 2025, 19 in 2026',
    )
    assert.deepEqual(
      keys(seat('2026-11-02T12:00Z', null), '2026-12-02T11:59Z'),
      [],
      'a current seat not yet 30 days',
    )
    assert.deepEqual(keys(seat('2026-11-02T12:00Z', null), '2026-12-02T12:00Z'), ['chapter:c1:leader:2026'])
    assert.deepEqual(
      titlesOf(
        [],
        [{ role: 'sig_member', grantedAt: new Date('2026-12-15T00:00Z'), endedAt: null, sig: null }],
        new Date('2027-02-01'),
        policy,
      ).map((t) => t.key),
      ['role:sig_member:-:2027'],
      'community roles follow the same rule: 17 days of 2026, 31 of 2027',
    )
    assert.equal(
      titleEarned(0, { minTenureDays: 0 }, false),
      'tenure',
      'a minimum of 0 days gives every title',
    )
    assert.deepEqual(
      heldTitles(
        [seat('2026-06-01T10:00Z', '2026-06-02T10:00Z')],
        [],
        new Date('2026-12-01'),
        policy,
        new Set(),
      ).map((h) => [h.days, h.earnedBy]),
      [[1, null]],
    )
  })

  it('makes codes that are easy to read back, and only those pass', () => {
    const code = newCertificateCode()
    assert.match(code, /^[A-HJKMNP-Z2-9]{10}$/)
    assert.equal(isCertificateCode(code), true)
    assert.equal(isCertificateCode('O0I1L23456'), false)
  })

  it('keeps every Chinese and Latin character the font can draw, and drops what it cannot', () => {
    assert.equal(
      printable('杭州站站长 · Hangzhou chapter leader, 2026'),
      '杭州站站长 · Hangzhou chapter leader, 2026',
    )
    assert.equal(printable('龘 Zoë 🎉'), '龘 Zoë ')
  })
})

/** Text of the PDF's ToUnicode maps: which characters its embedded glyphs stand for. */
function mappedCharacters(pdf: Buffer): string {
  const text = pdf.toString('latin1')
  let out = ''
  for (const m of text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let body: string
    try {
      body = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1')
    } catch {
      continue
    }
    if (!body.includes('beginbfrange') && !body.includes('beginbfchar')) continue
    for (const hex of body.matchAll(/<([0-9a-fA-F]{4})>/g))
      out += String.fromCharCode(Number.parseInt(hex[1]!, 16))
  }
  return out
}

const NOW = new Date('2026-11-22T03:00:00Z')

for (const backend of await testBackends()) {
  describe(`certificates and swag [${backend}]`, async () => {
    const { t, deps, leader, sigLead, actorOf } = await chapterWithTeam(
      backend,
      new Date('2025-02-01T00:00:00Z'),
      {
        slug: 'hangzhou',
        cityZh: '杭州',
        cityEn: 'Hangzhou',
      },
    )
    t.setNow(NOW)
    await deps.db.update(people).set({ nameZh: '尹敏', nameEn: 'Yin Min' }).where(eq(people.id, leader))

    it('issues a certificate for a title once, from the console, and only a SIG lead may', async () => {
      const asLeader = await t.clientAs(leader)
      assert.equal((await asLeader.get('/en/console/recognition?year=2026')).status, 403)
      const asLead = await t.clientAs(sigLead)
      const page = await (await asLead.get('/en/console/recognition?year=2026')).text()
      assert.match(page, /Hangzhou chapter leader, 2026/)
      const all = await asLead.postForm('/en/console/recognition/issue-all', { year: '2026' })
      assert.equal(all.status, 303)
      const again = await Promise.all(
        [1, 2].map(async () =>
          issueCertificate(deps, await actorOf(sigLead), leader, `chapter:${await chapterId()}:leader:2026`),
        ),
      )
      assert.equal(again[0]!.code, again[1]!.code, 'one certificate per title')
      const mine = await deps.db.select().from(certificates).where(eq(certificates.personId, leader))
      assert.deepEqual(
        mine.map((c) => c.titleZh).sort(),
        ['杭州站站长（2025）', '杭州站站长（2026）'].filter((x) => mine.some((c) => c.titleZh === x)),
      )
      assert.ok(mine.some((c) => c.titleEn === 'Hangzhou chapter leader, 2026'))
      const profile = await (await t.client().get(`/zh/people/${await handleOf(leader)}`)).text()
      assert.match(profile, /杭州站站长（2026）[^<]*<a href="\/zh\/certificates\/[A-Z0-9]{10}">证书<\/a>/)
    })

    it('is checked by anyone by its code, with a QR code, and prints as a PDF in both languages', async () => {
      const [cert] = await deps.db
        .select()
        .from(certificates)
        .where(eq(certificates.titleEn, 'Hangzhou chapter leader, 2026'))
      const short = await t.client().get(`/certificates/${cert!.code}`, { 'accept-language': 'en' })
      assert.equal(short.status, 302)
      assert.equal(short.headers.get('location'), `/en/certificates/${cert!.code}`)
      const page = await (await t.client().get(`/en/certificates/${cert!.code}`)).text()
      assert.match(page, /This certificate is valid/)
      assert.match(
        page,
        /<svg role="img" aria-label="QR code of this page’s address: http:\/\/hearth.test\/certificates\//,
      )
      const pdf = await t.client().get(`/zh/certificates/${cert!.code}/pdf`)
      assert.equal(pdf.headers.get('content-type'), 'application/pdf')
      const bytes = Buffer.from(await pdf.arrayBuffer())
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
      const text = bytes.toString('latin1')
      assert.match(text, /\/FontFile2/, 'the font is embedded')
      assert.match(text, /\/CIDFontType2/, 'as a CID font, as Chinese text needs')
      const mapped = mappedCharacters(bytes)
      for (const ch of '杭州站长证书尹敏Hangzhouchapterleader')
        assert.ok(mapped.includes(ch), `the PDF maps a glyph to ${ch}`)
      assert.equal((await t.client().get('/en/certificates/AAAAAAAAAA')).status, 404)
    })

    it('can be revoked by a SIG lead, and then says so', async () => {
      const [cert] = await deps.db
        .select()
        .from(certificates)
        .where(eq(certificates.titleEn, 'Hangzhou chapter leader, 2026'))
      const asLead = await t.clientAs(sigLead)
      const res = await asLead.postForm(`/en/certificates/${cert!.code}/revoke`, {
        reason: 'Issued to the wrong person',
      })
      assert.equal(res.status, 303)
      assert.match(
        await (await t.client().get(`/en/certificates/${cert!.code}`)).text(),
        /was revoked on [^<]*: Issued to the wrong person/,
      )
      assert.equal((await t.client().get(`/en/certificates/${cert!.code}/pdf`)).status, 303)
    })

    it('keeps shipping details between the person and the SIG’s leads', async () => {
      const asLead = await t.clientAs(sigLead)
      const added = await asLead.postForm('/en/console/swag', {
        handle: await handleOf(leader),
        itemZh: '城市站站长 T 恤（L）',
        itemEn: 'Chapter leader T-shirt (L)',
        reasonZh: '',
        reasonEn: 'Chapter leader in 2026',
      })
      assert.equal(added.status, 303)
      const asLeader = await t.clientAs(leader)
      const [shipment] = await deps.db.select().from(swagShipments)
      assert.equal(shipment?.reasonZh, null, 'a blank language is not stored')
      const bad = await asLeader.postForm(`/zh/me/swag/${shipment!.id}/address`, {
        recipientName: '尹敏',
        address: '',
        phone: 'call me',
      })
      assert.equal(bad.status, 422)
      assert.match(await bad.text(), /请输入电话号码/)
      const ok = await asLeader.postForm(`/zh/me/swag/${shipment!.id}/address`, {
        recipientName: '尹敏',
        address: '浙江省杭州市西湖区文三路 1 号',
        phone: '+86 138 0000 0000',
      })
      assert.equal(ok.status, 303)
      const someone = await t.clientAs((await makePerson(deps)).id)
      assert.equal((await someone.get('/en/console/swag')).status, 403)
      assert.doesNotMatch(await (await someone.get('/en/me/swag')).text(), /文三路/)
      assert.doesNotMatch(
        await (await t.client().get(`/zh/people/${await handleOf(leader)}`)).text(),
        /文三路/,
      )
      assert.match(await (await asLead.get('/en/console/swag')).text(), /文三路/)
      await asLead.postForm(`/en/console/swag/${shipment!.id}/sent`, { tracking: 'SF 1234567890' })
      await asLeader.postForm(`/en/me/swag/${shipment!.id}/received`, {})
      const [done] = await deps.db.select().from(swagShipments)
      assert.equal(done?.status, 'received')
      assert.equal(done?.tracking, 'SF 1234567890')
    })

    it('names swag in the reader’s language, marking the other one, and refuses an item in neither', async () => {
      const asLead = await t.clientAs(sigLead)
      const asLeader = await t.clientAs(leader)
      // The item has both languages; the reason only English.
      const zhList = await (await asLead.get('/zh/console/swag')).text()
      assert.match(zhList, /<strong>城市站站长 T 恤（L）<\/strong>/)
      assert.doesNotMatch(zhList, /T-shirt \(L\)/)
      assert.match(zhList, /<div class="muted"><span lang="en">Chapter leader in 2026<\/span><\/div>/)
      const enList = await (await asLead.get('/en/console/swag')).text()
      assert.match(enList, /<strong>Chapter leader T-shirt \(L\)<\/strong>/)
      assert.match(enList, /<div class="muted">Chapter leader in 2026<\/div>/)
      const mine = await (await asLeader.get('/zh/me/swag')).text()
      assert.match(mine, /<h2 id="swag-[^"]+">城市站站长 T 恤（L）<\/h2>/)
      assert.match(mine, /<span lang="en">Chapter leader in 2026<\/span>/)
      await asLead.postForm('/en/console/swag', { handle: await handleOf(leader), itemZh: '贴纸' })
      assert.match(
        await (await asLeader.get('/en/me/swag')).text(),
        /<h2 id="swag-[^"]+"><span lang="zh-Hans">贴纸<\/span><\/h2>/,
      )
      const before = (await deps.db.select().from(swagShipments)).length
      for (const [lang, message] of [
        ['zh', /请至少填写中文或英文其中一项/],
        ['en', /Fill in at least one of the two: in Chinese or in English/],
      ] as const) {
        const none = await asLead.postForm(`/${lang}/console/swag`, {
          handle: await handleOf(leader),
          itemZh: ' ',
          itemEn: '',
          reasonEn: 'Thanks',
        })
        assert.equal(none.status, 422)
        const html = await none.text()
        assert.match(html, message)
        assert.match(html, /id="field-itemZh"[^>]*aria-invalid="true"/)
        assert.match(html, /value="Thanks"/, 'what was typed stays')
      }
      assert.equal((await deps.db.select().from(swagShipments)).length, before)
    })

    it('moves an item and a reason typed before the pair into the field of their language (migration 0038)', async () => {
      const update = readFileSync(
        new URL('../../../drizzle/0038_bilingual_swag.sql', import.meta.url),
        'utf8',
      )
        .split('--> statement-breakpoint')
        .find((st) => st.includes('UPDATE "swag_shipments"'))!
        .replace(/^\s*--.*$/gm, '')
        .replaceAll('"swag_shipments"', 'old_swag')
      await deps.db.execute(
        sql.raw(
          'create temp table old_swag (item text, reason text, item_zh text, item_en text, reason_zh text, reason_en text)',
        ),
      )
      await deps.db.execute(
        sql.raw(
          "insert into old_swag (item, reason) values ('城市站站长 T 恤（M）· Chapter leader T-shirt (M)', '2025'), ('Sticker pack', '杭州站 Meetup'), ('KubeSphere 马克杯', null)",
        ),
      )
      await deps.db.execute(sql.raw(update))
      const { rows } = (await deps.db.execute(
        sql.raw('select item, item_zh, item_en, reason_zh, reason_en from old_swag order by item'),
      )) as unknown as { rows: Record<string, string | null>[] }
      assert.deepEqual(
        rows.map((r) => [r.item, r.item_zh, r.item_en, r.reason_zh, r.reason_en]),
        [
          ['KubeSphere 马克杯', 'KubeSphere 马克杯', null, null, null],
          ['Sticker pack', null, 'Sticker pack', '杭州站 Meetup', null],
          [
            '城市站站长 T 恤（M）· Chapter leader T-shirt (M)',
            '城市站站长 T 恤（M）· Chapter leader T-shirt (M)',
            null,
            null,
            '2025',
          ],
        ],
      )
      await deps.db.execute(sql.raw('drop table old_swag'))
    })

    it('gives a seat held for days no title, certificate or issue-all, until a SIG lead grants it with a reason', async () => {
      const newcomer = await makePerson(deps, { nameEn: 'Brief Member', nameZh: '短期委员' })
      const hangzhou = await chapterId()
      await deps.db.insert(chapterTeam).values({
        chapterId: hangzhou,
        personId: newcomer.id,
        role: 'member',
        startedAt: new Date(NOW.getTime() - 5 * 86_400_000),
      })
      const key = `chapter:${hangzhou}:member:2026`
      const lead = await actorOf(sigLead)
      assert.deepEqual(await recognitionOf(deps, newcomer.id), [], 'no title on the profile')
      await assert.rejects(issueCertificate(deps, lead, newcomer.id, key), { code: 'notAllowedNow' })
      const asLead = await t.clientAs(sigLead)
      const page = await (await asLead.get('/en/console/recognition?year=2026')).text()
      assert.match(page, /5 days<br\/><span class="muted">short of 30 days: no title unless granted/)
      await asLead.postForm('/en/console/recognition/issue-all', { year: '2026' })
      const issued = async () =>
        (await deps.db.select().from(certificates).where(eq(certificates.personId, newcomer.id))).length
      assert.equal(await issued(), 0, 'issue-all follows the same rule')
      const noReason = await asLead.postForm('/en/console/recognition/grant', {
        personId: newcomer.id,
        titleKey: key,
        reason: ' ',
        year: '2026',
      })
      assert.match(noReason.headers.get('location') ?? '', /notice=invalid/)
      const asLeader = await t.clientAs(leader)
      assert.equal(
        (
          await asLeader.postForm('/en/console/recognition/grant', {
            personId: newcomer.id,
            titleKey: key,
            reason: 'Ran the spring meetup',
            year: '2026',
          })
        ).status,
        403,
      )
      const granted = await asLead.postForm('/zh/console/recognition/grant', {
        personId: newcomer.id,
        titleKey: key,
        reason: 'Ran the spring meetup',
        year: '2026',
      })
      assert.equal(granted.status, 303)
      const [grant] = await deps.db.select().from(titleGrants).where(eq(titleGrants.personId, newcomer.id))
      assert.deepEqual(
        [grant?.titleKey, grant?.grantedBy, grant?.grantedAt.toISOString(), grant?.reason],
        [key, sigLead, NOW.toISOString(), 'Ran the spring meetup'],
      )
      assert.match(
        await (await asLead.get('/zh/console/recognition?year=2026')).text(),
        /由[^<]+于 [^<]+授予：Ran the spring meetup/,
      )
      assert.deepEqual(
        (await recognitionOf(deps, newcomer.id)).map((r) => r.title.key),
        [key],
      )
      await asLead.postForm('/en/console/recognition/issue-all', { year: '2026' })
      assert.equal(await issued(), 1)
    })

    const handleOf = async (id: string) =>
      (await deps.db.select().from(people).where(eq(people.id, id)))[0]!.handle
    const chapterId = async () =>
      (await (await import('../chapters/index.ts')).getChapter(deps, 'hangzhou')).chapter.id
  })
}

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  ChartFrame,
  ChartLegend,
  GroupedBarChart,
  LineChart,
  labelled,
  labelWidth,
  scaleTop,
} from './charts.tsx'

const html = (node: unknown) => String(node)

describe('chart scales', () => {
  it('round the top of the scale up to 1, 2, 2.5 or 5 times a power of ten', () => {
    assert.deepEqual(
      [0, 1, 3, 7, 10, 11, 24, 26, 180, 200, 201, 2000].map(scaleTop),
      [1, 1, 5, 10, 10, 20, 25, 50, 200, 200, 250, 2000],
    )
  })

  it('label a few evenly spaced points, always the first and the last', () => {
    assert.deepEqual([...labelled(0, 6)], [])
    assert.deepEqual([...labelled(4, 6)], [0, 1, 2, 3])
    assert.deepEqual([...labelled(31, 6)], [0, 6, 12, 18, 24, 30])
    const many = [...labelled(100, 6)]
    assert.ok(many.length <= 6)
    assert.equal(many[0], 0)
    assert.equal(many.at(-1), 99)
  })
})

describe('charts', () => {
  it('a line chart is one image with its summary, a line per series ending at its last value', () => {
    const out = html(
      <LineChart
        summary="12 registrations in 3 days"
        labels={['1 Dec', '2 Dec', '3 Dec']}
        series={[
          { label: 'Registered', tone: 'returning', values: [2, 5, 12] },
          { label: 'Places held', tone: 'new', values: [2, 5, 10] },
        ]}
      />,
    )
    assert.match(out, /<svg[^>]*role="img"[^>]*aria-label="12 registrations in 3 days"/)
    assert.equal(out.match(/<polyline/g)?.length, 2)
    assert.match(out, /class="chart-line line-returning"/)
    assert.match(out, /class="chart-line line-new"/)
    // The scale's top is a round number above the peak: 12 → 20, with 10 half-way.
    assert.match(out, />20<\/text>/)
    assert.match(out, />10<\/text>/)
    assert.match(out, />12<\/text>/)
    for (const day of ['1 Dec', '2 Dec', '3 Dec']) assert.ok(out.includes(`>${day}</text>`))
    assert.doesNotMatch(out, /style=/)
  })

  it('a single day is a dot, not a line that cannot be drawn', () => {
    const out = html(
      <LineChart
        summary="one day"
        labels={['1 Dec']}
        series={[{ label: 'R', tone: 'returning', values: [3] }]}
      />,
    )
    assert.doesNotMatch(out, /<polyline/)
    assert.match(out, /<circle class="chart-dot dot-returning"/)
  })

  it('grouped bars draw each series in each group, with the value and a title naming both', () => {
    const out = html(
      <GroupedBarChart
        summary="two years"
        groups={['Shanghai 2025', 'Shanghai 2026']}
        series={[
          { label: 'Registered', tone: 'returning', values: [30, 60] },
          { label: 'Checked in', tone: 'new', values: [24, 50] },
        ]}
      />,
    )
    assert.equal(out.match(/<rect class="bar-returning"/g)?.length, 2)
    assert.equal(out.match(/<rect class="bar-new"/g)?.length, 2)
    assert.match(out, /<title>Shanghai 2026: Checked in 50<\/title>/)
    assert.match(out, />Shanghai 2025<\/text>/)
  })

  it('gives each group the room its name needs, so names never run into each other', () => {
    assert.ok(Math.abs(labelWidth('上海 2026') - (labelWidth('ab 2026') + 2 * 5.6)) < 1e-9)
    const out = html(
      <GroupedBarChart
        summary="s"
        groups={['Community-wide 2026', 'Chengdu 2027']}
        series={[{ label: 'Registered', tone: 'returning', values: [29, 4] }]}
      />,
    )
    const xs = [...out.matchAll(/<text class="chart-label" x="([\d.]+)"/g)].map((m) => Number(m[1]))
    const halfWidths = (labelWidth('Community-wide 2026') + labelWidth('Chengdu 2027')) / 2
    assert.ok(xs[1]! - xs[0]! >= halfWidths, `${xs}`)
    assert.ok(xs[0]! - labelWidth('Community-wide 2026') / 2 >= 0, 'the first name starts inside the chart')
  })

  it('writes the lines’ last values apart when they would overlap', () => {
    const out = html(
      <LineChart
        summary="s"
        labels={['a', 'b']}
        series={[
          { label: 'A', tone: 'returning', values: [1, 32] },
          { label: 'B', tone: 'new', values: [1, 31] },
        ]}
      />,
    )
    const ys = [...out.matchAll(/<text class="chart-value" x="[\d.]+" y="([\d.]+)">(\d+)</g)].map((m) =>
      Number(m[1]),
    )
    assert.equal(ys.length, 2)
    assert.ok(Math.abs(ys[1]! - ys[0]!) >= 14, `${ys}`)
  })

  it('a legend names every series in words; a wide chart scrolls in a frame the keyboard reaches', () => {
    const legend = html(
      <ChartLegend
        series={[
          { label: 'Registered', tone: 'returning' },
          { label: 'Checked in', tone: 'new' },
        ]}
      />,
    )
    assert.match(legend, /key-returning[^>]*aria-hidden="true"[^>]*><\/span> Registered/)
    assert.match(legend, /key-new[^>]*aria-hidden="true"[^>]*><\/span> Checked in/)
    assert.match(
      html(
        <ChartFrame fits={false} labelledBy="t">
          <svg />
        </ChartFrame>,
      ),
      /<section class="chart-scroll" aria-labelledby="t" tabindex="0">/,
    )
    assert.match(
      html(
        <ChartFrame fits labelledBy="t">
          <svg />
        </ChartFrame>,
      ),
      /<div class="chart-fit">/,
    )
  })
})

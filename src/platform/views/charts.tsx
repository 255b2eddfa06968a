// Charts drawn on the server as SVG, in the style of the contributors page's monthly bars and the
// chapter health board (same classes and colours): a line chart for totals that grow over days
// and grouped bars for a few series side by side. Each is one `role="img"` with a summary in
// words; the page puts the numbers in a table next to it (the chart is never the only way to read
// them). No script, no inline style: colours come from classes in public/app.css.
import type { Child } from 'hono/jsx'

/** The two series colours the site's charts use (bars and keys), a line's dash tells them apart too. */
export type SeriesTone = 'returning' | 'new'

export type ChartSeries = { label: string; tone: SeriesTone; values: readonly number[] }

/**
 * The top of a chart's scale: the smallest of 1, 2, 2.5 and 5 times a power of ten at or above
 * `n` (at least 1), so the gridlines fall on round numbers.
 */
export function scaleTop(n: number) {
  if (!(n > 1)) return 1
  const power = 10 ** Math.floor(Math.log10(n))
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= n) return step * power
  return 10 * power
}

/** At most `max` (≥ 2) evenly spaced indices of `count` points to label, the first and the last among them. */
export function labelled(count: number, max: number): Set<number> {
  if (count <= 0) return new Set()
  if (count <= max) return new Set(Array.from({ length: count }, (_, i) => i))
  const step = Math.ceil((count - 1) / (max - 1))
  const out: number[] = []
  for (let i = 0; i < count - 1; i += step) out.push(i)
  // The last point always gets its label; one just before it would collide, so it gives way.
  if (out.length > 1 && count - 1 - out.at(-1)! < step) out.pop()
  out.push(count - 1)
  return new Set(out)
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1))

/** Scaled to a phone's width when it fits, else scrolling inside its frame, reachable by keyboard. */
export function ChartFrame({
  fits,
  labelledBy,
  children,
}: {
  fits: boolean
  labelledBy: string
  children: Child
}) {
  return fits ? (
    <div class="chart-fit">{children}</div>
  ) : (
    <section class="chart-scroll" aria-labelledby={labelledBy} tabindex={0}>
      {children}
    </section>
  )
}

/** The keys of a chart's series, in words (the colour is never the only clue). */
export function ChartLegend({ series }: { series: readonly Pick<ChartSeries, 'label' | 'tone'>[] }) {
  return (
    <p class="chart-legend">
      {series.map((s) => (
        <span class="chart-key">
          <span class={`key key-${s.tone}`} aria-hidden="true" /> {s.label}
        </span>
      ))}
    </p>
  )
}

/** Each series' last value at its line's end, moved apart where two would overlap (14 px at least). */
function endLabels(series: readonly ChartSeries[], y: (v: number) => number) {
  const labels = series
    .filter((s) => s.values.length)
    .map((s) => ({ value: s.values.at(-1)!, y: y(s.values.at(-1)!) }))
    .sort((a, b) => a.y - b.y)
  for (let i = 1; i < labels.length; i++)
    if (labels[i]!.y - labels[i - 1]!.y < 14) labels[i]!.y = labels[i - 1]!.y + 14
  return labels
}

/**
 * Lines over a run of points (days), on a scale from zero with three gridlines. `labels` name the
 * points; a handful of them are written under the axis.
 */
export function LineChart({
  summary,
  labels,
  series,
  width = 600,
  height = 260,
}: {
  summary: string
  labels: readonly string[]
  series: readonly ChartSeries[]
  width?: number
  height?: number
}) {
  // Its labels are drawn larger than the bar charts' (public/app.css): a phone shows the chart at
  // about half its width.
  const left = 44
  // Room for the last values, written after the lines' ends.
  const right = 40
  const top = 14
  const bottom = 30
  const plotW = width - left - right
  const plotH = height - top - bottom
  const peak = scaleTop(Math.max(0, ...series.flatMap((s) => s.values)))
  const n = labels.length
  const x = (i: number) => left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1))
  const y = (v: number) => top + plotH - (v / peak) * plotH
  const shown = labelled(n, 6)
  return (
    <svg
      class="bar-chart line-chart"
      role="img"
      aria-label={summary}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      {[0, peak / 2, peak].map((v) => (
        <g>
          <line class="chart-grid" x1={left} x2={width - right} y1={y(v)} y2={y(v)} />
          <text class="chart-label" x={left - 6} y={y(v) + 4} text-anchor="end">
            {fmt(v)}
          </text>
        </g>
      ))}
      {series.map((s) =>
        s.values.length === 1 ? (
          <circle class={`chart-dot dot-${s.tone}`} cx={x(0)} cy={y(s.values[0]!)} r={4} />
        ) : (
          <polyline
            class={`chart-line line-${s.tone}`}
            points={s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}
          />
        ),
      )}
      {endLabels(series, y).map((l) => (
        <text class="chart-value" x={x(n - 1) + 6} y={l.y + 4}>
          {l.value}
        </text>
      ))}
      {labels.map((label, i) =>
        shown.has(i) ? (
          <text
            class="chart-label"
            x={x(i)}
            y={height - 8}
            text-anchor={i === 0 && n > 1 ? 'start' : i === n - 1 && n > 1 ? 'end' : 'middle'}
          >
            {label}
          </text>
        ) : null,
      )}
    </svg>
  )
}

/** About how wide a label is drawn at the charts' 10 px: wide (CJK) characters count double. */
export function labelWidth(text: string) {
  let units = 0
  for (const ch of text)
    units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1
  return units * 5.6
}

/**
 * Bars side by side for each group (a chapter's year: registered and checked in), the value on
 * top of each, the group's name under them; a group is as wide as its name needs.
 */
export function GroupedBarChart({
  summary,
  groups,
  series,
  height = 200,
}: {
  summary: string
  groups: readonly string[]
  series: readonly ChartSeries[]
  height?: number
}) {
  const bar = 26
  const gap = 20
  const top = 16
  const bottom = 24
  const widths = groups.map((g) => Math.max(series.length * bar, labelWidth(g)) + gap)
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0))
  const width = Math.ceil(widths.reduce((a, b) => a + b, 0))
  const plotH = height - top - bottom
  const peak = scaleTop(Math.max(0, ...series.flatMap((s) => s.values)))
  return (
    <svg
      class="bar-chart"
      role="img"
      aria-label={summary}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <line class="chart-grid" x1={0} x2={width} y1={top + plotH} y2={top + plotH} />
      {groups.map((group, g) => {
        const middle = starts[g]! + widths[g]! / 2
        const x0 = middle - (series.length * bar) / 2
        return (
          <g>
            {series.map((s, i) => {
              const v = s.values[g] ?? 0
              const h = (v / peak) * plotH
              return (
                <g>
                  <rect
                    class={`bar-${s.tone}`}
                    x={x0 + i * bar + 2}
                    y={top + plotH - h}
                    width={bar - 4}
                    height={h}
                  >
                    <title>{`${group}: ${s.label} ${v}`}</title>
                  </rect>
                  <text
                    class="chart-value"
                    x={x0 + i * bar + bar / 2}
                    y={top + plotH - h - 4}
                    text-anchor="middle"
                  >
                    {v}
                  </text>
                </g>
              )
            })}
            <text class="chart-label" x={middle} y={height - 8} text-anchor="middle">
              {group}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

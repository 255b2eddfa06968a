// Statistics in the organisers' console: one event's page (a tab among the event's console pages)
// and every event a person organises, per chapter and year. Charts are SVG drawn here, each with
// its table and a sentence that says what it shows.
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { formatPercent, type Locale, type Messages } from '../../platform/i18n/index.ts'
import { ChartFrame, ChartLegend, GroupedBarChart, LineChart } from '../../platform/views/charts.tsx'
import { StatTile, Tabs } from '../../platform/views/components.tsx'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { render } from '../../platform/views/page.tsx'
import type { Attendance } from './events.stats.rules.ts'
import {
  type EventStatistics,
  eventStatistics,
  type StatisticsOverview,
  statisticsOverview,
} from './events.stats.ts'
import { eventTabs, registerEventTab } from './events.tabs.ts'

const consoleBase = (locale: Locale) => `/${locale}/console/events`
export const statisticsPath = (locale: Locale, eventId: string) =>
  `${consoleBase(locale)}/${eventId}/statistics`
export const overviewPath = (locale: Locale) => `${consoleBase(locale)}/statistics`

registerEventTab({
  key: 'statistics',
  order: 70,
  label: (t) => t.eventStats.tab,
  href: statisticsPath,
})

const numberIn = (locale: Locale, n: number) =>
  new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB').format(n)

/** A calendar day (YYYY-MM-DD) as a short label: 12月1日, 1 Dec. */
const dayLabel = (locale: Locale, day: string, withYear = false) =>
  new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`))

const rate = (locale: Locale, share: number | null, none: string) =>
  share === null ? none : formatPercent(locale, share)

// --- One event ------------------------------------------------------------------------------------

function OverTime({ t, locale, stats }: { t: Messages; locale: Locale; stats: EventStatistics }) {
  const s = t.eventStats.overTime
  const series = [
    { label: s.registered, tone: 'returning' as const, values: stats.registered },
    { label: s.held, tone: 'new' as const, values: stats.confirmed },
  ]
  return (
    <figure class="chart">
      <figcaption>
        <h2 id="over-time-title">{s.title}</h2>
        <p class="muted">{s.lead}</p>
      </figcaption>
      {stats.days.length === 0 ? (
        <p class="empty-state">{s.none}</p>
      ) : (
        <>
          <ChartFrame fits labelledBy="over-time-title">
            <LineChart
              summary={s.summary(
                stats.days.length,
                stats.registered.at(-1) ?? 0,
                stats.confirmed.at(-1) ?? 0,
              )}
              labels={stats.days.map((d) => dayLabel(locale, d))}
              series={series}
            />
          </ChartFrame>
          <ChartLegend series={series} />
          <details class="chart-table">
            <summary>{s.table}</summary>
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">{s.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s.day}</th>
                    <th scope="col">{s.registered}</th>
                    <th scope="col">{s.held}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.days.map((day, i) => (
                    <tr>
                      <th scope="row">{dayLabel(locale, day, true)}</th>
                      <td>{stats.registered[i]}</td>
                      <td>{stats.confirmed[i]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  )
}

/** Held a place, split into checked in and not: one bar, as a share, with its table. */
function AttendanceShare({ t, locale, a }: { t: Messages; locale: Locale; a: Attendance }) {
  const s = t.eventStats.attendance
  const width = 600
  const share = a.registered > 0 ? a.checkedIn / a.registered : 0
  return (
    <figure class="chart">
      <figcaption>
        <h2 id="attendance-title">{s.title}</h2>
        <p class="muted">{s.lead}</p>
      </figcaption>
      {a.registered === 0 ? (
        <p class="empty-state">{s.nobody}</p>
      ) : (
        <>
          <div class="chart-fit">
            <svg
              class="bar-chart share-chart"
              role="img"
              aria-label={s.summary(a.registered, a.checkedIn)}
              viewBox={`0 0 ${width} 28`}
              width={width}
              height={28}
            >
              <rect class="bar-returning" x={0} y={0} width={share * width} height={28} />
              <rect class="bar-new" x={share * width} y={0} width={(1 - share) * width} height={28} />
            </svg>
          </div>
          <ChartLegend
            series={[
              { label: s.checkedIn, tone: 'returning' },
              { label: a.noShows === null ? s.notCheckedIn : s.noShows, tone: 'new' },
            ]}
          />
          {a.noShows === null ? <p class="hint">{s.open}</p> : null}
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{s.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.measure}</th>
                  <th scope="col">{s.people}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{s.registered}</th>
                  <td>{a.registered}</td>
                </tr>
                <tr>
                  <th scope="row">{s.checkedIn}</th>
                  <td>{a.checkedIn}</td>
                </tr>
                <tr>
                  <th scope="row">{a.noShows === null ? s.notCheckedIn : s.noShows}</th>
                  <td>{a.registered - a.checkedIn}</td>
                </tr>
                {a.noShowRate !== null ? (
                  <tr>
                    <th scope="row">{s.rate}</th>
                    <td>{formatPercent(locale, a.noShowRate)}</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  )
}

function EventStatisticsView({ t, locale, stats }: { t: Messages; locale: Locale; stats: EventStatistics }) {
  const s = t.eventStats
  const { event, attendance: a } = stats
  return (
    <>
      <p class="breadcrumb">
        <a href={`${consoleBase(locale)}/${event.id}`}>{s.back}</a>
      </p>
      <h1>{s.titleFor(textIn(locale, event.titleZh, event.titleEn))}</h1>
      <Tabs label={t.events.console.tabs} tabs={eventTabs(t, locale, event.id, 'statistics')} />
      <p class="lead">{s.lead}</p>
      <ul class="stat-tiles">
        <li>
          <StatTile
            value={numberIn(locale, a.registered)}
            label={
              event.capacity === null
                ? s.tiles.registered
                : `${s.tiles.registered} · ${s.tiles.ofCapacity(event.capacity)}`
            }
          />
        </li>
        <li>
          <StatTile value={numberIn(locale, a.checkedIn)} label={s.tiles.checkedIn} />
        </li>
        <li>
          <StatTile
            value={a.noShowRate === null ? '—' : formatPercent(locale, a.noShowRate)}
            label={
              a.noShows === null
                ? `${s.tiles.noShowRate} · ${s.tiles.notYet}`
                : `${s.tiles.noShowRate} · ${s.tiles.noShowsOf(a.noShows)}`
            }
          />
        </li>
        <li>
          <StatTile value={numberIn(locale, event.waitlisted)} label={s.tiles.waitlisted} />
        </li>
        {event.pending > 0 ? (
          <li>
            <StatTile value={numberIn(locale, event.pending)} label={s.tiles.pending} />
          </li>
        ) : null}
        <li>
          <StatTile value={numberIn(locale, event.cancelled)} label={s.tiles.cancelled} />
        </li>
      </ul>
      <OverTime t={t} locale={locale} stats={stats} />
      <AttendanceShare t={t} locale={locale} a={a} />
      <p>
        <a href={overviewPath(locale)}>{s.overview.link}</a>
      </p>
    </>
  )
}

// --- Every event, per chapter and year ------------------------------------------------------------

const cityOf = (locale: Locale, chapter: { cityZh: string; cityEn: string } | null, none: string) =>
  chapter ? (locale === 'zh' ? chapter.cityZh : chapter.cityEn) : none

function PerYear({ t, locale, overview }: { t: Messages; locale: Locale; overview: StatisticsOverview }) {
  const s = t.eventStats.overview
  const groups = overview.years
  const series = [
    { label: s.registered, tone: 'returning' as const, values: groups.map((g) => g.registered) },
    { label: s.checkedIn, tone: 'new' as const, values: groups.map((g) => g.checkedIn) },
  ]
  return (
    <figure class="chart">
      <figcaption>
        <h2 id="per-year-title">{s.perYear}</h2>
        <p class="muted">{s.perYearLead}</p>
      </figcaption>
      {/* Eight groups fit a phone's width; more keep their bars readable and scroll in their frame. */}
      <ChartFrame fits={groups.length <= 8} labelledBy="per-year-title">
        <GroupedBarChart
          summary={s.chartSummary(
            groups.length,
            groups.reduce((n, g) => n + g.registered, 0),
            groups.reduce((n, g) => n + g.checkedIn, 0),
          )}
          groups={groups.map((g) => `${cityOf(locale, g.chapter, s.communityWide)} ${g.year}`)}
          series={series}
        />
      </ChartFrame>
      <ChartLegend series={series} />
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{s.perYear}</caption>
          <thead>
            <tr>
              <th scope="col">{s.chapter}</th>
              <th scope="col">{s.year}</th>
              <th scope="col">{s.events}</th>
              <th scope="col">{s.held}</th>
              <th scope="col">{s.registered}</th>
              <th scope="col">{s.checkedIn}</th>
              <th scope="col">{s.noShowRate}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr>
                <th scope="row">{cityOf(locale, g.chapter, s.communityWide)}</th>
                <td>{g.year}</td>
                <td>{g.events}</td>
                <td>{g.held}</td>
                <td>{g.registered}</td>
                <td>{g.checkedIn}</td>
                <td>{rate(locale, g.noShowRate, s.notYet)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}

function OverviewView({
  t,
  locale,
  overview,
}: {
  t: Messages
  locale: Locale
  overview: StatisticsOverview
}) {
  const s = t.eventStats.overview
  const held = overview.events.filter((e) => e.attendance.noShows !== null)
  const heldRegistered = held.reduce((n, e) => n + e.attendance.registered, 0)
  const heldNoShows = held.reduce((n, e) => n + (e.attendance.noShows ?? 0), 0)
  const counted = overview.years
  return (
    <>
      <p class="breadcrumb">
        <a href={consoleBase(locale)}>{t.events.console.title}</a>
      </p>
      <h1>{s.title}</h1>
      <p class="lead">{s.lead}</p>
      {overview.events.length === 0 ? (
        <p class="empty-state">
          {s.none} <a href={`${consoleBase(locale)}/new`}>{s.create}</a>
        </p>
      ) : (
        <>
          <ul class="stat-tiles">
            <li>
              <StatTile
                value={numberIn(
                  locale,
                  counted.reduce((n, g) => n + g.events, 0),
                )}
                label={s.tiles.events}
              />
            </li>
            <li>
              <StatTile
                value={numberIn(
                  locale,
                  counted.reduce((n, g) => n + g.registered, 0),
                )}
                label={s.tiles.registered}
              />
            </li>
            <li>
              <StatTile
                value={numberIn(
                  locale,
                  counted.reduce((n, g) => n + g.checkedIn, 0),
                )}
                label={s.tiles.checkedIn}
              />
            </li>
            <li>
              <StatTile
                value={heldRegistered > 0 ? formatPercent(locale, heldNoShows / heldRegistered) : '—'}
                label={s.tiles.noShowRate}
              />
            </li>
          </ul>
          {counted.length ? <PerYear t={t} locale={locale} overview={overview} /> : null}
          <h2>{s.eventByEvent}</h2>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{s.eventByEvent}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.event}</th>
                  <th scope="col">{s.date}</th>
                  <th scope="col">{s.chapter}</th>
                  <th scope="col">{s.registered}</th>
                  <th scope="col">{s.checkedIn}</th>
                  <th scope="col">{s.noShowRate}</th>
                </tr>
              </thead>
              <tbody>
                {overview.events.map((e) => (
                  <tr>
                    <th scope="row">
                      <a href={statisticsPath(locale, e.id)}>
                        <Localized locale={locale} zh={e.titleZh} en={e.titleEn} />
                      </a>
                      {e.status !== 'published' ? (
                        <span class="muted"> · {t.events.statuses[e.status] ?? e.status}</span>
                      ) : null}
                    </th>
                    <td>
                      <time datetime={e.startsAt.toISOString()}>
                        {new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
                          dateStyle: 'medium',
                          timeZone: e.timeZone,
                        }).format(e.startsAt)}
                      </time>
                    </td>
                    <td>{cityOf(locale, e.chapter, s.communityWide)}</td>
                    <td>{e.attendance.registered}</td>
                    <td>{e.attendance.checkedIn}</td>
                    <td>{rate(locale, e.attendance.noShowRate, s.notYet)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}

export function eventStatsPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.get('/:lang{(?:zh|en)}/console/events/statistics', async (c) => {
    const { t, locale, viewer } = c.var
    const overview = await statisticsOverview(deps, viewer)
    return render(
      c,
      { title: t.eventStats.overview.title },
      <OverviewView t={t} locale={locale} overview={overview} />,
    )
  })

  app.get(`/:lang{(?:zh|en)}/console/events/:id${uuidParam}/statistics`, async (c) => {
    const { t, locale, viewer } = c.var
    const stats = await eventStatistics(deps, viewer, c.req.param('id'))
    return render(
      c,
      { title: t.eventStats.titleFor(textIn(locale, stats.event.titleZh, stats.event.titleEn)) },
      <EventStatisticsView t={t} locale={locale} stats={stats} />,
    )
  })

  return app
}

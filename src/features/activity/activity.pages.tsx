import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { queryFor } from '../../platform/http/page-cache.ts'
import { formatDate, formatPercent, type Locale, type Messages, parseIn } from '../../platform/i18n/index.ts'
import { CsrfField, Field, Notice } from '../../platform/views/layout.tsx'
import { readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { authorize } from '../access/index.ts'
import { displayName } from '../people/index.ts'
import { botInput, contributorsQuery, linkInput, scopeInput } from './activity.inputs.ts'
import type { ReconcileRun } from './activity.reconcile.repo.ts'
import {
  type ActivityPeriod,
  activityPeriods,
  type ContributionKind,
  contributionKinds,
  contributionPlace,
  type DayCount,
  shadeOf,
} from './activity.rules.ts'
import * as activity from './activity.service.ts'
import type { MonthlyContributors } from './activity.stats.ts'

const day = (d: Date) => d.toISOString().slice(0, 10)
const LEADERBOARD_ROWS = 100

function monthLabel(locale: Locale, month: string, style: 'short' | 'long' = 'long') {
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    year: style === 'long' ? 'numeric' : undefined,
    month: style === 'long' ? 'long' : 'short',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`))
}

// --- Profile section --------------------------------------------------------------------------

const CELL = 11
const STEP = 13
const TOP = 16

/**
 * The year as a contribution graph: 53 week columns × 7 weekday rows (Sunday first), one shade
 * class per cell, a <title> per cell for pointer users and one summary for screen readers; the
 * table that follows carries the same numbers by month.
 */
export function ActivityHeatmap({
  calendar,
  t,
  locale,
}: {
  calendar: DayCount[]
  t: Messages
  locale: Locale
}) {
  const max = Math.max(0, ...calendar.map((d) => d.count))
  const total = calendar.reduce((a, d) => a + d.count, 0)
  const activeDays = calendar.filter((d) => d.count > 0).length
  const busiest = calendar.reduce<DayCount | null>((b, d) => (d.count > (b?.count ?? 0) ? d : b), null)
  const offset = calendar[0] ? new Date(`${calendar[0].day}T00:00:00Z`).getUTCDay() : 0
  const monthStarts = calendar
    .map((d, i) => ({ d, i }))
    .filter(({ d, i }) => d.day.endsWith('-01') && Math.floor((offset + i) / 7) < 52)
  const perMonth = new Map<string, number>()
  for (const d of calendar) perMonth.set(d.day.slice(0, 7), (perMonth.get(d.day.slice(0, 7)) ?? 0) + d.count)
  const summary = t.activity.calendarSummary(total, activeDays, busiest ? busiest.day : '')
  return (
    <figure class="heatmap">
      <figcaption id="heatmap-title">{t.activity.calendar}</figcaption>
      <div class="chart-scroll">
        <svg
          class="heatmap-svg"
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${53 * STEP} ${TOP + 7 * STEP}`}
          width={53 * STEP}
          height={TOP + 7 * STEP}
        >
          {monthStarts.map(({ d, i }) => (
            <text class="chart-label" x={Math.floor((offset + i) / 7) * STEP} y={10}>
              {monthLabel(locale, d.day.slice(0, 7), 'short')}
            </text>
          ))}
          {calendar.map((d, i) => (
            <rect
              class={`heat heat-${shadeOf(d.count, max)}`}
              x={Math.floor((offset + i) / 7) * STEP}
              y={TOP + ((offset + i) % 7) * STEP}
              width={CELL}
              height={CELL}
              rx={2}
            >
              <title>{t.activity.cell(d.count, d.day)}</title>
            </rect>
          ))}
        </svg>
      </div>
      <p class="heatmap-legend muted" aria-hidden="true">
        {t.activity.less}
        {([0, 1, 2, 3, 4] as const).map((s) => (
          <svg class="swatch" viewBox="0 0 11 11" width="11" height="11" aria-hidden="true">
            <rect class={`heat heat-${s}`} width="11" height="11" rx="2" />
          </svg>
        ))}
        {t.activity.more}
      </p>
      <p class="muted">{summary}</p>
      <table class="visually-hidden">
        <caption>{t.activity.calendar}</caption>
        <thead>
          <tr>
            <th scope="col">{t.activity.month}</th>
            <th scope="col">{t.activity.contributions}</th>
          </tr>
        </thead>
        <tbody>
          {[...perMonth].map(([month, n]) => (
            <tr>
              <th scope="row">{monthLabel(locale, month)}</th>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}

/** The activity section of a person's profile; `activity` comes from `personActivity`. */
export function ProfileActivity({
  activity: a,
  t,
  locale,
}: {
  activity: activity.PersonActivity
  t: Messages
  locale: Locale
}) {
  const last = a.active.last
  return (
    <section aria-labelledby="activity-title" class="profile-activity">
      <h2 id="activity-title">{t.activity.profileTitle}</h2>
      <p class={a.active.active ? 'active-answer is-active' : 'active-answer'}>
        <strong>{t.activity.activeAnswer(a.active.active)}</strong>
        {last ? (
          <>
            {' — '}
            {t.activity.lastLine(t.activity.kindOne[last.kind], contributionPlace(last))}
            <time datetime={last.occurredAt.toISOString()}>{day(last.occurredAt)}</time>
          </>
        ) : (
          <> — {t.activity.noneYet}</>
        )}
      </p>
      {a.total > 0 ? (
        <>
          <ActivityHeatmap calendar={a.calendar} t={t} locale={locale} />
          <div class="activity-columns">
            <div>
              <h3>
                {t.activity.byKind} <span class="muted">({t.activity.allTime})</span>
              </h3>
              <ul class="plain">
                {a.byKind.map((k) => (
                  <li>
                    {t.activity.kinds[k.kind]}: <strong>{k.count}</strong>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>{t.activity.byRepo}</h3>
              <ul class="plain">
                {a.byRepo.map((r) => (
                  <li>
                    {r.repoName}: <strong>{r.count}</strong>
                  </li>
                ))}
              </ul>
            </div>
          </div>
          {a.first ? (
            <p class="muted">
              {t.activity.firstContribution}:{' '}
              {`${t.activity.kindOne[a.first.kind]} · ${contributionPlace(a.first)} · `}
              <time datetime={a.first.occurredAt.toISOString()}>
                {formatDate(locale, a.first.occurredAt)}
              </time>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  )
}

// --- Contributors page ------------------------------------------------------------------------

function MonthlyChart({ months, t, locale }: { months: MonthlyContributors[]; t: Messages; locale: Locale }) {
  if (months.length === 0) return null
  const W = 36
  const H = 160
  const peak = months.reduce((b, m) => (m.total > b.total ? m : b), months[0]!)
  const scale = peak.total > 0 ? (H - 20) / peak.total : 0
  const fits = months.length <= 16
  const chart = (
    <svg
      class="bar-chart"
      role="img"
      aria-label={t.activity.monthlySummary(months.length, peak.total, monthLabel(locale, peak.month))}
      viewBox={`0 0 ${months.length * W} ${H + 20}`}
      width={months.length * W}
      height={H + 20}
    >
      {months.map((m, i) => {
        const returning = m.returning * scale
        const fresh = m.new * scale
        return (
          <g>
            <title>{`${monthLabel(locale, m.month)}: ${t.activity.returning} ${m.returning}, ${t.activity.newContributors} ${m.new}`}</title>
            <rect class="bar-returning" x={i * W + 6} y={H - returning} width={W - 12} height={returning} />
            <rect class="bar-new" x={i * W + 6} y={H - returning - fresh} width={W - 12} height={fresh} />
            {m.total > 0 ? (
              <text class="chart-value" x={i * W + W / 2} y={H - returning - fresh - 4} text-anchor="middle">
                {m.total}
              </text>
            ) : null}
            <text class="chart-label" x={i * W + W / 2} y={H + 14} text-anchor="middle">
              {monthLabel(locale, m.month, 'short')}
            </text>
          </g>
        )
      })}
    </svg>
  )
  return (
    <figure class="chart">
      <figcaption>
        <h2 id="monthly-title">{t.activity.monthly}</h2>
        <p class="muted">{t.activity.monthlyLead}</p>
      </figcaption>
      {/* A year or so scales down to a phone's width; a longer history keeps its bars readable and
          scrolls inside its frame instead, reachable by keyboard. */}
      {fits ? (
        <div class="chart-fit">{chart}</div>
      ) : (
        <section class="chart-scroll" aria-labelledby="monthly-title" tabindex={0}>
          {chart}
        </section>
      )}
      <p class="chart-legend">
        <span class="key key-returning" aria-hidden="true" /> {t.activity.returning}{' '}
        <span class="key key-new" aria-hidden="true" /> {t.activity.newContributors}
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t.activity.monthly}</caption>
          <thead>
            <tr>
              <th scope="col">{t.activity.month}</th>
              <th scope="col">{t.activity.newContributors}</th>
              <th scope="col">{t.activity.returning}</th>
              <th scope="col">{t.activity.total}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr>
                <th scope="row">{monthLabel(locale, m.month)}</th>
                <td>{m.new}</td>
                <td>{m.returning}</td>
                <td>{m.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}

function AbsenceFactor({
  factor,
  topShare,
  t,
  locale,
}: {
  factor: number
  topShare: number
  t: Messages
  locale: Locale
}) {
  const width = 600
  return (
    <section aria-labelledby="absence-title">
      <h2 id="absence-title">{t.activity.absenceTitle}</h2>
      <p class="big-number">{t.activity.absence(factor)}</p>
      <p class="muted">{t.activity.absenceExplain}</p>
      <p>{t.activity.absenceShare(factor, formatPercent(locale, topShare))}</p>
      <svg class="share-bar" viewBox={`0 0 ${width} 24`} width="100%" height="24" aria-hidden="true">
        <rect class="bar-new" x="0" y="0" width={topShare * width} height="24" />
        <rect class="bar-returning" x={topShare * width} y="0" width={(1 - topShare) * width} height="24" />
      </svg>
      <p class="chart-legend">
        <span class="key key-new" aria-hidden="true" /> {t.activity.top(factor)}{' '}
        <span class="key key-returning" aria-hidden="true" /> {t.activity.everyoneElse}
      </p>
    </section>
  )
}

function Reconciliation({
  run,
  configured,
  t,
  locale,
}: {
  run: ReconcileRun | null
  configured: boolean
  t: Messages
  locale: Locale
}) {
  const tc = t.console
  if (!configured) return <p class="muted">{tc.reconcileOff}</p>
  if (!run) return <p class="muted">{tc.reconcileNever}</p>
  return (
    <>
      <p>
        {tc.reconcileLast(
          formatDate(locale, run.startedAt, true),
          tc.reconcileOutcomes[run.outcome as keyof typeof tc.reconcileOutcomes] ?? run.outcome,
        )}{' '}
        {tc.reconcileFigures(run.requests, run.notModified, run.stored)}
      </p>
      {run.resetAt && run.outcome === 'rate-limited' ? (
        <p>{tc.reconcileResumes(formatDate(locale, run.resetAt, true))}</p>
      ) : null}
      {run.error ? <p class="notice notice-error">{run.error}</p> : null}
    </>
  )
}

function contributorsHref(locale: Locale, period: ActivityPeriod, kind: ContributionKind | undefined) {
  const params = new URLSearchParams({ period })
  if (kind) params.set('kind', kind)
  return `/${locale}/contributors?${params}`
}

// --- Console ----------------------------------------------------------------------------------

type ConsoleForm = {
  form: 'scope' | 'bots' | 'links'
  errors: Record<string, string>
  values: Record<string, string>
  message: string
}

const consoleNotices = [
  'scopeAdded',
  'scopeExists',
  'scopeRemoved',
  'botMarked',
  'botUnmarked',
  'linked',
  'unlinked',
] as const

export function activityPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.get('/:lang{(?:zh|en)}/contributors', async (c) => {
    const { t, locale } = c.var
    const parsed = parseIn(locale, contributorsQuery, queryFor(c, contributorsQuery))
    const query = parsed.success ? parsed.data : { period: '1y' as const, kind: undefined }
    const [community, scope] = await Promise.all([
      activity.communityActivity(deps, { ...query, limit: LEADERBOARD_ROWS }),
      activity.loadScope(deps),
    ])
    const { entries: leaderboard, contributors, total, absenceFactor, absenceShare, months } = community
    return render(
      c,
      { title: t.activity.contributors, description: t.activity.lead },
      <>
        <p>
          <a href={`/${locale}/people`}>{t.people.title}</a>
        </p>
        <h1>{t.activity.contributors}</h1>
        <p class="lead">{t.activity.lead}</p>
        {scope.length ? (
          <p class="muted">
            {t.activity.tracked(scope.map((s) => s.name).join(locale === 'zh' ? '、' : ', '))}
          </p>
        ) : null}
        <form method="get" action={`/${locale}/contributors`} class="search filters">
          <div class="field">
            <label for="field-period">{t.activity.period}</label>
            <select id="field-period" name="period">
              {activityPeriods.map((p) => (
                <option value={p} selected={query.period === p}>
                  {t.activity.periods[p]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="field-kind">{t.activity.kind}</label>
            <select id="field-kind" name="kind">
              <option value="">{t.activity.allKinds}</option>
              {contributionKinds.map((k) => (
                <option value={k} selected={query.kind === k}>
                  {t.activity.kinds[k]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t.activity.filter}</button>
        </form>
        <p class="muted" aria-live="polite">
          {t.activity.periods[query.period]}
          {query.kind ? ` · ${t.activity.kinds[query.kind]}` : ''} — {t.activity.totals(total, contributors)}
        </p>
        {leaderboard.length === 0 ? (
          <p>{t.activity.none}</p>
        ) : (
          <>
            <AbsenceFactor factor={absenceFactor} topShare={absenceShare} t={t} locale={locale} />
            <section aria-labelledby="leaderboard-title">
              <h2 id="leaderboard-title">{t.activity.leaderboard}</h2>
              {contributors > leaderboard.length ? (
                <p class="muted">{t.activity.showingTop(leaderboard.length, contributors)}</p>
              ) : null}
              <div class="table-wrap">
                <table class="leaderboard">
                  <caption class="visually-hidden">
                    {`${t.activity.leaderboard} — ${t.activity.periods[query.period]}`}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.activity.rank}</th>
                      <th scope="col">{t.activity.contributor}</th>
                      <th scope="col" class="num">
                        {t.activity.contributions}
                      </th>
                      <th scope="col">{t.activity.lastContribution}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {leaderboard.map((e, i) => (
                      <tr>
                        <td>{i + 1}</td>
                        <th scope="row">
                          {e.person ? (
                            <>
                              <a href={`/${locale}/people/${e.person.handle}`}>
                                {displayName(e.person, locale)}
                              </a>
                              <div class="muted">@{e.person.handle}</div>
                            </>
                          ) : (
                            <>
                              <a
                                href={`${deps.config.githubUrl}/${encodeURIComponent(e.login)}`}
                                rel="noopener nofollow"
                              >
                                {e.login}
                              </a>
                              <div class="muted">{t.activity.onGithub}</div>
                            </>
                          )}
                        </th>
                        <td class="num">{e.count}</td>
                        <td>
                          <time datetime={e.last.toISOString()}>{formatDate(locale, e.last)}</time>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </>
        )}
        <MonthlyChart months={months} t={t} locale={locale} />
        <nav aria-label={t.activity.period} class="period-links">
          <ul>
            {activityPeriods.map((p) => (
              <li>
                <a
                  href={contributorsHref(locale, p, query.kind)}
                  aria-current={p === query.period ? 'page' : undefined}
                >
                  {t.activity.periods[p]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </>,
    )
  })

  const renderConsole = async (c: Context<AppEnv>, form?: ConsoleForm) => {
    const { t, locale, viewer } = c.var
    const data = await activity.activityConsole(deps, viewer)
    const tc = t.console
    const notice = consoleNotices.find((n) => n === c.req.query('notice'))
    const values = (name: string, which: ConsoleForm['form']) =>
      form?.form === which ? form.values[name] : undefined
    const error = (name: string, which: ConsoleForm['form']) =>
      form?.form === which ? form.errors[name] : undefined
    return render(
      c,
      { title: tc.activity, status: form ? 422 : 200 },
      <>
        <p>
          <a href={`/${locale}/console`}>{tc.title}</a>
        </p>
        <h1>{tc.activity}</h1>
        <p class="lead">{tc.activityLead}</p>
        {notice ? <Notice kind={notice === 'scopeExists' ? 'info' : 'success'}>{tc[notice]}</Notice> : null}
        {form ? <Notice kind="error">{form.message}</Notice> : null}

        <section aria-labelledby="scope-title">
          <h2 id="scope-title">{tc.scope}</h2>
          {data.scope.length ? (
            <ul class="timeline">
              {data.scope.map((s) => (
                <li>
                  <strong>{s.name}</strong>{' '}
                  <span class="muted">({s.kind === 'org' ? tc.scopeOrg : tc.scopeRepo})</span>
                  <form
                    method="post"
                    action={`/${locale}/console/activity/scope/${s.id}/remove`}
                    class="inline"
                  >
                    <CsrfField c={c} />
                    <button type="submit" class="secondary">
                      {tc.remove}
                      <span class="visually-hidden"> — {s.name}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{tc.noScope}</p>
          )}
          <form method="post" action={`/${locale}/console/activity/scope`} class="search" novalidate>
            <CsrfField c={c} />
            <div class="field">
              <label for="field-scope-kind">{tc.scopeKind}</label>
              <select id="field-scope-kind" name="kind">
                <option value="org" selected={values('kind', 'scope') !== 'repo'}>
                  {tc.scopeOrg}
                </option>
                <option value="repo" selected={values('kind', 'scope') === 'repo'}>
                  {tc.scopeRepo}
                </option>
              </select>
            </div>
            <Field
              name="name"
              id="field-scope-name"
              label={tc.scopeName}
              value={values('name', 'scope')}
              error={error('name', 'scope')}
              required
            />
            <button type="submit">{tc.addScope}</button>
          </form>
        </section>

        <section aria-labelledby="bots-title">
          <h2 id="bots-title">{tc.bots}</h2>
          <p class="muted">{tc.botsLead}</p>
          {data.bots.length ? (
            <ul class="timeline">
              {data.bots.map((b) => (
                <li>
                  <strong>{b.login}</strong>
                  <form method="post" action={`/${locale}/console/activity/bots`} class="inline">
                    <CsrfField c={c} />
                    <input type="hidden" name="login" value={b.login} />
                    <input type="hidden" name="bot" value="" />
                    <button type="submit" class="secondary">
                      {tc.unmarkBot}
                      <span class="visually-hidden"> — {b.login}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{tc.noBots}</p>
          )}
          <form method="post" action={`/${locale}/console/activity/bots`} class="search" novalidate>
            <CsrfField c={c} />
            <input type="hidden" name="bot" value="true" />
            <Field
              name="login"
              id="field-bot-login"
              label={tc.githubLogin}
              value={values('login', 'bots')}
              error={error('login', 'bots')}
              required
            />
            <button type="submit">{tc.markBot}</button>
          </form>
        </section>

        <section aria-labelledby="links-title">
          <h2 id="links-title">{tc.links}</h2>
          <p class="muted">{tc.linksLead}</p>
          {data.links.length ? (
            <ul class="timeline">
              {data.links.map((l) => (
                <li>
                  <strong>{l.login}</strong> → <a href={`/${locale}/people/${l.handle}`}>@{l.handle}</a>
                  <form
                    method="post"
                    action={`/${locale}/console/activity/links/${l.githubId}/unlink`}
                    class="inline"
                  >
                    <CsrfField c={c} />
                    <button type="submit" class="secondary">
                      {tc.unlink}
                      <span class="visually-hidden"> — {l.login}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{tc.noLinks}</p>
          )}
          <form method="post" action={`/${locale}/console/activity/links`} class="search" novalidate>
            <CsrfField c={c} />
            <Field
              name="login"
              id="field-link-login"
              label={tc.githubLogin}
              value={values('login', 'links')}
              error={error('login', 'links')}
              required
            />
            <Field
              name="handle"
              id="field-link-handle"
              label={tc.handle}
              value={values('handle', 'links')}
              error={error('handle', 'links')}
              required
            />
            <button type="submit">{tc.link}</button>
          </form>
        </section>

        <section aria-labelledby="ingestion-title">
          <h2 id="ingestion-title">{tc.ingestion}</h2>
          <p>
            {data.lastDelivery
              ? tc.lastDelivery(
                  formatDate(locale, data.lastDelivery.receivedAt, true),
                  data.lastDelivery.event,
                )
              : tc.noDelivery}
          </p>
          <h3>{tc.reconciliation}</h3>
          <Reconciliation
            run={data.lastReconciliation}
            configured={Boolean(deps.config.githubToken)}
            t={t}
            locale={locale}
          />
          <h3>{tc.imports}</h3>
          {data.imports.length ? (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{tc.file}</th>
                    <th scope="col">{tc.started}</th>
                    <th scope="col">{tc.finished}</th>
                    <th scope="col" class="num">
                      {tc.events}
                    </th>
                    <th scope="col" class="num">
                      {tc.matched}
                    </th>
                    <th scope="col" class="num">
                      {tc.malformed}
                    </th>
                    <th scope="col">{tc.importError}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.imports.map((i) => (
                    <tr>
                      <td>{i.file}</td>
                      <td>{formatDate(locale, i.startedAt, true)}</td>
                      <td>{i.finishedAt ? formatDate(locale, i.finishedAt, true) : tc.running}</td>
                      <td class="num">{i.events}</td>
                      <td class="num">{i.matched}</td>
                      <td class="num">{i.malformed}</td>
                      <td>{i.error ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p class="muted">{tc.noImports}</p>
          )}
        </section>
      </>,
    )
  }

  const consolePath = (locale: Locale) => `/${locale}/console/activity`
  const failed = (
    c: Context<AppEnv>,
    form: ConsoleForm['form'],
    values: Record<string, string>,
    errors: Record<string, string>,
    message?: string,
  ) => renderConsole(c, { form, values, errors, message: message ?? c.var.t.errors.invalid })

  app.get('/:lang{(?:zh|en)}/console/activity', (c) => renderConsole(c))

  app.post('/:lang{(?:zh|en)}/console/activity/scope', async (c) => {
    const { locale, viewer } = c.var
    authorize(viewer, { action: 'activity.manage' })
    const form = await readForm(c, scopeInput)
    if (!form.ok) return failed(c, 'scope', form.values, form.errors)
    const added = await activity.addScope(deps, viewer, form.data)
    return redirectWithNotice(c, consolePath(locale), added ? 'scopeAdded' : 'scopeExists')
  })

  app.post('/:lang{(?:zh|en)}/console/activity/scope/:id/remove', async (c) => {
    const { locale, viewer } = c.var
    authorize(viewer, { action: 'activity.manage' })
    const id = c.req.param('id')
    if (!isUuid(id)) throw new DomainError('notFoundRecord')
    await activity.removeScope(deps, viewer, id)
    return redirectWithNotice(c, consolePath(locale), 'scopeRemoved')
  })

  app.post('/:lang{(?:zh|en)}/console/activity/bots', async (c) => {
    const { t, locale, viewer } = c.var
    authorize(viewer, { action: 'activity.manage' })
    const form = await readForm(c, botInput)
    if (!form.ok) return failed(c, 'bots', form.values, form.errors)
    const bot = form.values.bot === 'true' ? true : null
    try {
      await activity.markBotByLogin(deps, viewer, form.data.login, bot)
    } catch (e) {
      if (e instanceof DomainError && e.code === 'notFoundRecord')
        return failed(c, 'bots', form.values, { login: t.console.unknownLogin }, t.console.unknownLogin)
      throw e
    }
    return redirectWithNotice(c, consolePath(locale), bot ? 'botMarked' : 'botUnmarked')
  })

  app.post('/:lang{(?:zh|en)}/console/activity/links', async (c) => {
    const { t, locale, viewer } = c.var
    authorize(viewer, { action: 'activity.manage' })
    const form = await readForm(c, linkInput)
    if (!form.ok) return failed(c, 'links', form.values, form.errors)
    try {
      await activity.linkLoginToPerson(deps, viewer, form.data)
    } catch (e) {
      if (e instanceof DomainError && e.code === 'notFoundRecord') {
        const loginUnknown = /GitHub/.test(e.message)
        const message = loginUnknown ? t.console.unknownLogin : t.console.unknownHandle
        return failed(
          c,
          'links',
          form.values,
          loginUnknown ? { login: message } : { handle: message },
          message,
        )
      }
      throw e
    }
    return redirectWithNotice(c, consolePath(locale), 'linked')
  })

  app.post('/:lang{(?:zh|en)}/console/activity/links/:githubId/unlink', async (c) => {
    const { locale, viewer } = c.var
    authorize(viewer, { action: 'activity.manage' })
    const githubId = Number(c.req.param('githubId'))
    if (!Number.isSafeInteger(githubId) || githubId <= 0) throw new DomainError('notFoundRecord')
    await activity.unlinkAccount(deps, viewer, githubId)
    return redirectWithNotice(c, consolePath(locale), 'unlinked')
  })

  return app
}

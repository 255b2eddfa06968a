import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { receiveUpload } from '../../platform/http/upload.ts'
import { formatDate, type Locale, type Messages, translateIssue } from '../../platform/i18n/index.ts'
import { MediaRefused } from '../../platform/media/media.ts'
import { pictureOf } from '../../platform/media/pictures.ts'
import { Actions, FileDrop, ResponsiveImage } from '../../platform/views/components.tsx'
import { CsrfField, Field, FieldPair, Notice } from '../../platform/views/layout.tsx'
import { Localized } from '../../platform/views/localized.tsx'
import { readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { can } from '../access/index.ts'
import { displayName, formatLinks } from '../people/index.ts'
import { ActivityVerdictView, activityVerdicts, OverrideReasonField } from '../standing/index.ts'
import { CityHasChapter } from './chapters.cities.ts'
import {
  appointmentInput,
  chapterEventInput,
  chapterRecordInput,
  exemptionInput,
  promotionInput,
  supportMoveInput,
  supportRequestInput,
} from './chapters.inputs.ts'
import {
  addMonths,
  type ChapterStatus,
  canMoveSupport,
  dayOf,
  eventModes,
  type SupportKind,
  type SupportStatus,
  supportKinds,
  supportStatuses,
  teamGaps,
} from './chapters.rules.ts'
import {
  askForSupport,
  chapterHealthBoard,
  chapterRecord,
  editChapterRecord,
  exemptChapter,
  moveSupportRequest,
  promoteMember,
  recordChapterEvent,
  setChapterCover,
  supportRequestsOf,
} from './chapters.service.ts'
import { appointLeader, leaderCandidates, mayAppoint } from './chapters.succession.ts'
import { noMeetingFacts, RecordedEvent, Representation, type SigMeetingFacts } from './chapters.views.tsx'

const day = (locale: Locale, iso: string) => formatDate(locale, new Date(`${iso}T00:00:00Z`))
const cityOf = (c: { cityZh: string; cityEn: string }, locale: Locale) =>
  locale === 'zh' ? c.cityZh : c.cityEn
const statusBadge = (t: Messages, status: string) => (
  <span class={`badge status-${status}`}>{t.chapters.status[status as ChapterStatus] ?? status}</span>
)

const roleName = (t: Messages, role: string) => (t.chapters.roles as Record<string, string>)[role] ?? role

type Board = Awaited<ReturnType<typeof chapterHealthBoard>>

/** Events per chapter and quarter as small bars, with the table below as its text. */
function EventsChart({ board, t, locale }: { board: Board; t: Messages; locale: Locale }) {
  const W = 22
  const H = 36
  const labelW = 110
  const peak = Math.max(1, ...board.chapters.flatMap((c) => c.perQuarter))
  const total = board.chapters.reduce((a, c) => a + c.perQuarter.reduce((x, y) => x + y, 0), 0)
  return (
    <figure class="chart">
      <figcaption>
        <h2 id="chart-title">{t.chapters.health.chart}</h2>
      </figcaption>
      <div class="chart-scroll">
        <svg
          class="bar-chart"
          role="img"
          aria-label={t.chapters.health.chartSummary(board.quarters.length, total)}
          viewBox={`0 0 ${labelW + board.quarters.length * W} ${board.chapters.length * (H + 8) + 20}`}
          width={labelW + board.quarters.length * W}
          height={board.chapters.length * (H + 8) + 20}
        >
          {board.chapters.map((c, row) => {
            const top = row * (H + 8)
            return (
              <g>
                <text class="chart-label" x={0} y={top + H - 4}>
                  {cityOf(c.chapter, locale)}
                </text>
                {c.perQuarter.map((n, i) => (
                  <rect
                    class="bar-returning"
                    x={labelW + i * W + 3}
                    y={top + H - (n / peak) * H}
                    width={W - 6}
                    height={(n / peak) * H}
                  >
                    <title>{`${c.chapter.cityEn} ${board.quarters[i]!.label}: ${n}`}</title>
                  </rect>
                ))}
              </g>
            )
          })}
          {board.quarters.map((q, i) =>
            i % 4 === 0 ? (
              <text class="chart-label" x={labelW + i * W} y={board.chapters.length * (H + 8) + 14}>
                {q.label}
              </text>
            ) : null,
          )}
        </svg>
      </div>
    </figure>
  )
}

type SupportRows = Awaited<ReturnType<typeof supportRequestsOf>>

/** Requests with their history; the SIG's people can move them on. */
function SupportList({
  c,
  rows,
  showChapter,
}: {
  c: Context<AppEnv>
  rows: SupportRows
  showChapter: boolean
}) {
  const { t, locale } = c.var
  const ts = t.chapters.support
  return (
    <ul class="timeline">
      {rows.map(({ request, chapter, history, mayHandle }) => (
        <li>
          <strong>{ts.kinds[request.kind as SupportKind] ?? request.kind}</strong>
          {showChapter ? <> · {cityOf(chapter, locale)}</> : null} ·{' '}
          <span class="badge">{ts.statuses[request.status] ?? request.status}</span>
          {request.neededBy ? <span class="muted"> · {ts.needed(day(locale, request.neededBy))}</span> : null}
          <p class="pre">{request.details}</p>
          <ol class="plain muted">
            {history.map((e) => (
              <li>
                {ts.by(
                  e.who ? displayName(e.who, locale) : '—',
                  ts.statuses[e.toStatus] ?? e.toStatus,
                  formatDate(locale, e.at, true),
                )}
                {e.comment ? <blockquote>{e.comment}</blockquote> : null}
              </li>
            ))}
          </ol>
          {mayHandle && supportStatuses.some((to) => canMoveSupport(request.status as SupportStatus, to)) ? (
            <form method="post" action={`/${locale}/console/support/${request.id}`} class="inline-form">
              <CsrfField c={c} />
              <Field name="comment" id={`comment-${request.id}`} label={ts.comment} />
              {supportStatuses
                .filter((to) => canMoveSupport(request.status as SupportStatus, to))
                .map((to) => (
                  <button
                    type="submit"
                    name="to"
                    value={to}
                    class={to === 'declined' ? 'secondary' : undefined}
                  >
                    {ts.moves[to]}
                  </button>
                ))}
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/** What the team lacks against the seed's shape (a leader, a vice-leader, several members). */
function TeamGaps(p: { t: Messages; gaps: ReturnType<typeof teamGaps>; min: number }) {
  const th = p.t.chapters.health
  const lacks = [
    ...(p.gaps.leader ? [th.lacksLeader] : []),
    ...(p.gaps.viceLeader ? [th.lacksViceLeader] : []),
    ...(p.gaps.members ? [th.lacksMembers(p.gaps.members, p.min)] : []),
  ]
  if (!lacks.length) return <p class="muted">{th.teamComplete(p.min)}</p>
  return (
    <section class="notice warning" aria-labelledby="team-lacks-title">
      <h2 id="team-lacks-title">{th.teamLacks}</h2>
      <ul>
        {lacks.map((l) => (
          <li>{l}</li>
        ))}
      </ul>
    </section>
  )
}

export function chaptersConsolePages(deps: Deps, sigMeetings: SigMeetingFacts = noMeetingFacts) {
  const app = new Hono<AppEnv>()
  const base = (locale: string) => `/${locale}/console/chapters`

  app.get('/:lang{(?:zh|en)}/console/chapters', async (c) => {
    const { t, locale, viewer } = c.var
    const th = t.chapters.health
    const board = await chapterHealthBoard(deps, viewer)
    const representation = await sigMeetings.representation(
      deps,
      viewer,
      board.chapters.map((c) => c.chapter.id),
    )
    return render(
      c,
      { title: th.title },
      <>
        <p>
          <a href={`/${locale}/console`}>{t.console.title}</a>
        </p>
        <h1>{th.title}</h1>
        <p class="lead">{th.lead(deps.config.chapterEventWindowMonths, deps.config.chapterAtRiskDays)}</p>
        <p>{th.clockRule}</p>
        <p>
          <strong>
            {board.policy.leaderGraceDays > 0 ? th.grace(board.policy.leaderGraceDays) : th.graceNone}
          </strong>
        </p>
        <EventsChart board={board} t={t} locale={locale} />
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{th.title}</caption>
            <thead>
              <tr>
                <th scope="col">{th.chapter}</th>
                <th scope="col">{th.status}</th>
                <th scope="col">{th.lastEvent}</th>
                <th scope="col">{th.deadline}</th>
                <th scope="col">{th.sigMeetings}</th>
                {board.quarters.map((q) => (
                  <th scope="col" class="num">
                    {q.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {board.chapters.map(({ chapter, facts, health, clock, perQuarter }) => (
                <tr>
                  <th scope="row">
                    <a href={`${base(locale)}/${chapter.slug}`}>{cityOf(chapter, locale)}</a>
                  </th>
                  <td>
                    {/* An exemption says its end in place of "exempted", not in a second line saying it again. */}
                    {statusBadge(t, chapter.status)}{' '}
                    <span class="muted">
                      {health.why === 'exempt' && facts.exemptUntil
                        ? th.exemptUntil(day(locale, facts.exemptUntil))
                        : th.why[health.why]}
                    </span>
                    {health.why !== 'exempt' && facts.exemptUntil && facts.exemptUntil >= board.today ? (
                      <div class="muted">{th.exemptUntil(day(locale, facts.exemptUntil))}</div>
                    ) : null}
                  </td>
                  <td>
                    {facts.lastHeldEvent ? (
                      <div>
                        <a href={`/${locale}${facts.lastHeldEvent.path}`}>
                          <Localized
                            locale={locale}
                            zh={facts.lastHeldEvent.titleZh}
                            en={facts.lastHeldEvent.titleEn}
                          />
                        </a>
                      </div>
                    ) : null}
                    {facts.lastEventOn ? day(locale, facts.lastEventOn) : th.none}
                    {facts.lastHeldEvent ? (
                      <div class="muted">{th.checkedIn(facts.lastHeldEvent.checkedIn)}</div>
                    ) : null}
                    {facts.lastEventOn && facts.lastEventSelfReported ? (
                      <div>
                        <span class="badge" title={th.selfReportedHint}>
                          {th.selfReported}
                        </span>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {health.deadline ? day(locale, health.deadline) : '—'}
                    {clock && health.deadline === clock.deadline ? (
                      <div class="muted">{th.basis[clock.basis]}</div>
                    ) : null}
                  </td>
                  <td>
                    <Representation
                      t={t}
                      locale={locale}
                      facts={representation.get(chapter.id)}
                      brief={true}
                    />
                  </td>
                  {perQuarter.map((n) => (
                    <td class="num">{n}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>,
    )
  })

  type Forms = 'event' | 'exempt' | 'promote' | 'support' | 'record' | 'appoint' | 'cover'
  const chapterPage = async (
    c: Context<AppEnv>,
    form?: {
      which: Forms
      values: Record<string, string>
      errors: Record<string, string>
      /** The chapter already in the city the record was to name. */
      sameCity?: { slug: string; cityZh: string; cityEn: string }
    },
  ) => {
    const { t, locale, viewer } = c.var
    const th = t.chapters.health
    const record = await chapterRecord(deps, viewer, c.req.param('slug') ?? '')
    const support = await supportRequestsOf(deps, viewer, { slug: record.chapter.slug })
    const { chapter } = record
    const city = cityOf(chapter, locale)
    const action = `${base(locale)}/${chapter.slug}`
    const v = (which: Forms, name: string) => (form?.which === which ? form.values[name] : undefined)
    // A list's error stands under the list (links.0.url → links).
    const e = (which: Forms, name: string) =>
      form?.which === which
        ? (form.errors[name] ?? Object.entries(form.errors).find(([k]) => k.startsWith(`${name}.`))?.[1])
        : undefined
    const notice = c.req.query('notice')
    // Who could move up (members, and the vice-leader to leader), each with the activity verdict.
    const promotable = record.current.filter((s) => s.role !== 'leader')
    const verdicts = await activityVerdicts(
      deps,
      promotable.map((s) => s.person.id),
    )
    const candidates = await leaderCandidates(deps, chapter)
    const stored: Record<string, string> = {
      cityZh: chapter.cityZh,
      cityEn: chapter.cityEn,
      country: chapter.country,
      location: chapter.location ?? '',
      descriptionZh: chapter.descriptionZh ?? '',
      descriptionEn: chapter.descriptionEn ?? '',
      links: formatLinks(chapter.links),
      contact: chapter.contact ?? '',
    }
    const rv = (name: string) => v('record', name) ?? stored[name]
    return render(
      c,
      { title: th.manage(city), status: form ? 422 : 200 },
      <>
        <p>
          <a href={base(locale)}>{th.title}</a> · <a href={`/${locale}/chapters/${chapter.slug}`}>{city}</a>
        </p>
        <h1>{th.manage(city)}</h1>
        <p>{statusBadge(t, chapter.status)}</p>
        <TeamGaps
          t={t}
          gaps={teamGaps(record.current, deps.config.chapterMinMembers)}
          min={deps.config.chapterMinMembers}
        />
        {notice && (th.notices[notice] ?? t.chapters.support.notices[notice]) ? (
          <Notice kind="success">{th.notices[notice] ?? t.chapters.support.notices[notice]}</Notice>
        ) : null}
        {form?.sameCity ? (
          <Notice kind="error">
            {t.eligibility.cityHasChapter(cityOf(form.sameCity, locale))}{' '}
            <a href={`/${locale}/chapters/${form.sameCity.slug}`}>
              {t.eligibility.openChapter(cityOf(form.sameCity, locale))}
            </a>
          </Notice>
        ) : form ? (
          <Notice kind="error">{t.errors.invalid}</Notice>
        ) : null}

        {chapter.leaderWantedUntil ? (
          <section aria-labelledby="leader-search-title" class="leader-search">
            <h2 id="leader-search-title">{th.leaderSearch}</h2>
            <p>{th.leaderSearchLead(day(locale, chapter.leaderWantedUntil))}</p>
            {candidates.length ? (
              <form method="post" action={`${action}/appointments`} novalidate>
                <CsrfField c={c} />
                <fieldset class={e('appoint', 'personId') ? 'field has-error' : 'field'}>
                  <legend>{th.candidates}</legend>
                  {candidates.map(({ seat, verdict }, i) => (
                    <div class="candidate">
                      <input
                        type="radio"
                        name="personId"
                        id={`candidate-${seat.person.id}`}
                        value={seat.person.id}
                        checked={
                          (v('appoint', 'personId') ?? candidates[0]?.seat.person.id) === seat.person.id
                        }
                        disabled={!mayAppoint(viewer, chapter)}
                        aria-describedby={`candidate-${seat.person.id}-verdict`}
                      />{' '}
                      <label for={`candidate-${seat.person.id}`}>
                        {i + 1}. {displayName(seat.person, locale)} ({roleName(t, seat.role)})
                      </label>
                      <div id={`candidate-${seat.person.id}-verdict`}>
                        <ActivityVerdictView verdict={verdict} t={t} locale={locale} />
                      </div>
                    </div>
                  ))}
                </fieldset>
                {mayAppoint(viewer, chapter) ? (
                  <>
                    <OverrideReasonField
                      id="field-appoint-override"
                      t={t}
                      value={v('appoint', 'override')}
                      error={e('appoint', 'override')}
                    />
                    <button type="submit">{th.appoint}</button>
                  </>
                ) : (
                  <p class="muted">{th.appointLead}</p>
                )}
              </form>
            ) : (
              <p class="muted">{th.noCandidates}</p>
            )}
          </section>
        ) : null}

        <section aria-labelledby="chapter-record-title">
          <h2 id="chapter-record-title">{th.chapterRecord}</h2>
          <form method="post" action={`${action}/record`} novalidate>
            <CsrfField c={c} />
            <Field
              name="cityZh"
              label={th.cityZh}
              required
              lang="zh-Hans"
              value={rv('cityZh')}
              error={e('record', 'cityZh')}
            />
            <Field
              name="cityEn"
              label={th.cityEn}
              required
              lang="en"
              value={rv('cityEn')}
              error={e('record', 'cityEn')}
            />
            <Field
              name="country"
              label={t.chapters.country}
              required
              value={rv('country')}
              error={e('record', 'country')}
            />
            <Field
              name="location"
              label={t.chapters.location}
              value={rv('location')}
              error={e('record', 'location')}
            />
            <Field
              name="descriptionZh"
              label={th.descriptionZh}
              multiline
              lang="zh-Hans"
              value={rv('descriptionZh')}
              error={e('record', 'descriptionZh')}
            />
            <Field
              name="descriptionEn"
              label={th.descriptionEn}
              multiline
              lang="en"
              value={rv('descriptionEn')}
              error={e('record', 'descriptionEn')}
            />
            <Field
              name="links"
              label={t.chapters.links}
              hint={th.linksHint}
              multiline
              value={rv('links')}
              error={e('record', 'links')}
            />
            <Field
              name="contact"
              label={t.chapters.contact}
              value={rv('contact')}
              error={e('record', 'contact')}
            />
            <button type="submit">{th.save}</button>
          </form>
        </section>

        <section aria-labelledby="cover-title">
          <h2 id="cover-title">{t.chapters.cover.title}</h2>
          <p class="muted">{t.chapters.cover.lead}</p>
          {chapter.cover ? (
            <div class="cover-current">
              <ResponsiveImage
                picture={pictureOf(chapter.cover, 400)}
                alt={t.chapters.cover.current}
                sizes="(max-width: 30rem) 100vw, 25rem"
              />
            </div>
          ) : null}
          <form method="post" action={`${action}/cover/upload`} enctype="multipart/form-data">
            <CsrfField c={c} />
            <FileDrop
              name="cover"
              label={t.chapters.cover.label}
              hint={t.chapters.cover.hint}
              accept="image/jpeg,image/png,image/webp"
              dropText={t.chapters.cover.drop}
              error={e('cover', 'cover')}
            />
            <Actions>
              <button type="submit" class="button secondary">
                {t.chapters.cover.button}
              </button>
            </Actions>
          </form>
        </section>

        <section aria-labelledby="record-title">
          <h2 id="record-title">{th.recordEvent}</h2>
          <form method="post" action={`${action}/events`} novalidate>
            <CsrfField c={c} />
            <Field
              name="heldOn"
              label={th.heldOn}
              type="date"
              required
              value={v('event', 'heldOn')}
              error={e('event', 'heldOn')}
            />
            <FieldPair
              name="title"
              labelZh={th.eventTitleZh}
              labelEn={th.eventTitleEn}
              value={(name) => v('event', name)}
              error={(name) => e('event', name)}
            />
            <div class={e('event', 'mode') ? 'field has-error' : 'field'}>
              <label for="field-mode">{th.mode}</label>
              <select
                id="field-mode"
                name="mode"
                required
                aria-invalid={e('event', 'mode') ? 'true' : undefined}
                aria-describedby={e('event', 'mode') ? 'field-mode-error' : undefined}
              >
                <option value="">—</option>
                {eventModes.map((m) => (
                  <option value={m} selected={v('event', 'mode') === m}>
                    {th.modes[m]}
                  </option>
                ))}
              </select>
              {e('event', 'mode') ? (
                <p class="error" id="field-mode-error">
                  {e('event', 'mode')}
                </p>
              ) : null}
            </div>
            <fieldset class="evidence">
              <legend>{th.evidence}</legend>
              <p class="hint">{th.evidenceHint}</p>
              <Field
                name="attendance"
                label={th.attendance}
                type="number"
                inputmode="numeric"
                value={v('event', 'attendance')}
                error={e('event', 'attendance')}
              />
              <Field
                name="photosUrl"
                label={th.photosUrl}
                type="url"
                value={v('event', 'photosUrl')}
                error={e('event', 'photosUrl')}
              />
              <Field
                name="link"
                label={th.eventLink}
                type="url"
                value={v('event', 'link')}
                error={e('event', 'link')}
              />
            </fieldset>
            <button type="submit">{th.record}</button>
          </form>
          <h3>{th.events}</h3>
          {record.events.length ? (
            <ul class="timeline">
              {record.events.map((ev) => (
                <li>
                  <RecordedEvent ev={ev} t={t} locale={locale} />
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{th.noEvents}</p>
          )}
        </section>

        <section aria-labelledby="sig-meetings-title">
          <h2 id="sig-meetings-title">{th.sigMeetings}</h2>
          <p class="hint">{th.sigMeetingsLead}</p>
          <Representation
            t={t}
            locale={locale}
            facts={(await sigMeetings.representation(deps, viewer, [chapter.id])).get(chapter.id)}
            brief={false}
          />
        </section>

        {can(viewer, { action: 'chapters.exempt', sigId: chapter.sigId }) ? (
          <section aria-labelledby="exempt-title">
            <h2 id="exempt-title">{th.exempt}</h2>
            <p class="hint">{th.exemptLead}</p>
            <form method="post" action={`${action}/exemptions`} novalidate>
              <CsrfField c={c} />
              <Field
                name="reason"
                label={th.reason}
                multiline
                required
                value={v('exempt', 'reason')}
                error={e('exempt', 'reason')}
              />
              <Field
                name="until"
                label={th.until}
                type="date"
                required
                value={v('exempt', 'until')}
                error={e('exempt', 'until')}
              />
              <button type="submit">{th.grantExemption}</button>
            </form>
            {record.exemptions.length ? (
              <>
                <h3>{th.exemptions}</h3>
                <ul class="timeline">
                  {record.exemptions.map((x) => (
                    <li>
                      {th.exemptUntil(day(locale, x.until))}
                      <blockquote>{x.reason}</blockquote>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        ) : null}

        <section aria-labelledby="support-title">
          <h2 id="support-title">{t.chapters.support.ask}</h2>
          <form method="post" action={`${action}/support`} novalidate>
            <CsrfField c={c} />
            <div class={e('support', 'kind') ? 'field has-error' : 'field'}>
              <label for="field-kind">{t.chapters.support.kind}</label>
              <p class="hint" id="field-kind-hint">
                {t.chapters.support.kindHint}
              </p>
              <select id="field-kind" name="kind" aria-describedby="field-kind-hint">
                {supportKinds.map((k) => (
                  <option value={k} selected={v('support', 'kind') === k}>
                    {t.chapters.support.kinds[k]}
                  </option>
                ))}
              </select>
            </div>
            <Field
              name="details"
              label={t.chapters.support.details}
              multiline
              required
              value={v('support', 'details')}
              error={e('support', 'details')}
            />
            <Field
              name="neededBy"
              label={t.chapters.support.neededBy}
              type="date"
              value={v('support', 'neededBy')}
              error={e('support', 'neededBy')}
            />
            <button type="submit">{t.chapters.support.send}</button>
          </form>
          <h3>{t.chapters.support.requests}</h3>
          {support.length ? (
            <SupportList c={c} rows={support} showChapter={false} />
          ) : (
            <p class="muted">{t.chapters.support.none}</p>
          )}
        </section>

        <section aria-labelledby="promote-title">
          <h2 id="promote-title">{th.promote}</h2>
          <p class="hint">{th.promoteLead}</p>
          {promotable.length ? (
            <form method="post" action={`${action}/promotions`} novalidate>
              <CsrfField c={c} />
              <h3>{th.recentActivity}</h3>
              <ul class="verdicts">
                {promotable.map((m) => (
                  <li>
                    <strong>{displayName(m.person, locale)}</strong> ({roleName(t, m.role)}){' '}
                    <ActivityVerdictView verdict={verdicts.get(m.person.id)!} t={t} locale={locale} />
                  </li>
                ))}
              </ul>
              <div class="field">
                <label for="field-personId">{th.member}</label>
                <select id="field-personId" name="personId">
                  {promotable.map((m) => (
                    <option value={m.person.id} selected={v('promote', 'personId') === m.person.id}>
                      {displayName(m.person, locale)} ({roleName(t, m.role)})
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="field-role">{th.toRole}</label>
                <select id="field-role" name="role">
                  <option value="vice_leader">{t.chapters.roles.vice_leader}</option>
                  <option value="leader" selected={v('promote', 'role') === 'leader'}>
                    {t.chapters.roles.leader}
                  </option>
                </select>
              </div>
              <OverrideReasonField
                id="field-promote-override"
                t={t}
                value={v('promote', 'override')}
                error={e('promote', 'override')}
              />
              <button type="submit">{th.promoteButton}</button>
            </form>
          ) : (
            <p class="muted">{th.noMembers}</p>
          )}
        </section>
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/console/chapters/:slug', (c) => chapterPage(c))

  const today = () => dayOf(deps.now())
  app.post('/:lang{(?:zh|en)}/console/chapters/:slug/events', async (c) => {
    const form = await readForm(c, chapterEventInput(today()))
    if (!form.ok) return chapterPage(c, { which: 'event', ...form })
    await recordChapterEvent(deps, c.var.viewer, c.req.param('slug'), form.data)
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('slug')}`, 'recorded')
  })
  app.post('/:lang{(?:zh|en)}/console/chapters/:slug/exemptions', async (c) => {
    const form = await readForm(c, exemptionInput(today(), addMonths(today(), 24)))
    if (!form.ok) return chapterPage(c, { which: 'exempt', ...form })
    await exemptChapter(deps, c.var.viewer, c.req.param('slug'), form.data)
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('slug')}`, 'exempted')
  })
  app.post('/:lang{(?:zh|en)}/console/chapters/:slug/record', async (c) => {
    const form = await readForm(c, chapterRecordInput)
    if (!form.ok) return chapterPage(c, { which: 'record', ...form })
    try {
      await editChapterRecord(deps, c.var.viewer, c.req.param('slug'), form.data)
    } catch (err) {
      if (!(err instanceof CityHasChapter)) throw err
      const taken = c.var.t.eligibility.cityHasChapter(cityOf(err.chapter, c.var.locale))
      return chapterPage(c, {
        which: 'record',
        values: form.values,
        errors: { cityZh: taken, cityEn: taken },
        sameCity: err.chapter,
      })
    }
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('slug')}`, 'saved')
  })

  // Streamed (the path ends in /upload): the CSRF token is checked as the form arrives.
  app.post('/:lang{(?:zh|en)}/console/chapters/:slug/cover/upload', async (c) => {
    const slug = c.req.param('slug')
    const refusedWith = (message: string) =>
      chapterPage(c, {
        which: 'cover',
        values: {},
        errors: { cover: translateIssue(c.var.locale, { message } as never) },
      })
    try {
      const { result } = await receiveUpload(c, 'cover', (file) =>
        setChapterCover(deps, c.var.viewer, slug, { filename: file.filename, source: file.stream }).then(
          () => true,
        ),
      )
      if (!result) return refusedWith('required')
    } catch (err) {
      if (!(err instanceof MediaRefused)) throw err
      return refusedWith(err.reason)
    }
    return redirectWithNotice(c, `${base(c.var.locale)}/${slug}`, 'cover')
  })

  app.post('/:lang{(?:zh|en)}/console/chapters/:slug/support', async (c) => {
    const form = await readForm(c, supportRequestInput(today()))
    if (!form.ok) return chapterPage(c, { which: 'support', ...form })
    await askForSupport(deps, c.var.viewer, c.req.param('slug'), form.data)
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('slug')}`, 'asked')
  })

  const supportPage = async (c: Context<AppEnv>, error?: string) => {
    const { t, locale, viewer } = c.var
    const ts = t.chapters.support
    const rows = await supportRequestsOf(deps, viewer, { open: true })
    const notice = c.req.query('notice')
    return render(
      c,
      { title: ts.title, status: error ? 422 : 200 },
      <>
        <p>
          <a href={`/${locale}/console`}>{t.console.title}</a>
        </p>
        <h1>{ts.title}</h1>
        <p class="lead">{ts.lead}</p>
        {notice && ts.notices[notice] ? <Notice kind="success">{ts.notices[notice]}</Notice> : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
        {rows.length ? (
          <SupportList c={c} rows={rows} showChapter={true} />
        ) : (
          <p class="muted">{ts.noneOpen}</p>
        )}
      </>,
    )
  }
  app.get('/:lang{(?:zh|en)}/console/support', (c) => supportPage(c))
  app.post(`/:lang{(?:zh|en)}/console/support/:id${uuidParam}`, async (c) => {
    const form = await readForm(c, supportMoveInput)
    if (!form.ok) return supportPage(c, Object.values(form.errors)[0])
    await moveSupportRequest(deps, c.var.viewer, c.req.param('id'), form.data)
    return redirectWithNotice(c, `/${c.var.locale}/console/support`, 'moved')
  })

  /** Runs a seating move; someone not active lately without a reason: the form again, asking for it. */
  const seating = async (
    c: Context<AppEnv>,
    which: Forms,
    values: Record<string, string>,
    move: () => Promise<void>,
  ) => {
    try {
      await move()
    } catch (err) {
      if (err instanceof DomainError && err.code === 'overrideRequired')
        return chapterPage(c, { which, values, errors: { override: c.var.t.errors.overrideRequired } })
      throw err
    }
    return null
  }
  app.post('/:lang{(?:zh|en)}/console/chapters/:slug/promotions', async (c) => {
    const form = await readForm(c, promotionInput)
    if (!form.ok) return chapterPage(c, { which: 'promote', ...form })
    const refused = await seating(c, 'promote', form.values, () =>
      promoteMember(deps, c.var.viewer, c.req.param('slug'), form.data),
    )
    return refused ?? redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('slug')}`, 'promoted')
  })
  app.post('/:lang{(?:zh|en)}/console/chapters/:slug/appointments', async (c) => {
    const form = await readForm(c, appointmentInput)
    if (!form.ok) return chapterPage(c, { which: 'appoint', ...form })
    const refused = await seating(c, 'appoint', form.values, () =>
      appointLeader(deps, c.var.viewer, c.req.param('slug'), form.data),
    )
    return refused ?? redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('slug')}`, 'appointed')
  })

  return app
}

// The call for speakers' pages as pure functions of what the routes in programme.proposals.pages.tsx
// read and fetched: proposing a talk and changing it, a speaker's proposals, the confirm link of
// the decision mail, the reviewers' queue and review page, and the organisers' console tab.
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/http/context.ts'
import { formatDate, formatInZone, type Locale, type Messages } from '../../platform/i18n/index.ts'
import {
  Actions,
  Badge,
  FormSection,
  SaveBar,
  StatTile,
  Tabs,
  type Tone,
} from '../../platform/views/components.tsx'
import { Choice, CsrfField, EmptyState, Field, Notice } from '../../platform/views/layout.tsx'
import { textIn } from '../../platform/views/localized.tsx'
import { eventTabs, wallClockOf } from '../events/index.ts'
import { displayName } from '../people/index.ts'
import { proposalKinds, proposalLanguages, proposalLevels } from './programme.proposals.inputs.ts'
import type * as repo from './programme.proposals.repo.ts'
import type {
  callFor,
  confirmation,
  myProposals,
  proposalForReview,
  proposalForSpeaker,
  proposalsTable,
  reviewQueue,
  TableQuery,
} from './programme.proposals.ts'
import { type OptionalProposalField, optionalProposalFields } from './programme.schema.ts'
import { proposalStates } from './programme.states.rules.ts'

export const proposalsConsolePath = (locale: Locale, eventId: string) =>
  `/${locale}/console/events/${eventId}/proposals`
export const proposePath = (locale: Locale, slug: string) => `/${locale}/events/${slug}/propose`
export const myProposalsPath = (locale: Locale) => `/${locale}/proposals`
export const reviewsPath = (locale: Locale, slug: string) => `/${locale}/events/${slug}/reviews`

export const stateTone: Record<string, Tone> = {
  submitted: 'neutral',
  in_review: 'accent',
  accepted: 'success',
  confirmed: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
  cancelled: 'warning',
}

export function StateBadge({ t, state }: { t: Messages; state: string }) {
  return <Badge tone={stateTone[state] ?? 'neutral'}>{t.programmeProposals.states[state] ?? state}</Badge>
}

/** An event's title in the page's language, or its slug when it has none in either. */
export const titleOf = (
  locale: Locale,
  event: { titleZh: string | null; titleEn: string | null; slug: string },
) => textIn(locale, event.titleZh, event.titleEn) || event.slug
export const score = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(2))

export type FormState = { values: Record<string, string>; errors: Record<string, string> }

/** The organisers' tab shows the form that was refused with what was sent and why. */
export type ConsoleFailure = { form: 'call' | 'track' | 'reviewer'; state: FormState } | null

/** The proposal form's fields: the call's questions only, the answers as typed. */
export function ProposalFields({
  t,
  locale,
  asks,
  durations,
  tracks,
  state,
}: {
  t: Messages
  locale: Locale
  asks: OptionalProposalField[]
  durations: number[]
  tracks: repo.TrackRow[]
  state: FormState
}) {
  const tp = t.programmeProposals
  const f = tp.fields
  const v = state.values
  const e = state.errors
  const select = (
    name: string,
    label: string,
    hint: string,
    options: { value: string; label: string }[],
    required = false,
  ) => (
    <div class={e[name] ? 'field has-error' : 'field'}>
      <label for={`field-${name}`}>{label}</label>
      {hint ? (
        <p class="hint" id={`field-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <select
        id={`field-${name}`}
        name={name}
        required={required}
        aria-invalid={e[name] ? 'true' : undefined}
        aria-describedby={
          [hint ? `field-${name}-hint` : '', e[name] ? `field-${name}-error` : ''].join(' ').trim() ||
          undefined
        }
      >
        {options.map((o) => (
          <option value={o.value} selected={v[name] === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {e[name] ? (
        <p class="error" id={`field-${name}-error`}>
          {e[name]}
        </p>
      ) : null}
    </div>
  )
  return (
    <>
      <Field
        name="title"
        label={f.title.label}
        hint={f.title.hint}
        required
        value={v.title}
        error={e.title}
      />
      <Field
        name="abstract"
        label={f.abstract.label}
        hint={f.abstract.hint}
        required
        multiline
        value={v.abstract}
        error={e.abstract}
      />
      {asks.includes('description') ? (
        <Field
          name="description"
          label={f.description.label}
          hint={f.description.hint}
          multiline
          value={v.description}
          error={e.description}
        />
      ) : null}
      <div class="grid-2">
        {select(
          'duration',
          f.duration.label,
          f.duration.hint,
          durations.map((d) => ({ value: String(d), label: tp.minutes(d) })),
          true,
        )}
        {asks.includes('level')
          ? select('level', f.level.label, f.level.hint, [
              { value: '', label: tp.notSaid },
              ...proposalLevels.map((l) => ({ value: l, label: tp.levels[l] ?? l })),
            ])
          : null}
        {asks.includes('kind')
          ? select(
              'kind',
              f.kind.label,
              '',
              proposalKinds.map((k) => ({ value: k, label: t.events.sessionKinds[k] ?? k })),
            )
          : null}
        {asks.includes('language')
          ? select('language', f.language.label, f.language.hint, [
              { value: '', label: tp.notSaid },
              ...proposalLanguages.map((l) => ({ value: l, label: t.events.languages[l] ?? l })),
            ])
          : null}
        {asks.includes('track') && tracks.length
          ? select('track', f.track.label, '', [
              { value: '', label: tp.anyTrack },
              ...tracks.map((tr) => ({ value: tr.id, label: textIn(locale, tr.nameZh, tr.nameEn) })),
            ])
          : null}
      </div>
      {asks.includes('coSpeakers') ? (
        <Field
          name="coSpeakers"
          label={f.coSpeakers.label}
          hint={f.coSpeakers.hint}
          multiline
          value={v.coSpeakers}
          error={e.coSpeakers}
        />
      ) : null}
      {asks.includes('notes') ? (
        <Field
          name="notes"
          label={f.notes.label}
          hint={f.notes.hint}
          multiline
          value={v.notes}
          error={e.notes}
        />
      ) : null}
    </>
  )
}

export function ProposeView({
  c,
  event,
  call,
  open,
  tracks,
  now,
  state,
}: {
  c: Context<AppEnv>
  event: NonNullable<Awaited<ReturnType<typeof repo.selectEventBySlug>>>
  call: Awaited<ReturnType<typeof callFor>>['call']
  open: Awaited<ReturnType<typeof callFor>>['open']
  tracks: Awaited<ReturnType<typeof callFor>>['tracks']
  now: Date
  state: FormState
}) {
  const { t, locale, viewer } = c.var
  const tp = t.programmeProposals
  const title = titleOf(locale, event)
  const upcoming = call && now < call.opensAt
  return (
    <article class="proposal-page narrow">
      <p class="breadcrumb">
        <a href={`/${locale}/events/${event.slug}`}>{title}</a>
      </p>
      <h1>{tp.propose.heading}</h1>
      {!call ? (
        <Notice kind="info">{tp.propose.none}</Notice>
      ) : !open ? (
        <Notice kind="info">
          {upcoming
            ? tp.propose.opens(formatInZone(locale, call.opensAt, event.timeZone))
            : tp.propose.closed}
        </Notice>
      ) : (
        <>
          <p class="lead">{tp.propose.lead}</p>
          <p>
            <Badge tone="accent">
              {tp.propose.closes(formatInZone(locale, call.closesAt, event.timeZone))}
            </Badge>
          </p>
          {Object.keys(state.errors).length ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
          {viewer ? (
            <form method="post" action={proposePath(locale, event.slug)} class="stack">
              <CsrfField c={c} />
              <ProposalFields
                t={t}
                locale={locale}
                asks={call.fields}
                durations={call.durations}
                tracks={tracks}
                state={state}
              />
              <SaveBar label={tp.propose.submit} />
            </form>
          ) : (
            <p>
              <a
                class="button"
                href={`/${locale}/sign-in?next=${encodeURIComponent(proposePath(locale, event.slug))}`}
              >
                {tp.propose.signIn}
              </a>
            </p>
          )}
          <p class="hint">{tp.propose.github}</p>
        </>
      )}
    </article>
  )
}

export function MyProposalsView({
  c,
  rows,
  notice,
}: {
  c: Context<AppEnv>
  rows: Awaited<ReturnType<typeof myProposals>>
  notice: string | undefined
}) {
  const { t, locale } = c.var
  const tp = t.programmeProposals
  return (
    <article class="proposals-mine">
      <h1>{tp.mine.title}</h1>
      <p class="lead">{tp.mine.lead}</p>
      {notice && tp.notices[notice] ? <Notice kind="success">{tp.notices[notice]}</Notice> : null}
      {!rows.length ? (
        <EmptyState title={tp.mine.none}>{null}</EmptyState>
      ) : (
        <ul class="plain proposal-list">
          {rows.map((r) => {
            const eventTitle = titleOf(locale, r.event)
            return (
              <li class="proposal-box proposal-card">
                <div class="proposal-card-head">
                  <h2>{r.proposal.title}</h2>
                  <StateBadge t={t} state={r.proposal.state} />
                </div>
                <p class="muted">
                  <a href={`/${locale}/events/${r.event.slug}`}>{eventTitle}</a>
                  {' · '}
                  {tp.minutes(r.proposal.durationMinutes)}
                  {' · '}
                  {tp.mine.submittedOn(formatDate(locale, r.proposal.submittedAt))}
                </p>
                <p>{r.proposal.abstract}</p>
                <p class="proposal-speakers">
                  <span class="muted">{tp.mine.speakers}: </span>
                  {r.speakers.map((s, i) => (
                    <>
                      {i ? ', ' : ''}
                      {s.person ? displayName(s.person, locale) : (s.speaker.githubLogin ?? tp.mine.pending)}{' '}
                      {r.proposal.state === 'accepted' || r.proposal.state === 'confirmed' ? (
                        s.speaker.confirmedAt ? (
                          <Badge tone="success">{tp.mine.confirmedBadge}</Badge>
                        ) : s.speaker.declinedAt ? (
                          <Badge tone="danger">{tp.mine.declinedBadge}</Badge>
                        ) : (
                          <Badge>{tp.mine.pending}</Badge>
                        )
                      ) : null}
                    </>
                  ))}
                </p>
                {r.mayEdit && r.call ? (
                  <p class="hint">
                    {tp.mine.editUntil(formatInZone(locale, r.call.closesAt, r.event.timeZone))}
                  </p>
                ) : r.proposal.state === 'submitted' || r.proposal.state === 'in_review' ? (
                  <p class="hint">{tp.mine.closedNote}</p>
                ) : null}
                <Actions>
                  {r.mayEdit ? (
                    <a class="button secondary" href={`/${locale}/proposals/${r.proposal.id}/edit`}>
                      {tp.mine.edit}
                    </a>
                  ) : null}
                  {r.mayWithdraw ? (
                    <form
                      method="post"
                      action={`/${locale}/proposals/${r.proposal.id}/withdraw`}
                      class="inline"
                    >
                      <CsrfField c={c} />
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={tp.mine.withdrawLabel(r.proposal.title)}
                      >
                        {tp.mine.withdraw}
                      </button>
                    </form>
                  ) : null}
                  {r.mayConfirm ? (
                    <>
                      <form
                        method="post"
                        action={`/${locale}/proposals/${r.proposal.id}/confirm`}
                        class="inline"
                      >
                        <CsrfField c={c} />
                        <button type="submit">{tp.mine.confirm}</button>
                      </form>
                      <form
                        method="post"
                        action={`/${locale}/proposals/${r.proposal.id}/decline`}
                        class="inline"
                      >
                        <CsrfField c={c} />
                        <button type="submit" class="secondary">
                          {tp.mine.decline}
                        </button>
                      </form>
                    </>
                  ) : null}
                </Actions>
              </li>
            )
          })}
        </ul>
      )}
    </article>
  )
}

type SpeakerProposal = Awaited<ReturnType<typeof proposalForSpeaker>>

export function EditProposalView({
  c,
  found,
  tracks,
  values,
  state,
}: {
  c: Context<AppEnv>
  found: SpeakerProposal & { call: NonNullable<SpeakerProposal['call']> }
  tracks: repo.TrackRow[]
  values: Record<string, string>
  state: FormState | undefined
}) {
  const { t, locale } = c.var
  const tp = t.programmeProposals
  return (
    <article class="proposal-page narrow">
      <p class="breadcrumb">
        <a href={myProposalsPath(locale)}>{tp.edit.back}</a>
      </p>
      <h1>{tp.edit.title(found.proposal.title)}</h1>
      {state && Object.keys(state.errors).length ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
      <form method="post" action={`/${locale}/proposals/${found.proposal.id}/edit`} class="stack">
        <CsrfField c={c} />
        <ProposalFields
          t={t}
          locale={locale}
          asks={found.call.fields}
          durations={found.call.durations}
          tracks={tracks}
          state={{ values, errors: state?.errors ?? {} }}
        />
        <SaveBar label={tp.edit.save} />
      </form>
    </article>
  )
}

export function ConfirmView({
  c,
  found,
  said,
}: {
  c: Context<AppEnv>
  found: Awaited<ReturnType<typeof confirmation>>
  said: string | undefined
}) {
  const { t, locale } = c.var
  const tp = t.programmeProposals
  const eventTitle = titleOf(locale, found.event)
  const waiting =
    found.proposal.state === 'accepted' && !found.speaker.confirmedAt && !found.speaker.declinedAt
  return (
    <article class="proposal-page narrow">
      <h1>{tp.confirm.title}</h1>
      {said === 'confirmed' ? <Notice kind="success">{tp.confirm.confirmed}</Notice> : null}
      {said === 'declined' ? <Notice kind="info">{tp.confirm.declined}</Notice> : null}
      <div class="proposal-box">
        <h2>{found.proposal.title}</h2>
        <p class="muted">
          <a href={`/${locale}/events/${found.event.slug}`}>{eventTitle}</a>
          {' · '}
          {formatInZone(locale, found.event.startsAt, found.event.timeZone)}
        </p>
        <p>
          <StateBadge t={t} state={found.proposal.state} />
        </p>
        {!found.mineToAnswer ? (
          <Notice kind="error">{tp.confirm.notYours}</Notice>
        ) : waiting ? (
          <>
            <p>{tp.confirm.lead(found.proposal.title, eventTitle)}</p>
            <Actions>
              <form
                method="post"
                action={`/${locale}/speakers/confirm/${found.speaker.secret}`}
                class="inline"
              >
                <CsrfField c={c} />
                <input type="hidden" name="answer" value="confirm" />
                <button type="submit">{tp.confirm.confirm}</button>
              </form>
              <form
                method="post"
                action={`/${locale}/speakers/confirm/${found.speaker.secret}`}
                class="inline"
              >
                <CsrfField c={c} />
                <input type="hidden" name="answer" value="decline" />
                <button type="submit" class="secondary">
                  {tp.confirm.decline}
                </button>
              </form>
            </Actions>
          </>
        ) : said ? null : (
          <p class="muted">{tp.confirm.answered}</p>
        )}
      </div>
    </article>
  )
}

export function ReviewQueueView({
  c,
  event,
  rows,
}: {
  c: Context<AppEnv>
  event: NonNullable<Awaited<ReturnType<typeof repo.selectEventBySlug>>>
  rows: Awaited<ReturnType<typeof reviewQueue>>
}) {
  const { t, locale } = c.var
  const tp = t.programmeProposals
  const title = titleOf(locale, event)
  const done = rows.filter((r) => r.myScore !== null).length
  return (
    <article class="proposals-review-queue">
      <p class="breadcrumb">
        <a href={`/${locale}/events/${event.slug}`}>{title}</a>
      </p>
      <h1>{tp.review.queueTitle(title)}</h1>
      <p class="lead">{tp.review.queueLead}</p>
      <ul class="stat-tiles">
        <li>
          <StatTile value={rows.length} label={t.programmeProposals.tab} />
        </li>
        <li>
          <StatTile value={done} label={tp.review.yours} />
        </li>
      </ul>
      {!rows.length ? (
        <EmptyState title={tp.review.queueNone}>{null}</EmptyState>
      ) : (
        <div class="table-wrap proposal-table-wrap">
          <table>
            <caption class="visually-hidden">{tp.review.queueTitle(title)}</caption>
            <thead>
              <tr>
                <th scope="col">{tp.console.columns.title}</th>
                <th scope="col">{tp.fields.duration.label}</th>
                <th scope="col">{tp.review.yourScore}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`${reviewsPath(locale, event.slug)}/${r.proposal.id}`}>{r.proposal.title}</a>
                  </th>
                  <td>{tp.minutes(r.proposal.durationMinutes)}</td>
                  <td>
                    {r.myScore === null ? (
                      <Badge>{tp.review.notYet}</Badge>
                    ) : (
                      <Badge tone="accent">{String(r.myScore)}</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  )
}

export function ReviewView({
  c,
  found,
  state,
  notice,
}: {
  c: Context<AppEnv>
  found: Awaited<ReturnType<typeof proposalForReview>>
  state: FormState | undefined
  notice: string | undefined
}) {
  const { t, locale } = c.var
  const tp = t.programmeProposals
  const p = found.proposal
  const track = found.tracks.find((tr) => tr.id === p.trackId)
  const values = state?.values ?? {
    score: found.current ? String(found.current.score) : '',
    comment: found.current?.comment ?? '',
  }
  const back = found.organiser
    ? { href: proposalsConsolePath(locale, found.event.id), label: tp.review.backTable }
    : { href: reviewsPath(locale, found.event.slug), label: tp.review.back }
  return (
    <article class="proposal-review">
      <p class="breadcrumb">
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>{p.title}</h1>
      {notice && tp.notices[notice] ? <Notice kind="success">{tp.notices[notice]}</Notice> : null}
      <p class="proposal-facts">
        <StateBadge t={t} state={p.state} /> <Badge>{tp.minutes(p.durationMinutes)}</Badge>{' '}
        <Badge>{t.events.sessionKinds[p.kind] ?? p.kind}</Badge>{' '}
        {p.level ? <Badge>{tp.levels[p.level]}</Badge> : null}{' '}
        {p.language ? <Badge>{t.events.languages[p.language] ?? p.language}</Badge> : null}{' '}
        {track ? <Badge tone="accent">{textIn(locale, track.nameZh, track.nameEn)}</Badge> : null}
      </p>
      <div class="proposal-review-grid">
        <section class="proposal-box" aria-labelledby="proposal-text">
          <h2 id="proposal-text">{tp.fields.abstract.label}</h2>
          <p>{p.abstract}</p>
          {p.description ? (
            <>
              <h3>{tp.fields.description.label}</h3>
              <p class="prewrap">{p.description}</p>
            </>
          ) : null}
          {p.notes ? (
            <>
              <h3>{tp.review.notes}</h3>
              <p class="prewrap">{p.notes}</p>
            </>
          ) : null}
          <h3>{tp.review.speakers}</h3>
          {p.speakers === null ? (
            <p class="muted">{tp.review.anonymous}</p>
          ) : (
            <ul class="plain">
              {p.speakers.map((s) => (
                <li>
                  {s.person ? displayName(s.person, locale) : (s.speaker.githubLogin ?? s.speaker.email)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="proposal-box" aria-labelledby="review-form">
          <h2 id="review-form">{tp.review.yours}</h2>
          <p class="muted">
            {tp.review.summary(found.summary.count, score(found.summary.median), score(found.summary.mean))}
          </p>
          {found.mayReview && (p.state === 'submitted' || p.state === 'in_review') ? (
            <form method="post" action={`${reviewsPath(locale, found.event.slug)}/${p.id}`} class="stack">
              <CsrfField c={c} />
              <fieldset class={state?.errors.score ? 'field has-error' : 'field'}>
                <legend>{tp.review.score}</legend>
                <div class="score-choices">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <label class="score-choice">
                      <input
                        type="radio"
                        name="score"
                        value={String(n)}
                        checked={values.score === String(n)}
                        required
                      />
                      <span>{tp.review.scores[n]}</span>
                    </label>
                  ))}
                </div>
                {state?.errors.score ? <p class="error">{state.errors.score}</p> : null}
              </fieldset>
              <Field
                name="comment"
                label={tp.review.comment}
                hint={tp.review.commentHint}
                multiline
                value={values.comment}
                error={state?.errors.comment}
              />
              <Actions>
                <button type="submit">{found.current ? tp.review.replace : tp.review.submit}</button>
              </Actions>
            </form>
          ) : (
            <p class="muted">{tp.review.notReviewing}</p>
          )}
          {found.earlier.length ? (
            <>
              <h3>{tp.review.earlier}</h3>
              <ul class="plain review-history">
                {found.earlier.map((r) => (
                  <li>
                    <Badge>{String(r.score)}</Badge>{' '}
                    <span class="muted">{formatDate(locale, r.createdAt, true)}</span>
                    {r.comment ? <p class="prewrap">{r.comment}</p> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {found.others.length ? (
            <>
              <h3>{tp.review.others}</h3>
              <ul class="plain review-history">
                {found.others.map((r) => (
                  <li>
                    <Badge tone="accent">{String(r.review.score)}</Badge> {displayName(r.person, locale)}
                    {r.review.comment ? <p class="prewrap">{r.review.comment}</p> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
    </article>
  )
}

export function ConsoleView({
  c,
  table,
  query,
  failed,
  notice,
  sent,
  now,
}: {
  c: Context<AppEnv>
  table: Awaited<ReturnType<typeof proposalsTable>>
  query: TableQuery
  failed: ConsoleFailure
  notice: string | undefined
  sent: string | undefined
  now: Date
}) {
  const { t, locale } = c.var
  const tp = t.programmeProposals
  const tc = tp.console
  const { event, call } = table
  const title = titleOf(locale, event)
  const base = proposalsConsolePath(locale, event.id)
  const zone = event.timeZone
  const valuesOf = (form: 'call' | 'track' | 'reviewer') =>
    failed?.form === form ? failed.state.values : null
  const errorsOf = (form: 'call' | 'track' | 'reviewer') => (failed?.form === form ? failed.state.errors : {})
  const callValues = valuesOf('call') ?? {
    opensAt: call ? wallClockOf(call.opensAt, zone) : '',
    closesAt: call ? wallClockOf(call.closesAt, zone) : '',
    durations: (call?.durations ?? [30, 45]).join(', '),
    anonymousReviews: call?.anonymousReviews ? 'yes' : '',
    acceptTemplateZh: call?.acceptTemplateZh ?? '',
    acceptTemplateEn: call?.acceptTemplateEn ?? '',
    rejectTemplateZh: call?.rejectTemplateZh ?? '',
    rejectTemplateEn: call?.rejectTemplateEn ?? '',
  }
  const asked = new Set<string>(
    failed?.form === 'call'
      ? optionalProposalFields.filter((f) => failed.state.values[`ask_${f}`] === 'yes')
      : (call?.fields ?? optionalProposalFields),
  )
  const href = (over: Partial<TableQuery>) => {
    const q = { ...query, ...over }
    const params = new URLSearchParams()
    params.set('sort', q.sort)
    params.set('dir', q.dir)
    if (q.state) params.set('state', q.state)
    if (q.track) params.set('track', q.track)
    if (q.level) params.set('level', q.level)
    if (q.q) params.set('q', q.q)
    return `${base}?${params}#proposals`
  }
  const sortHeader = (key: TableQuery['sort'], label: string) => {
    const current = query.sort === key
    const next = current && query.dir === 'desc' ? 'asc' : 'desc'
    return (
      <th scope="col" aria-sort={current ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <a href={href({ sort: key, dir: next })}>
          {label}
          <span aria-hidden="true">{current ? (query.dir === 'asc' ? ' ↑' : ' ↓') : ''}</span>
          <span class="visually-hidden">{tc.sortBy(label)}</span>
        </a>
      </th>
    )
  }
  const filtered = query.state || query.track || query.level || query.q
  return (
    <>
      <p class="breadcrumb">
        <a href={`/${locale}/console/events/${event.id}`}>{tc.back}</a>
      </p>
      <h1>{tc.titleFor(title)}</h1>
      <Tabs label={t.events.console.tabs} tabs={eventTabs(t, locale, event.id, 'proposals')} />
      {notice && tp.notices[notice] ? <Notice kind="success">{tp.notices[notice]}</Notice> : null}
      {sent !== undefined ? <Notice kind="success">{tp.sent(Number(sent) || 0)}</Notice> : null}
      {failed ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
      <p class="lead">{tc.lead}</p>
      <ul class="stat-tiles">
        <li>
          <StatTile value={table.total} label={tp.tab} />
        </li>
        <li>
          <StatTile value={table.rows.filter((r) => r.summary.count > 0).length} label={tc.columns.reviews} />
        </li>
        <li>
          <StatTile value={table.queuedCount} label={tc.queue} />
        </li>
      </ul>

      <section aria-labelledby="queue-title" class="proposal-box proposal-queue">
        <h2 id="queue-title">{tc.queue}</h2>
        <p>{table.queuedCount ? tc.queueLead(table.queuedCount) : tc.queueEmpty}</p>
        {table.queuedCount ? (
          <form method="post" action={`${base}/send`}>
            <CsrfField c={c} />
            <button type="submit">{tc.send}</button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="proposals-title" id="proposals">
        <h2 id="proposals-title">{tp.tab}</h2>
        <form method="get" action={base} class="event-filters" aria-label={tc.filters}>
          <input type="hidden" name="sort" value={query.sort} />
          <input type="hidden" name="dir" value={query.dir} />
          <Choice
            id="filter-state"
            name="state"
            label={tc.state}
            value={query.state ?? ''}
            options={[
              ['', tc.anyState],
              ...proposalStates.map((s): [string, string] => [s, tp.states[s] ?? '']),
            ]}
          />
          {table.tracks.length ? (
            <Choice
              id="filter-track"
              name="track"
              label={tc.track}
              value={query.track ?? ''}
              options={[
                ['', tc.anyTrackFilter],
                ...table.tracks.map((tr): [string, string] => [tr.id, textIn(locale, tr.nameZh, tr.nameEn)]),
              ]}
            />
          ) : null}
          <Choice
            id="filter-level"
            name="level"
            label={tc.level}
            value={query.level ?? ''}
            options={[
              ['', tc.anyLevel],
              ...proposalLevels.map((l): [string, string] => [l, tp.levels[l] ?? '']),
            ]}
          />
          <div class="field">
            <label for="filter-q">{tc.search}</label>
            <input id="filter-q" name="q" type="search" value={query.q} />
          </div>
          <div class="actions">
            <button type="submit" class="secondary">
              {tc.filter}
            </button>
            {filtered ? <a href={`${base}#proposals`}>{tc.clear}</a> : null}
          </div>
        </form>
        <p class="muted">{tc.shown(table.rows.length, table.total)}</p>
        {!table.rows.length ? (
          <p class="muted">{table.total ? tc.noneFiltered : tc.none}</p>
        ) : (
          <div class="table-wrap proposal-table-wrap">
            <table class="proposals-table">
              <caption class="visually-hidden">{tc.titleFor(title)}</caption>
              <thead>
                <tr>
                  {sortHeader('title', tc.columns.title)}
                  <th scope="col">{tc.columns.state}</th>
                  {sortHeader('reviews', tc.columns.reviews)}
                  {sortHeader('score', tc.columns.median)}
                  {sortHeader('mean', tc.columns.mean)}
                  <th scope="col">{tc.columns.decision}</th>
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={`${reviewsPath(locale, event.slug)}/${r.proposal.id}`}>{r.proposal.title}</a>
                      <br />
                      <span class="muted">
                        {r.speakers
                          .map((s) =>
                            s.person
                              ? displayName(s.person, locale)
                              : (s.speaker.githubLogin ?? s.speaker.email),
                          )
                          .join(', ')}
                        {' · '}
                        {tp.minutes(r.proposal.durationMinutes)}
                        {r.track ? ` · ${textIn(locale, r.track.nameZh, r.track.nameEn)}` : ''}
                        {r.proposal.level ? ` · ${tp.levels[r.proposal.level]}` : ''}
                      </span>
                    </th>
                    <td>
                      <StateBadge t={t} state={r.proposal.state} />
                    </td>
                    <td class="number">{r.summary.count}</td>
                    <td class="number">{score(r.summary.median)}</td>
                    <td class="number">{score(r.summary.mean)}</td>
                    <td>
                      {r.queued ? (
                        <form method="post" action={`${base}/${r.proposal.id}/decide`} class="inline">
                          <CsrfField c={c} />
                          <input type="hidden" name="decision" value="none" />
                          <Badge tone={r.queued === 'accept' ? 'success' : 'danger'}>
                            {r.queued === 'accept' ? tc.queuedAccept : tc.queuedReject}
                          </Badge>{' '}
                          <button
                            type="submit"
                            class="link-button"
                            aria-label={tc.unqueueLabel(r.proposal.title)}
                          >
                            {tc.unqueue}
                          </button>
                        </form>
                      ) : ['accepted', 'confirmed', 'rejected', 'withdrawn', 'cancelled'].includes(
                          r.proposal.state,
                        ) ? (
                        <form method="post" action={`${base}/${r.proposal.id}/move`} class="inline">
                          <CsrfField c={c} />
                          {['accepted', 'confirmed'].includes(r.proposal.state) ? (
                            <button
                              type="submit"
                              name="move"
                              value="cancel"
                              class="link-button"
                              aria-label={tc.cancelLabel(r.proposal.title)}
                            >
                              {tc.cancel}
                            </button>
                          ) : (
                            <button
                              type="submit"
                              name="move"
                              value="reopen"
                              class="link-button"
                              aria-label={tc.reopenLabel(r.proposal.title)}
                            >
                              {tc.reopen}
                            </button>
                          )}
                        </form>
                      ) : ['submitted', 'in_review'].includes(r.proposal.state) ? (
                        <div class="actions">
                          <form method="post" action={`${base}/${r.proposal.id}/decide`} class="inline">
                            <CsrfField c={c} />
                            <input type="hidden" name="decision" value="accept" />
                            <button
                              type="submit"
                              class="secondary"
                              aria-label={tc.acceptLabel(r.proposal.title)}
                            >
                              {tc.accept}
                            </button>
                          </form>
                          <form method="post" action={`${base}/${r.proposal.id}/decide`} class="inline">
                            <CsrfField c={c} />
                            <input type="hidden" name="decision" value="reject" />
                            <button
                              type="submit"
                              class="secondary"
                              aria-label={tc.rejectLabel(r.proposal.title)}
                            >
                              {tc.reject}
                            </button>
                          </form>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <form method="post" action={`${base}/call`} class="stack">
        <CsrfField c={c} />
        <FormSection
          id="call"
          title={tc.call}
          hint={
            !call
              ? tc.callNone
              : now < call.opensAt
                ? tc.callUpcoming(formatInZone(locale, call.opensAt, zone))
                : table.open
                  ? tc.callOpen(formatInZone(locale, call.closesAt, zone))
                  : tc.callClosed
          }
        >
          <p class="hint">{tc.timesIn(zone)}</p>
          <div class="grid-2">
            <Field
              name="opensAt"
              type="datetime-local"
              label={tc.opensAt}
              required
              value={callValues.opensAt}
              error={errorsOf('call').opensAt}
            />
            <Field
              name="closesAt"
              type="datetime-local"
              label={tc.closesAt}
              required
              value={callValues.closesAt}
              error={errorsOf('call').closesAt}
            />
          </div>
          <Field
            name="durations"
            label={tc.durations}
            hint={tc.durationsHint}
            required
            value={callValues.durations}
            error={errorsOf('call').durations}
          />
          <fieldset class="field">
            <legend>{tc.asks}</legend>
            {optionalProposalFields.map((f) => (
              <label class="checkbox">
                <input type="checkbox" name={`ask_${f}`} value="yes" checked={asked.has(f)} />{' '}
                {tp.fields[f].label}
              </label>
            ))}
          </fieldset>
          <label class="checkbox">
            <input
              type="checkbox"
              name="anonymousReviews"
              value="yes"
              checked={callValues.anonymousReviews === 'yes'}
            />{' '}
            {tc.anonymous}
          </label>
          <details class="proposal-templates">
            <summary>{tc.templates}</summary>
            <p class="hint">{tc.templatesHint}</p>
            <div class="grid-2">
              {(
                ['acceptTemplateZh', 'acceptTemplateEn', 'rejectTemplateZh', 'rejectTemplateEn'] as const
              ).map((k) => (
                <Field
                  name={k}
                  label={tc[k]}
                  multiline
                  lang={k.endsWith('Zh') ? 'zh' : 'en'}
                  value={callValues[k]}
                  error={errorsOf('call')[k]}
                />
              ))}
            </div>
          </details>
          <Actions>
            <button type="submit">{tc.saveCall}</button>
          </Actions>
        </FormSection>
      </form>

      <div class="grid-2">
        <FormSection id="tracks" title={tc.tracks}>
          {table.tracks.length ? (
            <ul class="plain">
              {table.tracks.map((tr) => (
                <li>
                  <Badge tone="accent">{textIn(locale, tr.nameZh, tr.nameEn)}</Badge>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{tc.noTracks}</p>
          )}
          <form method="post" action={`${base}/tracks`} class="stack">
            <CsrfField c={c} />
            <Field
              name="nameZh"
              id="track-nameZh"
              label={tc.nameZh}
              lang="zh"
              value={valuesOf('track')?.nameZh}
              error={errorsOf('track').nameZh}
            />
            <Field
              name="nameEn"
              id="track-nameEn"
              label={tc.nameEn}
              lang="en"
              value={valuesOf('track')?.nameEn}
              error={errorsOf('track').nameEn}
            />
            <Actions>
              <button type="submit" class="secondary">
                {tc.addTrack}
              </button>
            </Actions>
          </form>
        </FormSection>
        <FormSection id="reviewers" title={tc.reviewers}>
          {table.reviewers.length ? (
            <ul class="plain reviewer-list">
              {table.reviewers.map((r) => (
                <li class="person-line">
                  <a href={`/${locale}/people/${r.person.handle}`}>{displayName(r.person, locale)}</a>{' '}
                  <span class="muted">
                    {r.reviewer.trackId
                      ? textIn(
                          locale,
                          table.tracks.find((tr) => tr.id === r.reviewer.trackId)?.nameZh ?? null,
                          table.tracks.find((tr) => tr.id === r.reviewer.trackId)?.nameEn ?? null,
                        )
                      : tc.wholeEvent}
                  </span>
                  <form method="post" action={`${base}/reviewers/${r.reviewer.id}/remove`} class="inline">
                    <CsrfField c={c} />
                    <button
                      type="submit"
                      class="link-button"
                      aria-label={tc.removeLabel(displayName(r.person, locale))}
                    >
                      {tc.remove}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{tc.noReviewers}</p>
          )}
          <form method="post" action={`${base}/reviewers`} class="stack">
            <CsrfField c={c} />
            <Field
              name="handle"
              label={tc.reviewerHandle}
              required
              value={valuesOf('reviewer')?.handle}
              error={errorsOf('reviewer').handle}
            />
            <div class="field">
              <label for="field-trackId">{tc.reviewerTrack}</label>
              <select id="field-trackId" name="trackId">
                <option value="">{tc.wholeEvent}</option>
                {table.tracks.map((tr) => (
                  <option value={tr.id}>{textIn(locale, tr.nameZh, tr.nameEn)}</option>
                ))}
              </select>
            </div>
            <Actions>
              <button type="submit" class="secondary">
                {tc.addReviewer}
              </button>
            </Actions>
          </form>
        </FormSection>
      </div>
    </>
  )
}

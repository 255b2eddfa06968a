// What volunteering shows: the panel on the event's page (roles, shifts, places left, sign up or
// withdraw) and the organisers' board (who covers what, what is missing, the forms to change it).
import type { Context } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'
import { pictureOf } from '../../platform/media/pictures.ts'
import { Actions, Avatar, Badge, FormSection, StatTile, Tabs } from '../../platform/views/components.tsx'
import { CsrfField, Field, Notice } from '../../platform/views/layout.tsx'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { displayName } from '../people/index.ts'
import { eventTabs, registerEventTab } from './events.tabs.ts'
import { type volunteerBoard, volunteering } from './events.volunteers.ts'

/** The volunteers' console page of an event. */
export const volunteersPath = (locale: Locale, eventId: string) =>
  `/${locale}/console/events/${eventId}/volunteers`
/** Where the event page's forms send a sign-up (`/withdraw` after it to step back). */
export const volunteerPath = (locale: Locale, slug: string) => `/${locale}/events/${slug}/volunteer`

registerEventTab({
  key: 'volunteers',
  order: 60,
  label: (t) => t.eventVolunteers.tab,
  href: (locale, id) => volunteersPath(locale, id),
})

/** A shift's time in the event's zone: "Sat 5 Dec, 13:00–15:00". */
export function shiftWhen(locale: Locale, shift: { startsAt: Date; endsAt: Date }, timeZone: string) {
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatRange(shift.startsAt, shift.endsAt)
}

type PanelEvent = { id: string; slug: string; status: string; timeZone: string }

/**
 * The event page's volunteer section, for E2's page to mount beside registration: nothing at all
 * while the event has no roles. Anonymous readers get a sign-in link and no form, so their copy
 * of the page stays cacheable; a notice after a sign-up (`?volunteer=`) is for signed-in readers.
 */
export async function VolunteerPanel({
  c,
  deps,
  event,
}: {
  c: Context<AppEnv>
  deps: Pick<Deps, 'db' | 'now'>
  event: PanelEvent
}) {
  const { t, locale, viewer } = c.var
  const tv = t.eventVolunteers
  const { roles, organiser } = await volunteering(deps, viewer, event.id)
  if (!roles.length) return null
  const said = viewer ? c.req.query('volunteer') : undefined
  const notice = said ? tv.notices[said] : undefined
  const good = said === 'signedUp' || said === 'withdrawn'
  const now = deps.now()
  const open = event.status === 'published'
  const mine = roles.flatMap((r) => r.shifts).filter((s) => s.mine).length
  const back = `/${locale}/events/${event.slug}`
  return (
    <section class="event-panel volunteer-panel" id="volunteers" aria-labelledby="volunteers-title">
      <h2 id="volunteers-title">{tv.panel.title}</h2>
      {notice ? <Notice kind={good ? 'success' : 'error'}>{notice}</Notice> : null}
      <p class="hint">{tv.panel.lead}</p>
      {mine ? <p>{tv.panel.yourShifts(mine)}</p> : null}
      {roles.map(({ role, shifts }) => {
        const name = textIn(locale, role.nameZh, role.nameEn)
        return (
          <div class="volunteer-role">
            <h3>
              <Localized locale={locale} zh={role.nameZh} en={role.nameEn} />
            </h3>
            {role.descriptionZh || role.descriptionEn ? (
              <p class="muted">
                <Localized locale={locale} zh={role.descriptionZh} en={role.descriptionEn} />
              </p>
            ) : null}
            <ul class="plain volunteer-shifts">
              {shifts.map(({ shift, left, mine: isMine }) => {
                const when = shiftWhen(locale, shift, event.timeZone)
                const started = now >= shift.startsAt
                return (
                  <li class="volunteer-shift">
                    <span>
                      <time datetime={shift.startsAt.toISOString()}>{when}</time>
                      <br />
                      {isMine ? (
                        <Badge tone="success">{tv.panel.youAreIn}</Badge>
                      ) : left ? (
                        <span class="muted">{tv.panel.placesLeft(left)}</span>
                      ) : (
                        <Badge>{tv.panel.full}</Badge>
                      )}
                    </span>
                    {viewer && open && !started && (isMine || left) ? (
                      <form
                        method="post"
                        action={
                          isMine
                            ? `${volunteerPath(locale, event.slug)}/withdraw`
                            : volunteerPath(locale, event.slug)
                        }
                        class="inline"
                      >
                        <CsrfField c={c} />
                        <input type="hidden" name="shift" value={shift.id} />
                        <button
                          type="submit"
                          class={isMine ? 'secondary' : undefined}
                          aria-label={
                            isMine ? tv.panel.withdrawLabel(name, when) : tv.panel.signUpLabel(name, when)
                          }
                        >
                          {isMine ? tv.panel.withdraw : tv.panel.signUp}
                        </button>
                      </form>
                    ) : null}
                  </li>
                )
              })}
            </ul>
          </div>
        )
      })}
      {!viewer && open ? (
        <p>
          <a href={`/${locale}/sign-in?next=${encodeURIComponent(`${back}#volunteers`)}`}>
            {tv.panel.signIn}
          </a>
        </p>
      ) : null}
      {organiser ? (
        <p>
          <a href={volunteersPath(locale, event.id)}>{tv.tab}</a>
        </p>
      ) : null}
    </section>
  )
}

type Board = Awaited<ReturnType<typeof volunteerBoard>>
type FormState = {
  form: 'role' | `shift:${string}`
  values: Record<string, string>
  errors: Record<string, string>
}

/** The organisers' page: coverage first, then each role's shifts with who covers them. */
export function VolunteerBoardView(p: {
  c: Context<AppEnv>
  t: Messages
  locale: Locale
  board: Board
  notice: string | null
  failed: FormState | null
}) {
  const { c, t, locale, board } = p
  const tv = t.eventVolunteers
  const { event, roles, coverage } = board
  const base = volunteersPath(locale, event.id)
  const zone = event.timeZone
  const typedIn = (form: FormState['form'], name: string) =>
    p.failed?.form === form ? p.failed.values[name] : undefined
  const errorOf = (form: FormState['form'], name: string) =>
    p.failed?.form === form ? p.failed.errors[name] : undefined
  return (
    <>
      <p class="breadcrumb">
        <a href={`/${locale}/console/events/${event.id}`}>{tv.back}</a>
      </p>
      <h1>{tv.titleFor(textIn(locale, event.titleZh, event.titleEn))}</h1>
      <Tabs label={t.events.console.tabs} tabs={eventTabs(t, locale, event.id, 'volunteers')} />
      {p.notice ? <Notice kind="success">{p.notice}</Notice> : null}
      {p.failed ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
      <p class="lead">{tv.lead}</p>
      <section aria-labelledby="coverage-title">
        <h2 id="coverage-title">{tv.coverage}</h2>
        <ul class="stat-tiles">
          <li>
            <StatTile value={coverage.places} label={tv.places} />
          </li>
          <li>
            <StatTile value={coverage.filled} label={tv.filled} />
          </li>
          <li>
            <StatTile value={coverage.missing} label={tv.missing} />
          </li>
        </ul>
        {roles.length ? (
          <p>{coverage.missing ? tv.missingSummary(coverage.missing) : tv.allCovered}</p>
        ) : (
          <p class="muted">
            {tv.noRoles} {tv.noRolesHint}
          </p>
        )}
      </section>
      {roles.map(({ role, shifts }) => {
        const name = textIn(locale, role.nameZh, role.nameEn)
        const shiftForm = `shift:${role.id}` as const
        return (
          <section class="volunteer-role" aria-labelledby={`role-${role.id}`}>
            <h2 id={`role-${role.id}`}>
              <Localized locale={locale} zh={role.nameZh} en={role.nameEn} />
            </h2>
            {role.descriptionZh || role.descriptionEn ? (
              <p class="muted">
                <Localized locale={locale} zh={role.descriptionZh} en={role.descriptionEn} />
              </p>
            ) : null}
            {shifts.length ? (
              <div class="table-wrap">
                <table>
                  <caption class="visually-hidden">{name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{tv.shift}</th>
                      <th scope="col">{tv.needs}</th>
                      <th scope="col">{tv.who}</th>
                      <th scope="col">
                        <span class="visually-hidden">{tv.removeShift}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shifts.map(({ shift, people, taken, left }) => {
                      const when = shiftWhen(locale, shift, zone)
                      return (
                        <tr>
                          <th scope="row">
                            <time datetime={shift.startsAt.toISOString()}>{when}</time>
                          </th>
                          <td>
                            {tv.shiftNeeds(taken, shift.slots)}{' '}
                            {left ? (
                              <Badge tone="warning">{tv.shiftMissing(left)}</Badge>
                            ) : (
                              <Badge tone="success">{tv.shiftFull}</Badge>
                            )}
                          </td>
                          <td>
                            {people.length ? (
                              <ul class="plain volunteer-people">
                                {people.map((person) => (
                                  <li class="person-line">
                                    <Avatar
                                      name={displayName(person, locale)}
                                      picture={person.avatar ? pictureOf(person.avatar, 32) : undefined}
                                      src={person.avatarUrl}
                                      alt=""
                                      size="small"
                                    />
                                    <a href={`/${locale}/people/${person.handle}`}>
                                      {displayName(person, locale)}
                                    </a>
                                    <form
                                      method="post"
                                      action={`${base}/shifts/${shift.id}/people/${person.id}/remove`}
                                      class="inline"
                                    >
                                      <CsrfField c={c} />
                                      <button
                                        type="submit"
                                        class="link-button"
                                        aria-label={tv.removePersonLabel(displayName(person, locale))}
                                      >
                                        {tv.removePerson}
                                      </button>
                                    </form>
                                  </li>
                                ))}
                              </ul>
                            ) : (
                              <span class="muted">{tv.nobodyYet}</span>
                            )}
                          </td>
                          <td>
                            <form method="post" action={`${base}/shifts/${shift.id}/remove`} class="inline">
                              <CsrfField c={c} />
                              <button type="submit" class="secondary" aria-label={tv.removeShiftLabel(when)}>
                                {tv.removeShift}
                              </button>
                            </form>
                          </td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              </div>
            ) : (
              <p class="muted">{tv.noShifts}</p>
            )}
            <details class="volunteer-add" open={p.failed?.form === shiftForm ? true : undefined}>
              <summary>{tv.addShiftTo(name)}</summary>
              <form method="post" action={`${base}/roles/${role.id}/shifts`}>
                <CsrfField c={c} />
                <p class="hint">{tv.timesIn(zone)}</p>
                <div class="grid-2">
                  <Field
                    name="startsAt"
                    id={`startsAt-${role.id}`}
                    type="datetime-local"
                    label={tv.startsAt}
                    required
                    value={typedIn(shiftForm, 'startsAt')}
                    error={errorOf(shiftForm, 'startsAt')}
                  />
                  <Field
                    name="endsAt"
                    id={`endsAt-${role.id}`}
                    type="datetime-local"
                    label={tv.endsAt}
                    required
                    value={typedIn(shiftForm, 'endsAt')}
                    error={errorOf(shiftForm, 'endsAt')}
                  />
                </div>
                <Field
                  name="slots"
                  id={`slots-${role.id}`}
                  type="number"
                  inputmode="numeric"
                  label={tv.slots}
                  required
                  value={typedIn(shiftForm, 'slots') ?? '2'}
                  error={errorOf(shiftForm, 'slots')}
                />
                <button type="submit">{tv.saveShift}</button>
              </form>
            </details>
            <form method="post" action={`${base}/roles/${role.id}/remove`}>
              <CsrfField c={c} />
              <Actions>
                <button type="submit" class="secondary" aria-label={tv.removeRoleLabel(name)}>
                  {tv.removeRole}
                </button>
              </Actions>
            </form>
          </section>
        )
      })}
      <FormSection id="add-role" title={tv.addRole}>
        <form method="post" action={`${base}/roles`}>
          <CsrfField c={c} />
          <div class="grid-2">
            <Field
              name="nameZh"
              label={tv.nameZh}
              lang="zh-Hans"
              value={typedIn('role', 'nameZh')}
              error={errorOf('role', 'nameZh')}
            />
            <Field
              name="nameEn"
              label={tv.nameEn}
              lang="en"
              value={typedIn('role', 'nameEn')}
              error={errorOf('role', 'nameEn')}
            />
          </div>
          <div class="grid-2">
            <Field
              name="descriptionZh"
              label={tv.descriptionZh}
              lang="zh-Hans"
              multiline
              value={typedIn('role', 'descriptionZh')}
              error={errorOf('role', 'descriptionZh')}
            />
            <Field
              name="descriptionEn"
              label={tv.descriptionEn}
              lang="en"
              multiline
              value={typedIn('role', 'descriptionEn')}
              error={errorOf('role', 'descriptionEn')}
            />
          </div>
          <button type="submit">{tv.saveRole}</button>
        </form>
      </FormSection>
    </>
  )
}

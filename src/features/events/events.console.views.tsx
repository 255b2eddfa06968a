// The organisers' forms: an event (what, when, where, registration), a session, a speaker, a room,
// an organiser, a sponsor. Each keeps what was typed and shows a refusal beside its field.
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { AppEnv } from '../../platform/http/context.ts'
import { FormSection, SaveBar } from '../../platform/views/components.tsx'
import { Choice, CsrfField, Field, FieldPair } from '../../platform/views/layout.tsx'
import { textIn } from '../../platform/views/localized.tsx'
import type { EpisodeLink } from '../podcast/index.ts'
import type { Room } from './events.repo.ts'
import {
  attendanceModes,
  eventKinds,
  type SessionKind,
  sessionKinds,
  sessionLanguages,
  speakerRolesFor,
} from './events.rules.ts'

/** A form's state: what was typed, and what was refused where. */
export type FormState = { values: Record<string, string>; errors: Record<string, string> }
export type Values = {
  v: (name: string) => string | undefined
  e: (name: string) => string | undefined
}

/** Reads a form's values and errors, falling back to `current` for what was not typed. */
export function valuesOf(
  form: FormState | undefined,
  current: Record<string, string | null | undefined> = {},
): Values {
  return {
    v: (name) => (form ? form.values[name] : (current[name] ?? undefined)),
    e: (name) => form?.errors[name],
  }
}

function Flag({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field">
      <label for={`field-${name}`}>
        <input type="checkbox" id={`field-${name}`} name={name} checked={checked} /> {label}
      </label>
    </div>
  )
}

/** IANA zone names the platform knows, offered as the time zone field is typed. */
const zoneNames = Intl.supportedValuesOf('timeZone')

export type ChapterChoice = { slug: string; cityZh: string; cityEn: string }

/**
 * An event's form: what, when, where, registration. A new event also sets its places and whether
 * organisers approve each; afterwards those belong to the registrations page, which keeps the
 * waitlist in order when they change.
 */
export function EventForm({
  c,
  action,
  form,
  current,
  chapters,
  isNew,
  slugFixed,
  capacity,
}: {
  c: Context<AppEnv>
  action: string
  form?: FormState | undefined
  current?: Record<string, string | null | undefined>
  chapters: ChapterChoice[]
  isNew: boolean
  slugFixed?: boolean
  capacity?: number | null
}) {
  const { t, locale } = c.var
  const tc = t.events.console
  const f = tc.fields
  const { v, e } = valuesOf(form, current)
  const pair = { value: v, error: e }
  return (
    <form method="post" action={action} novalidate>
      <CsrfField c={c} />
      <FormSection id="what" title={tc.sections.what} hint={tc.sections.whatHint}>
        <Choice
          name="kind"
          label={f.kind}
          value={v('kind')}
          error={e('kind')}
          options={eventKinds.map((k) => [k, t.events.kinds[k] ?? k])}
        />
        <Choice
          name="chapter"
          label={f.chapter}
          hint={f.chapterHint}
          value={v('chapter')}
          error={e('chapter')}
          options={[
            ['', f.noChapter],
            ...chapters.map((ch): [string, string] => [ch.slug, locale === 'zh' ? ch.cityZh : ch.cityEn]),
          ]}
        />
        <FieldPair name="title" labelZh={f.titleZh} labelEn={f.titleEn} {...pair} />
        {slugFixed ? (
          <p class="hint">
            {f.slug}: <code>{v('slug')}</code> — {f.slugFixed}
            <input type="hidden" name="slug" value={v('slug') ?? ''} />
          </p>
        ) : (
          <Field name="slug" label={f.slug} hint={f.slugHint} value={v('slug')} error={e('slug')} />
        )}
        <Field
          name="summaryZh"
          label={f.summaryZh}
          hint={f.summaryHint}
          value={v('summaryZh')}
          error={e('summaryZh')}
          lang="zh-Hans"
        />
        <Field name="summaryEn" label={f.summaryEn} value={v('summaryEn')} error={e('summaryEn')} lang="en" />
        <Field
          name="descriptionZh"
          label={f.descriptionZh}
          hint={f.descriptionHint}
          multiline
          value={v('descriptionZh')}
          error={e('descriptionZh')}
          lang="zh-Hans"
        />
        <Field
          name="descriptionEn"
          label={f.descriptionEn}
          multiline
          value={v('descriptionEn')}
          error={e('descriptionEn')}
          lang="en"
        />
      </FormSection>
      <FormSection id="when" title={tc.sections.when} hint={tc.sections.whenHint}>
        <div class={e('timeZone') ? 'field has-error' : 'field'}>
          <label for="field-timeZone">{f.timeZone}</label>
          <p class="hint" id="field-timeZone-hint">
            {f.timeZoneHint}
          </p>
          <input
            id="field-timeZone"
            name="timeZone"
            value={v('timeZone') ?? ''}
            list="time-zones"
            required
            autocomplete="off"
            aria-describedby={
              e('timeZone') ? 'field-timeZone-error field-timeZone-hint' : 'field-timeZone-hint'
            }
            aria-invalid={e('timeZone') ? 'true' : undefined}
          />
          <datalist id="time-zones">
            {zoneNames.map((z) => (
              <option value={z} />
            ))}
          </datalist>
          {e('timeZone') ? (
            <p class="error" id="field-timeZone-error">
              {e('timeZone')}
            </p>
          ) : null}
        </div>
        <Field
          name="startsAt"
          type="datetime-local"
          label={f.startsAt}
          required
          value={v('startsAt')}
          error={e('startsAt')}
        />
        <Field
          name="endsAt"
          type="datetime-local"
          label={f.endsAt}
          required
          value={v('endsAt')}
          error={e('endsAt')}
        />
      </FormSection>
      <FormSection id="where" title={tc.sections.where} hint={tc.sections.whereHint}>
        <Choice
          name="mode"
          label={f.mode}
          value={v('mode')}
          error={e('mode')}
          options={attendanceModes.map((m) => [m, t.events.modes[m] ?? m])}
        />
        <FieldPair name="venue" labelZh={f.venueZh} labelEn={f.venueEn} {...pair} />
        <Field
          name="address"
          label={f.address}
          value={v('address')}
          error={e('address')}
          autocomplete="street-address"
        />
        <Field
          name="country"
          label={f.country}
          hint={f.countryHint}
          value={v('country')}
          error={e('country')}
        />
        <Field
          name="mapUrl"
          type="url"
          inputmode="url"
          label={f.mapUrl}
          value={v('mapUrl')}
          error={e('mapUrl')}
        />
        <Field
          name="accessibilityZh"
          label={f.accessibilityZh}
          hint={f.accessibilityHint}
          multiline
          value={v('accessibilityZh')}
          error={e('accessibilityZh')}
          lang="zh-Hans"
        />
        <Field
          name="accessibilityEn"
          label={f.accessibilityEn}
          multiline
          value={v('accessibilityEn')}
          error={e('accessibilityEn')}
          lang="en"
        />
        <Field
          name="onlineUrl"
          type="url"
          inputmode="url"
          label={f.onlineUrl}
          hint={f.onlineUrlHint}
          value={v('onlineUrl')}
          error={e('onlineUrl')}
        />
      </FormSection>
      <FormSection id="registration" title={tc.sections.registration} hint={tc.sections.registrationHint}>
        {isNew ? (
          <>
            <Field
              name="capacity"
              label={f.capacity}
              hint={f.capacityHint}
              inputmode="numeric"
              value={v('capacity')}
              error={e('capacity')}
            />
            <Flag
              name="requiresApproval"
              label={f.requiresApproval}
              checked={v('requiresApproval') === 'on'}
            />
          </>
        ) : (
          <p class="hint">
            {f.capacityLater(capacity === null || capacity === undefined ? f.noLimit : String(capacity))}
          </p>
        )}
        <Field
          name="registrationOpensAt"
          type="datetime-local"
          label={f.registrationOpensAt}
          hint={f.registrationWindowHint}
          value={v('registrationOpensAt')}
          error={e('registrationOpensAt')}
        />
        <Field
          name="registrationClosesAt"
          type="datetime-local"
          label={f.registrationClosesAt}
          value={v('registrationClosesAt')}
          error={e('registrationClosesAt')}
        />
      </FormSection>
      <SaveBar label={isNew ? tc.createButton : tc.save} />
    </form>
  )
}

/** A session's form (adding one, or changing one); times are in the event's zone. */
export function SessionForm({
  c,
  action,
  form,
  current,
  rooms,
  episodes,
  timeZone,
  submit,
}: {
  c: Context<AppEnv>
  action: string
  form?: FormState | undefined
  current?: Record<string, string | null | undefined>
  rooms: Room[]
  episodes: EpisodeLink[]
  timeZone: string
  submit: string
}) {
  const { t, locale } = c.var
  const sf = t.events.console.sessionFields
  const { v, e } = valuesOf(form, current)
  return (
    <form method="post" action={action} novalidate>
      <CsrfField c={c} />
      <Choice
        name="kind"
        label={sf.kind}
        value={v('kind')}
        error={e('kind')}
        options={sessionKinds.map((k) => [k, t.events.sessionKinds[k] ?? k])}
      />
      <FieldPair name="title" labelZh={sf.titleZh} labelEn={sf.titleEn} value={v} error={e} />
      <Field
        name="startsAt"
        type="datetime-local"
        label={sf.startsAt}
        hint={sf.timesHint(timeZone)}
        value={v('startsAt')}
        error={e('startsAt')}
      />
      <Field name="endsAt" type="datetime-local" label={sf.endsAt} value={v('endsAt')} error={e('endsAt')} />
      {rooms.length ? (
        <Choice
          name="roomId"
          label={sf.room}
          value={v('roomId')}
          error={e('roomId')}
          options={[
            ['', sf.noRoom],
            ...rooms.map((r): [string, string] => [r.id, textIn(locale, r.nameZh, r.nameEn)]),
          ]}
        />
      ) : null}
      <Choice
        name="language"
        label={sf.language}
        value={v('language')}
        error={e('language')}
        options={[
          ['', sf.anyLanguage],
          ...sessionLanguages.map((l): [string, string] => [l, t.events.languages[l] ?? l]),
        ]}
      />
      <Field
        name="abstractZh"
        label={sf.abstractZh}
        hint={t.events.console.fields.descriptionHint}
        multiline
        value={v('abstractZh')}
        error={e('abstractZh')}
        lang="zh-Hans"
      />
      <Field
        name="abstractEn"
        label={sf.abstractEn}
        multiline
        value={v('abstractEn')}
        error={e('abstractEn')}
        lang="en"
      />
      <Field
        name="videoUrl"
        type="url"
        inputmode="url"
        label={sf.videoUrl}
        hint={sf.videoHint}
        value={v('videoUrl')}
        error={e('videoUrl')}
      />
      <Field
        name="slidesUrl"
        type="url"
        inputmode="url"
        label={sf.slidesUrl}
        value={v('slidesUrl')}
        error={e('slidesUrl')}
      />
      {episodes.length ? (
        <Choice
          name="episodeId"
          label={sf.episode}
          hint={sf.episodeHint}
          value={v('episodeId')}
          error={e('episodeId')}
          options={[
            ['', sf.noEpisode],
            ...episodes.map((ep): [string, string] => [
              ep.id,
              `${textIn(locale, ep.show.titleZh, ep.show.titleEn)} · ${textIn(locale, ep.titleZh, ep.titleEn)}`,
            ]),
          ]}
        />
      ) : null}
      <button type="submit">{submit}</button>
    </form>
  )
}

/** Names someone in a session: a handle, or an outsider's name; the roles are those of its kind. */
export function SpeakerForm({
  c,
  action,
  kind,
  form,
}: {
  c: Context<AppEnv>
  action: string
  kind: SessionKind
  form?: FormState | undefined
}) {
  const { t } = c.var
  const sp = t.events.console.speakerFields
  const { v, e } = valuesOf(form)
  const roles = speakerRolesFor(kind)
  if (!roles.length) return null
  return (
    <form method="post" action={action} novalidate>
      <CsrfField c={c} />
      <Field name="handle" label={sp.handle} hint={sp.handleHint} value={v('handle')} error={e('handle')} />
      <FieldPair name="name" labelZh={sp.nameZh} labelEn={sp.nameEn} value={v} error={e} />
      <Field name="affiliation" label={sp.affiliation} value={v('affiliation')} error={e('affiliation')} />
      <Choice
        name="role"
        label={sp.role}
        value={v('role')}
        error={e('role')}
        options={roles.map((r) => [r, t.events.roles[r] ?? r])}
      />
      <button type="submit">{t.events.console.addSpeaker}</button>
    </form>
  )
}

/** A room's fields; `id` keeps each room's form's ids apart on one page. */
export function RoomFields({ c, values, id }: { c: Context<AppEnv>; values: Values; id: string }) {
  const rf = c.var.t.events.console.roomFields
  const { v, e } = values
  return (
    <>
      <Field
        id={`${id}-nameZh`}
        name="nameZh"
        label={rf.nameZh}
        value={v('nameZh')}
        error={e('nameZh')}
        lang="zh-Hans"
      />
      <Field
        id={`${id}-nameEn`}
        name="nameEn"
        label={rf.nameEn}
        value={v('nameEn')}
        error={e('nameEn')}
        lang="en"
      />
      <Field
        id={`${id}-capacity`}
        name="capacity"
        label={rf.capacity}
        inputmode="numeric"
        value={v('capacity')}
        error={e('capacity')}
      />
    </>
  )
}

/** A small form posting one button (remove this, move that). */
export function ButtonForm({
  c,
  action,
  label,
  danger,
  children,
}: {
  c: Context<AppEnv>
  action: string
  label: Child
  danger?: boolean
  children?: Child
}) {
  return (
    <form method="post" action={action} class="inline">
      <CsrfField c={c} />
      {children}
      <button type="submit" class={danger ? 'secondary danger-text' : 'secondary'}>
        {label}
      </button>
    </form>
  )
}

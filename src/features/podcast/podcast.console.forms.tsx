// The podcast console's forms: the fields of a show and an episode, in the groups its long forms
// show as sections, and the small forms several pages repeat (the pages are in
// podcast.console.views.tsx, their routes in podcast.console.tsx).
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/http/context.ts'
import { CsrfField, Field, FieldPair, FileField } from '../../platform/views/layout.tsx'
import { Localized } from '../../platform/views/localized.tsx'
import type * as podcast from './podcast.service.ts'

type Run = Awaited<ReturnType<typeof podcast.showToRun>>
type Booking = Awaited<ReturnType<typeof podcast.bookingsOf>>[number]

export type Values = {
  c: Context<AppEnv>
  v: (name: string) => string | undefined
  e: (name: string) => string | undefined
}

/** A yes/no field sent as "yes" when ticked (how the inputs read flags). */
function Flag({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field">
      <label for={`field-${name}`}>
        <input type="checkbox" id={`field-${name}`} name={name} value="yes" checked={checked} /> {label}
      </label>
    </div>
  )
}

function Choice(p: { name: string; label: string; value: string; options: Record<string, string> }) {
  return (
    <div class="field">
      <label for={`field-${p.name}`}>{p.label}</label>
      <select id={`field-${p.name}`} name={p.name}>
        {Object.entries(p.options).map(([value, label]) => (
          <option value={value} selected={p.value === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The part of a show's or an episode's address its title gives (its hint says when it no longer changes). */
export function SlugField({ c, v, e, fixed = false }: Values & { fixed?: boolean }) {
  const tp = c.var.t.podcastConsole
  return (
    <Field
      name="slug"
      label={tp.slug}
      hint={fixed ? tp.slugFixedHint : tp.slugHint}
      required
      value={v('slug')}
      error={e('slug')}
    />
  )
}

/** What listeners read about a show (but its title and slug). */
export function ShowAboutFields({ c, v, e }: Values) {
  const tp = c.var.t.podcastConsole
  return (
    <>
      <FieldPair
        name="description"
        labelZh={tp.descriptionZh}
        labelEn={tp.descriptionEn}
        multiline
        value={v}
        error={e}
      />
      <Field
        name="language"
        label={tp.language}
        hint={tp.languageHint}
        required
        value={v('language') ?? 'zh-cn'}
        error={e('language')}
      />
      <Field
        name="categories"
        label={tp.categories}
        hint={tp.categoriesHint}
        multiline
        value={v('categories')}
        error={e('categories')}
      />
      <Choice name="type" label={tp.showType} value={v('type') ?? 'episodic'} options={tp.showTypes} />
      <Flag name="explicit" label={tp.explicit} checked={v('explicit') === 'yes'} />
    </>
  )
}

/** Who makes a show and owns its feed. */
export function ShowPeopleFields({ c, v, e }: Values) {
  const tp = c.var.t.podcastConsole
  return (
    <>
      <Field
        name="hosts"
        label={tp.hosts}
        hint={tp.hostsHint}
        multiline
        value={v('hosts')}
        error={e('hosts')}
      />
      <Field name="ownerName" label={tp.ownerName} required value={v('ownerName')} error={e('ownerName')} />
      <Field
        name="ownerEmail"
        label={tp.ownerEmail}
        type="email"
        required
        value={v('ownerEmail')}
        error={e('ownerEmail')}
      />
      <Field name="copyright" label={tp.copyright} value={v('copyright')} error={e('copyright')} />
    </>
  )
}

/** A show's fields (but its slug), for creating it in one short form. */
export function ShowFields(p: Values) {
  return (
    <>
      <ShowAboutFields {...p} />
      <ShowPeopleFields {...p} />
    </>
  )
}

/** What listeners read about an episode, but its title and slug. */
export function EpisodeAboutFields({ c, v, e }: Values) {
  const tp = c.var.t.podcastConsole
  return (
    <>
      <Field
        name="notes"
        label={tp.notes}
        hint={tp.notesHint}
        multiline
        value={v('notes')}
        error={e('notes')}
      />
      <Field
        name="season"
        label={tp.season}
        type="number"
        inputmode="numeric"
        value={v('season')}
        error={e('season')}
      />
      <Field
        name="number"
        label={tp.number}
        type="number"
        inputmode="numeric"
        value={v('number')}
        error={e('number')}
      />
      <Choice name="type" label={tp.episodeType} value={v('type') ?? 'full'} options={tp.episodeTypes} />
      <Flag name="explicit" label={tp.explicit} checked={v('explicit') === 'yes'} />
    </>
  )
}

/** An episode's chapter marks, guests, sponsor and video. */
export function EpisodeMoreFields({ c, v, e }: Values) {
  const tp = c.var.t.podcastConsole
  return (
    <>
      <Field
        name="chapters"
        label={tp.chapters}
        hint={tp.chaptersHint}
        multiline
        value={v('chapters')}
        error={e('chapters')}
      />
      <Field
        name="guests"
        label={tp.guests}
        hint={tp.guestsHint}
        multiline
        value={v('guests')}
        error={e('guests')}
      />
      <Field name="sponsor" label={tp.sponsor} value={v('sponsor')} error={e('sponsor')} />
      <Field name="videoUrl" label={tp.videoUrl} type="url" value={v('videoUrl')} error={e('videoUrl')} />
    </>
  )
}

/** An episode's fields but its title and slug, for creating it in one short form. */
export function EpisodeFields(p: Values) {
  return (
    <>
      <EpisodeAboutFields {...p} />
      <EpisodeMoreFields {...p} />
    </>
  )
}

/** A file on a form of its own: streamed to the route, which checks the form's token before the file. */
export function UploadForm(p: {
  c: Context<AppEnv>
  action: string
  name: string
  label: string
  hint: string
  accept: string
  error?: string | undefined
  button: string
}) {
  return (
    <form method="post" action={p.action} enctype="multipart/form-data">
      <CsrfField c={p.c} />
      <FileField
        name={p.name}
        label={p.label}
        hint={p.hint}
        accept={p.accept}
        dropText={p.c.var.t.podcastConsole.dropFile}
        error={p.error}
      />
      <button type="submit">{p.button}</button>
    </form>
  )
}

/** Where a show is heard and supported, who drew its cover, and the texts directories ask for. */
export function ListenForm({ c, v, e, show, action }: Values & { show: Run['show']; action: string }) {
  const tp = c.var.t.podcastConsole
  return (
    <form method="post" action={action} novalidate>
      <CsrfField c={c} />
      <Field
        name="platforms"
        label={tp.platforms}
        hint={tp.platformsHint}
        multiline
        value={v('platforms') ?? show.platforms.map((p) => `${p.platform} ${p.url}`).join('\n')}
        error={e('platforms')}
      />
      <Field
        name="fundings"
        label={tp.fundings}
        hint={tp.fundingsHint}
        multiline
        value={v('fundings') ?? show.fundings.map((f) => `${f.label} ${f.url}`).join('\n')}
        error={e('fundings')}
      />
      <Field
        name="coverCredit"
        label={tp.coverCredit}
        value={v('coverCredit') ?? show.coverCredit ?? ''}
        error={e('coverCredit')}
      />
      <Field
        name="txts"
        label={tp.txts}
        hint={tp.txtsHint}
        multiline
        value={v('txts') ?? show.txts.map((x) => (x.purpose ? `${x.purpose}: ${x.text}` : x.text)).join('\n')}
        error={e('txts')}
      />
      <button type="submit">{tp.saveSettings}</button>
    </form>
  )
}

/** When an accepted guest records, and the episode that credits them; one form per guest. */
export function BookingForm(p: {
  c: Context<AppEnv>
  action: string
  booking: Booking['booking']
  guest: string
  episodes: Run['episodes']
}) {
  const { t, locale } = p.c.var
  const tp = t.podcastConsole
  const { booking } = p
  return (
    <form method="post" action={p.action}>
      <CsrfField c={p.c} />
      <Field
        name="recordingOn"
        id={`rec-${booking.id}`}
        label={tp.recordingOn}
        type="date"
        value={booking.recordingOn ?? ''}
      />
      <div class="field">
        <label for={`ep-${booking.id}`}>{tp.creditOn}</label>
        <select id={`ep-${booking.id}`} name="episodeId">
          <option value="">{tp.noEpisodeYet}</option>
          {p.episodes.map((ep) => (
            <option value={ep.id} selected={booking.episodeId === ep.id}>
              <Localized locale={locale} zh={ep.titleZh} en={ep.titleEn} />
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        {tp.saveBooking}
        <span class="visually-hidden"> — {p.guest}</span>
      </button>
    </form>
  )
}

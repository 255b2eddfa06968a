// The podcast console's pages: what each shows, given what its route loaded (the routes are in
// podcast.console.tsx, the forms the pages share in podcast.console.forms.tsx, the downloads page
// in podcast.console.downloads.tsx).
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/http/context.ts'
import { formatDate, formatInZone } from '../../platform/i18n/index.ts'
import { mediaUrl } from '../../platform/media/media.ts'
import { FormSection, SaveBar } from '../../platform/views/components.tsx'
import { CsrfField, Field, FieldPair, Notice } from '../../platform/views/layout.tsx'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { displayName } from '../people/index.ts'
import {
  BookingForm,
  EpisodeAboutFields,
  EpisodeFields,
  EpisodeMoreFields,
  ListenForm,
  ShowAboutFields,
  ShowFields,
  ShowPeopleFields,
  SlugField,
  UploadForm,
} from './podcast.console.forms.tsx'
import { clock } from './podcast.rules.ts'
import type * as podcast from './podcast.service.ts'

/** What a refused form sent, and the message at each field it refused. */
export type FormState = { values: Record<string, string>; errors: Record<string, string> }
/** A refused upload or publishing time: the field and its message. */
export type FieldError = { field: string; message: string }

type Run = Awaited<ReturnType<typeof podcast.showToRun>>
type Show = Run['show']
type Episode = Run['episodes'][number]

export const consoleBase = (locale: string) => `/${locale}/console/podcast`

/** A notice a redirect asked for (`?notice=`), when it is one the console knows. */
function Done({ c, notice }: { c: Context<AppEnv>; notice: string | undefined }) {
  const notices = c.var.t.podcastConsole.notices
  return notice && notices[notice] ? <Notice kind="success">{notices[notice]}</Notice> : null
}

/** The shows the viewer runs, and a new show's form for those who may start one. */
export function ShowsView(p: {
  c: Context<AppEnv>
  shows: Awaited<ReturnType<typeof podcast.showsToRun>>
  mayCreate: boolean
  form: FormState | undefined
}) {
  const { c, form } = p
  const { t, locale } = c.var
  const tp = t.podcastConsole
  const base = consoleBase(locale)
  const v = (name: string) => form?.values[name]
  const e = (name: string) => form?.errors[name]
  return (
    <>
      <h1>{tp.title}</h1>
      {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
      {p.shows.length ? (
        <ul class="timeline">
          {p.shows.map((s) => (
            <li>
              <a href={`${base}/${s.slug}`}>
                <Localized locale={locale} zh={s.titleZh} en={s.titleEn} />
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{tp.noShows}</p>
      )}
      {p.mayCreate ? (
        <section aria-labelledby="new-show-title">
          <h2 id="new-show-title">{tp.newShow}</h2>
          <p>
            <a href={`${base}/imports`}>{t.podcastImport.fromFeed}</a>
          </p>
          <form method="post" action={base} novalidate>
            <CsrfField c={c} />
            <FieldPair name="title" labelZh={tp.showTitleZh} labelEn={tp.showTitleEn} value={v} error={e} />
            <SlugField c={c} v={v} e={e} />
            <ShowFields c={c} v={v} e={e} />
            <button type="submit">{tp.createShow}</button>
          </form>
        </section>
      ) : null}
    </>
  )
}

/** A show's page: its episodes, cover, listening links, booked guests and a new episode's form. */
export function ShowView(p: {
  c: Context<AppEnv>
  show: Show
  episodes: Episode[]
  bookings: Awaited<ReturnType<typeof podcast.bookingsOf>>
  notice: string | undefined
  form: FormState | undefined
  coverError: string | undefined
}) {
  const { c, show, episodes, form } = p
  const { t, locale } = c.var
  const tp = t.podcastConsole
  const base = consoleBase(locale)
  const v = (name: string) => form?.values[name]
  // The listening links' errors are per line (`platforms.2`); the field shows the first.
  const e = (name: string) =>
    form?.errors[name] ?? Object.entries(form?.errors ?? {}).find(([k]) => k.startsWith(`${name}.`))?.[1]
  return (
    <>
      <p>
        <a href={base}>{tp.title}</a> · <a href={`/${locale}/podcast/${show.slug}`}>{tp.viewShow}</a>
      </p>
      <h1>
        <Localized locale={locale} zh={show.titleZh} en={show.titleEn} />
      </h1>
      <p>
        <a href={`${base}/${show.slug}/edit`}>{tp.editShow}</a>
      </p>
      <Done c={c} notice={p.notice} />
      {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
      <h2>{tp.episodes}</h2>
      {episodes.length ? (
        <ul class="timeline">
          {episodes.map((ep) => (
            <li>
              <a href={`${base}/${show.slug}/${ep.id}`}>
                <Localized locale={locale} zh={ep.titleZh} en={ep.titleEn} />
              </a>{' '}
              <span class="badge">{tp.statuses[ep.status] ?? ep.status}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{tp.noEpisodes}</p>
      )}
      <section aria-labelledby="cover-title">
        <h2 id="cover-title">{tp.cover}</h2>
        {show.cover ? (
          <img
            src={mediaUrl('', show.cover)}
            alt={t.podcast.cover(textIn(locale, show.titleZh, show.titleEn))}
            width="160"
            height="160"
            class="cover"
          />
        ) : (
          <p class="muted">{tp.noCover}</p>
        )}
        <UploadForm
          c={c}
          action={`${base}/${show.slug}/cover/upload`}
          name="cover"
          label={tp.coverFile}
          hint={tp.coverHint}
          accept="image/jpeg,image/png"
          error={p.coverError}
          button={tp.uploadCoverButton}
        />
      </section>
      <FormSection id="listen" title={tp.sections.listen} hint={tp.sections.listenHint}>
        <ListenForm c={c} v={v} e={e} show={show} action={`${base}/${show.slug}/settings`} />
      </FormSection>

      <section aria-labelledby="guests-title">
        <h2 id="guests-title">{tp.bookedGuests}</h2>
        {p.bookings.length === 0 ? (
          <p class="muted">{tp.noBookedGuests}</p>
        ) : (
          <ul class="timeline">
            {p.bookings.map(({ booking, person }) => (
              <li>
                <a href={`/${locale}/people/${person.handle}`}>{displayName(person, locale)}</a>
                <p class="pre">{booking.topic}</p>
                <BookingForm
                  c={c}
                  action={`${base}/${show.slug}/bookings/${booking.id}`}
                  booking={booking}
                  guest={displayName(person, locale)}
                  episodes={episodes}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="new-episode-title">
        <h2 id="new-episode-title">{tp.newEpisode}</h2>
        <form method="post" action={`${base}/${show.slug}/episodes`} novalidate>
          <CsrfField c={c} />
          <FieldPair
            name="title"
            labelZh={tp.episodeTitleZh}
            labelEn={tp.episodeTitleEn}
            value={v}
            error={e}
          />
          <SlugField c={c} v={v} e={e} />
          <EpisodeFields c={c} v={v} e={e} />
          <button type="submit">{tp.createEpisode}</button>
        </form>
      </section>
    </>
  )
}

/**
 * The value a field shows on an edit form: what is stored, or once sent, what was sent (an
 * unticked box sends nothing).
 */
const editValue = (current: Record<string, string>, form: FormState | undefined) => (name: string) =>
  form ? (form.values[name] ?? '') : current[name]

/** A show's edit form, in sections: what listeners read, and who makes it. */
export function EditShowView(p: {
  c: Context<AppEnv>
  show: Show
  current: Record<string, string>
  form: FormState | undefined
}) {
  const { c, show, form } = p
  const { t, locale } = c.var
  const tp = t.podcastConsole
  const base = consoleBase(locale)
  const v = editValue(p.current, form)
  const e = (name: string) => form?.errors[name]
  return (
    <>
      <p>
        <a href={`${base}/${show.slug}`}>
          <Localized locale={locale} zh={show.titleZh} en={show.titleEn} />
        </a>
      </p>
      <h1>{tp.editShow}</h1>
      {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
      <form method="post" action={`${base}/${show.slug}/edit`} novalidate>
        <CsrfField c={c} />
        <FormSection id="show-about" title={tp.sections.showAbout} hint={tp.sections.showAboutHint}>
          <FieldPair name="title" labelZh={tp.showTitleZh} labelEn={tp.showTitleEn} value={v} error={e} />
          <ShowAboutFields c={c} v={v} e={e} />
        </FormSection>
        <FormSection id="show-people" title={tp.sections.showPeople} hint={tp.sections.showPeopleHint}>
          <ShowPeopleFields c={c} v={v} e={e} />
        </FormSection>
        <SaveBar label={tp.save} />
      </form>
    </>
  )
}

/** An episode's page: its status, audio, transcript, art, and publishing. */
export function EpisodeView(p: {
  c: Context<AppEnv>
  show: Show
  episode: Episode
  timeZone: string
  notice: string | undefined
  error: FieldError | undefined
}) {
  const { c, show, episode, error } = p
  const { t, locale } = c.var
  const tp = t.podcastConsole
  const base = consoleBase(locale)
  const action = `${base}/${show.slug}/${episode.id}`
  const errorAt = (field: string) => (error?.field === field ? error.message : undefined)
  return (
    <>
      <p>
        <a href={`${base}/${show.slug}`}>
          <Localized locale={locale} zh={show.titleZh} en={show.titleEn} />
        </a>
      </p>
      <h1>
        <Localized locale={locale} zh={episode.titleZh} en={episode.titleEn} />
      </h1>
      <p>
        <span class="badge">{tp.statuses[episode.status] ?? episode.status}</span>
        {episode.publishAt && episode.status === 'scheduled' ? (
          <span class="muted"> · {formatInZone(locale, episode.publishAt, p.timeZone)}</span>
        ) : null}
        {episode.status === 'published' ? (
          <>
            {' '}
            · <a href={`/${locale}/podcast/${show.slug}/${episode.slug}`}>{tp.viewEpisode}</a> ·{' '}
            <a href={`${base}/${show.slug}/downloads?episode=${episode.id}`}>{tp.downloads}</a>
          </>
        ) : null}
      </p>
      <p>
        <a href={`${action}/edit`}>{tp.editEpisode}</a>
      </p>
      <Done c={c} notice={p.notice} />
      <section aria-labelledby="audio-title">
        <h2 id="audio-title">{tp.audio}</h2>
        {episode.audio ? (
          <p>
            {episode.audio.filename} · {clock(episode.audio.durationSeconds ?? 0)} ·{' '}
            {tp.size(Math.round(episode.audio.bytes / 1024))} · {formatDate(locale, episode.audio.createdAt)}
          </p>
        ) : (
          <p class="muted">{tp.noAudio}</p>
        )}
        <UploadForm
          c={c}
          action={`${action}/upload`}
          name="audio"
          label={episode.audio ? tp.replaceAudio : tp.uploadAudio}
          hint={tp.audioHint}
          accept="audio/mpeg,audio/mp4,audio/x-m4a,.mp3,.m4a"
          error={errorAt('audio')}
          button={tp.uploadAudioButton}
        />
      </section>
      <section aria-labelledby="transcript-title">
        <h2 id="transcript-title">{tp.transcript}</h2>
        <p class="muted">{episode.transcript ? episode.transcript.filename : tp.noTranscript}</p>
        <UploadForm
          c={c}
          action={`${action}/transcript/upload`}
          name="transcript"
          label={tp.transcriptFile}
          hint={tp.transcriptHint}
          accept=".vtt,.srt,text/vtt"
          error={errorAt('transcript')}
          button={tp.uploadTranscriptButton}
        />
      </section>
      <section aria-labelledby="art-title">
        <h2 id="art-title">{tp.episodeArt}</h2>
        {episode.art ? (
          <img
            src={mediaUrl('', episode.art)}
            alt={t.podcast.cover(textIn(locale, episode.titleZh, episode.titleEn))}
            width="160"
            height="160"
            class="cover"
          />
        ) : (
          <p class="muted">{tp.noEpisodeArt}</p>
        )}
        <UploadForm
          c={c}
          action={`${action}/art/upload`}
          name="art"
          label={tp.coverFile}
          hint={tp.coverHint}
          accept="image/jpeg,image/png"
          error={errorAt('art')}
          button={tp.uploadArtButton}
        />
      </section>
      <section aria-labelledby="publish-title">
        <h2 id="publish-title">{tp.publish}</h2>
        <form method="post" action={`${action}/publish`} novalidate>
          <CsrfField c={c} />
          <Field
            name="at"
            label={tp.publishAt(p.timeZone)}
            hint={tp.publishAtHint}
            type="datetime-local"
            error={errorAt('at')}
          />
          <button type="submit">{tp.publishButton}</button>
        </form>
        {episode.status === 'published' || episode.status === 'scheduled' ? (
          <form method="post" action={`${action}/unpublish`}>
            <CsrfField c={c} />
            <button type="submit" class="secondary">
              {tp.unpublish}
            </button>
          </form>
        ) : null}
      </section>
    </>
  )
}

/** An episode's edit form, in sections: what listeners read, and its chapters, guests and more. */
export function EditEpisodeView(p: {
  c: Context<AppEnv>
  show: Show
  episode: Episode
  current: Record<string, string>
  form: FormState | undefined
}) {
  const { c, show, episode, form } = p
  const { t, locale } = c.var
  const tp = t.podcastConsole
  const base = consoleBase(locale)
  const v = editValue(p.current, form)
  const e = (name: string) => form?.errors[name]
  const action = `${base}/${show.slug}/${episode.id}`
  return (
    <>
      <p>
        <a href={`${base}/${show.slug}`}>
          <Localized locale={locale} zh={show.titleZh} en={show.titleEn} />
        </a>{' '}
        ·{' '}
        <a href={action}>
          <Localized locale={locale} zh={episode.titleZh} en={episode.titleEn} />
        </a>
      </p>
      <h1>{tp.editEpisode}</h1>
      {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
      <form method="post" action={`${action}/edit`} novalidate>
        <CsrfField c={c} />
        <FormSection id="episode-about" title={tp.sections.episodeAbout} hint={tp.sections.episodeAboutHint}>
          <FieldPair
            name="title"
            labelZh={tp.episodeTitleZh}
            labelEn={tp.episodeTitleEn}
            value={v}
            error={e}
          />
          <SlugField c={c} v={v} e={e} fixed={Boolean(episode.publishedAt)} />
          <EpisodeAboutFields c={c} v={v} e={e} />
        </FormSection>
        <FormSection id="episode-more" title={tp.sections.episodeMore} hint={tp.sections.episodeMoreHint}>
          <EpisodeMoreFields c={c} v={v} e={e} />
        </FormSection>
        <SaveBar label={tp.save} />
      </form>
    </>
  )
}

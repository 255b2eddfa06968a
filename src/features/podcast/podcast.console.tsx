import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Child } from 'hono/jsx'
import type { z } from 'zod'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid, uuidParam } from '../../platform/http/edge-input.ts'
import { receiveUpload } from '../../platform/http/upload.ts'
import { formatDate, formatInZone, formatPercent, translateIssue } from '../../platform/i18n/index.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { MediaRefused, mediaUrl } from '../../platform/media/media.ts'
import { FormSection, SaveBar } from '../../platform/views/components.tsx'
import { CsrfField, Field, FieldPair, FileField, Notice } from '../../platform/views/layout.tsx'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { formFields, readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { can } from '../access/index.ts'
import { displayName } from '../people/index.ts'
import {
  EpisodeAboutFields,
  EpisodeFields,
  EpisodeMoreFields,
  ShowAboutFields,
  ShowFields,
  ShowPeopleFields,
  SlugField,
} from './podcast.console.views.tsx'
import { episodeInput, showEditInput, showInput, showSettingsInput } from './podcast.inputs.ts'
import { clock } from './podcast.rules.ts'
import * as podcast from './podcast.service.ts'
import { TranscriptRefused } from './podcast.transcripts.ts'

type FormState = { values: Record<string, string>; errors: Record<string, string> }

/**
 * A form post: read with its schema and handed to `act`; what the schema or the service refuses
 * shows the page again (`again`) with the message at its field, what was typed kept.
 */
async function submitForm<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  again: (form: FormState) => Promise<Response>,
  act: (data: z.output<S>) => Promise<Response>,
) {
  const form = await readForm(c, schema)
  if (!form.ok) return again(form)
  try {
    return await act(form.data)
  } catch (e) {
    const field = refusedField(e)
    if (!field) throw e
    return again({ values: form.values, errors: { [field.name]: field.message(c) } })
  }
}

export function podcastConsolePages(deps: Deps) {
  const app = new Hono<AppEnv>()
  const base = (locale: string) => `/${locale}/console/podcast`

  const showsPage = async (c: Context<AppEnv>, form?: FormState) => {
    const { t, locale, viewer } = c.var
    const tp = t.podcastConsole
    const shows = await podcast.showsToRun(deps, viewer)
    const v = (name: string) => form?.values[name]
    const e = (name: string) => form?.errors[name]
    return render(
      c,
      { title: tp.title, status: form ? 422 : 200 },
      <>
        <h1>{tp.title}</h1>
        {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        {shows.length ? (
          <ul class="timeline">
            {shows.map((s) => (
              <li>
                <a href={`${base(locale)}/${s.slug}`}>
                  <Localized locale={locale} zh={s.titleZh} en={s.titleEn} />
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{tp.noShows}</p>
        )}
        {can(viewer, { action: 'podcast.manage' }) ? (
          <section aria-labelledby="new-show-title">
            <h2 id="new-show-title">{tp.newShow}</h2>
            <p>
              <a href={`${base(locale)}/imports`}>{t.podcastImport.fromFeed}</a>
            </p>
            <form method="post" action={base(locale)} novalidate>
              <CsrfField c={c} />
              <FieldPair name="title" labelZh={tp.showTitleZh} labelEn={tp.showTitleEn} value={v} error={e} />
              <SlugField c={c} v={v} e={e} />
              <ShowFields c={c} v={v} e={e} />
              <button type="submit">{tp.createShow}</button>
            </form>
          </section>
        ) : null}
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/console/podcast', (c) => showsPage(c))
  app.post('/:lang{(?:zh|en)}/console/podcast', (c) =>
    submitForm(
      c,
      showInput,
      (form) => showsPage(c, form),
      async (data) => {
        const show = await podcast.createShow(deps, c.var.viewer, data)
        return redirectWithNotice(c, `${base(c.var.locale)}/${show.slug}`, 'created')
      },
    ),
  )

  const showPage = async (c: Context<AppEnv>, form?: FormState, coverError?: string) => {
    const { t, locale, viewer } = c.var
    const tp = t.podcastConsole
    const { show, episodes } = await podcast.showToRun(deps, viewer, c.req.param('show') ?? '')
    const bookings = await podcast.bookingsOf(deps, viewer, show.id)
    const v = (name: string) => form?.values[name]
    const e = (name: string) =>
      form?.errors[name] ?? Object.entries(form?.errors ?? {}).find(([k]) => k.startsWith(`${name}.`))?.[1]
    const notice = c.req.query('notice')
    return render(
      c,
      { title: textIn(locale, show.titleZh, show.titleEn), status: form || coverError ? 422 : 200 },
      <>
        <p>
          <a href={base(locale)}>{tp.title}</a> ·{' '}
          <a href={`/${locale}/podcast/${show.slug}`}>{tp.viewShow}</a>
        </p>
        <h1>
          <Localized locale={locale} zh={show.titleZh} en={show.titleEn} />
        </h1>
        <p>
          <a href={`${base(locale)}/${show.slug}/edit`}>{tp.editShow}</a>
        </p>
        {notice && tp.notices[notice] ? <Notice kind="success">{tp.notices[notice]}</Notice> : null}
        {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <h2>{tp.episodes}</h2>
        {episodes.length ? (
          <ul class="timeline">
            {episodes.map((ep) => (
              <li>
                <a href={`${base(locale)}/${show.slug}/${ep.id}`}>
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
          <form
            method="post"
            action={`${base(locale)}/${show.slug}/cover/upload`}
            enctype="multipart/form-data"
          >
            <CsrfField c={c} />
            <FileField
              name="cover"
              label={tp.coverFile}
              hint={tp.coverHint}
              accept="image/jpeg,image/png"
              dropText={tp.dropFile}
              error={coverError}
            />
            <button type="submit">{tp.uploadCoverButton}</button>
          </form>
        </section>
        <FormSection id="listen" title={tp.sections.listen} hint={tp.sections.listenHint}>
          <form method="post" action={`${base(locale)}/${show.slug}/settings`} novalidate>
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
              value={
                v('txts') ?? show.txts.map((x) => (x.purpose ? `${x.purpose}: ${x.text}` : x.text)).join('\n')
              }
              error={e('txts')}
            />
            <button type="submit">{tp.saveSettings}</button>
          </form>
        </FormSection>

        <section aria-labelledby="guests-title">
          <h2 id="guests-title">{tp.bookedGuests}</h2>
          {bookings.length === 0 ? (
            <p class="muted">{tp.noBookedGuests}</p>
          ) : (
            <ul class="timeline">
              {bookings.map(({ booking, person }) => (
                <li>
                  <a href={`/${locale}/people/${person.handle}`}>{displayName(person, locale)}</a>
                  <p class="pre">{booking.topic}</p>
                  <form method="post" action={`${base(locale)}/${show.slug}/bookings/${booking.id}`}>
                    <CsrfField c={c} />
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
                        {episodes.map((ep) => (
                          <option value={ep.id} selected={booking.episodeId === ep.id}>
                            <Localized locale={locale} zh={ep.titleZh} en={ep.titleEn} />
                          </option>
                        ))}
                      </select>
                    </div>
                    <button type="submit" class="secondary">
                      {tp.saveBooking}
                      <span class="visually-hidden"> — {displayName(person, locale)}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="new-episode-title">
          <h2 id="new-episode-title">{tp.newEpisode}</h2>
          <form method="post" action={`${base(locale)}/${show.slug}/episodes`} novalidate>
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
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/console/podcast/:show', (c) => showPage(c))
  app.post('/:lang{(?:zh|en)}/console/podcast/:show/episodes', (c) =>
    submitForm(
      c,
      episodeInput,
      (form) => showPage(c, form),
      async (data) => {
        const episode = await podcast.createEpisode(deps, c.var.viewer, c.req.param('show'), data)
        return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('show')}/${episode.id}`, 'created')
      },
    ),
  )

  const editShowPage = async (c: Context<AppEnv>, form?: FormState) => {
    const { t, locale, viewer } = c.var
    const tp = t.podcastConsole
    const { show, hosts } = await podcast.showToRun(deps, viewer, c.req.param('show') ?? '')
    const current: Record<string, string> = podcast.showFormValues(show, hosts)
    // Once sent, the form shows what was sent (an unticked box sends nothing).
    const v = (name: string) => (form ? (form.values[name] ?? '') : current[name])
    const e = (name: string) => form?.errors[name]
    return render(
      c,
      { title: tp.editShow, status: form ? 422 : 200 },
      <>
        <p>
          <a href={`${base(locale)}/${show.slug}`}>
            <Localized locale={locale} zh={show.titleZh} en={show.titleEn} />
          </a>
        </p>
        <h1>{tp.editShow}</h1>
        {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <form method="post" action={`${base(locale)}/${show.slug}/edit`} novalidate>
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
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/console/podcast/:show/edit', (c) => editShowPage(c))
  app.post('/:lang{(?:zh|en)}/console/podcast/:show/edit', (c) =>
    submitForm(
      c,
      showEditInput,
      (form) => editShowPage(c, form),
      async (data) => {
        await podcast.editShow(deps, c.var.viewer, c.req.param('show'), data)
        return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('show')}`, 'settings')
      },
    ),
  )

  app.post('/:lang{(?:zh|en)}/console/podcast/:show/cover/upload', async (c) => {
    try {
      const { result } = await receiveUpload(c, 'cover', (file) =>
        podcast.attachArt(
          deps,
          c.var.viewer,
          { showSlug: c.req.param('show') },
          { filename: file.filename, source: file.stream },
        ),
      )
      if (!result)
        return showPage(c, undefined, translateIssue(c.var.locale, { message: 'required' } as never))
      return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('show')}`, 'cover')
    } catch (e) {
      if (!(e instanceof MediaRefused)) throw e
      return showPage(c, undefined, translateIssue(c.var.locale, { message: e.reason } as never))
    }
  })

  app.post('/:lang{(?:zh|en)}/console/podcast/:show/settings', async (c) => {
    const form = await readForm(c, showSettingsInput)
    if (!form.ok) return showPage(c, form)
    await podcast.updateShowSettings(deps, c.var.viewer, c.req.param('show'), form.data)
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('show')}`, 'settings')
  })

  app.post(`/:lang{(?:zh|en)}/console/podcast/:show/bookings/:booking${uuidParam}`, async (c) => {
    const { recordingOn = '', episodeId = '' } = await formFields(c)
    await podcast.bookGuest(deps, c.var.viewer, c.req.param('booking'), {
      recordingOn: /^\d{4}-\d{2}-\d{2}$/.test(recordingOn) ? recordingOn : null,
      episodeId: isUuid(episodeId) ? episodeId : null,
    })
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('show')}`, 'booked')
  })

  app.get('/:lang{(?:zh|en)}/console/podcast/:show/downloads', async (c) => {
    const { t, locale, viewer } = c.var
    const tp = t.podcastConsole
    const { show, episode, since, stats } = await podcast.showDownloads(deps, viewer, c.req.param('show'), {
      episodeId: episodeParam(c),
    })
    const total = stats.byDay.reduce((a, d) => a + d.n, 0)
    const peak = Math.max(1, ...stats.byDay.map((d) => d.n))
    const W = 8
    const H = 80
    const BAR = 160
    // A table that is also the chart: each row's share of the downloads drawn as a bar beside it.
    const table = (caption: string, rows: { label: Child; n: number }[], bars = true) => (
      <div class="table-wrap">
        <table>
          <caption>{caption}</caption>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                <td class="num">{r.n}</td>
                {bars ? (
                  <>
                    <td class="num">{formatPercent(locale, total ? r.n / total : 0)}</td>
                    <td>
                      <svg
                        class="share-bar"
                        aria-hidden="true"
                        width={BAR}
                        height="12"
                        viewBox={`0 0 ${BAR} 12`}
                      >
                        <rect class="bar-returning" width={total ? (r.n / total) * BAR : 0} height="12" />
                      </svg>
                    </td>
                  </>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )
    return render(
      c,
      { title: tp.downloads },
      <>
        <p>
          <a href={`${base(locale)}/${show.slug}`}>
            <Localized locale={locale} zh={show.titleZh} en={show.titleEn} />
          </a>{' '}
          ·{' '}
          {episode ? (
            <>
              <a href={`${base(locale)}/${show.slug}/downloads`}>{tp.allDownloads}</a> ·{' '}
            </>
          ) : null}
          <a href={`/${locale}/podcast/how-we-count`}>{tp.howWeCount}</a>
        </p>
        <h1>{episode ? tp.downloadsOf(textIn(locale, episode.titleZh, episode.titleEn)) : tp.downloads}</h1>
        <p class="lead">{tp.downloadsSince(total, formatDate(locale, new Date(`${since}T00:00:00Z`)))}</p>
        <p>
          <a
            class="button secondary"
            href={`${base(locale)}/${show.slug}/downloads.csv${episode ? `?episode=${episode.id}` : ''}`}
          >
            {tp.csv}
          </a>
        </p>
        {stats.byDay.length ? (
          <figure class="chart">
            <figcaption>{tp.perDay}</figcaption>
            <svg
              class="bar-chart"
              role="img"
              aria-label={tp.perDaySummary(stats.byDay.length, peak)}
              viewBox={`0 0 ${stats.byDay.length * W} ${H}`}
              width={stats.byDay.length * W}
              height={H}
            >
              {stats.byDay.map((d, i) => (
                <rect
                  class="bar-returning"
                  x={i * W + 1}
                  y={H - (d.n / peak) * H}
                  width={W - 2}
                  height={(d.n / peak) * H}
                >
                  <title>{`${d.day}: ${d.n}`}</title>
                </rect>
              ))}
            </svg>
          </figure>
        ) : null}
        {table(
          tp.perDay,
          stats.byDay.map((d) => ({ label: d.day, n: d.n })),
          false,
        )}
        {table(
          tp.perEpisode,
          stats.byEpisode.map((e) => ({
            label: <a href={`${base(locale)}/${show.slug}/downloads?episode=${e.episodeId}`}>{e.title}</a>,
            n: e.n,
          })),
        )}
        {table(
          tp.perApp,
          stats.byApp.map((a) => ({ label: a.app, n: a.n })),
        )}
        {table(
          tp.perCountry,
          stats.byCountry.map((x) => ({ label: x.country || tp.unknownCountry, n: x.n })),
        )}
      </>,
    )
  })

  app.get('/:lang{(?:zh|en)}/console/podcast/:show/downloads.csv', async (c) => {
    const { show, episode, rows } = await podcast.showDownloads(deps, c.var.viewer, c.req.param('show'), {
      episodeId: episodeParam(c),
    })
    const quote = (v: string | null) => `"${(v ?? '').replace(/"/g, '""')}"`
    const lines = [
      'day,time,episode,app,country',
      ...(await rows()).map((r) =>
        [r.day, r.at.toISOString(), quote(r.episode), quote(r.app), r.country ?? ''].join(','),
      ),
    ]
    return c.body(`${lines.join('\r\n')}\r\n`, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${show.slug}${episode ? `-${episode.slug}` : ''}-downloads.csv"`,
    })
  })

  const episodePage = async (c: Context<AppEnv>, error?: { field: string; message: string }) => {
    const { t, locale, viewer } = c.var
    const tp = t.podcastConsole
    const { show, episodes } = await podcast.showToRun(deps, viewer, c.req.param('show') ?? '')
    const episode = episodes.find((e) => e.id === c.req.param('episode'))
    if (!episode) throw new DomainError('notFoundRecord')
    const action = `${base(locale)}/${show.slug}/${episode.id}`
    const notice = c.req.query('notice')
    return render(
      c,
      { title: textIn(locale, episode.titleZh, episode.titleEn), status: error ? 422 : 200 },
      <>
        <p>
          <a href={`${base(locale)}/${show.slug}`}>
            <Localized locale={locale} zh={show.titleZh} en={show.titleEn} />
          </a>
        </p>
        <h1>
          <Localized locale={locale} zh={episode.titleZh} en={episode.titleEn} />
        </h1>
        <p>
          <span class="badge">{tp.statuses[episode.status] ?? episode.status}</span>
          {episode.publishAt && episode.status === 'scheduled' ? (
            <span class="muted"> · {formatInZone(locale, episode.publishAt, deps.config.timeZone)}</span>
          ) : null}
          {episode.status === 'published' ? (
            <>
              {' '}
              · <a href={`/${locale}/podcast/${show.slug}/${episode.slug}`}>{tp.viewEpisode}</a> ·{' '}
              <a href={`${base(locale)}/${show.slug}/downloads?episode=${episode.id}`}>{tp.downloads}</a>
            </>
          ) : null}
        </p>
        <p>
          <a href={`${action}/edit`}>{tp.editEpisode}</a>
        </p>
        {notice && tp.notices[notice] ? <Notice kind="success">{tp.notices[notice]}</Notice> : null}
        <section aria-labelledby="audio-title">
          <h2 id="audio-title">{tp.audio}</h2>
          {episode.audio ? (
            <p>
              {episode.audio.filename} · {clock(episode.audio.durationSeconds ?? 0)} ·{' '}
              {tp.size(Math.round(episode.audio.bytes / 1024))} ·{' '}
              {formatDate(locale, episode.audio.createdAt)}
            </p>
          ) : (
            <p class="muted">{tp.noAudio}</p>
          )}
          <form method="post" action={`${action}/upload`} enctype="multipart/form-data">
            <CsrfField c={c} />
            <FileField
              name="audio"
              label={episode.audio ? tp.replaceAudio : tp.uploadAudio}
              hint={tp.audioHint}
              accept="audio/mpeg,audio/mp4,audio/x-m4a,.mp3,.m4a"
              dropText={tp.dropFile}
              error={error?.field === 'audio' ? error.message : undefined}
            />
            <button type="submit">{tp.uploadAudioButton}</button>
          </form>
        </section>
        <section aria-labelledby="transcript-title">
          <h2 id="transcript-title">{tp.transcript}</h2>
          <p class="muted">{episode.transcript ? episode.transcript.filename : tp.noTranscript}</p>
          <form method="post" action={`${action}/transcript/upload`} enctype="multipart/form-data">
            <CsrfField c={c} />
            <FileField
              name="transcript"
              label={tp.transcriptFile}
              hint={tp.transcriptHint}
              accept=".vtt,.srt,text/vtt"
              dropText={tp.dropFile}
              error={error?.field === 'transcript' ? error.message : undefined}
            />
            <button type="submit">{tp.uploadTranscriptButton}</button>
          </form>
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
          <form method="post" action={`${action}/art/upload`} enctype="multipart/form-data">
            <CsrfField c={c} />
            <FileField
              name="art"
              label={tp.coverFile}
              hint={tp.coverHint}
              accept="image/jpeg,image/png"
              dropText={tp.dropFile}
              error={error?.field === 'art' ? error.message : undefined}
            />
            <button type="submit">{tp.uploadArtButton}</button>
          </form>
        </section>
        <section aria-labelledby="publish-title">
          <h2 id="publish-title">{tp.publish}</h2>
          <form method="post" action={`${action}/publish`} novalidate>
            <CsrfField c={c} />
            <Field
              name="at"
              label={tp.publishAt(deps.config.timeZone)}
              hint={tp.publishAtHint}
              type="datetime-local"
              error={error?.field === 'at' ? error.message : undefined}
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
      </>,
    )
  }

  app.get(`/:lang{(?:zh|en)}/console/podcast/:show/:episode${uuidParam}`, (c) => episodePage(c))

  app.post(`/:lang{(?:zh|en)}/console/podcast/:show/:episode${uuidParam}/art/upload`, async (c) => {
    const id = c.req.param('episode')
    const refused = (reason: string) =>
      episodePage(c, { field: 'art', message: translateIssue(c.var.locale, { message: reason } as never) })
    try {
      const { result } = await receiveUpload(c, 'art', (file) =>
        podcast.attachArt(
          deps,
          c.var.viewer,
          { showSlug: c.req.param('show'), episodeId: id },
          { filename: file.filename, source: file.stream },
        ),
      )
      if (!result) return refused('required')
      return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('show')}/${id}`, 'cover')
    } catch (e) {
      if (!(e instanceof MediaRefused)) throw e
      return refused(e.reason)
    }
  })

  const editEpisodePage = async (c: Context<AppEnv>, form?: FormState) => {
    const { t, locale, viewer } = c.var
    const tp = t.podcastConsole
    const { show, episodes } = await podcast.showToRun(deps, viewer, c.req.param('show') ?? '')
    const episode = episodes.find((e) => e.id === c.req.param('episode'))
    if (!episode) throw new DomainError('notFoundRecord')
    const current: Record<string, string> = podcast.episodeFormValues(episode, episode.guests)
    const v = (name: string) => (form ? (form.values[name] ?? '') : current[name])
    const e = (name: string) => form?.errors[name]
    const action = `${base(locale)}/${show.slug}/${episode.id}`
    return render(
      c,
      { title: tp.editEpisode, status: form ? 422 : 200 },
      <>
        <p>
          <a href={`${base(locale)}/${show.slug}`}>
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
          <FormSection
            id="episode-about"
            title={tp.sections.episodeAbout}
            hint={tp.sections.episodeAboutHint}
          >
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
      </>,
    )
  }

  app.get(`/:lang{(?:zh|en)}/console/podcast/:show/:episode${uuidParam}/edit`, (c) => editEpisodePage(c))
  app.post(`/:lang{(?:zh|en)}/console/podcast/:show/:episode${uuidParam}/edit`, (c) =>
    submitForm(
      c,
      episodeInput,
      (form) => editEpisodePage(c, form),
      async (data) => {
        const id = c.req.param('episode')
        await podcast.editEpisode(deps, c.var.viewer, id, data)
        return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('show')}/${id}`, 'settings')
      },
    ),
  )

  app.post(`/:lang{(?:zh|en)}/console/podcast/:show/:episode${uuidParam}/upload`, async (c) => {
    const id = c.req.param('episode')
    try {
      const { result } = await receiveUpload(c, 'audio', (file) =>
        podcast.attachAudio(deps, c.var.viewer, id, { filename: file.filename, source: file.stream }),
      )
      if (!result)
        return episodePage(c, {
          field: 'audio',
          message: translateIssue(c.var.locale, { message: 'required' } as never),
        })
      return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('show')}/${id}`, 'uploaded')
    } catch (e) {
      if (!(e instanceof MediaRefused)) throw e
      return episodePage(c, {
        field: 'audio',
        message: translateIssue(c.var.locale, { message: e.reason } as never),
      })
    }
  })

  app.post(`/:lang{(?:zh|en)}/console/podcast/:show/:episode${uuidParam}/transcript/upload`, async (c) => {
    const id = c.req.param('episode')
    try {
      const { result } = await receiveUpload(c, 'transcript', (file) =>
        podcast.attachTranscript(deps, c.var.viewer, id, { filename: file.filename, source: file.stream }),
      )
      if (!result)
        return episodePage(c, {
          field: 'transcript',
          message: translateIssue(c.var.locale, { message: 'required' } as never),
        })
      return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('show')}/${id}`, 'transcript')
    } catch (e) {
      if (!(e instanceof MediaRefused)) throw e
      const line = e instanceof TranscriptRefused && e.line ? c.var.t.podcastConsole.atLine(e.line) : ''
      return episodePage(c, {
        field: 'transcript',
        message: `${translateIssue(c.var.locale, { message: e.reason } as never)}${line}`,
      })
    }
  })

  app.post(`/:lang{(?:zh|en)}/console/podcast/:show/:episode${uuidParam}/publish`, async (c) => {
    const { at = '' } = await formFields(c)
    const when = at ? zonedTime(at, deps.config.timeZone) : null
    if (when && Number.isNaN(when.getTime()))
      return episodePage(c, {
        field: 'at',
        message: translateIssue(c.var.locale, { message: 'dateTime' } as never),
      })
    try {
      await podcast.publishEpisode(deps, c.var.viewer, c.req.param('episode'), when)
    } catch (e) {
      const field = refusedField(e)
      if (!field) throw e
      return episodePage(c, { field: field.name === 'audio' ? 'audio' : 'at', message: field.message(c) })
    }
    return redirectWithNotice(
      c,
      `${base(c.var.locale)}/${c.req.param('show')}/${c.req.param('episode')}`,
      when ? 'scheduled' : 'published',
    )
  })

  app.post(`/:lang{(?:zh|en)}/console/podcast/:show/:episode${uuidParam}/unpublish`, async (c) => {
    await podcast.unpublishEpisode(deps, c.var.viewer, c.req.param('episode'))
    return redirectWithNotice(
      c,
      `${base(c.var.locale)}/${c.req.param('show')}/${c.req.param('episode')}`,
      'unpublished',
    )
  })

  return app
}

/** A refusal that belongs to one field of the form: its name, and its message in the reader's language. */
function refusedField(e: unknown) {
  if (e instanceof DomainError && e.code === 'slugTaken')
    return { name: 'slug', message: (c: Context<AppEnv>) => c.var.t.errors.slugTaken }
  if (e instanceof DomainError && e.code === 'invalid' && 'issues' in e) {
    const issue = (e as { issues: { path: PropertyKey[]; message: string }[] }).issues[0]!
    return {
      name: String(issue.path[0]),
      message: (c: Context<AppEnv>) => translateIssue(c.var.locale, issue as never),
    }
  }
  return null
}

/** `?episode=` on the downloads pages: an episode's id, or nothing. */
const episodeParam = (c: Context<AppEnv>) => {
  const id = c.req.query('episode')
  return id && isUuid(id) ? id : undefined
}

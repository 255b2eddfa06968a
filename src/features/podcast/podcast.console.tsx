// The podcast console's routes: each loads what its page shows (podcast.console.views.tsx and
// podcast.console.downloads.tsx) and hands what a form sent to the service.
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { z } from 'zod'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid, uuidParam } from '../../platform/http/edge-input.ts'
import { receiveUpload } from '../../platform/http/upload.ts'
import { translateIssue } from '../../platform/i18n/index.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { MediaRefused } from '../../platform/media/media.ts'
import { textIn } from '../../platform/views/localized.tsx'
import { formFields, readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { can } from '../access/index.ts'
import { DownloadsView } from './podcast.console.downloads.tsx'
import {
  consoleBase as base,
  EditEpisodeView,
  EditShowView,
  EpisodeView,
  type FieldError,
  type FormState,
  ShowsView,
  ShowView,
} from './podcast.console.views.tsx'
import { episodeInput, showEditInput, showInput, showSettingsInput } from './podcast.inputs.ts'
import * as podcast from './podcast.service.ts'
import { TranscriptRefused } from './podcast.transcripts.ts'

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

  const showsPage = async (c: Context<AppEnv>, form?: FormState) => {
    const { t, viewer } = c.var
    const shows = await podcast.showsToRun(deps, viewer)
    const mayCreate = can(viewer, { action: 'podcast.manage' })
    return render(
      c,
      { title: t.podcastConsole.title, status: form ? 422 : 200 },
      <ShowsView c={c} shows={shows} mayCreate={mayCreate} form={form} />,
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
    const { locale, viewer } = c.var
    const { show, episodes } = await podcast.showToRun(deps, viewer, c.req.param('show') ?? '')
    const bookings = await podcast.bookingsOf(deps, viewer, show.id)
    return render(
      c,
      { title: textIn(locale, show.titleZh, show.titleEn), status: form || coverError ? 422 : 200 },
      <ShowView
        c={c}
        show={show}
        episodes={episodes}
        bookings={bookings}
        notice={c.req.query('notice')}
        form={form}
        coverError={coverError}
      />,
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
    const { show, hosts } = await podcast.showToRun(deps, c.var.viewer, c.req.param('show') ?? '')
    return render(
      c,
      { title: c.var.t.podcastConsole.editShow, status: form ? 422 : 200 },
      <EditShowView c={c} show={show} current={podcast.showFormValues(show, hosts)} form={form} />,
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
    const downloads = await podcast.showDownloads(deps, c.var.viewer, c.req.param('show'), {
      episodeId: episodeParam(c),
    })
    return render(
      c,
      { title: c.var.t.podcastConsole.downloads },
      <DownloadsView c={c} downloads={downloads} />,
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

  /** The show and one of its episodes, or not found. */
  const showAndEpisode = async (c: Context<AppEnv>) => {
    const { show, episodes } = await podcast.showToRun(deps, c.var.viewer, c.req.param('show') ?? '')
    const episode = episodes.find((e) => e.id === c.req.param('episode'))
    if (!episode) throw new DomainError('notFoundRecord')
    return { show, episode }
  }

  const episodePage = async (c: Context<AppEnv>, error?: FieldError) => {
    const { show, episode } = await showAndEpisode(c)
    return render(
      c,
      { title: textIn(c.var.locale, episode.titleZh, episode.titleEn), status: error ? 422 : 200 },
      <EpisodeView
        c={c}
        show={show}
        episode={episode}
        timeZone={deps.config.timeZone}
        notice={c.req.query('notice')}
        error={error}
      />,
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
    const { show, episode } = await showAndEpisode(c)
    const current = podcast.episodeFormValues(episode, episode.guests)
    return render(
      c,
      { title: c.var.t.podcastConsole.editEpisode, status: form ? 422 : 200 },
      <EditEpisodeView c={c} show={show} episode={episode} current={current} form={form} />,
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

import { Readable } from 'node:stream'
import { createRoute, z } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import {
  authorizeFirst,
  createApi,
  iso,
  jsonBody,
  jsonResponse,
  problems,
  writeProblems,
} from '../../platform/http/api.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { MediaRefused, mediaUrl } from '../../platform/media/media.ts'
import { descriptionOf, feedUrlOf, titleOf } from './podcast.feed.ts'
import { episodeInput, showEditInput, showInput } from './podcast.inputs.ts'
import * as podcast from './podcast.service.ts'

const episodeOutput = z
  .object({
    id: z.uuid(),
    guid: z.string(),
    slug: z.string(),
    /** The title in the show's language (or the other one when that is all there is). */
    title: z.string(),
    titleZh: z.string().nullable(),
    titleEn: z.string().nullable(),
    status: z.enum(['draft', 'scheduled', 'published', 'unpublished']),
    publishAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    season: z.number().int().nullable(),
    number: z.number().int().nullable(),
    audio: z
      .object({
        url: z.string(),
        type: z.string(),
        bytes: z.number().int(),
        durationSeconds: z.number().int().nullable(),
      })
      .nullable(),
  })
  .openapi('Episode')

const showOutput = z
  .object({
    slug: z.string(),
    /** The title in the show's language (or the other one when that is all there is). */
    title: z.string(),
    titleZh: z.string().nullable(),
    titleEn: z.string().nullable(),
    /** The description (Markdown) in the show's language, or the other one, as the feed has it. */
    description: z.string(),
    descriptionZh: z.string().nullable(),
    descriptionEn: z.string().nullable(),
    language: z.string(),
    feedUrl: z.string(),
    podcastGuid: z.uuid(),
    hosts: z.array(z.string()),
    episodes: z.array(episodeOutput),
  })
  .openapi('Show')

type Full = Awaited<ReturnType<typeof podcast.showWithEpisodes>>

const episodeOut = (deps: Deps, e: Full['episodes'][number], language: string) => ({
  id: e.id,
  guid: e.guid,
  slug: e.slug,
  title: titleOf(e, language),
  titleZh: e.titleZh,
  titleEn: e.titleEn,
  status: e.status as 'draft' | 'scheduled' | 'published' | 'unpublished',
  publishAt: iso(e.publishAt),
  publishedAt: iso(e.publishedAt),
  season: e.season,
  number: e.number,
  audio: e.audio
    ? {
        url: mediaUrl(deps.config.baseUrl, e.audio),
        type: e.audio.contentType,
        bytes: e.audio.bytes,
        durationSeconds: e.audio.durationSeconds,
      }
    : null,
})
const showOut = (deps: Deps, { show, hosts, episodes }: Full) => ({
  slug: show.slug,
  title: titleOf(show, show.language),
  titleZh: show.titleZh,
  titleEn: show.titleEn,
  description: descriptionOf(show, show.language),
  descriptionZh: show.descriptionZh,
  descriptionEn: show.descriptionEn,
  language: show.language,
  feedUrl: feedUrlOf(deps.config.baseUrl, show.slug),
  podcastGuid: show.podcastGuid,
  hosts: hosts.map((h) => h.handle),
  episodes: episodes.map((e) => episodeOut(deps, e, show.language)),
})

const slugParam = z.object({
  slug: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: 'slug', in: 'path' } }),
})
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) })
/** Bodies are checked by the same schemas as the console's forms. */
const parsed = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
  const result = schema.safeParse(value)
  if (!result.success) throw new InvalidInput(result.error.issues)
  return result.data
}

export function podcastApi(deps: Deps) {
  // The hosts' routes ask who is writing before what they wrote (see authorizeFirst).
  const hostsShow = authorizeFirst((c) => podcast.showToRun(deps, c.var.viewer, c.req.param('slug') ?? ''))
  const hostsEpisode = authorizeFirst(async (c) => {
    const id = c.req.param('id') ?? ''
    if (!isUuid(id)) throw new DomainError('notFoundRecord')
    await podcast.episodeToRun(deps, c.var.viewer, id)
  })
  const api = createApi()

  api.openapi(
    createRoute({
      method: 'get',
      path: '/shows/{slug}',
      tags: ['Podcast'],
      summary: 'A show, its feed URL and podcast:guid, and its published episodes',
      request: { params: slugParam },
      responses: { 200: jsonResponse('The show', showOutput), 404: problems[404] },
    }),
    async (c) => c.json(showOut(deps, await podcast.showWithEpisodes(deps, c.req.valid('param').slug)), 200),
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/shows',
      tags: ['Podcast'],
      summary: 'Create a show (administrators); its feed URL and podcast:guid are fixed from its slug',
      security: [{ bearerAuth: [] }],
      request: { body: jsonBody(z.record(z.string(), z.unknown()).openapi('ShowInput')) },
      responses: { 201: jsonResponse('The show', showOutput), ...writeProblems },
    }),
    async (c) => {
      const show = await podcast.createShow(deps, c.var.viewer, parsed(showInput, c.req.valid('json')))
      return c.json(showOut(deps, await podcast.showToRun(deps, c.var.viewer, show.slug)), 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/shows/{slug}/episodes',
      tags: ['Podcast'],
      summary: 'Create an episode as a draft (the show’s hosts, administrators)',
      security: [{ bearerAuth: [] }],
      middleware: [hostsShow],
      request: {
        params: slugParam,
        body: jsonBody(z.record(z.string(), z.unknown()).openapi('EpisodeInput')),
      },
      responses: { 201: jsonResponse('The episode', episodeOutput), ...writeProblems },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const episode = await podcast.createEpisode(
        deps,
        c.var.viewer,
        slug,
        parsed(episodeInput, c.req.valid('json')),
      )
      const full = await podcast.showToRun(deps, c.var.viewer, slug)
      return c.json(
        episodeOut(deps, full.episodes.find((e) => e.id === episode.id)!, full.show.language),
        201,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/shows/{slug}',
      tags: ['Podcast'],
      summary:
        'Change a show’s details (its hosts; administrators change who hosts it). Fields left out keep their values; the slug stays',
      security: [{ bearerAuth: [] }],
      middleware: [hostsShow],
      request: {
        params: slugParam,
        body: jsonBody(z.record(z.string(), z.unknown()).openapi('ShowPatch')),
      },
      responses: { 200: jsonResponse('The show', showOutput), ...writeProblems },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const { show, hosts } = await podcast.showToRun(deps, c.var.viewer, slug)
      const input = parsed(showEditInput, { ...podcast.showFormValues(show, hosts), ...c.req.valid('json') })
      await podcast.editShow(deps, c.var.viewer, slug, input)
      return c.json(showOut(deps, await podcast.showToRun(deps, c.var.viewer, slug)), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/episodes/{id}',
      tags: ['Podcast'],
      summary:
        'Change an episode (the show’s hosts). Fields left out keep their values; the GUID never changes, the slug not once published',
      security: [{ bearerAuth: [] }],
      middleware: [hostsEpisode],
      request: {
        params: idParam,
        body: jsonBody(z.record(z.string(), z.unknown()).openapi('EpisodePatch')),
      },
      responses: { 200: jsonResponse('The episode', episodeOutput), ...writeProblems },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { show, episode } = await podcast.episodeToRun(deps, c.var.viewer, id)
      const input = parsed(episodeInput, {
        ...podcast.episodeFormValues(episode, episode.guests),
        ...c.req.valid('json'),
      })
      await podcast.editEpisode(deps, c.var.viewer, id, input)
      const full = await podcast.showToRun(deps, c.var.viewer, show.slug)
      return c.json(episodeOut(deps, full.episodes.find((e) => e.id === id)!, full.show.language), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'put',
      path: '/episodes/{id}/audio',
      tags: ['Podcast'],
      summary:
        'Upload the episode’s audio as the request body (MP3 or M4A, streamed; `filename` names it). Refused audio answers 422 with the reason',
      security: [{ bearerAuth: [] }],
      middleware: [hostsEpisode],
      request: {
        params: idParam,
        query: z.object({ filename: z.string().max(200).optional() }),
        body: {
          required: true,
          content: {
            'audio/mpeg': { schema: z.string().openapi({ format: 'binary' }) },
            'audio/mp4': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
      },
      responses: {
        201: jsonResponse(
          'The stored file',
          z.object({
            url: z.string(),
            type: z.string(),
            bytes: z.number().int(),
            durationSeconds: z.number().int().nullable(),
          }),
        ),
        ...writeProblems,
      },
    }),
    async (c) => {
      const body = c.req.raw.body
      if (!body)
        throw new InvalidInput([{ code: 'custom', path: ['audio'], message: 'fileEmpty', input: null }])
      try {
        const file = await podcast.attachAudio(deps, c.var.viewer, c.req.valid('param').id, {
          filename: c.req.valid('query').filename ?? 'episode.mp3',
          source: Readable.fromWeb(body as never),
        })
        return c.json(
          {
            url: mediaUrl(deps.config.baseUrl, file),
            type: file.contentType,
            bytes: file.bytes,
            durationSeconds: file.durationSeconds,
          },
          201,
        )
      } catch (e) {
        if (e instanceof MediaRefused)
          throw new InvalidInput([{ code: 'custom', path: ['audio'], message: e.reason, input: null }])
        throw e
      }
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/episodes/{id}/publish',
      tags: ['Podcast'],
      summary: 'Publish now, or at `at` (ISO 8601); an episode without audio answers 422',
      security: [{ bearerAuth: [] }],
      middleware: [hostsEpisode],
      request: {
        params: idParam,
        body: jsonBody(z.object({ at: z.iso.datetime({ offset: true }).optional() })),
      },
      responses: { 204: { description: 'Published or scheduled' }, ...writeProblems },
    }),
    async (c) => {
      const { at } = c.req.valid('json')
      await podcast.publishEpisode(deps, c.var.viewer, c.req.valid('param').id, at ? new Date(at) : null)
      return c.body(null, 204)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/shows/{slug}/downloads',
      tags: ['Podcast'],
      summary:
        'Downloads over the last 90 days, counted by the IAB v2.2 rules (the show’s hosts); `episode` narrows them to one episode',
      security: [{ bearerAuth: [] }],
      request: { params: slugParam, query: z.object({ episode: z.uuid().optional() }) },
      responses: {
        200: jsonResponse(
          'Downloads by day, episode, app and country',
          z.object({
            since: z.string(),
            byDay: z.array(z.object({ day: z.string(), n: z.number().int() })),
            byEpisode: z.array(z.object({ episodeId: z.uuid(), title: z.string(), n: z.number().int() })),
            byApp: z.array(z.object({ app: z.string(), n: z.number().int() })),
            byCountry: z.array(z.object({ country: z.string(), n: z.number().int() })),
          }),
        ),
        401: problems[401],
        403: problems[403],
        404: problems[404],
      },
    }),
    async (c) => {
      const { since, stats } = await podcast.showDownloads(deps, c.var.viewer, c.req.valid('param').slug, {
        episodeId: c.req.valid('query').episode,
      })
      return c.json({ since, ...stats }, 200)
    },
  )

  return api
}

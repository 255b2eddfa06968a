// What the podcast gives search: each public episode's title and notes with its chapters, and its
// transcript, whose every cue is a moment a hit links to (`?t=SECONDS`, as the episode page's own
// chapter and transcript links address times). Scheduled episodes are indexed hidden until their time.
import { and, eq, gt, inArray, or } from 'drizzle-orm'
import { mediaFiles } from '../../platform/media/media.schema.ts'
import { readMediaText } from '../../platform/media/media.ts'
import type { Anchor, SearchDeps, SearchDocument, SearchLanguage } from '../search/index.ts'
import { plainText, registerSearchSource } from '../search/index.ts'
import { clock, parseChapters } from './podcast.rules.ts'
import { episodes, shows } from './podcast.schema.ts'
import { parseTranscript } from './podcast.transcripts.ts'

const BATCH = 50

const languageOf = (tag: string): SearchLanguage => (tag.toLowerCase().startsWith('zh') ? 'zh' : 'en')

async function selectEpisodes(deps: SearchDeps, where: { ids?: string[]; after?: string }) {
  return deps.db
    .select({ episode: episodes, show: shows, transcript: mediaFiles })
    .from(episodes)
    .innerJoin(shows, eq(shows.id, episodes.showId))
    .leftJoin(mediaFiles, eq(mediaFiles.id, episodes.transcriptId))
    .where(
      and(
        or(eq(episodes.status, 'published'), eq(episodes.status, 'scheduled')),
        where.ids ? inArray(episodes.id, where.ids) : undefined,
        where.after ? gt(episodes.id, where.after) : undefined,
      ),
    )
    .orderBy(episodes.id)
    .limit(where.ids ? where.ids.length : BATCH)
}

type Row = Awaited<ReturnType<typeof selectEpisodes>>[number]

async function documentsOf(deps: SearchDeps, { episode, show, transcript }: Row): Promise<SearchDocument[]> {
  if (episode.status === 'scheduled' && !episode.publishAt) return []
  const language = languageOf(show.language)
  const other: SearchLanguage = language === 'zh' ? 'en' : 'zh'
  const titles = { zh: episode.titleZh, en: episode.titleEn }
  const own = titles[language] ?? titles[other] ?? ''
  const path = `/podcast/${show.slug}/${episode.slug}`
  const visibleFrom = episode.status === 'scheduled' ? episode.publishAt : null
  const datedAt = episode.publishedAt ?? episode.publishAt
  const showTitle = (language === 'zh' ? show.titleZh : show.titleEn) ?? show.titleZh ?? show.titleEn ?? ''

  // Notes, then the chapters, each chapter line a moment of its own.
  const anchors: Anchor[] = []
  let body = `${plainText(episode.notes).trim()}\n\n${showTitle}\n`
  const chapters = parseChapters(episode.chapters)
  if (chapters.ok)
    for (const ch of chapters.chapters) {
      anchors.push({ offset: body.length, query: `?t=${Math.floor(ch.startTime)}` })
      body += `${clock(ch.startTime)} ${ch.title}\n`
    }
  const docs: SearchDocument[] = [
    { refId: episode.id, part: 'notes', language, title: own, path, body, anchors, visibleFrom, datedAt },
  ]
  // A title given in the other language finds the episode in that language too.
  if (titles[other] && titles[language])
    docs.push({
      refId: episode.id,
      part: other,
      language: other,
      title: titles[other],
      path,
      body: '',
      visibleFrom,
      datedAt,
    })

  if (transcript) {
    let cues: Awaited<ReturnType<typeof parseTranscript>> = []
    try {
      cues = await parseTranscript(await readMediaText(deps.config.dataDir, transcript))
    } catch {
      // A transcript that cannot be read now leaves the episode findable by its notes.
    }
    if (cues.length) {
      const cueAnchors: Anchor[] = []
      let text = ''
      for (const cue of cues) {
        cueAnchors.push({ offset: text.length, query: `?t=${Math.floor(cue.start)}` })
        text += `${cue.speaker ? `${cue.speaker}: ` : ''}${cue.text}\n`
      }
      docs.push({
        refId: episode.id,
        part: 'transcript',
        language,
        title: own,
        path,
        body: text,
        anchors: cueAnchors,
        // The episode's own words rank above a passing mention in an hour of talk.
        weight: 0.6,
        visibleFrom,
        datedAt,
      })
    }
  }
  return docs
}

registerSearchSource({
  kind: 'episode',
  async *all(deps) {
    let after: string | undefined
    for (;;) {
      const rows = await selectEpisodes(deps, after ? { after } : {})
      if (!rows.length) return
      const docs: SearchDocument[] = []
      for (const row of rows) docs.push(...(await documentsOf(deps, row)))
      yield docs
      after = rows.at(-1)!.episode.id
    }
  },
  async one(deps, refId) {
    const [row] = await selectEpisodes(deps, { ids: [refId] })
    return row ? documentsOf(deps, row) : []
  },
})

// What events give search: each public event (not a draft) in each language it has, with its
// summary, description, venue and chapter's city, and each session of a public event with its
// abstract and speakers. A session's page is its event's programme entry.
import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm'
import { chapters } from '../chapters/chapters.schema.ts'
import { people } from '../people/people.schema.ts'
import type { SearchDeps, SearchDocument, SearchLanguage } from '../search/index.ts'
import { plainText, registerSearchSource } from '../search/index.ts'
import { eventSessions, events, sessionSpeakers } from './events.schema.ts'

const BATCH = 200
const languages: SearchLanguage[] = ['zh', 'en']
const lines = (...parts: (string | null | undefined)[]) => parts.filter((p) => p?.trim()).join('\n')

async function selectEvents(deps: SearchDeps, where: { ids?: string[]; after?: string }) {
  return deps.db
    .select({ event: events, cityZh: chapters.cityZh, cityEn: chapters.cityEn })
    .from(events)
    .leftJoin(chapters, eq(chapters.id, events.chapterId))
    .where(
      and(
        ne(events.status, 'draft'),
        where.ids ? inArray(events.id, where.ids) : undefined,
        where.after ? gt(events.id, where.after) : undefined,
      ),
    )
    .orderBy(asc(events.id))
    .limit(where.ids ? where.ids.length : BATCH)
}

function eventDocuments({ event, cityZh, cityEn }: Awaited<ReturnType<typeof selectEvents>>[number]) {
  const text = {
    zh: {
      title: event.titleZh,
      summary: event.summaryZh,
      description: event.descriptionZh,
      venue: event.venueZh,
      city: cityZh,
    },
    en: {
      title: event.titleEn,
      summary: event.summaryEn,
      description: event.descriptionEn,
      venue: event.venueEn,
      city: cityEn,
    },
  }
  return languages.flatMap((lang): SearchDocument[] => {
    const own = text[lang]
    const other = text[lang === 'zh' ? 'en' : 'zh']
    if (!own.title && !own.summary && !own.description) return []
    return [
      {
        refId: event.id,
        part: lang,
        language: lang,
        title: own.title ?? other.title ?? '',
        path: `/events/${event.slug}`,
        datedAt: event.startsAt,
        body: lines(
          own.summary,
          own.description && plainText(own.description),
          own.venue,
          own.city,
          event.address,
        ),
      },
    ]
  })
}

async function selectSessions(deps: SearchDeps, where: { ids?: string[]; after?: string }) {
  const rows = await deps.db
    .select({ session: eventSessions, slug: events.slug })
    .from(eventSessions)
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .where(
      and(
        ne(events.status, 'draft'),
        where.ids ? inArray(eventSessions.id, where.ids) : undefined,
        where.after ? gt(eventSessions.id, where.after) : undefined,
      ),
    )
    .orderBy(asc(eventSessions.id))
    .limit(where.ids ? where.ids.length : BATCH)
  const speakers = rows.length
    ? await deps.db
        .select({
          sessionId: sessionSpeakers.sessionId,
          nameZh: sessionSpeakers.nameZh,
          nameEn: sessionSpeakers.nameEn,
          personZh: people.nameZh,
          personEn: people.nameEn,
          handle: people.handle,
          affiliation: sessionSpeakers.affiliation,
        })
        .from(sessionSpeakers)
        .leftJoin(people, eq(people.id, sessionSpeakers.personId))
        .where(
          inArray(
            sessionSpeakers.sessionId,
            rows.map((r) => r.session.id),
          ),
        )
        .orderBy(asc(sessionSpeakers.position))
    : []
  return rows.map((r) => ({
    ...r,
    speakers: speakers
      .filter((s) => s.sessionId === r.session.id)
      .map((s) => lines(s.nameZh ?? s.personZh, s.nameEn ?? s.personEn, s.handle, s.affiliation)),
  }))
}

function sessionDocuments({ session, slug, speakers }: Awaited<ReturnType<typeof selectSessions>>[number]) {
  const text = {
    zh: { title: session.titleZh, abstract: session.abstractZh },
    en: { title: session.titleEn, abstract: session.abstractEn },
  }
  return languages.flatMap((lang): SearchDocument[] => {
    const own = text[lang]
    const other = text[lang === 'zh' ? 'en' : 'zh']
    if (!own.title && !own.abstract) return []
    return [
      {
        refId: session.id,
        part: lang,
        language: lang,
        title: own.title ?? other.title ?? '',
        path: `/events/${slug}/sessions/${session.id}`,
        datedAt: session.startsAt,
        body: lines(own.abstract && plainText(own.abstract), ...speakers),
      },
    ]
  })
}

registerSearchSource({
  kind: 'event',
  async *all(deps) {
    let after: string | undefined
    for (;;) {
      const rows = await selectEvents(deps, after ? { after } : {})
      if (!rows.length) return
      yield rows.flatMap(eventDocuments)
      after = rows.at(-1)!.event.id
    }
  },
  one: async (deps, refId) => (await selectEvents(deps, { ids: [refId] })).flatMap(eventDocuments),
})

registerSearchSource({
  kind: 'session',
  async *all(deps) {
    let after: string | undefined
    for (;;) {
      const rows = await selectSessions(deps, after ? { after } : {})
      if (!rows.length) return
      yield rows.flatMap(sessionDocuments)
      after = rows.at(-1)!.session.id
    }
  },
  one: async (deps, refId) => (await selectSessions(deps, { ids: [refId] })).flatMap(sessionDocuments),
})

// Loads a conference's programme from the events feature and writes it as frab's schedule.xml or
// c3voc's schedule.json (programme.exports.rules.ts). Who may read it is decided here: everyone
// for a published event, its organisers for a draft (their preview); nobody else, and no event
// that has no schedule to give.
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { textIn } from '../../platform/views/localized.tsx'
import type { Actor } from '../access/index.ts'
import { inSchedule, mayOrganise, offersSchedule, publicSessions, selectProgramme } from '../events/index.ts'
import { isListed } from '../people/index.ts'
import { episodeHref, episodeLinks } from '../podcast/index.ts'
import {
  type ProgrammeSession,
  programmeSchedule,
  scheduleJson,
  scheduleVersion,
  scheduleXml,
  sessionNumbers,
} from './programme.exports.rules.ts'
import { latestVersionNumber } from './programme.schedule.ts'

export type ScheduleFormat = 'xml' | 'json'

/** Where an event's schedule file is, in a language. */
export const schedulePath = (locale: Locale, slug: string, format: ScheduleFormat) =>
  `/${locale}/events/${slug}/schedule.${format}`

/** A session's own page (abstract, speakers, room, recording), which calendar entries link to. */
export const sessionPagePath = (locale: Locale, slug: string, sessionId: string) =>
  `/${locale}/events/${slug}/sessions/${sessionId}`

/** Where the whole schedule's `.ics` is, in a language. */
export const scheduleCalendarPath = (locale: Locale, slug: string) => `/${locale}/events/${slug}/schedule.ics`

/** A schedule file; `public` when anyone may have it (and shared caches may keep it). */
export type ScheduleFile = { body: string; public: boolean }

/**
 * An event's schedule in one of the two formats, its words (conference title, rooms, kinds of
 * session) in `locale`; each session's title is in the language it is held in. `version` names
 * the schedule's version; without one it follows the event's calendar sequence.
 */
export async function scheduleFile(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  viewer: Actor,
  locale: Locale,
  slug: string,
  format: ScheduleFormat,
  options: { version?: string } = {},
): Promise<ScheduleFile> {
  const programme = await selectProgramme(deps.db, slug)
  if (!programme) throw new DomainError('notFoundRecord')
  const { event, rooms, sessions, speakers } = programme
  if (!offersSchedule(event, sessions)) throw new DomainError('notFoundRecord')
  const isPublished = event.status === 'published'
  if (!isPublished && !(await mayOrganise(deps, viewer, event.id))) throw new DomainError('notFoundRecord')

  const t = messagesFor(locale)
  const words = t.programmeExports.files
  const baseUrl = deps.config.baseUrl
  const eventUrl = `${baseUrl}/${locale}/events/${event.slug}`
  // Where the latest published version put them (every session counts for the numbering below).
  const timed = (await publicSessions(deps, event.id, sessions)).filter(inSchedule)
  const episodeIds = timed.flatMap((s) => (s.episodeId ? [s.episodeId] : []))
  const episodes = episodeIds.length ? await episodeLinks(deps, episodeIds) : []
  const numbers = sessionNumbers(sessions)

  // Sessions have no track, long description or recording consent yet: the call for proposals
  // will ask for them, and until then the files claim nothing.
  const exported: ProgrammeSession[] = timed.map((s) => {
    const episode = episodes.find((e) => e.id === s.episodeId)
    return {
      guid: s.guid,
      id: numbers.get(s.guid)!,
      type: t.events.sessionKinds[s.kind] ?? s.kind,
      title: { zh: s.titleZh, en: s.titleEn },
      abstract: { zh: s.abstractZh, en: s.abstractEn },
      description: { zh: null, en: null },
      language: s.language,
      roomId: s.roomId,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      track: null,
      url: `${eventUrl}#session-${s.id}`,
      speakers: speakers
        .filter((sp) => sp.sessionId === s.id)
        .map((sp) => ({
          name: { zh: sp.nameZh, en: sp.nameEn },
          person: sp.person
            ? {
                id: sp.person.id,
                handle: sp.person.handle,
                name: { zh: sp.person.nameZh, en: sp.person.nameEn },
                listed: isListed(sp.person),
              }
            : null,
        })),
      videoUrl: s.videoUrl,
      slidesUrl: s.slidesUrl,
      episodeUrl: episode ? `${baseUrl}${episodeHref(locale, episode)}` : null,
      recording: null,
    }
  })

  const venue = textIn(locale, event.venueZh, event.venueEn)
  const schedule = programmeSchedule(
    {
      id: event.id,
      slug: event.slug,
      title: { zh: event.titleZh, en: event.titleEn },
      summary: { zh: event.summaryZh, en: event.summaryEn },
      timeZone: event.timeZone,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      url: eventUrl,
      defaultRoomName: venue || (event.mode === 'online' ? words.online : words.mainRoom),
    },
    rooms.map((r) => ({
      id: r.id,
      guid: r.guid,
      name: { zh: r.nameZh, en: r.nameEn },
      capacity: r.capacity,
    })),
    exported,
    {
      locale,
      baseUrl,
      // The latest published version names the file; before the first, the event's sequence does.
      version:
        options.version ?? (await latestVersionNumber(deps, event.id)) ?? scheduleVersion(event.sequence),
      words,
    },
  )
  const url = `${baseUrl}${schedulePath(locale, event.slug, format)}`
  return {
    body: format === 'xml' ? scheduleXml(schedule, url) : scheduleJson(schedule, url),
    public: isPublished,
  }
}

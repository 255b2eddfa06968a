// Pieces of chapter pages shown both to the public and in the console.

import type { Deps } from '../../platform/deps.ts'
import { safeHref } from '../../platform/http/url.ts'
import { formatDate, type Locale, type Messages } from '../../platform/i18n/index.ts'
import { Localized } from '../../platform/views/localized.tsx'
import type { Actor } from '../access/index.ts'
import { countsAsOffline, type EventMode } from './chapters.rules.ts'

type RecordedEventRow = {
  titleZh: string | null
  titleEn: string | null
  heldOn: string
  mode: string
  attendance: number | null
  photosUrl: string | null
  link: string | null
}

const day = (locale: Locale, iso: string) => formatDate(locale, new Date(`${iso}T00:00:00Z`))

/**
 * One hand-recorded event: how it was held (an online one says it does not count), its evidence,
 * and that it is self-reported, which is all a recorded event can be until Hearth runs events.
 */
export function RecordedEvent({ ev, t, locale }: { ev: RecordedEventRow; t: Messages; locale: Locale }) {
  const th = t.chapters.health
  const counts = countsAsOffline(ev.mode as EventMode)
  // Title, then the facts, then the badges, each on its own line: on a phone the separators and
  // badges otherwise wrap into the middle of the next fact.
  return (
    <div class="recorded-event">
      {ev.link ? (
        <a class="recorded-event-title" href={safeHref(ev.link)} rel="noopener nofollow">
          <Localized locale={locale} zh={ev.titleZh} en={ev.titleEn} />
        </a>
      ) : (
        <strong class="recorded-event-title">
          <Localized locale={locale} zh={ev.titleZh} en={ev.titleEn} />
        </strong>
      )}
      <span class="recorded-event-facts">
        <time datetime={ev.heldOn}>{day(locale, ev.heldOn)}</time> · {th.modeShort[ev.mode] ?? ev.mode}
        {ev.attendance !== null ? ` · ${th.attended(ev.attendance)}` : ''}
        {ev.photosUrl ? (
          <>
            {' '}
            ·{' '}
            <a href={safeHref(ev.photosUrl)} rel="noopener nofollow">
              {th.photos}
            </a>
          </>
        ) : null}
        {ev.attendance === null && !ev.photosUrl && !ev.link ? (
          <span class="muted"> · {th.noEvidence}</span>
        ) : null}
      </span>
      <span class="recorded-event-badges">
        <span class="badge" title={th.selfReportedHint}>
          {th.selfReported}
        </span>
        {counts ? null : <span class="badge status-at_risk">{th.doesNotCount}</span>}
      </span>
    </div>
  )
}

/** How a chapter has been represented at the SIG meetings that discussed it (attendance recorded). */
export type ChapterRepresentation = {
  /** The latest recorded meeting that discussed the chapter with someone from its team present. */
  lastRepresented: {
    meetingId: string
    titleZh: string | null
    titleEn: string | null
    startsAt: Date
  } | null
  /** Items about the chapter at recorded meetings nobody from its team attended, newest first. */
  missed: {
    meetingId: string
    meetingTitleZh: string | null
    meetingTitleEn: string | null
    startsAt: Date
    itemZh: string | null
    itemEn: string | null
  }[]
  discussed: boolean
}

/**
 * Where the chapters' pages learn about SIG meetings. The meetings feature reaches chapters (its
 * agenda items are about them), so it is handed in at composition rather than imported here.
 */
export type SigMeetingFacts = {
  representation(
    deps: Pick<Deps, 'db' | 'now'>,
    actor: Actor,
    chapterIds: string[],
  ): Promise<Map<string, ChapterRepresentation>>
}

export const noMeetingFacts: SigMeetingFacts = { representation: async () => new Map() }

export function Representation({
  t,
  locale,
  facts,
  brief,
}: {
  t: Messages
  locale: Locale
  facts: ChapterRepresentation | undefined
  brief: boolean
}) {
  const th = t.chapters.health
  if (!facts?.discussed) return <span class="muted">{th.notDiscussed}</span>
  const when = (d: Date) => formatDate(locale, d)
  return (
    <>
      {facts.lastRepresented ? (
        <span>
          {th.lastRepresented(
            <Localized
              locale={locale}
              zh={facts.lastRepresented.titleZh}
              en={facts.lastRepresented.titleEn}
            />,
            when(facts.lastRepresented.startsAt),
          )}
        </span>
      ) : (
        <span>{th.neverRepresented}</span>
      )}
      {facts.missed.length ? (
        brief ? (
          <div>
            <span class="badge status-at_risk">{th.missedShort(facts.missed.length)}</span>
          </div>
        ) : (
          <div class="notice notice-info">
            <ul class="plain">
              {facts.missed.map((m) => (
                <li>
                  {th.missed(
                    <Localized locale={locale} zh={m.itemZh} en={m.itemEn} />,
                    <Localized locale={locale} zh={m.meetingTitleZh} en={m.meetingTitleEn} />,
                    when(m.startsAt),
                  )}
                </li>
              ))}
            </ul>
          </div>
        )
      ) : null}
    </>
  )
}

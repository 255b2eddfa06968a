// The tabs of an event in the console (details, agenda, people; registrations, check-in and
// volunteers add theirs from their own files), so each part of the console links to every other
// without the core importing them.
import type { Locale, Messages } from '../../platform/i18n/index.ts'

export type EventTab = {
  /** One tab per key; the page being read names its key. */
  key: string
  /** Where it goes among the tabs: lower first. */
  order: number
  label: (t: Messages) => string
  /** The tab's page for an event (its id). */
  href: (locale: Locale, eventId: string) => string
}

const tabs = new Map<string, EventTab>()

export function registerEventTab(tab: EventTab) {
  if (tabs.has(tab.key)) throw new Error(`Event tab ${tab.key} is registered twice`)
  tabs.set(tab.key, tab)
}

/** The tabs for one event, in order, the current one marked. */
export const eventTabs = (t: Messages, locale: Locale, eventId: string, current: string) =>
  [...tabs.values()]
    .sort((a, b) => a.order - b.order)
    .map((tab) => ({ href: tab.href(locale, eventId), label: tab.label(t), current: tab.key === current }))

const base = (locale: Locale, id: string) => `/${locale}/console/events/${id}`

registerEventTab({ key: 'details', order: 10, label: (t) => t.events.console.tabDetails, href: base })
registerEventTab({
  key: 'agenda',
  order: 20,
  label: (t) => t.events.console.tabAgenda,
  href: (locale, id) => `${base(locale, id)}/agenda`,
})
registerEventTab({
  key: 'people',
  order: 30,
  label: (t) => t.events.console.tabPeople,
  href: (locale, id) => `${base(locale, id)}/people`,
})

// What events' exports say (English): calendar files and feeds, the RSS feed, the links that
// offer them, and the page of a person's private calendar. The shape of exports.zh.ts.
export const exportsEn = {
  feed: {
    /** The chapter holding a meetup, as calendars and search engines name its organiser. */
    chapterName: (community: string, city: string) => `${community} ${city} chapter`,
    joinOnline: (url: string) => `Join online: ${url}`,
    online: 'Online',
    all: (community: string) => `${community} events`,
    allDescription: (community: string) => `Meetups and conferences of ${community}, in person and online.`,
    chapter: (community: string, city: string) => `${community} ${city} chapter events`,
    chapterDescription: (city: string) => `Meetups of the ${city} chapter.`,
    filtered: (community: string) => `${community} events (filtered)`,
    mine: (community: string) => `My ${community} events`,
    mineDescription: 'The events you registered for: a place held, or a wait for one (marked tentative).',
    upcoming: (community: string) => `Upcoming ${community} events`,
  },
  subscribe: {
    copy: 'Copy',
    copied: 'Copied',
    title: 'Follow events',
    calendar: 'Subscribe in your calendar app',
    calendarChapter: (city: string) => `Subscribe to the ${city} chapter’s events`,
    calendarFiltered: 'Subscribe to these events',
    address: 'Calendar address (for Google Calendar: “From URL”)',
    rss: 'RSS feed of upcoming events',
    hint: 'Your calendar keeps itself up to date: new events appear, changed ones move, cancelled ones say so.',
    mine: 'Your own calendar of the events you registered for',
  },
  session: {
    calendarFile: 'Add this session to your calendar (.ics)',
  },
  mine: {
    title: 'My events calendar',
    lead: 'A private calendar address with the events you registered for. Subscribe to it once in your calendar app: events you register for later appear by themselves, with the link to join online events once you hold a place.',
    secretHint:
      'Anyone who has this address sees which events you registered for and the links to join them. Keep it to yourself; if it got out, make a new one.',
    none: 'You have no calendar address yet.',
    create: 'Make my calendar address',
    created: 'Your calendar address is ready. Add it to your calendar app.',
    subscribe: 'Open in your calendar app',
    address: 'Calendar address',
    reset: 'Make a new address',
    resetHint:
      'The current address stops working at once; calendars subscribed to it keep what they had and get nothing new.',
    resetDone:
      'Your calendar has a new address. The old one no longer works; subscribe again with the new one.',
  },
}

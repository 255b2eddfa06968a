// What the programme's exports say (English): the words inside schedule.xml and schedule.json, and
// the links on an event's page that offer them. The shape of exports.zh.ts.
export const programmeExportsEn = {
  files: {
    /** Where sessions that name no room are held, when the event names no venue. */
    mainRoom: 'Main room',
    online: 'Online',
    video: 'Video',
    slides: 'Slides',
    episode: 'Podcast episode',
    /** The name calendar apps give the whole schedule's `.ics`. */
    calendarName: (event: string, community: string) => `${event} · schedule · ${community}`,
  },
  links: {
    lead: 'This schedule for conference apps and recording tools:',
    xml: 'schedule.xml (frab)',
    json: 'schedule.json (c3voc)',
    /** On the public schedule grid: the whole schedule as one calendar file. */
    calendar: 'Add the whole schedule to your calendar',
    calendarHint:
      'Every session with its room and speakers; a calendar subscribed to this address follows every move.',
  },
}

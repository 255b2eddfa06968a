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
  },
  links: {
    lead: 'This schedule for conference apps and recording tools:',
    xml: 'schedule.xml (frab)',
    json: 'schedule.json (c3voc)',
  },
}

// After a conference (English): the organisers' page for pasting recording and slide links, the
// public list of the conference's videos, and the sessions on a speaker's profile. The shape of
// videos.zh.ts.
export const programmeVideosEn = {
  tab: 'Videos',
  console: {
    titleFor: (event: string) => `Videos and slides: ${event}`,
    lead: 'Paste the links to the recordings and slides once the event is over. Each line is matched to a session by its title, in Chinese or English; you see every match before anything is saved.',
    paste: 'Links',
    pasteHint:
      'Either a CSV with a header line "title,video,slides" (quote a title that holds a comma), or a playlist copied from YouTube or Bilibili: one video a line, its title before or after the link.',
    preview: 'Preview the matches',
    previewTitle: 'What will be saved',
    previewLead: (ready: number, lines: number) =>
      `${ready} of ${lines} ${lines === 1 ? 'line' : 'lines'} will be saved. Lines without a session are left out.`,
    format: { csv: 'Read as a CSV.', playlist: 'Read as a playlist, one link a line.' },
    line: 'Line',
    title: 'Title as pasted',
    session: 'Session',
    links: 'Links',
    video: 'Video',
    slides: 'Slides',
    noMatch: 'No session has this title',
    several: 'Several sessions have this title: choose one',
    choose: (line: number) => `Session for line ${line}`,
    skip: 'Leave this line out',
    taken: (line: number) => `Line ${line} already gives this session its links`,
    problems: {
      noTitle: 'This line names no title',
      noLink: 'This line gives no link',
      badVideoUrl: 'The video link is not a web address (http or https)',
      badSlidesUrl: 'The slides link is not a web address (http or https)',
    },
    refused: {
      csvHeader: 'The CSV’s first line must name a "title" column and a "video" or "slides" column.',
      csvQuote: 'A quoted field in the CSV is never closed: check its quotation marks.',
    },
    apply: 'Save these links',
    nothingToApply: 'No line matches a session yet, so there is nothing to save.',
    saved: (n: number) => `Links saved for ${n} ${n === 1 ? 'session' : 'sessions'}.`,
    withVideo: (n: number, all: number) => `${n} of ${all} sessions have a video.`,
    viewPage: 'See the videos page',
  },
  page: {
    titleFor: (event: string) => `Videos: ${event}`,
    lead: 'The recorded sessions of this conference, day by day.',
    link: 'Watch the recorded sessions',
    back: 'Back to the event',
    none: 'No recordings yet. Once the organisers add them, they are listed here.',
    minutes: (n: number) => `${n} min`,
    watch: 'Watch',
    slides: 'Slides',
    plays: { youtube: 'YouTube', bilibili: 'Bilibili', other: 'Video' },
    undated: 'Not in the schedule',
  },
  profile: {
    title: 'Talks and sessions',
    video: 'Video',
    slides: 'Slides',
  },
}

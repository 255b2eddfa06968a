// The home page (English): the parts the features put on it, the numbers, the ways in, and what
// an empty instance says. The shape of home.zh.ts.
export const siteHomeEn = {
  numbers: 'The community in numbers',
  stats: {
    people: (n: number) => (n === 1 ? 'person' : 'people'),
    chapters: (n: number) => (n === 1 ? 'chapter' : 'chapters'),
    eventsThisYear: (n: number) => (n === 1 ? 'event this year' : 'events this year'),
    episodes: (n: number) => (n === 1 ? 'episode' : 'episodes'),
  },
  nextEvents: 'Next events',
  allEvents: 'All events',
  latestEpisode: 'Latest episode',
  play: 'Play',
  playEpisode: (title: string) => `Play “${title}”`,
  fromShow: (show: string) => `From ${show}`,
  allEpisodes: 'All episodes',
  latestArticles: 'Latest articles',
  allArticles: 'All articles',
  chapters: 'Chapters',
  chaptersLead: 'Meet people in your city: each chapter is run by its leaders.',
  allChapters: 'All chapters',
  leadersOf: (city: string) => `Leaders of ${city}`,
  noLeaders: 'Looking for leaders',
  members: (n: number) => `${n} ${n === 1 ? 'member' : 'members'}`,
  more: (n: number) => `${n} more`,
  contributors: 'Recently active',
  contributorsLead: (n: number, days: number) =>
    `${n} ${n === 1 ? 'person' : 'people'} contributed in the last ${days} days.`,
  seeContributors: 'See who contributes',
  getInvolved: 'Get involved',
  actions: {
    joinChapter: { label: 'Join a chapter', hint: 'Find the chapter in your city and ask to join.' },
    foundChapter: {
      label: 'Found a chapter',
      hint: 'No chapter in your city yet? Gather a founding team and start one.',
    },
    beAGuest: { label: 'Be a podcast guest', hint: 'Tell the hosts what you would like to talk about.' },
    proposeTalk: {
      label: 'Propose a talk',
      hint: (event: string) => `The call for speakers of ${event} is open.`,
    },
  },
  emptyTitle: 'Just getting started',
  emptyLead:
    'This community has only just moved in. Events, episodes, chapters and articles will appear here as they are added.',
  setupTitle: 'Set up your community',
  setupLead: 'A few steps make this site your community’s own. Visitors see an empty home page until then.',
}

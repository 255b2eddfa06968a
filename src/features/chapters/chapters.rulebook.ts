// The community's chapter rules (seed 001, the user committee's "运转方式和规则" and "如何成立新的
//城市站"), each next to where Hearth enforces it. The public page and docs/chapter-rules.md show
// this table; chapters.rulebook.test.ts checks that every name here exists where it says, so the
// table cannot quietly go stale. The rules' wording is in the i18n dictionaries (both languages).

/** How far Hearth holds a rule: fully, in part (the rest is people's judgment or still to come), or not yet. */
export const ruleStatuses = ['enforced', 'partly', 'notYet'] as const
export type RuleStatus = (typeof ruleStatuses)[number]

/** A place in the code: a file under src/ (or drizzle/) and names that occur in it. */
export type Enforcement = { file: string; names: readonly string[] }

export type ChapterRule = { id: string; status: RuleStatus; where: readonly Enforcement[] }

export const chapterRules: readonly ChapterRule[] = [
  {
    id: 'team',
    status: 'enforced',
    where: [
      {
        file: 'src/features/chapters/chapters.schema.ts',
        names: ['chapter_team_one_leader_key', 'chapter_team_one_seat'],
      },
      { file: 'src/features/chapters/chapters.seats.ts', names: ['seatPerson'] },
    ],
  },
  {
    id: 'duties',
    status: 'partly',
    where: [
      {
        file: 'src/features/chapters/chapters.service.ts',
        names: ['mayRecordFor', 'askForSupport', 'recordChapterEvent'],
      },
    ],
  },
  {
    id: 'leadersActive',
    status: 'enforced',
    where: [
      { file: 'src/features/chapters/chapters.seats.ts', names: ['checkActiveOrOverride'] },
      { file: 'src/features/standing/standing.rules.ts', names: ['activityVerdict'] },
    ],
  },
  {
    id: 'membersActive',
    status: 'enforced',
    where: [
      { file: 'src/features/chapters/chapters.applications.ts', names: ['JOIN_CHAPTER'] },
      { file: 'src/features/applications/applications.activity.ts', names: ['activityChecks'] },
    ],
  },
  {
    id: 'joining',
    status: 'enforced',
    where: [
      { file: 'src/features/chapters/chapters.applications.ts', names: ['JOIN_CHAPTER', 'chapter_deciders'] },
      { file: 'src/features/applications/applications.github.ts', names: ['receiveIssueEvent'] },
    ],
  },
  {
    id: 'steppingDown',
    status: 'enforced',
    where: [
      { file: 'src/features/chapters/chapters.applications.ts', names: ['STEP_DOWN'] },
      {
        file: 'src/features/chapters/chapters.succession.ts',
        names: ['openLeaderSearch', 'leaderCandidates', 'appointLeader'],
      },
      { file: 'src/features/chapters/chapters.rules.ts', names: ['successorRefusal'] },
    ],
  },
  {
    id: 'promotion',
    status: 'enforced',
    where: [{ file: 'src/features/chapters/chapters.service.ts', names: ['promoteMember'] }],
  },
  {
    id: 'founderActive',
    status: 'enforced',
    where: [
      {
        file: 'src/features/chapters/chapters.applications.ts',
        names: ['FOUND_CHAPTER', 'ACTIVE_WITHIN_MONTHS'],
      },
    ],
  },
  {
    id: 'audience',
    status: 'partly',
    where: [
      {
        file: 'src/features/chapters/chapters.applications.ts',
        names: ['MIN_AUDIENCE', 'audienceEvidence', 'checkedInAudience'],
      },
      { file: 'src/features/chapters/chapters.held.ts', names: ['heldEvents'] },
    ],
  },
  {
    id: 'quorum',
    status: 'enforced',
    where: [
      { file: 'src/features/chapters/chapters.applications.ts', names: ['FOUND_CHAPTER', 'quorum'] },
      { file: 'src/features/applications/applications.rules.ts', names: ['decide'] },
    ],
  },
  {
    id: 'issueForm',
    status: 'enforced',
    where: [
      {
        file: 'src/features/applications/applications.issue-form.ts',
        names: ['issueFormOf', 'parseIssueFormBody'],
      },
      { file: 'src/features/applications/applications.github.ts', names: ['receiveIssueEvent'] },
    ],
  },
  {
    id: 'oneChapterPerCity',
    status: 'enforced',
    where: [
      {
        file: 'src/features/chapters/chapters.cities.ts',
        names: ['cityKey', 'cityNames', 'chapterInSameCity'],
      },
      { file: 'src/features/chapters/chapters.service.ts', names: ['editChapterRecord', 'CityHasChapter'] },
    ],
  },
  {
    id: 'yearlyEvent',
    status: 'enforced',
    where: [
      {
        file: 'src/features/chapters/chapters.rules.ts',
        names: ['chapterHealth', 'eventClock', 'countsAsOffline', 'hasEvidence'],
      },
      { file: 'src/features/chapters/chapters.service.ts', names: ['exemptChapter', 'settleChapterHealth'] },
      { file: 'src/features/chapters/chapters.held.ts', names: ['registerHeldEventSource'] },
      { file: 'src/features/events/events.held.ts', names: ['selectCheckedInEvents'] },
      { file: 'src/platform/config.ts', names: ['CHAPTER_EVENT_WINDOW_MONTHS', 'CHAPTER_LEADER_GRACE_DAYS'] },
      { file: 'src/jobs.ts', names: ['chapter-health'] },
    ],
  },
  {
    id: 'noOrganiser',
    status: 'enforced',
    where: [
      { file: 'src/features/chapters/chapters.succession.ts', names: ['openLeaderSearch', 'appointLeader'] },
      { file: 'src/features/chapters/chapters.rules.ts', names: ['chapterHealth'] },
      { file: 'src/platform/config.ts', names: ['CHAPTER_LEADER_SEARCH_DAYS'] },
    ],
  },
  {
    id: 'sigMeetings',
    status: 'enforced',
    where: [
      { file: 'src/features/meetings/meetings.rules.ts', names: ['uncoveredItems', 'chapterRepresentation'] },
      { file: 'src/features/meetings/meetings.service.ts', names: ['askChaptersToAttend', 'recordPresence'] },
    ],
  },
  {
    id: 'support',
    status: 'enforced',
    where: [
      { file: 'src/features/chapters/chapters.rules.ts', names: ['supportKinds', 'canMoveSupport'] },
      { file: 'src/features/chapters/chapters.service.ts', names: ['askForSupport', 'moveSupportRequest'] },
    ],
  },
  {
    id: 'recognition',
    status: 'enforced',
    where: [
      { file: 'src/features/recognition/recognition.rules.ts', names: ['titlesOf', 'titleEarned'] },
      {
        file: 'src/features/recognition/recognition.service.ts',
        names: ['issueCertificate', 'grantTitle', 'addShipment'],
      },
      { file: 'src/platform/config.ts', names: ['TITLE_MIN_TENURE_DAYS'] },
    ],
  },
]

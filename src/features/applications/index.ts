import './applications.dashboard.ts'

export { authoriseGithub } from './applications.announce.ts'
export { receiveIssueEvent } from './applications.github.ts'
export { answerInvitation, invitationsOf, invitationsWaiting } from './applications.invitations.ts'
export { applicationsPages } from './applications.pages.tsx'
export { remindReviewers, startApplication, voteOnApplication } from './applications.service.ts'

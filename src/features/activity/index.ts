export type { ActiveAnswer, Contribution, ContributionKind, ScopeEntry } from './activity.rules.ts'
export { contributionKinds, contributionPlace } from './activity.rules.ts'
export { isPersonActive, linkGithubAccount, receiveWebhook, storeContributions } from './activity.service.ts'

import './activity.home.tsx'
import './activity.profile.tsx'
import './activity.standing.ts'

export { ProfileActivity } from './activity.pages.tsx'
export { reconcileActivity } from './activity.reconcile.ts'
export type { ActiveAnswer, Contribution, ContributionKind, ScopeEntry } from './activity.rules.ts'
export { contributionKinds, contributionPlace } from './activity.rules.ts'
export {
  ensureActivityRollups,
  isPersonActive,
  linkGithubAccount,
  type PersonActivity,
  personActivity,
  receiveWebhook,
  refreshActivityRollups,
  storeContributions,
} from './activity.service.ts'

export {
  ACTIVE_WITHIN_MONTHS,
  type ActivityFact,
  type ActivityVerdict,
  activityVerdict,
} from './standing.rules.ts'
export {
  type ActivitySource,
  activitySourceKinds,
  activityVerdictOf,
  activityVerdicts,
  registerActivitySource,
} from './standing.sources.ts'
export { ActivityVerdictView, OverrideReasonField, verdictFromJson, verdictToJson } from './standing.view.tsx'

export {
  type Actor,
  authorize,
  type CommunityRole,
  can,
  communityRoles,
  type HeldRole,
  isCommunityRole,
  type Permission,
  roleNeedsSig,
} from './access.rules.ts'

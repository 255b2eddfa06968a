export {
  type Actor,
  authorize,
  type CommunityRole,
  can,
  communityRoles,
  type HeldRole,
  isAdministrator,
  isCommunityRole,
  type Permission,
  roleNeedsSig,
} from './access.rules.ts'

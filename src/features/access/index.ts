export {
  type Actor,
  authorize,
  can,
  type CommunityRole,
  communityRoles,
  type HeldRole,
  isAdministrator,
  isCommunityRole,
  type Permission,
  roleNeedsSig,
} from './access.rules.ts'

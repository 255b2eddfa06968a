import './people.home.ts'

export * from './people.inputs.ts'
export {
  type ProfilePerson,
  type ProfileRole,
  type ProfileSource,
  type ProfileStep,
  type ProfileView,
  registerProfileSource,
} from './people.profile.ts'
export type { Person, RoleGrantRow, Sig } from './people.repo.ts'
export { displayName, formatLinks, isListed, normalizeEmail } from './people.rules.ts'
export {
  allRoleGrants,
  countListedPeople,
  countPeople,
  createAdministrator,
  currentRoles,
  endRole,
  findOrCreatePersonByEmail,
  findOrCreatePersonByGithub,
  findPersonByHandle,
  findPersonByHandleOrLogin,
  type GithubIdentity,
  getPerson,
  getProfile,
  getPublicProfile,
  grantRole,
  listPeople,
  listSigs,
  peopleToTell,
  recordGithubIdentity,
  setAvatar,
  sigRoleHolders,
  updateProfile,
} from './people.service.ts'

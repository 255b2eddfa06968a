export * from './people.inputs.ts'
export type { Person, RoleGrantRow, Sig } from './people.repo.ts'
export { displayName, formatLinks, normalizeEmail } from './people.rules.ts'
export {
  allRoleGrants,
  countPeople,
  createAdministrator,
  currentRoles,
  endRole,
  findOrCreatePersonByEmail,
  findOrCreatePersonByGithub,
  findPersonByHandle,
  type GithubIdentity,
  getPerson,
  getProfile,
  grantRole,
  listPeople,
  listSigs,
  peopleToTell,
  sigRoleHolders,
  updateProfile,
} from './people.service.ts'

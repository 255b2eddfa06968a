export { setSessionCookie } from './accounts.cookie.ts'
export { fetchGithubIdentity, githubAuthorizationUrl } from './accounts.github.ts'
export { signInCodeInput, signInEmailInput } from './accounts.inputs.ts'
export {
  createApiToken,
  forgetExpiredSignIns,
  listApiTokens,
  listSessions,
  requestSignInCode,
  resolveApiToken,
  resolveSession,
  revokeApiToken,
  signInWithCode,
  signInWithGithub,
  signOut,
  signOutEverywhere,
  startSession,
} from './accounts.service.ts'

export const CODE_TTL_MS = 10 * 60_000
export const CODE_MAX_ATTEMPTS = 5
/** Touching last_seen on every request would make every page view a write. */
export const SESSION_TOUCH_MS = 5 * 60_000

export const limits = {
  codeRequestsPerAddress: { limit: 5, windowSeconds: 15 * 60 },
  codeRequestsPerClient: { limit: 20, windowSeconds: 15 * 60 },
  codeChecksPerClient: { limit: 30, windowSeconds: 15 * 60 },
  githubSignInsPerClient: { limit: 30, windowSeconds: 15 * 60 },
} as const

export const sessionExpiry = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000)

export const codeUsable = (code: { expiresAt: Date; consumedAt: Date | null; attempts: number }, now: Date) =>
  code.consumedAt === null && code.expiresAt.getTime() > now.getTime() && code.attempts < CODE_MAX_ATTEMPTS

export const sessionNeedsTouch = (lastSeenAt: Date, now: Date) =>
  now.getTime() - lastSeenAt.getTime() > SESSION_TOUCH_MS

/** Personal API tokens are recognisable in logs and secret scanners by their prefix. */
export const TOKEN_PREFIX = 'hearth_pat_'
export const looksLikeApiToken = (value: string) =>
  value.startsWith(TOKEN_PREFIX) && value.length > TOKEN_PREFIX.length + 20

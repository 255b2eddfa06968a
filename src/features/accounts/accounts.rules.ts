export const CODE_TTL_MS = 10 * 60_000
/**
 * Only the newest few unused codes of an address are accepted: anyone may ask for codes to be sent
 * to any address, and every live code is one more target for a guess. Codes a stranger asks for
 * push older ones out, but they arrive in the owner's mailbox too, and the newest one works.
 */
export const LIVE_CODES_PER_ADDRESS = 3
/** Touching last_seen on every request would make every page view a write. */
export const SESSION_TOUCH_MS = 5 * 60_000

/**
 * Sign-in limits count a client (its address) and a client with an e-mail address together, never an
 * e-mail address alone for requests: a stranger must not be able to make someone else's sign-in fail.
 * A stranger's wrong guesses do not touch the owner's codes either; what stops guessing is:
 *
 * - each client may check 5 codes per address an hour (and 30 codes of any address in 15 minutes);
 * - all clients together may check `codeChecksPerAddress` (60) codes of one address an hour. One
 *   client can spend at most 5 of them, so only twelve or more clients acting together can make
 *   the owner wait, and then for the rest of that hour;
 * - a code lives 10 minutes and at most 3 codes of an address are live at once.
 *
 * The odds for a 6-digit code (10^6 values): a code's 10 minutes fall in at most two hourly windows,
 * so at most 120 guesses are made while it lives, each against at most 3 live codes: the chance that
 * any guess hits is at most 120 × 3 / 10^6 = 0.036 % per 10 minutes, and one hour of guessing at
 * the cap (60 × 3 / 10^6) is at most 0.018 %. Keeping that up needs twelve clients all hour and a
 * stream of codes the owner never asked for arriving in their mailbox; a day of it stays under
 * 0.5 %. One client alone gets 5 × 3 / 10^6 = 0.0015 % an hour.
 */
export const limits = {
  codeRequestsPerClientAndAddress: { limit: 5, windowSeconds: 15 * 60 },
  codeRequestsPerClient: { limit: 20, windowSeconds: 15 * 60 },
  codeChecksPerClientAndAddress: { limit: 5, windowSeconds: 60 * 60 },
  codeChecksPerClient: { limit: 30, windowSeconds: 15 * 60 },
  codeChecksPerAddress: { limit: 60, windowSeconds: 60 * 60 },
  githubSignInsPerClient: { limit: 30, windowSeconds: 15 * 60 },
} as const

export const sessionExpiry = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000)

export const codeUsable = (code: { expiresAt: Date; consumedAt: Date | null }, now: Date) =>
  code.consumedAt === null && code.expiresAt.getTime() > now.getTime()

/** The codes a guess is checked against: the newest live ones. */
export const codesToCheck = <C extends { expiresAt: Date; consumedAt: Date | null; createdAt: Date }>(
  codes: C[],
  now: Date,
) =>
  codes
    .filter((code) => codeUsable(code, now))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, LIVE_CODES_PER_ADDRESS)

export const sessionNeedsTouch = (lastSeenAt: Date, now: Date) =>
  now.getTime() - lastSeenAt.getTime() > SESSION_TOUCH_MS

/** Personal API tokens are recognisable in logs and secret scanners by their prefix. */
export const TOKEN_PREFIX = 'hearth_pat_'
export const looksLikeApiToken = (value: string) =>
  value.startsWith(TOKEN_PREFIX) && value.length > TOKEN_PREFIX.length + 20

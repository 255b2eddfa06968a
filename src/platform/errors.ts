import type { z } from 'zod'

/**
 * Domain errors carry a stable code; the HTTP layer maps them to problem+json for
 * the API and to a translated message (errors[code]) on pages. Anything else is a 500.
 */
export type ErrorCode =
  | 'notFoundRecord'
  | 'forbidden'
  | 'unauthenticated'
  | 'rateLimited'
  | 'csrf'
  | 'invalid'
  | 'codeInvalid'
  | 'handleTaken'
  | 'roleHeld'
  | 'sigRequired'
  | 'githubFailed'
  | 'unavailable'
  | 'notAllowedNow'
  | 'notEligible'
  | 'seatTaken'
  | 'cityHasChapter'
  /** Someone not active lately would be seated: the decider must override, with a reason. */
  | 'overrideRequired'
  | 'slugTaken'
  | 'applicationOpen'
  | 'controlCharacters'
  | 'tooLarge'
  /** Registering for an event: refusals people can read (nothing is changed). */
  | 'eventNotOpen'
  | 'registrationNotOpen'
  | 'registrationClosed'
  | 'alreadyRegistered'
  | 'registrationDeclined'
  /** An organiser acted on a registration that another change moved on meanwhile. */
  | 'registrationChanged'
  /** The call for speakers: refusals people can read (nothing is changed). */
  | 'callClosed'
  | 'notReviewer'
  | 'ownProposal'
  | 'notYourSession'

const statusOf: Record<ErrorCode, number> = {
  notFoundRecord: 404,
  forbidden: 403,
  unauthenticated: 401,
  rateLimited: 429,
  csrf: 403,
  invalid: 422,
  codeInvalid: 400,
  handleTaken: 409,
  roleHeld: 409,
  sigRequired: 422,
  githubFailed: 502,
  unavailable: 503,
  notAllowedNow: 409,
  notEligible: 422,
  seatTaken: 409,
  cityHasChapter: 409,
  overrideRequired: 409,
  slugTaken: 409,
  applicationOpen: 409,
  controlCharacters: 400,
  tooLarge: 413,
  eventNotOpen: 409,
  registrationNotOpen: 409,
  registrationClosed: 409,
  alreadyRegistered: 409,
  registrationDeclined: 409,
  registrationChanged: 409,
  callClosed: 409,
  notReviewer: 403,
  ownProposal: 403,
  notYourSession: 403,
}

export class DomainError extends Error {
  readonly code: ErrorCode
  readonly status: number
  /** More for API clients, added to the problem document (e.g. which conditions failed). */
  details?: Record<string, unknown>
  constructor(code: ErrorCode, detail?: string) {
    super(detail ?? code)
    this.name = 'DomainError'
    this.code = code
    this.status = statusOf[code]
  }
}

export class InvalidInput extends DomainError {
  readonly issues: z.core.$ZodIssue[]
  constructor(issues: z.core.$ZodIssue[]) {
    super('invalid', 'The input is not valid')
    this.issues = issues
  }
}

export class RateLimited extends DomainError {
  readonly retryAfterSeconds: number
  constructor(retryAfterSeconds: number) {
    super('rateLimited', 'Too many requests')
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** True for errors that mean the database cannot be reached right now (server restarting, network). */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>()
  for (let cur: unknown = e; cur && !seen.has(cur); cur = (cur as { cause?: unknown }).cause) {
    seen.add(cur)
    const code = (cur as { code?: string }).code
    const message = String((cur as { message?: string }).message ?? '')
    if (
      code &&
      [
        'ECONNREFUSED',
        'ECONNRESET',
        'EPIPE',
        'ETIMEDOUT',
        '57P01',
        '57P02',
        '57P03',
        '08006',
        '08001',
        '08003',
      ].includes(code)
    )
      return true
    if (
      /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(
        message,
      )
    )
      return true
  }
  return false
}

// What people send about registrations: the organisers' console forms and the API's bodies.
import { z } from '@hono/zod-openapi'
import { MAX_CAPACITY, registrationStatuses } from './events.registrations.rules.ts'

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)

/** Organisers add someone by handle or e-mail address. */
export const addAttendeeInput = z.object({
  who: z.string().trim().min(1, 'required').max(254, 'tooLong'),
})

/** Places, or blank for no limit. */
export const capacityInput = z.object({
  capacity: z.preprocess(
    blankToNull,
    z.coerce.number().int('wholeNumber').min(0, 'wholeNumber').max(MAX_CAPACITY, 'tooLarge').nullable(),
  ) as z.ZodType<number | null>,
})

export const messageInput = z.object({
  subject: z.string().trim().min(1, 'required').max(200, 'tooLong'),
  body: z.string().trim().min(1, 'required').max(20_000, 'tooLong'),
  includeWaitlist: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
})

export const statusFilterInput = z.object({
  status: z.preprocess(blankToNull, z.enum(registrationStatuses).nullable().optional()),
})

// --- API ----------------------------------------------------------------------------------------

export const registerBody = z
  .object({
    answers: z
      .record(z.string(), z.union([z.string().max(4000), z.boolean()]))
      .default({})
      .openapi({
        description:
          'Answers to the event’s questions by question key: text, an option’s key for a choice, yes/no as a boolean or "yes"/"no"',
      }),
  })
  .openapi('RegistrationInput')

export const registrationOutput = z
  .object({
    id: z.uuid(),
    event: z.object({ id: z.uuid(), slug: z.string(), startsAt: z.string() }),
    status: z.enum(registrationStatuses),
    position: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'For the waitlist: the place in the queue (1 is next)' }),
    answers: z.record(z.string(), z.string()),
    queuedAt: z.string(),
    confirmedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    ticketUrl: z
      .string()
      .nullable()
      .openapi({ description: 'The ticket page, while the registration holds a place' }),
  })
  .openapi('Registration')

export const organiserRegistrationOutput = z
  .object({
    id: z.uuid(),
    status: z.enum(registrationStatuses),
    person: z.object({
      id: z.uuid(),
      handle: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
    }),
    answers: z.record(z.string(), z.string()),
    queuedAt: z.string(),
    confirmedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    addedByOrganiser: z.boolean(),
  })
  .openapi('EventRegistration')

const label = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
  z.string().max(200, 'tooLong').nullable(),
) as z.ZodType<string | null>

/** A question organisers add: its kind, its label in either language or both, required or not, a choice's options a line each. */
export const questionInput = z.object({
  kind: z.enum(['text', 'choice', 'yes_no']),
  labelZh: label,
  labelEn: label,
  required: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
  options: z.string().max(6000, 'tooLong').default(''),
})

export const approvalInput = z.object({
  requiresApproval: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
})

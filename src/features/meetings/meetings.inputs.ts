import { z } from 'zod'
import { zonedTime } from '../../platform/i18n/time-zone.ts'

/** A meeting to come; `startsAt` is a wall-clock time in the community's time zone, as a form sends it. */
export const meetingInput = (now: Date, timeZone: string) =>
  z.object({
    sigId: z.string().uuid('required'),
    title: z.string().trim().min(1, 'required').max(200, 'tooLong'),
    startsAt: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'dateTime')
      .transform((v) => zonedTime(v, timeZone))
      .refine((d) => !Number.isNaN(d.getTime()) && d > now, 'notPast'),
    place: z
      .string()
      .trim()
      .max(500, 'tooLong')
      .optional()
      .transform((v) => v || null),
  })
export type MeetingInput = z.output<ReturnType<typeof meetingInput>>

export const agendaItemInput = z.object({
  title: z.string().trim().min(1, 'required').max(300, 'tooLong'),
  chapter: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || null),
})
export type AgendaItemInput = z.output<typeof agendaItemInput>

import { z } from 'zod'
import { eitherLanguage, oneLanguage } from '../../platform/i18n/pair.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'

/** A meeting to come; `startsAt` is a wall-clock time in the community's time zone, as a form sends it. */
export const meetingInput = (now: Date, timeZone: string) =>
  z
    .object({
      sigId: z.string().uuid('required'),
      titleZh: oneLanguage(200),
      titleEn: oneLanguage(200),
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
    .refine(...eitherLanguage('title'))
export type MeetingInput = z.output<ReturnType<typeof meetingInput>>

export const agendaItemInput = z
  .object({
    titleZh: oneLanguage(300),
    titleEn: oneLanguage(300),
    chapter: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v || null),
  })
  .refine(...eitherLanguage('title'))
export type AgendaItemInput = z.output<typeof agendaItemInput>

// What organisers type about volunteer roles and shifts. A shift's times are typed as the event's
// clocks show them and become moments in the event's zone.
import { z } from 'zod'
import { eitherLanguage, oneLanguage } from '../../platform/i18n/pair.ts'
import { wallClockMoment } from './events.rules.ts'
import { MAX_SLOTS } from './events.volunteers.rules.ts'

export const volunteerRoleInput = z
  .object({
    nameZh: oneLanguage(100),
    nameEn: oneLanguage(100),
    descriptionZh: oneLanguage(1000),
    descriptionEn: oneLanguage(1000),
  })
  .refine(...eitherLanguage('name'))
export type VolunteerRoleInput = z.output<typeof volunteerRoleInput>

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/

/** A shift's form, read in the event's zone: each time must exist there, the end after the start. */
export const volunteerShiftInput = (timeZone: string) =>
  z
    .object({
      startsAt: z.string().trim().regex(WALL_CLOCK, 'dateTime'),
      endsAt: z.string().trim().regex(WALL_CLOCK, 'dateTime'),
      slots: z.coerce
        .number('slotsAtLeastOne')
        .int('slotsAtLeastOne')
        .min(1, 'slotsAtLeastOne')
        .max(MAX_SLOTS, 'slotsAtLeastOne'),
    })
    .transform((v, ctx) => {
      const startsAt = wallClockMoment(v.startsAt, timeZone)
      const endsAt = wallClockMoment(v.endsAt, timeZone)
      if (!startsAt) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'timeSkipped' })
      if (!endsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'timeSkipped' })
      if (!startsAt || !endsAt) return z.NEVER
      if (endsAt <= startsAt) {
        ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAfterStart' })
        return z.NEVER
      }
      return { startsAt, endsAt, slots: v.slots }
    })
export type VolunteerShiftInput = z.output<ReturnType<typeof volunteerShiftInput>>

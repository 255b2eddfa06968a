import { z } from 'zod'
import { eitherLanguage, oneLanguage } from '../../platform/i18n/pair.ts'

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong')
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'tooLong')
    .optional()
    .transform((v) => v || null)

export const shipmentInput = z
  .object({
    handle: text(39),
    itemZh: oneLanguage(200),
    itemEn: oneLanguage(200),
    reasonZh: oneLanguage(300),
    reasonEn: oneLanguage(300),
  })
  .refine(...eitherLanguage('item'))
export type ShipmentInput = z.output<typeof shipmentInput>

export const addressInput = z.object({
  recipientName: text(100),
  address: text(500),
  phone: z
    .string()
    .trim()
    .regex(/^[+\d][\d\s-]{5,24}$/, 'phone'),
})
export type AddressInput = z.output<typeof addressInput>

export const shipmentMoveInput = z.object({
  status: z.enum(['sent', 'received']),
  tracking: optionalText(200),
})
export type ShipmentMoveInput = z.output<typeof shipmentMoveInput>

export const revokeInput = z.object({ reason: text(500) })

/** A SIG lead grants a title tenure did not earn, saying why. */
export const grantTitleInput = z.object({
  personId: z.string().uuid('required'),
  titleKey: text(200),
  reason: text(500),
})

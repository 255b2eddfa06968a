import { timestamp, uuid } from 'drizzle-orm/pg-core'
import { v7 as uuidv7 } from '../ids.ts'

/** Primary key generated in the app (UUIDv7: time-ordered, so indexes stay compact). */
export const id = () => uuid('id').primaryKey().$defaultFn(uuidv7)
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
export const createdAt = () => at('created_at').notNull().defaultNow()

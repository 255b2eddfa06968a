// The enums the events' and the programme's schemas share (sessions and proposals have a kind and
// a level), apart from both, which import each other, so neither needs the other loaded first.
import { pgEnum } from 'drizzle-orm/pg-core'

export const sessionKind = pgEnum('session_kind', [
  'talk',
  'keynote',
  'panel',
  'roundtable',
  'lightning',
  'workshop',
  'special',
  'meetup',
  'podcast',
  'break',
])
/** How much a session expects its audience to know already (a proposal's and its session's). */
export const sessionLevel = pgEnum('session_level', ['beginner', 'intermediate', 'advanced'])

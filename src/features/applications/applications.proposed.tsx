// The people an application names who must say yes themselves, as those who decide see them:
// drawn from the invitations the engine keeps, so the page needs to know no application type.
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/http/context.ts'
import { Badge } from '../../platform/views/components.tsx'
import { displayName } from '../people/index.ts'
import { ActivityVerdictView } from '../standing/index.ts'
import type { invitedForReview } from './applications.service.ts'

const answerTone = (state: string) =>
  state === 'accepted' ? 'success' : state === 'declined' ? 'danger' : 'neutral'

export function ProposedTeam(p: { c: Context<AppEnv>; rows: Awaited<ReturnType<typeof invitedForReview>> }) {
  const { t, locale } = p.c.var
  const tp = t.applications.proposed
  if (!p.rows.length) return null
  return (
    <section aria-labelledby="proposed-title" class="proposed-team">
      <h2 id="proposed-title">{tp.title}</h2>
      <p class="muted">{tp.lead}</p>
      <ul class="verdicts">
        {p.rows.map(({ invitation, person, verdict }) => (
          <li>
            <strong>{displayName(person, locale)}</strong> <span class="muted">@{person.handle}</span> ·{' '}
            {t.applications.invitations.roles[invitation.role] ?? invitation.role} ·{' '}
            <Badge tone={answerTone(invitation.state)}>
              {tp.answers[invitation.state] ?? invitation.state}
            </Badge>
            <ActivityVerdictView verdict={verdict} t={t} locale={locale} />
          </li>
        ))}
      </ul>
    </section>
  )
}

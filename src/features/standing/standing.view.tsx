// The verdict as every page shows it (founding, joining, promotion, succession): active or not,
// what counted, or what the person did last; the same words wherever the rule applies.
import { formatDate, type Locale, type Messages } from '../../platform/i18n/index.ts'
import { Field } from '../../platform/views/layout.tsx'
import type { ActivityFact, ActivityVerdict } from './standing.rules.ts'

const factText = (t: Messages, locale: Locale, f: ActivityFact) =>
  t.standing.fact(t.standing.kinds[f.kind] ?? f.kind, f.where, formatDate(locale, f.at))

export function ActivityVerdictView({
  verdict,
  t,
  locale,
}: {
  verdict: ActivityVerdict
  t: Messages
  locale: Locale
}) {
  return (
    <div class="activity-verdict">
      <span class={`badge ${verdict.active ? 'status-active' : 'status-inactive'}`}>
        {verdict.active ? t.standing.active : t.standing.notActive}
      </span>{' '}
      {verdict.active ? (
        <span>
          {t.standing.counted}:{' '}
          {verdict.counted.map((f, i) => (
            <>
              {i ? '; ' : ''}
              {f.url ? <a href={f.url}>{factText(t, locale, f)}</a> : factText(t, locale, f)}
            </>
          ))}
        </span>
      ) : (
        <span>
          {verdict.last ? t.standing.last(factText(t, locale, verdict.last)) : t.standing.none}{' '}
          {t.standing.window(formatDate(locale, verdict.since))}
        </span>
      )}
    </div>
  )
}

/** A verdict as JSON (kept on an application's history), and back. */
export const verdictToJson = (v: ActivityVerdict) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>

export function verdictFromJson(json: unknown): ActivityVerdict | null {
  if (!json || typeof json !== 'object') return null
  const o = json as { active?: unknown; since?: unknown; counted?: unknown; last?: unknown }
  const fact = (f: unknown): ActivityFact | null => {
    if (!f || typeof f !== 'object') return null
    const x = f as Record<string, unknown>
    return typeof x.kind === 'string' && typeof x.at === 'string' && typeof x.where === 'string'
      ? { kind: x.kind, at: new Date(x.at), where: x.where, url: typeof x.url === 'string' ? x.url : null }
      : null
  }
  if (typeof o.active !== 'boolean' || typeof o.since !== 'string') return null
  return {
    active: o.active,
    since: new Date(o.since),
    counted: Array.isArray(o.counted) ? o.counted.map(fact).filter((f): f is ActivityFact => f !== null) : [],
    last: fact(o.last),
  }
}

/** Where whoever seats someone not active lately gives their reason (kept with the seat or vote). */
export function OverrideReasonField(p: { id: string; t: Messages; value?: string; error?: string }) {
  return (
    <Field
      name="override"
      id={p.id}
      label={p.t.standing.overrideReason}
      hint={p.t.standing.overrideHint}
      multiline
      value={p.value}
      error={p.error}
    />
  )
}

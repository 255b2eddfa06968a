import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { formatDate } from '../../platform/i18n/index.ts'
import { countFailedMail, recentMail } from '../../platform/mail/outbox.ts'
import { StatTile, TodoItem } from '../../platform/views/components.tsx'
import { render } from '../../platform/views/page.tsx'
import { authorize, can } from '../access/index.ts'
import { FirstRunChecklist, firstRunChecklist } from '../community/index.ts'
import { dashboardFor } from './console.registry.ts'

export function consolePages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.get('/:lang{(?:zh|en)}/console', async (c) => {
    const { t, locale, viewer } = c.var
    authorize(viewer, { action: 'console.enter' })
    const th = t.console.home
    const { needs, stats } = await dashboardFor(deps, viewer, { t, locale })
    const checklist = await firstRunChecklist(deps, viewer, locale)
    // Failed mail is the platform's own fact, not a feature's: the console asks the outbox itself.
    if (can(viewer, { action: 'mail.read-outbox' })) {
      const failed = await countFailedMail(deps.db)
      if (failed > 0)
        needs.push({
          count: failed,
          label: th.mailFailed(failed),
          href: `/${locale}/console/outbox`,
          tone: 'danger',
        })
    }
    const tools = [
      ['applications', th.reviewQueue, `/${locale}/applications`] as const,
      can(viewer, { action: 'people.manage' }) ? (['people', t.console.people] as const) : null,
      ['chapters', t.chapters.health.title] as const,
      ['support', t.chapters.support.title] as const,
      ['events', t.events.console.title] as const,
      ['meetings', t.meetings.title] as const,
      ['podcast', t.podcastConsole.title] as const,
      can(viewer, { action: 'articles.edit' }) ? (['articles', t.articles.console.title] as const) : null,
      can(viewer, { action: 'recognition.manage' }) ? (['recognition', t.recognition.title] as const) : null,
      can(viewer, { action: 'recognition.manage' }) ? (['swag', t.recognition.swag] as const) : null,
      can(viewer, { action: 'mail.read-outbox' }) ? (['outbox', t.console.outbox] as const) : null,
      can(viewer, { action: 'activity.manage' }) ? (['activity', t.console.activity] as const) : null,
      can(viewer, { action: 'webhooks.manage' }) ? (['webhooks', t.webhooks.title] as const) : null,
      can(viewer, { action: 'community.brand' }) ? (['community', t.community.title] as const) : null,
    ].filter((x) => x !== null)
    return render(
      c,
      { title: t.console.title },
      <>
        <h1>{t.console.title}</h1>
        <p class="lead">{t.console.lead}</p>
        {checklist ? <FirstRunChecklist items={checklist} t={t} /> : null}
        <section aria-labelledby="needs-title">
          <h2 id="needs-title">{th.needsYou}</h2>
          {needs.length ? (
            <>
              <p class="hint">{th.needsYouLead}</p>
              <ul class="todo-list">
                {needs.map((n) => (
                  <TodoItem count={n.count} label={n.label} href={n.href} tone={n.tone} />
                ))}
              </ul>
            </>
          ) : (
            <p class="empty-state">{th.nothing}</p>
          )}
        </section>
        <section aria-labelledby="glance-title">
          <h2 id="glance-title">{th.atAGlance}</h2>
          <ul class="stat-tiles">
            {stats.map((s) => (
              <li>
                <StatTile value={s.value} label={s.label} href={s.href} />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="areas-title">
          <h2 id="areas-title">{th.areas}</h2>
          <ul class="section-grid">
            {tools.map(([path, label, href]) => (
              <li>
                <a href={href ?? `/${locale}/console/${path}`}>{label}</a>
              </li>
            ))}
          </ul>
        </section>
      </>,
    )
  })

  app.get('/:lang{(?:zh|en)}/console/outbox', async (c) => {
    const { t, locale, viewer } = c.var
    authorize(viewer, { action: 'mail.read-outbox' })
    const mail = await recentMail(deps.db)
    return render(
      c,
      { title: t.console.outbox },
      <>
        <p>
          <a href={`/${locale}/console`}>{t.console.title}</a>
        </p>
        <h1>{t.console.outbox}</h1>
        <p class="lead">{t.console.outboxLead}</p>
        {mail.length === 0 ? (
          <p>{t.console.noMail}</p>
        ) : (
          <ul class="timeline">
            {mail.map((m) => (
              <li>
                <strong>{m.subject}</strong> → {m.to}
                <div class="muted">
                  {m.sentAt
                    ? t.console.sent(m.via ?? '', formatDate(locale, m.sentAt, true))
                    : t.console.pending(m.attempts)}
                  {m.lastError ? ` · ${m.lastError}` : ''}
                </div>
                {/* With a mail server, a message's text (e.g. a sign-in code) is the recipient's alone. */}
                {deps.config.smtpUrl && m.via !== 'log' ? null : (
                  <details>
                    <summary>{t.console.message}</summary>
                    <pre>{m.text}</pre>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </>,
    )
  })

  return app
}

import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { formatDate, translateIssue } from '../../platform/i18n/index.ts'
import { requestPolicy } from '../../platform/outbox/http.ts'
import { CsrfField, Field, Notice } from '../../platform/views/layout.tsx'
import { readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { subscriptionInput } from './webhooks.inputs.ts'
import { webhookEventTypes } from './webhooks.rules.ts'
import * as webhooks from './webhooks.service.ts'

export function webhooksPages(deps: Deps) {
  const app = new Hono<AppEnv>()
  const consolePath = (locale: string) => `/${locale}/console/webhooks`

  const page = async (
    c: Context<AppEnv>,
    form?: { values: Record<string, string>; errors: Record<string, string> },
  ) => {
    const { t, locale, viewer } = c.var
    const tw = t.webhooks
    const subscriptions = await webhooks.listSubscriptions(deps, viewer)
    const notice = c.req.query('notice')
    const button = (id: string, action: string, label: string, what: string) => (
      <form method="post" action={`${consolePath(locale)}/${id}/${action}`} class="inline">
        <CsrfField c={c} />
        <button type="submit" class="secondary">
          {label}
          <span class="visually-hidden"> — {what}</span>
        </button>
      </form>
    )
    return render(
      c,
      { title: tw.title, status: form ? 422 : 200 },
      <>
        <p>
          <a href={`/${locale}/console`}>{t.console.title}</a>
        </p>
        <h1>{tw.title}</h1>
        <p class="lead">{tw.lead}</p>
        {notice && tw.notices[notice] ? <Notice kind="success">{tw.notices[notice]}</Notice> : null}
        {subscriptions.length === 0 ? <p class="muted">{tw.none}</p> : null}
        {subscriptions.map((s) => (
          <section aria-labelledby={`sub-${s.id}`} class="card">
            <h2 id={`sub-${s.id}`} class="break">
              {s.url}
            </h2>
            <p>
              {s.description ? <>{s.description} · </> : null}
              {s.events.length
                ? s.events.map((e) => tw.eventNames[e] ?? e).join(locale === 'zh' ? '、' : ', ')
                : tw.allEvents}
              {s.active ? null : <span class="badge">{tw.removed}</span>}
            </p>
            {s.active ? (
              <>
                <details>
                  <summary>{tw.secret}</summary>
                  <p class="hint">{tw.secretHint}</p>
                  <code class="break">{s.secret}</code>
                </details>
                <p>
                  {button(s.id, 'test', tw.sendTest, s.url)} {button(s.id, 'rotate', tw.rotate, s.url)}{' '}
                  {button(s.id, 'remove', tw.remove, s.url)}
                </p>
              </>
            ) : null}
            <h3>{tw.deliveries}</h3>
            {s.deliveries.length === 0 ? (
              <p class="muted">{tw.noDeliveries}</p>
            ) : (
              <ul class="timeline">
                {s.deliveries.map((d) => {
                  const gaveUp = !d.sentAt && d.attempts >= requestPolicy.maxAttempts
                  return (
                    <li>
                      <strong>{tw.eventNames[d.event] ?? d.event}</strong> ·{' '}
                      <time datetime={d.createdAt.toISOString()}>
                        {formatDate(locale, d.createdAt, true)}
                      </time>
                      <div class="muted">
                        {d.sentAt
                          ? tw.delivered(formatDate(locale, d.sentAt, true), d.lastStatus)
                          : gaveUp
                            ? tw.gaveUp(d.attempts)
                            : tw.waiting(d.attempts)}
                        {d.lastError && !d.sentAt ? ` · ${d.lastError}` : ''}
                      </div>
                      {gaveUp && s.active
                        ? button(s.id, `deliveries/${d.id}/retry`, tw.retry, d.event)
                        : null}
                    </li>
                  )
                })}
              </ul>
            )}
          </section>
        ))}
        <section aria-labelledby="add-title">
          <h2 id="add-title">{tw.add}</h2>
          {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
          <form method="post" action={consolePath(locale)} novalidate>
            <CsrfField c={c} />
            <Field
              name="url"
              label={tw.url}
              type="url"
              inputmode="url"
              required
              value={form?.values.url}
              error={form?.errors.url}
            />
            <Field
              name="description"
              label={tw.description}
              value={form?.values.description}
              error={form?.errors.description}
            />
            <fieldset class="checks">
              <legend>{tw.events}</legend>
              <p class="hint">{tw.eventsHint}</p>
              {webhookEventTypes.map((e) => (
                <label>
                  <input
                    type="checkbox"
                    name={`event:${e}`}
                    value="on"
                    checked={Boolean(form?.values[`event:${e}`])}
                  />{' '}
                  {tw.eventNames[e]} <code>{e}</code>
                </label>
              ))}
            </fieldset>
            <button type="submit">{tw.subscribe}</button>
          </form>
        </section>
      </>,
    )
  }

  const idOf = (c: Context<AppEnv>, name = 'id') => {
    const id = c.req.param(name) ?? ''
    if (!isUuid(id)) throw new DomainError('notFoundRecord')
    return id
  }

  app.get('/:lang{(?:zh|en)}/console/webhooks', (c) => page(c))

  app.post('/:lang{(?:zh|en)}/console/webhooks', async (c) => {
    const form = await readForm(c, subscriptionInput)
    if (!form.ok) return page(c, form)
    try {
      await webhooks.subscribe(deps, c.var.viewer, form.data)
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e
      return page(c, {
        values: form.values,
        errors: Object.fromEntries(
          e.issues.map((issue) => [String(issue.path[0]), translateIssue(c.var.locale, issue as never)]),
        ),
      })
    }
    return redirectWithNotice(c, consolePath(c.var.locale), 'subscribed')
  })

  const actions = {
    test: ['testQueued', (c: Context<AppEnv>) => webhooks.sendTestEvent(deps, c.var.viewer, idOf(c))],
    rotate: ['rotated', (c: Context<AppEnv>) => webhooks.rotateSecret(deps, c.var.viewer, idOf(c))],
    remove: ['unsubscribed', (c: Context<AppEnv>) => webhooks.unsubscribe(deps, c.var.viewer, idOf(c))],
  } as const
  for (const [action, [notice, run]] of Object.entries(actions))
    app.post(`/:lang{(?:zh|en)}/console/webhooks/:id/${action}`, async (c) => {
      await run(c)
      return redirectWithNotice(c, consolePath(c.var.locale), notice)
    })

  app.post('/:lang{(?:zh|en)}/console/webhooks/:id/deliveries/:delivery/retry', async (c) => {
    await webhooks.retryDelivery(deps, c.var.viewer, idOf(c), idOf(c, 'delivery'))
    return redirectWithNotice(c, consolePath(c.var.locale), 'retrying')
  })

  return app
}

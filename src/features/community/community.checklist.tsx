// The first-run checklist an administrator sees on the console home of a new instance: what makes
// the site the community's own and able to reach people. It reads facts only (settings, config,
// whether a chapter exists) and disappears once every item is done.
import type { Deps } from '../../platform/deps.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'
import { Badge } from '../../platform/views/components.tsx'
import { type Actor, can } from '../access/index.ts'
import { listChapters } from '../chapters/index.ts'
import { communitySettings } from './community.service.ts'

export type ChecklistItem = {
  key: 'name' | 'logo' | 'mail' | 'github' | 'chapter'
  done: boolean
  /** Where to do it; null for what is configured where the server runs (named in the label). */
  href: string | null
}

/** The checklist for an administrator, or null when there is nothing left to do (or they are not one). */
export async function firstRunChecklist(
  deps: Pick<Deps, 'db' | 'config'>,
  viewer: Actor,
  locale: Locale,
): Promise<ChecklistItem[] | null> {
  if (!can(viewer, { action: 'community.brand' })) return null
  const settings = await communitySettings(deps)
  const chapters = await listChapters(deps)
  const settingsHref = `/${locale}/console/community`
  const items: ChecklistItem[] = [
    {
      key: 'name',
      done: Boolean(settings?.settings.nameZh || settings?.settings.nameEn),
      href: settingsHref,
    },
    { key: 'logo', done: Boolean(settings?.logo), href: `${settingsHref}#logo` },
    { key: 'mail', done: Boolean(deps.config.smtpUrl), href: null },
    {
      key: 'github',
      done: Boolean(deps.config.github && deps.config.githubWebhookSecret),
      href: null,
    },
    { key: 'chapter', done: chapters.length > 0, href: `/${locale}/chapters` },
  ]
  return items.every((i) => i.done) ? null : items
}

export function FirstRunChecklist({ items, t }: { items: ChecklistItem[]; t: Messages }) {
  const tc = t.community.checklist
  const linkText = { name: tc.settings, logo: tc.settings, mail: null, github: null, chapter: tc.chapters }
  return (
    <section class="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{tc.title}</h2>
      <p class="hint">
        {tc.lead} {tc.progress(items.filter((i) => i.done).length, items.length)}
      </p>
      <ol class="checklist-items">
        {items.map((item) => (
          <li class={item.done ? 'is-done' : undefined}>
            <Badge tone={item.done ? 'success' : 'warning'}>{item.done ? tc.done : tc.todo}</Badge>{' '}
            <span>{tc[item.key]}</span>
            {item.done || !item.href ? null : (
              <>
                {' '}
                <a href={item.href}>{linkText[item.key]}</a>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  )
}

import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { formatDate, type Locale, type Messages } from '../../platform/i18n/index.ts'
import { pictureOf } from '../../platform/media/pictures.ts'
import { Card, Avatar as Face, ResponsiveImage } from '../../platform/views/components.tsx'
import { EmptyState, LinkList } from '../../platform/views/layout.tsx'
import { render } from '../../platform/views/page.tsx'
import { displayName } from '../people/index.ts'
import { Avatar } from '../people/people.pages.tsx'
import type { Chapter, Seat } from './chapters.repo.ts'
import { chapterRules } from './chapters.rulebook.ts'
import { type ChapterStatus, chapterStatuses, type TeamRole, teamRoles } from './chapters.rules.ts'
import { chapterSections } from './chapters.sections.ts'
import { getChapter, listChapters } from './chapters.service.ts'
import { RecordedEvent } from './chapters.views.tsx'

const cityOf = (c: Pick<Chapter, 'cityZh' | 'cityEn'>, locale: Locale) =>
  locale === 'zh' ? c.cityZh : c.cityEn
const statusOf = (status: string): ChapterStatus =>
  (chapterStatuses as readonly string[]).includes(status) ? (status as ChapterStatus) : 'inactive'
const roleOf = (t: Messages, role: string) =>
  (teamRoles as readonly string[]).includes(role) ? t.chapters.roles[role as TeamRole] : role
const dayOf = (locale: Locale, isoDay: string) => formatDate(locale, new Date(`${isoDay}T00:00:00Z`))

function StatusBadge({ status, t }: { status: string; t: Messages }) {
  const s = statusOf(status)
  return <span class={`badge status-${s}`}>{t.chapters.status[s]}</span>
}

function PersonLink({ person, locale }: { person: Seat['person']; locale: Locale }) {
  return <a href={`/${locale}/people/${person.handle}`}>{displayName(person, locale)}</a>
}

export function chaptersPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.get('/:lang{(?:zh|en)}/chapters', async (c) => {
    const { t, locale } = c.var
    const found = await listChapters(deps)
    return render(
      c,
      { title: t.chapters.title, description: t.chapters.lead },
      <>
        <h1>{t.chapters.title}</h1>
        <p class="lead">{t.chapters.lead}</p>
        <p>
          <a class="button" href={`/${locale}/applications/new/found-chapter`}>
            {t.chapters.found}
          </a>
        </p>
        <p>
          <a href={`/${locale}/chapters/rules`}>{t.chapters.rulebook.link}</a>
        </p>
        {found.length === 0 ? (
          <EmptyState title={t.empty.title}>{t.empty.chapters}</EmptyState>
        ) : (
          <ul class="cards chapter-cards">
            {found.map(({ chapter, team }) => {
              const leaders = team.filter((s) => s.role !== 'member')
              const city = cityOf(chapter, locale)
              return (
                <li>
                  <Card
                    level={2}
                    variant="chapter"
                    href={`/${locale}/chapters/${chapter.slug}`}
                    title={city}
                    // The city's name stands in for a cover not uploaded yet: every card keeps one shape.
                    image={
                      chapter.cover
                        ? { picture: pictureOf(chapter.cover, 400), alt: '', ratio: '16/9' }
                        : { placeholder: <span>{city}</span>, ratio: '16/9' }
                    }
                    meta={
                      <>
                        <StatusBadge status={chapter.status} t={t} />{' '}
                        {t.chapters.founded(dayOf(locale, chapter.foundedOn))}
                      </>
                    }
                  >
                    {leaders.length ? (
                      <ul class="plain chapter-leaders" aria-label={t.chapters.leadersOf(city)}>
                        {leaders.map((s) => (
                          <li>
                            <Face
                              name={displayName(s.person, locale)}
                              picture={s.person.avatar ? pictureOf(s.person.avatar, 32) : undefined}
                              src={s.person.avatarUrl}
                              alt=""
                              size="small"
                            />{' '}
                            {t.chapters.labelled(roleOf(t, s.role))}
                            <PersonLink person={s.person} locale={locale} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    <p class="muted">{t.chapters.members(team.length)}</p>
                  </Card>
                </li>
              )
            })}
          </ul>
        )}
      </>,
    )
  })

  // Registered before the chapter route, which would take "rules" for a city's address.
  app.get('/:lang{(?:zh|en)}/chapters/rules', (c) => {
    const { t } = c.var
    const tr = t.chapters.rulebook
    return render(
      c,
      { title: tr.title, description: tr.lead },
      <>
        <p>
          <a href={`/${c.var.locale}/chapters`}>{t.chapters.all}</a>
        </p>
        <h1>{tr.title}</h1>
        <p class="lead">{tr.lead}</p>
        {/* Focusable so a keyboard can scroll the table sideways on a phone. */}
        <section class="table-wrap" aria-label={tr.title} tabindex={0}>
          <table class="rulebook">
            <caption class="visually-hidden">{tr.title}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{tr.rule}</th>
                <th scope="col">{tr.where}</th>
                <th scope="col">{tr.status}</th>
              </tr>
            </thead>
            <tbody>
              {chapterRules.map((rule, i) => (
                <tr id={`rule-${rule.id}`}>
                  <td>{i + 1}</td>
                  <th scope="row">{tr.rules[rule.id]}</th>
                  <td>
                    <ul class="plain">
                      {rule.where.map((w) => (
                        <li>
                          <code>{w.names.join(', ')}</code> <span class="muted">({w.file})</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <span class={`badge rule-${rule.status}`}>{tr.statuses[rule.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </>,
    )
  })

  app.get('/:lang{(?:zh|en)}/chapters/:slug', async (c) => {
    const { t, locale } = c.var
    const { chapter, sig, current, past, events } = await getChapter(deps, c.req.param('slug'))
    const sections = await chapterSections(deps, chapter, { t, locale })
    const city = cityOf(chapter, locale)
    const description =
      locale === 'zh'
        ? (chapter.descriptionZh ?? chapter.descriptionEn)
        : (chapter.descriptionEn ?? chapter.descriptionZh)
    const descriptionLang = description === chapter.descriptionZh ? 'zh-Hans' : 'en'
    return render(
      c,
      { title: city, description: description ?? undefined },
      <>
        <p>
          <a href={`/${locale}/chapters`}>{t.chapters.all}</a>
        </p>
        {chapter.cover ? (
          <div class="chapter-cover">
            <ResponsiveImage
              picture={pictureOf(chapter.cover, 800)}
              alt={t.chapters.cover.alt(city)}
              sizes="(max-width: 72rem) 100vw, 72rem"
              loading="eager"
            />
          </div>
        ) : null}
        <h1>{city}</h1>
        <p>
          <StatusBadge status={chapter.status} t={t} />{' '}
          <span class="muted">{t.chapters.founded(dayOf(locale, chapter.foundedOn))}</span>
        </p>
        {description ? (
          <p class="lead" lang={descriptionLang}>
            {description}
          </p>
        ) : null}
        {chapter.leaderWantedUntil && !current.some((s) => s.role === 'leader') ? (
          <section class="notice notice-info" aria-labelledby="leader-wanted-title">
            <h2 id="leader-wanted-title">{t.chapters.leaderWanted}</h2>
            <p>{t.chapters.leaderWantedLead(city, dayOf(locale, chapter.leaderWantedUntil))}</p>
          </section>
        ) : null}
        {chapter.status !== 'inactive' ? (
          <p>
            <a class="button" href={`/${locale}/applications/new/join-chapter?subject=${chapter.slug}`}>
              {t.chapters.join}
            </a>
            {current.some((s) => s.person.id === c.var.viewer?.personId && s.role !== 'member') ? (
              <>
                {' '}
                <a
                  class="button secondary"
                  href={`/${locale}/applications/new/step-down?subject=${chapter.slug}`}
                >
                  {t.chapters.stepDown}
                </a>
              </>
            ) : null}
          </p>
        ) : null}
        <dl class="facts">
          <dt>{t.chapters.sig}</dt>
          <dd>{locale === 'zh' ? sig.nameZh : sig.nameEn}</dd>
          {chapter.location ? (
            <>
              <dt>{t.chapters.location}</dt>
              <dd>{chapter.location}</dd>
            </>
          ) : null}
          {chapter.contact ? (
            <>
              <dt>{t.chapters.contact}</dt>
              <dd>{chapter.contact}</dd>
            </>
          ) : null}
          {chapter.links.length ? (
            <>
              <dt>{t.chapters.links}</dt>
              <dd>
                <LinkList links={chapter.links} />
              </dd>
            </>
          ) : null}
        </dl>
        <section aria-labelledby="team-title">
          <h2 id="team-title">{t.chapters.team}</h2>
          {current.length ? (
            <ul class="cards">
              {current.map((s) => (
                <li class="card">
                  <Avatar person={s.person} locale={locale} t={t} />
                  <div>
                    <PersonLink person={s.person} locale={locale} />
                    <div class="muted">
                      {roleOf(t, s.role)} · {t.chapters.since(formatDate(locale, s.startedAt))}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.chapters.noTeam}</p>
          )}
        </section>
        {sections}
        {events.length ? (
          <section aria-labelledby="events-title">
            <h2 id="events-title">{t.chapters.pastEvents}</h2>
            <ul class="timeline">
              {events.map((ev) => (
                <li>
                  <RecordedEvent ev={ev} t={t} locale={locale} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {past.length ? (
          <section aria-labelledby="past-title">
            <h2 id="past-title">{t.chapters.pastTeam}</h2>
            <ul class="plain">
              {past.map((s) => (
                <li>
                  <PersonLink person={s.person} locale={locale} /> · {roleOf(t, s.role)} ·{' '}
                  {t.chapters.served(formatDate(locale, s.startedAt), formatDate(locale, s.endedAt!))}
                  {s.endReason ? ` · ${s.endReason}` : ''}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </>,
    )
  })

  return app
}

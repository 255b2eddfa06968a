// The podcast console's downloads page: how often a show (or one episode) was downloaded, as
// counted by podcast.downloads.rules.ts; its route is in podcast.console.tsx.
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { AppEnv } from '../../platform/http/context.ts'
import { formatDate, formatPercent } from '../../platform/i18n/index.ts'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { consoleBase } from './podcast.console.views.tsx'
import type * as podcast from './podcast.service.ts'

const W = 8
const H = 80
const BAR = 160

/** A table that is also the chart: each row's share of the downloads drawn as a bar beside it. */
function ShareTable(p: {
  c: Context<AppEnv>
  caption: string
  rows: { label: Child; n: number }[]
  total: number
  bars?: boolean
}) {
  const { locale } = p.c.var
  const { total } = p
  return (
    <div class="table-wrap">
      <table>
        <caption>{p.caption}</caption>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td class="num">{r.n}</td>
              {p.bars === false ? null : (
                <>
                  <td class="num">{formatPercent(locale, total ? r.n / total : 0)}</td>
                  <td>
                    <svg
                      class="share-bar"
                      aria-hidden="true"
                      width={BAR}
                      height="12"
                      viewBox={`0 0 ${BAR} 12`}
                    >
                      <rect class="bar-returning" width={total ? (r.n / total) * BAR : 0} height="12" />
                    </svg>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** A show's (or one episode's) downloads since counting began: per day, episode, app and country. */
export function DownloadsView(p: {
  c: Context<AppEnv>
  downloads: Omit<Awaited<ReturnType<typeof podcast.showDownloads>>, 'rows'>
}) {
  const { c } = p
  const { show, episode, since, stats } = p.downloads
  const { t, locale } = c.var
  const tp = t.podcastConsole
  const base = consoleBase(locale)
  const total = stats.byDay.reduce((a, d) => a + d.n, 0)
  const peak = Math.max(1, ...stats.byDay.map((d) => d.n))
  return (
    <>
      <p>
        <a href={`${base}/${show.slug}`}>
          <Localized locale={locale} zh={show.titleZh} en={show.titleEn} />
        </a>{' '}
        ·{' '}
        {episode ? (
          <>
            <a href={`${base}/${show.slug}/downloads`}>{tp.allDownloads}</a> ·{' '}
          </>
        ) : null}
        <a href={`/${locale}/podcast/how-we-count`}>{tp.howWeCount}</a>
      </p>
      <h1>{episode ? tp.downloadsOf(textIn(locale, episode.titleZh, episode.titleEn)) : tp.downloads}</h1>
      <p class="lead">{tp.downloadsSince(total, formatDate(locale, new Date(`${since}T00:00:00Z`)))}</p>
      <p>
        <a
          class="button secondary"
          href={`${base}/${show.slug}/downloads.csv${episode ? `?episode=${episode.id}` : ''}`}
        >
          {tp.csv}
        </a>
      </p>
      {stats.byDay.length ? (
        <figure class="chart">
          <figcaption>{tp.perDay}</figcaption>
          <svg
            class="bar-chart"
            role="img"
            aria-label={tp.perDaySummary(stats.byDay.length, peak)}
            viewBox={`0 0 ${stats.byDay.length * W} ${H}`}
            width={stats.byDay.length * W}
            height={H}
          >
            {stats.byDay.map((d, i) => (
              <rect
                class="bar-returning"
                x={i * W + 1}
                y={H - (d.n / peak) * H}
                width={W - 2}
                height={(d.n / peak) * H}
              >
                <title>{`${d.day}: ${d.n}`}</title>
              </rect>
            ))}
          </svg>
        </figure>
      ) : null}
      <ShareTable
        c={c}
        caption={tp.perDay}
        rows={stats.byDay.map((d) => ({ label: d.day, n: d.n }))}
        total={total}
        bars={false}
      />
      <ShareTable
        c={c}
        caption={tp.perEpisode}
        rows={stats.byEpisode.map((e) => ({
          label: <a href={`${base}/${show.slug}/downloads?episode=${e.episodeId}`}>{e.title}</a>,
          n: e.n,
        }))}
        total={total}
      />
      <ShareTable
        c={c}
        caption={tp.perApp}
        rows={stats.byApp.map((a) => ({ label: a.app, n: a.n }))}
        total={total}
      />
      <ShareTable
        c={c}
        caption={tp.perCountry}
        rows={stats.byCountry.map((x) => ({ label: x.country || tp.unknownCountry, n: x.n }))}
        total={total}
      />
    </>
  )
}

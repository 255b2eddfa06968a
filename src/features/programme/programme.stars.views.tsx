// The "add to my schedule" button a signed-in reader sees by each session (a form: it works
// without script), and where "my schedule" lives.
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/http/context.ts'
import type { Locale } from '../../platform/i18n/index.ts'
import { CsrfField } from '../../platform/views/layout.tsx'

export const mySchedulePath = (locale: Locale) => `/${locale}/me/schedule`
/** The agenda's feed, behind the secret of the person's private calendar. */
export const agendaFeedPath = (secret: string) => `/calendar/${secret}/agenda.ics`

export function StarButton({
  c,
  sessionId,
  starred,
  title,
}: {
  c: Context<AppEnv>
  sessionId: string
  starred: boolean
  /** The session's title, so each button names what it stars for a screen reader. */
  title: string
}) {
  const { t, locale } = c.var
  const tp = t.programmeSchedule.public
  const back = new URL(c.req.url)
  return (
    <form method="post" action={`${mySchedulePath(locale)}/star`} class="star-form">
      <CsrfField c={c} />
      <input type="hidden" name="session" value={sessionId} />
      <input type="hidden" name="on" value={starred ? '0' : '1'} />
      <input type="hidden" name="back" value={`${back.pathname}${back.search}#session-${sessionId}`} />
      <button type="submit" class={starred ? 'star-button is-starred' : 'star-button'}>
        <span aria-hidden="true">{starred ? '★' : '☆'}</span> {starred ? tp.unstar : tp.star}
        <span class="visually-hidden">: {title}</span>
      </button>
    </form>
  )
}

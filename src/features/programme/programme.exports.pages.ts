// Where a conference's schedule files are served for the tools that read them: frab's
// /{zh,en}/events/{slug}/schedule.xml, c3voc's schedule.json and the whole schedule as
// schedule.ics for calendar apps. A published event's files are
// public (any origin may fetch them, as pretalx allows, for web apps that show a schedule); a
// draft's are its organisers' preview, kept by nobody. Conditional GETs get a strong ETag.
import { createHash } from 'node:crypto'
import { type Context, Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { messagesFor } from '../../platform/i18n/index.ts'
import { noneMatch } from '../../platform/media/ranges.ts'
import { scheduleCalendar } from '../events/index.ts'
import { type ScheduleFile, type ScheduleFormat, scheduleFile, sessionPagePath } from './programme.exports.ts'

const TYPES: Record<ScheduleFormat | 'ics', string> = {
  xml: 'application/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
}

/** The bytes with their ETag, or 304 when the client has them (a compressed copy's ETag names its encoding). */
function serve(c: Context<AppEnv>, file: ScheduleFile, format: ScheduleFormat | 'ics') {
  const etag = `"${createHash('sha256').update(file.body).digest('base64url')}"`
  const headers: Record<string, string> = {
    'Content-Type': TYPES[format],
    ETag: etag,
    'Cache-Control': file.public ? 'public, max-age=300' : 'private, no-cache',
    ...(file.public ? { 'Access-Control-Allow-Origin': '*' } : {}),
  }
  if (noneMatch(c.req.header('if-none-match')?.replace(/-(br|gzip)"/g, '"'), etag))
    return c.body(null, 304, headers)
  if (c.req.method === 'HEAD') return c.body(null, 200, headers)
  return c.body(file.body, 200, headers)
}

export function programmeExportsPages(deps: Deps) {
  const app = new Hono<AppEnv>()
  for (const format of ['xml', 'json'] as const)
    app.on(['GET', 'HEAD'], `/:lang{(?:zh|en)}/events/:slug/schedule.${format}`, async (c) => {
      const file = await scheduleFile(deps, c.var.viewer, c.var.locale, c.req.param('slug'), format)
      return serve(c, file, format)
    })
  // Calendar apps subscribe to it as a feed; the page cache keeps it as it keeps schedule.json.
  app.on(['GET', 'HEAD'], '/:lang{(?:zh|en)}/events/:slug/schedule.ics', async (c) => {
    const { locale, viewer } = c.var
    const words = messagesFor(locale).programmeExports.files
    const slug = c.req.param('slug')
    const file = await scheduleCalendar(deps, viewer, locale, slug, {
      name: words.calendarName,
      page: (session) => sessionPagePath(locale, slug, session.id),
    })
    return serve(c, file, 'ics')
  })
  return app
}

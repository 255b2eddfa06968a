// The organisers' "Schedule" tab: a grid per day (rooms as columns, half hours as rows) with every
// placed session and its conflict marks, the sessions not yet placed, a plain form per session
// (room, day, start, end) that works without script, breaks across every room, the conflicts
// with their "accept" buttons, and publishing with the versions published so far. Where script
// runs, public/schedule-editor.js lets sessions be dragged onto the grid: a drop fills the
// session's own form and sends it, and the page that comes back (conflicts re-checked by the
// server) replaces the editor.
// The markup is in programme.schedule.views.tsx; these routes read input, call the services and
// choose what to render.
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { textIn } from '../../platform/views/localized.tsx'
import { formFields, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { registerEventTab } from '../events/index.ts'
import {
  acceptConflict,
  addBreak,
  type Outcome,
  placeFromForm,
  publishSchedule,
  type ScheduleRefusal,
  scheduleEditor,
  unplace,
} from './programme.schedule.ts'
import { ScheduleEditorView, scheduleEditorPath } from './programme.schedule.views.tsx'

export { scheduleEditorPath }

registerEventTab({
  key: 'schedule',
  order: 25,
  label: (t) => t.programmeSchedule.tab,
  href: scheduleEditorPath,
})

export function programmeSchedulePages(deps: Deps) {
  const app = new Hono<AppEnv>()
  const route = `/:lang{(?:zh|en)}/console/events/:id${uuidParam}/schedule`

  const editorPage = async (c: Context<AppEnv>, refusal?: ScheduleRefusal): Promise<Response> => {
    const { t, locale, viewer } = c.var
    const editor = await scheduleEditor(deps, viewer, c.req.param('id') ?? '')
    const eventTitle = textIn(locale, editor.event.titleZh, editor.event.titleEn)
    return render(
      c,
      { title: t.programmeSchedule.editor.titleFor(eventTitle), status: refusal ? 422 : 200 },
      <ScheduleEditorView c={c} editor={editor} refusal={refusal} notice={c.req.query('notice')} />,
    )
  }

  /** After a change: back to the editor with its notice, or the editor again with the refusal. */
  const after = (c: Context<AppEnv>, outcome: Outcome<unknown>, notice: string, anchor = '') =>
    outcome.ok
      ? redirectWithNotice(c, `${scheduleEditorPath(c.var.locale, c.req.param('id') ?? '')}${anchor}`, notice)
      : editorPage(c, outcome.refusal)

  app.get(route, (c) => editorPage(c))

  app.post(`${route}/place`, async (c) => {
    const fields = await formFields(c)
    return after(c, await placeFromForm(deps, c.var.viewer, c.req.param('id'), fields), 'placed')
  })
  app.post(`${route}/unplace`, async (c) => {
    const fields = await formFields(c)
    return after(c, await unplace(deps, c.var.viewer, c.req.param('id'), fields.session ?? ''), 'unplaced')
  })
  app.post(`${route}/break`, async (c) => {
    const fields = await formFields(c)
    return after(c, await addBreak(deps, c.var.viewer, c.req.param('id'), fields), 'break')
  })
  app.post(`${route}/accept`, async (c) => {
    const fields = await formFields(c)
    return after(c, await acceptConflict(deps, c.var.viewer, c.req.param('id'), fields.key ?? ''), 'accepted')
  })
  app.post(`${route}/publish`, async (c) => {
    return after(c, await publishSchedule(deps, c.var.viewer, c.req.param('id')), 'published')
  })
  return app
}

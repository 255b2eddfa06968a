// Volunteering's routes: the organisers' board and its forms, and the event page's sign-up and
// withdraw (what they show is in events.volunteers.views.tsx).
import { type Context, Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { textIn } from '../../platform/views/localized.tsx'
import { formFields, readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { volunteerRoleInput, volunteerShiftInput } from './events.volunteers.inputs.ts'
import {
  addVolunteerRole,
  addVolunteerShift,
  removeVolunteer,
  removeVolunteerRole,
  removeVolunteerShift,
  signUpForShift,
  volunteerBoard,
  withdrawFromShift,
} from './events.volunteers.ts'
import { VolunteerBoardView, volunteersPath } from './events.volunteers.views.tsx'

const slugParam = ':slug{[A-Za-z0-9][A-Za-z0-9-]{0,99}}'
const consoleBase = `/:lang{(?:zh|en)}/console/events/:id${uuidParam}/volunteers`

export function volunteersPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  const boardPage = async (
    c: Context<AppEnv>,
    failed: Parameters<typeof VolunteerBoardView>[0]['failed'] = null,
  ) => {
    const { t, locale, viewer } = c.var
    const board = await volunteerBoard(deps, viewer, c.req.param('id')!)
    const said = failed ? undefined : c.req.query('notice')
    return render(
      c,
      {
        title: t.eventVolunteers.titleFor(textIn(locale, board.event.titleZh, board.event.titleEn)),
        status: failed ? 422 : 200,
      },
      <VolunteerBoardView
        c={c}
        t={t}
        locale={locale}
        board={board}
        notice={said ? (t.eventVolunteers.notices[said] ?? null) : null}
        failed={failed}
      />,
    )
  }
  const back = (c: Context<AppEnv>, notice: string) =>
    redirectWithNotice(c, volunteersPath(c.var.locale, c.req.param('id')!), notice)

  app.get(consoleBase, (c) => boardPage(c))

  app.post(`${consoleBase}/roles`, async (c) => {
    const form = await readForm(c, volunteerRoleInput)
    if (!form.ok) return boardPage(c, { form: 'role', values: form.values, errors: form.errors })
    await addVolunteerRole(deps, c.var.viewer, c.req.param('id'), form.data)
    return back(c, 'roleAdded')
  })

  app.post(`${consoleBase}/roles/:role${uuidParam}/remove`, async (c) => {
    await removeVolunteerRole(deps, c.var.viewer, c.req.param('id'), c.req.param('role'))
    return back(c, 'roleRemoved')
  })

  app.post(`${consoleBase}/roles/:role${uuidParam}/shifts`, async (c) => {
    // The times are read in the event's zone, so the event is read first (and the organiser checked).
    const { event } = await volunteerBoard(deps, c.var.viewer, c.req.param('id'))
    const form = await readForm(c, volunteerShiftInput(event.timeZone))
    const role = c.req.param('role')
    if (!form.ok) return boardPage(c, { form: `shift:${role}`, values: form.values, errors: form.errors })
    await addVolunteerShift(deps, c.var.viewer, event.id, role, form.data)
    return back(c, 'shiftAdded')
  })

  app.post(`${consoleBase}/shifts/:shift${uuidParam}/remove`, async (c) => {
    await removeVolunteerShift(deps, c.var.viewer, c.req.param('id'), c.req.param('shift'))
    return back(c, 'shiftRemoved')
  })

  app.post(`${consoleBase}/shifts/:shift${uuidParam}/people/:person${uuidParam}/remove`, async (c) => {
    await removeVolunteer(deps, c.var.viewer, c.req.param('id'), c.req.param('shift'), c.req.param('person'))
    return back(c, 'signupRemoved')
  })

  // From the event's page: back to it, at the volunteers' section, saying what happened.
  const toEvent = (c: Context<AppEnv>, said: string) =>
    c.redirect(`/${c.var.locale}/events/${c.req.param('slug')}?volunteer=${said}#volunteers`, 303)
  const shiftOf = async (c: Context<AppEnv>) => {
    const shift = (await formFields(c)).shift?.trim()
    if (!shift) throw new DomainError('notFoundRecord')
    return shift
  }

  app.post(`/:lang{(?:zh|en)}/events/${slugParam}/volunteer`, async (c) => {
    const refused = await signUpForShift(deps, c.var.viewer, c.req.param('slug'), await shiftOf(c))
    return toEvent(c, refused ?? 'signedUp')
  })

  app.post(`/:lang{(?:zh|en)}/events/${slugParam}/volunteer/withdraw`, async (c) => {
    const refused = await withdrawFromShift(deps, c.var.viewer, c.req.param('slug'), await shiftOf(c))
    return toEvent(c, refused ?? 'withdrawn')
  })

  return app
}

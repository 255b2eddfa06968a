// The call for speakers' routes, all plain forms that work without script: proposing a talk and
// changing it, a speaker's proposals, the confirm link of the decision mail, the reviewers' queue
// and review page, and the organisers' console tab (the call, tracks, reviewers, the table of
// proposals with its scores, filtered and sorted by the query string, and the queued decisions).
// They read input, call the services and choose what to render; the markup is in
// programme.proposals.views.tsx.
import { type Context, Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { fieldErrors, type Locale } from '../../platform/i18n/index.ts'
import { formFields, readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { registerEventTab } from '../events/index.ts'
import { callInput, proposalLevels, reviewerInput, trackInput } from './programme.proposals.inputs.ts'
import * as repo from './programme.proposals.repo.ts'
import {
  addReviewer,
  addTrack,
  answerAsSpeaker,
  answerBySecret,
  callFor,
  confirmation,
  editProposal,
  isReviewer,
  myProposals,
  organiserMove,
  proposalForReview,
  proposalForSpeaker,
  proposalsTable,
  queueDecision,
  removeReviewer,
  reviewProposal,
  reviewQueue,
  saveCall,
  sendDecisions,
  submitProposal,
  type TableQuery,
  tableSorts,
  withdrawProposal,
} from './programme.proposals.ts'
import {
  ConfirmView,
  type ConsoleFailure,
  ConsoleView,
  EditProposalView,
  type FormState,
  MyProposalsView,
  myProposalsPath,
  ProposeView,
  proposalsConsolePath,
  proposePath,
  ReviewQueueView,
  ReviewView,
  reviewsPath,
  titleOf,
} from './programme.proposals.views.tsx'
import { optionalProposalFields } from './programme.schema.ts'
import { proposalStates } from './programme.states.rules.ts'

const slugParam = ':slug{[A-Za-z0-9][A-Za-z0-9-]{0,99}}'
const lang = '/:lang{(?:zh|en)}'
const SECRET = ':secret{[A-Za-z0-9_-]{20,100}}'

export { myProposalsPath, proposalsConsolePath, proposePath, reviewsPath }

registerEventTab({
  key: 'proposals',
  order: 25,
  label: (t) => t.programmeProposals.tab,
  href: proposalsConsolePath,
})

/**
 * Runs a form's action: a refusal (bad input, nothing changed) comes back as the form's state to
 * show in place with the values sent; anything else goes on to the error page.
 */
async function refusalOf(
  locale: Locale,
  values: Record<string, string>,
  act: () => Promise<unknown>,
): Promise<FormState | null> {
  try {
    await act()
    return null
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e
    const errors: Record<string, string> = {}
    for (const [k, v] of Object.entries(fieldErrors(locale, { issues: e.issues } as never))) errors[k] = v
    return { values, errors }
  }
}

export function proposalsPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  // --- Proposing ---------------------------------------------------------------------------------

  const proposePage = async (
    c: Context<AppEnv>,
    state: FormState = { values: {}, errors: {} },
    status = 200,
  ) => {
    const { t, locale } = c.var
    const tp = t.programmeProposals
    const event = await repo.selectEventBySlug(deps.db, c.req.param('slug')!)
    if (event?.status !== 'published') throw new DomainError('notFoundRecord')
    const { call, open, tracks } = await callFor(deps, event.id)
    const title = titleOf(locale, event)
    return render(
      c,
      { title: tp.propose.title(title), status },
      <ProposeView
        c={c}
        event={event}
        call={call}
        open={open}
        tracks={tracks}
        now={deps.now()}
        state={state}
      />,
    )
  }

  app.get(`${lang}/events/${slugParam}/propose`, (c) => proposePage(c))
  app.post(`${lang}/events/${slugParam}/propose`, async (c) => {
    const values = await formFields(c)
    const refused = await refusalOf(c.var.locale, values, () =>
      submitProposal(deps, c.var.viewer, c.req.param('slug'), values),
    )
    if (refused) return proposePage(c, refused, 422)
    return redirectWithNotice(c, myProposalsPath(c.var.locale), 'submitted')
  })

  // --- A speaker's proposals ---------------------------------------------------------------------

  app.get(`${lang}/proposals`, async (c) => {
    const { t, locale, viewer } = c.var
    if (!viewer)
      return c.redirect(`/${locale}/sign-in?next=${encodeURIComponent(myProposalsPath(locale))}`, 303)
    const tp = t.programmeProposals
    const rows = await myProposals(deps, viewer)
    const notice = c.req.query('notice')
    return render(c, { title: tp.mine.title }, <MyProposalsView c={c} rows={rows} notice={notice} />)
  })

  const editPage = async (c: Context<AppEnv>, state?: FormState, status = 200) => {
    const { t, viewer } = c.var
    const tp = t.programmeProposals
    const found = await proposalForSpeaker(deps, viewer, c.req.param('id')!)
    if (!found.call) throw new DomainError('notFoundRecord')
    const tracks = await repo.selectTracks(deps.db, found.event.id)
    const values = state?.values ?? {
      ...Object.fromEntries(Object.entries(found.answers).map(([k, v]) => [k, String(v ?? '')])),
      duration: String(found.proposal.durationMinutes),
      track: found.proposal.trackId ?? '',
    }
    return render(
      c,
      { title: tp.edit.title(found.proposal.title), status },
      <EditProposalView
        c={c}
        found={{ ...found, call: found.call }}
        tracks={tracks}
        values={values}
        state={state}
      />,
    )
  }
  app.get(`${lang}/proposals/:id${uuidParam}/edit`, (c) => editPage(c))
  app.post(`${lang}/proposals/:id${uuidParam}/edit`, async (c) => {
    const values = await formFields(c)
    const refused = await refusalOf(c.var.locale, values, () =>
      editProposal(deps, c.var.viewer, c.req.param('id'), values),
    )
    if (refused) return editPage(c, refused, 422)
    return redirectWithNotice(c, myProposalsPath(c.var.locale), 'saved')
  })
  app.post(`${lang}/proposals/:id${uuidParam}/withdraw`, async (c) => {
    await withdrawProposal(deps, c.var.viewer, c.req.param('id'))
    return redirectWithNotice(c, myProposalsPath(c.var.locale), 'withdrawn')
  })
  for (const answer of ['confirm', 'decline'] as const)
    app.post(`${lang}/proposals/:id${uuidParam}/${answer}`, async (c) => {
      await answerAsSpeaker(deps, c.var.viewer, c.req.param('id'), answer)
      return redirectWithNotice(
        c,
        myProposalsPath(c.var.locale),
        answer === 'confirm' ? 'confirmed' : 'declined',
      )
    })

  // --- The confirm link of the decision mail ------------------------------------------------------

  app.get(`${lang}/speakers/confirm/${SECRET}`, async (c) => {
    const { t, viewer } = c.var
    const tp = t.programmeProposals
    const found = await confirmation(deps, viewer, c.req.param('secret')!)
    const said = c.req.query('notice')
    return render(c, { title: tp.confirm.title }, <ConfirmView c={c} found={found} said={said} />)
  })
  app.post(`${lang}/speakers/confirm/${SECRET}`, async (c) => {
    const answer = (await formFields(c)).answer === 'decline' ? 'decline' : 'confirm'
    await answerBySecret(deps, c.var.viewer, c.req.param('secret'), answer)
    return redirectWithNotice(
      c,
      `/${c.var.locale}/speakers/confirm/${c.req.param('secret')}`,
      answer === 'confirm' ? 'confirmed' : 'declined',
    )
  })

  // --- Reviewers ----------------------------------------------------------------------------------

  const eventBySlug = async (slug: string) => {
    const event = await repo.selectEventBySlug(deps.db, slug)
    if (!event) throw new DomainError('notFoundRecord')
    return event
  }

  app.get(`${lang}/events/${slugParam}/reviews`, async (c) => {
    const { t, locale, viewer } = c.var
    const tp = t.programmeProposals
    if (!viewer) return c.redirect(`/${locale}/sign-in?next=${encodeURIComponent(c.req.path)}`, 303)
    const event = await eventBySlug(c.req.param('slug')!)
    if (!(await isReviewer(deps, viewer, event.id))) throw new DomainError('notReviewer')
    const rows = await reviewQueue(deps, viewer, event.id)
    const title = titleOf(locale, event)
    return render(
      c,
      { title: tp.review.queueTitle(title) },
      <ReviewQueueView c={c} event={event} rows={rows} />,
    )
  })

  const reviewPage = async (c: Context<AppEnv>, state?: FormState, status = 200) => {
    const { t, viewer } = c.var
    const tp = t.programmeProposals
    const found = await proposalForReview(deps, viewer, c.req.param('id')!)
    const notice = c.req.query('notice')
    return render(
      c,
      { title: tp.review.title(found.proposal.title), status },
      <ReviewView c={c} found={found} state={state} notice={notice} />,
    )
  }
  app.get(`${lang}/events/${slugParam}/reviews/:id${uuidParam}`, (c) => reviewPage(c))
  app.post(`${lang}/events/${slugParam}/reviews/:id${uuidParam}`, async (c) => {
    const values = await formFields(c)
    const refused = await refusalOf(c.var.locale, values, () =>
      reviewProposal(deps, c.var.viewer, c.req.param('id'), values),
    )
    if (refused) return reviewPage(c, refused, 422)
    return redirectWithNotice(
      c,
      `${reviewsPath(c.var.locale, c.req.param('slug'))}/${c.req.param('id')}`,
      'reviewed',
    )
  })

  // --- The organisers' tab ------------------------------------------------------------------------

  const consoleBase = `${lang}/console/events/:id${uuidParam}/proposals`

  const tableQuery = (c: Context<AppEnv>): TableQuery => {
    const q = c.req.query()
    const sort = (tableSorts as readonly string[]).includes(q.sort ?? '')
      ? (q.sort as TableQuery['sort'])
      : 'score'
    return {
      sort,
      dir: q.dir === 'asc' ? 'asc' : 'desc',
      state: (proposalStates as readonly string[]).includes(q.state ?? '')
        ? (q.state as TableQuery['state'])
        : null,
      track: /^[0-9a-f-]{36}$/.test(q.track ?? '') ? q.track! : null,
      level: (proposalLevels as readonly string[]).includes(q.level ?? '') ? q.level! : null,
      q: (q.q ?? '').slice(0, 100),
    }
  }

  const consolePage = async (c: Context<AppEnv>, failed: ConsoleFailure = null) => {
    const { t, locale, viewer } = c.var
    const tc = t.programmeProposals.console
    const query = tableQuery(c)
    const table = await proposalsTable(deps, viewer, c.req.param('id')!, query)
    return render(
      c,
      { title: tc.titleFor(titleOf(locale, table.event)), status: failed ? 422 : 200 },
      <ConsoleView
        c={c}
        table={table}
        query={query}
        failed={failed}
        notice={c.req.query('notice')}
        sent={c.req.query('sent')}
        now={deps.now()}
      />,
    )
  }

  const back = (c: Context<AppEnv>, notice: string) =>
    redirectWithNotice(c, proposalsConsolePath(c.var.locale, c.req.param('id')!), notice)

  app.get(consoleBase, (c) => consolePage(c))

  app.post(`${consoleBase}/call`, async (c) => {
    const event = await repo.selectEventById(deps.db, c.req.param('id'))
    if (!event) throw new DomainError('notFoundRecord')
    const form = await readForm(c, callInput(event.timeZone))
    if (!form.ok) return consolePage(c, { form: 'call', state: form })
    const refused = await refusalOf(c.var.locale, form.values, () =>
      saveCall(deps, c.var.viewer, event.id, {
        ...form.data,
        fields: optionalProposalFields.filter((f) => form.values[`ask_${f}`] === 'yes'),
      }),
    )
    if (refused) return consolePage(c, { form: 'call', state: refused })
    return back(c, 'callSaved')
  })

  app.post(`${consoleBase}/tracks`, async (c) => {
    const form = await readForm(c, trackInput)
    if (!form.ok) return consolePage(c, { form: 'track', state: form })
    await addTrack(deps, c.var.viewer, c.req.param('id'), form.data)
    return back(c, 'trackAdded')
  })

  app.post(`${consoleBase}/reviewers`, async (c) => {
    const form = await readForm(c, reviewerInput)
    if (!form.ok) return consolePage(c, { form: 'reviewer', state: form })
    const refused = await refusalOf(c.var.locale, form.values, () =>
      addReviewer(deps, c.var.viewer, c.req.param('id'), form.data),
    )
    if (refused) return consolePage(c, { form: 'reviewer', state: refused })
    return back(c, 'reviewerAdded')
  })

  app.post(`${consoleBase}/reviewers/:reviewer${uuidParam}/remove`, async (c) => {
    await removeReviewer(deps, c.var.viewer, c.req.param('id'), c.req.param('reviewer'))
    return back(c, 'reviewerRemoved')
  })

  app.post(`${consoleBase}/:proposal${uuidParam}/decide`, async (c) => {
    const decision = (await formFields(c)).decision
    const move = decision === 'accept' || decision === 'reject' ? decision : 'none'
    await queueDecision(deps, c.var.viewer, c.req.param('proposal'), move)
    return back(c, move === 'none' ? 'unqueued' : 'queued')
  })

  app.post(`${consoleBase}/:proposal${uuidParam}/move`, async (c) => {
    const move = (await formFields(c)).move === 'reopen' ? 'reopen' : 'cancel'
    await organiserMove(deps, c.var.viewer, c.req.param('proposal'), move)
    return back(c, move === 'cancel' ? 'cancelled' : 'reopened')
  })

  app.post(`${consoleBase}/send`, async (c) => {
    const sent = await sendDecisions(deps, c.var.viewer, c.req.param('id'))
    return c.redirect(`${proposalsConsolePath(c.var.locale, c.req.param('id'))}?sent=${sent}`, 303)
  })

  return app
}

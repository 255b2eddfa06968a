import { createRequire } from 'node:module'
import { z } from 'zod'
// Reading an issue opened from a GitHub issue form. GitHub writes the answers into the issue body
// as `### <label>` sections in the form's order: the answer text, `_No response_` for an empty
// optional field, and `- [X] option` / `- [ ] option` lines for checkboxes. The body is plain
// text a person could have edited, so everything is checked again on the server afterwards.

export type IssueFormField = {
  id: string
  label: string
  type: 'input' | 'textarea' | 'dropdown' | 'checkboxes'
}

export type IssueFormAnswers = Record<string, string | string[] | null>

const NO_RESPONSE = '_No response_'

const headingOf = (label: string) =>
  new RegExp(`^### ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*$`, 'gm')

/** Start offsets of every line that is exactly the field's heading. */
function headingsAt(body: string, label: string): number[] {
  return [...body.matchAll(headingOf(label))].map((m) => m.index)
}

/**
 * The answers by field id (null when the section is missing or says `_No response_`). Sections are
 * found from the last field backwards, each at the last heading before the next one's: an answer
 * that contains headings of its own, even another field's label, stays whole, because the real
 * heading of the following field always comes after it.
 */
export function parseIssueFormBody(rawBody: string, fields: IssueFormField[]): IssueFormAnswers {
  const body = rawBody.replace(/\r\n?/g, '\n')
  const starts: (number | undefined)[] = fields.map(() => undefined)
  let limit = body.length + 1
  for (let i = fields.length - 1; i >= 0; i--) {
    const before = headingsAt(body, fields[i]!.label).filter((at) => at < limit)
    const at = before.at(-1)
    if (at === undefined) continue
    starts[i] = at
    limit = at
  }
  const answers: IssueFormAnswers = {}
  fields.forEach((field, i) => {
    const start = starts[i]
    if (start === undefined) {
      answers[field.id] = null
      return
    }
    const next = starts.slice(i + 1).find((s) => s !== undefined) ?? body.length
    const text = body
      .slice(start, next)
      .replace(/^### .*\n?/, '')
      .trim()
    answers[field.id] = answerOf(field, text)
  })
  return answers
}

function answerOf(field: IssueFormField, text: string): string | string[] | null {
  if (field.type === 'checkboxes') return [...text.matchAll(/^- \[[xX]\] (.*)$/gm)].map((m) => m[1]!.trim())
  if (text === '' || text === NO_RESPONSE) return null
  return text
}

// --- Writing issue forms ----------------------------------------------------------------------

/** The parts of GitHub's issue form syntax we write, checked before a file is written. */
const formElementId = z.string().regex(/^[A-Za-z0-9_-]+$/, 'GitHub allows letters, digits, - and _ in ids')
export const githubIssueFormSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().min(1),
    title: z.string().optional(),
    labels: z.array(z.string().min(1)).optional(),
    body: z
      .array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('markdown'), attributes: z.object({ value: z.string().min(1) }) }),
          z.object({
            type: z.enum(['input', 'textarea']),
            id: formElementId,
            attributes: z.object({ label: z.string().min(1), description: z.string().optional() }),
            validations: z.object({ required: z.boolean() }).optional(),
          }),
          z.object({
            type: z.literal('checkboxes'),
            id: formElementId,
            attributes: z.object({
              label: z.string().min(1),
              description: z.string().optional(),
              options: z
                .array(z.object({ label: z.string().min(1), required: z.boolean().optional() }))
                .min(1),
            }),
          }),
          z.object({
            type: z.literal('dropdown'),
            id: formElementId,
            attributes: z.object({
              label: z.string().min(1),
              description: z.string().optional(),
              // GitHub wants at least one option, none repeated, and none called "None".
              options: z
                .array(
                  z
                    .string()
                    .min(1)
                    .refine((o) => o !== 'None', 'GitHub reserves the option None'),
                )
                .min(1)
                .refine((o) => new Set(o).size === o.length, 'Options must be unique'),
            }),
            validations: z.object({ required: z.boolean() }).optional(),
          }),
        ]),
      )
      .min(1),
  })
  .superRefine((form, ctx) => {
    // GitHub refuses a form whose ids or labels repeat.
    const inputs = form.body.filter((b) => b.type !== 'markdown')
    for (const key of ['id', 'label'] as const) {
      const values = inputs.map((b) => (key === 'id' ? b.id : b.attributes.label))
      if (new Set(values).size !== values.length)
        ctx.addIssue({ code: 'custom', message: `The form's ${key}s must be unique`, path: ['body'] })
    }
  })
export type GithubIssueForm = z.infer<typeof githubIssueFormSchema>

export type IssueFormTexts = {
  title: string
  lead: string
  conditions: string[]
  conditionsTitle: string
  fields: Record<string, { label: string; hint: string }>
}

/** The label Hearth puts on issues opened from a type's form, and the title they start with. */
export const issueLabelOf = (typeKey: string) => `application/${typeKey}`
export const issueTitlePrefix = (typeKey: string) => `[${typeKey}] `

/** A first question naming what the application is about (the chapter), from a fixed list. */
export type IssueFormSubject = { label: string; hint: string; options: string[] }

/** The id of the subject's question in issue forms (not a field of the type's form). */
export const SUBJECT_FIELD = 'subject'

/**
 * The issue form of an application type, in one language, as GitHub reads it. Private fields are
 * left out: anyone can read an issue, so the applicant gives them on the site instead.
 */
export function issueFormOf(
  type: {
    key: string
    fields: {
      id: string
      control: 'text' | 'textarea' | 'number' | 'confirm'
      required: boolean
      private?: boolean
    }[]
  },
  texts: IssueFormTexts,
  subject?: IssueFormSubject,
): GithubIssueForm {
  return githubIssueFormSchema.parse({
    name: texts.title,
    description: texts.lead,
    title: issueTitlePrefix(type.key),
    labels: [issueLabelOf(type.key)],
    body: [
      {
        type: 'markdown',
        attributes: {
          value: `### ${texts.conditionsTitle}\n\n${texts.conditions.map((c) => `- ${c}`).join('\n')}`,
        },
      },
      ...(subject
        ? [
            {
              type: 'dropdown',
              id: SUBJECT_FIELD,
              attributes: { label: subject.label, description: subject.hint, options: subject.options },
              validations: { required: true },
            },
          ]
        : []),
      ...type.fields
        .filter((f) => !f.private)
        .map((f) =>
          f.control === 'confirm'
            ? {
                type: 'checkboxes',
                id: f.id,
                attributes: {
                  label: texts.fields[f.id]?.label ?? f.id,
                  options: [{ label: texts.fields[f.id]?.hint ?? f.id, required: f.required }],
                },
              }
            : {
                type: f.control === 'textarea' ? 'textarea' : 'input',
                id: f.id,
                attributes: {
                  label: texts.fields[f.id]?.label ?? f.id,
                  ...(texts.fields[f.id]?.hint ? { description: texts.fields[f.id]!.hint } : {}),
                },
                validations: { required: f.required },
              },
        ),
    ],
  })
}

/** The fields of an issue form, for reading issues opened from it. */
export const issueFormFields = (form: GithubIssueForm): IssueFormField[] =>
  form.body.flatMap((b) =>
    b.type === 'markdown' ? [] : [{ id: b.id, label: b.attributes.label, type: b.type } as IssueFormField],
  )

/** The form as the YAML file GitHub expects in `.github/ISSUE_TEMPLATE/`. */
// yaml is loaded when a form is written, not by every start and a first start's preparing process
// (test/ops/memory.test.ts); Node requires ES modules synchronously.
export const issueFormYaml = (form: GithubIssueForm) =>
  `# Generated by Hearth: submissions become applications there. Regenerate rather than edit.\n${(createRequire(import.meta.url)('yaml') as typeof import('yaml')).stringify(form, { lineWidth: 0 })}`

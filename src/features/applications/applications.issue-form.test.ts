import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { parse } from 'yaml'
import type { z } from 'zod'
import { freshDatabase } from '../../../test/support/db.ts'
import { renderIssueBody } from '../../../test/support/issue-forms.ts'
import { runHearthCli } from '../../../test/support/server.ts'
import { chapters } from '../chapters/chapters.schema.ts'
import { foundChapter } from '../chapters/chapters.service.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { shows } from '../podcast/podcast.schema.ts'
import {
  githubIssueFormSchema,
  type IssueFormField,
  issueFormFields,
  parseIssueFormBody,
} from './applications.issue-form.ts'
import { applicationType, formWithoutPrivate } from './applications.types.ts'

// The fields of a "new city chapter" form, as an issue form declares them.
const fields: IssueFormField[] = [
  { id: 'github', label: 'GitHub ID', type: 'input' },
  { id: 'city', label: 'City', type: 'input' },
  { id: 'prerequisites', label: 'Prerequisites', type: 'checkboxes' },
  { id: 'contact', label: 'Contact', type: 'input' },
  { id: 'reason', label: 'Why do you want to lead a chapter?', type: 'textarea' },
  { id: 'plan', label: 'Plan', type: 'textarea' },
]

// What GitHub writes into the issue body for such a form (CRLF line ends, as the API returns them).
const body = [
  '### GitHub ID',
  '',
  'octo-lead',
  '',
  '### City',
  '',
  'Chengdu 成都',
  '',
  '### Prerequisites',
  '',
  '- [X] I have contributed to the community in the last six months',
  '- [ ] I can gather a meetup of 20 people',
  '- [x] I have time to organise events',
  '',
  '### Contact',
  '',
  '_No response_',
  '',
  '### Why do you want to lead a chapter?',
  '',
  'Because:',
  '',
  '### My story',
  '',
  'I ran the local meetup. Also see the Plan below.',
  '',
  '### Plan',
  '',
  '1. Meetup in March',
  '2. Workshop in June',
].join('\r\n')

describe('GitHub issue form bodies', () => {
  it('reads answers by field, with empty optional fields and checked boxes', () => {
    assert.deepEqual(parseIssueFormBody(body, fields), {
      github: 'octo-lead',
      city: 'Chengdu 成都',
      prerequisites: [
        'I have contributed to the community in the last six months',
        'I have time to organise events',
      ],
      contact: null,
      reason: 'Because:\n\n### My story\n\nI ran the local meetup. Also see the Plan below.',
      plan: '1. Meetup in March\n2. Workshop in June',
    })
  })

  it("keeps an answer whole when it contains another field's heading", () => {
    const tricky = body.replace('### My story', '### Plan\r\n\r\nmy old plan (quoted)')
    const answers = parseIssueFormBody(tricky, fields)
    assert.match(String(answers.reason), /^Because:\n\n### Plan\n\nmy old plan \(quoted\)/)
    assert.equal(answers.plan, '1. Meetup in March\n2. Workshop in June')
  })

  it('gives null for sections that are missing (an edited body) and reads the rest', () => {
    const edited = body.replace(/### City\r\n\r\nChengdu 成都\r\n\r\n/, '')
    const answers = parseIssueFormBody(edited, fields)
    assert.equal(answers.city, null)
    assert.equal(answers.github, 'octo-lead')
    assert.equal(answers.contact, null)
  })

  it('matches labels literally, even with characters regular expressions treat specially', () => {
    const answers = parseIssueFormBody('### Why do you want to lead a chapter?\n\nTo help.\n', fields)
    assert.equal(answers.reason, 'To help.')
    assert.deepEqual(answers.prerequisites, null)
  })
})

describe('GitHub issue forms of application types', async () => {
  await import('../chapters/index.ts')
  const { issueForms } = await import('./applications.service.ts')
  const { foundChapterForm, namesIn } = await import('../chapters/chapters.applications.ts')
  const database = await freshDatabase('pglite')
  after(() => database.dispose())
  const deps = { db: database.db }

  it('writes a valid form per type and language, and reads an issue opened from it back into the answers', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const files = await issueForms(deps, lang)
      assert.deepEqual(
        files.map((f) => f.file),
        ['found-chapter.yml'],
        'joining and stepping down need a chapter to name: none yet',
      )
      const form = githubIssueFormSchema.parse(parse(files[0]!.yaml))
      assert.deepEqual(form.labels, ['application/found-chapter'])
      const fields = issueFormFields(form)
      assert.equal(fields.length, 12, 'every field but the private contact')
      assert.equal(
        fields.find((f) => f.id === 'contact'),
        undefined,
      )
      // An issue body as GitHub writes it from this form; one optional field left empty.
      const typed: Record<string, string> = {
        github: 'octo-lead',
        cityZh: '厦门',
        cityEn: 'Xiamen',
        country: 'CN',
        prerequisites: 'x',
        reason: 'No meetup yet.\n\n### Background\n\nI ran one in 2019.',
        requirements: '',
        plan: '1. A meetup every quarter',
        audience: '30',
        audienceEvidence: 'A WeChat group of 150',
        viceLeader: '@octo-vice',
        members: 'octo-a\nocto-b',
      }
      const answers = parseIssueFormBody(renderIssueBody(form, typed), fields)
      assert.equal(
        foundChapterForm.safeParse({ ...answers, requirements: '' }).error?.issues[0]?.path[0],
        'contact',
        'the site asks for the contact',
      )
      const fromIssue = formWithoutPrivate(applicationType('found-chapter')!)
      const checked = fromIssue.parse({ ...answers, requirements: answers.requirements ?? '' }) as z.output<
        typeof foundChapterForm
      >
      assert.equal(checked.prerequisites, true, 'the ticked box reads as confirmed')
      assert.equal(
        foundChapterForm.safeParse({ ...answers, prerequisites: [], requirements: '' }).error?.issues[0]
          ?.message,
        'confirm',
        'an unticked box (GitHub enforces it in public repositories only) is refused',
      )
      assert.equal(checked.audience, 30)
      assert.equal(checked.reason, typed.reason)
      // The founding team is proposed by GitHub login there (public already, as the issue is).
      assert.equal(checked.viceLeader, 'octo-vice')
      assert.deepEqual(namesIn(checked.members ?? ''), ['octo-a', 'octo-b'])
      assert.match(files[0]!.yaml, lang === 'zh' ? /GitHub 账号或本站句柄/ : /GitHub logins or handles/)
    }
  })

  it('lists the chapters that are not inactive in the join and step-down forms, in the form’s language', async () => {
    const sig = await ensureFoundingSig(deps)
    const chapter = (slug: string, cityZh: string, cityEn: string) =>
      foundChapter(
        deps.db,
        { slug, cityZh, cityEn, country: 'CN', sigId: sig.id, foundedOn: '2024-01-01' },
        [],
        new Date(),
      )
    await chapter('suzhou', '苏州', 'Suzhou')
    const closed = await chapter('wuxi', '无锡', 'Wuxi')
    await deps.db.update(chapters).set({ status: 'inactive' }).where(eq(chapters.id, closed.id))
    for (const [lang, city] of [
      ['zh', '苏州'],
      ['en', 'Suzhou'],
    ] as const) {
      const files = await issueForms(deps, lang)
      assert.deepEqual(files.map((f) => f.file).sort(), [
        'found-chapter.yml',
        'join-chapter.yml',
        'step-down.yml',
      ])
      const join = githubIssueFormSchema.parse(parse(files.find((f) => f.file === 'join-chapter.yml')!.yaml))
      const dropdown = join.body.find((b) => b.type === 'dropdown')
      assert.ok(dropdown && dropdown.type === 'dropdown')
      assert.deepEqual(dropdown.attributes.options, [city])
      assert.equal(dropdown.id, 'subject')
      const answers = parseIssueFormBody(
        `### ${dropdown.attributes.label}\n\n${city}\n`,
        issueFormFields(join),
      )
      assert.equal(answers.subject, city)
    }
  })

  it('never asks a private field nor promises privacy in any generated form, in either language', async () => {
    await import('../podcast/podcast.applications.ts')
    const sig = await ensureFoundingSig(deps)
    await foundChapter(
      deps.db,
      {
        slug: 'ningbo',
        cityZh: '宁波',
        cityEn: 'Ningbo',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2024-01-01',
      },
      [],
      new Date(),
    )
    await deps.db.insert(shows).values({
      slug: 'voices',
      titleZh: null,
      titleEn: 'Voices',
      descriptionEn: 'A show',
      language: 'en',
      ownerName: 'Hearth',
      ownerEmail: 'podcast@example.org',
      podcastGuid: '917393e3-1b1e-5cef-ace4-edaa54e1f810',
    })
    // An issue is public: nothing in its form may say otherwise.
    const promise =
      /可见|仅.{0,6}(审核|评审|主播)|保密|私密|隐私|私人|private|privacy|confidential|only (the |for )?(reviewers|hosts)|(reviewers|hosts) only|visible only|only visible/i
    for (const lang of ['zh', 'en'] as const) {
      const files = await issueForms(deps, lang)
      assert.deepEqual(files.map((f) => f.file).sort(), [
        'found-chapter.yml',
        'join-chapter.yml',
        'podcast-guest.yml',
        'step-down.yml',
      ])
      for (const file of files) {
        const type = applicationType(file.file.replace(/\.yml$/, ''))!
        const privateIds = type.fields.filter((f) => f.private).map((f) => f.id)
        const asked = issueFormFields(githubIssueFormSchema.parse(parse(file.yaml))).map((f) => f.id)
        assert.deepEqual(
          asked.filter((id) => privateIds.includes(id)),
          [],
          `${lang} ${file.file} asks a private field`,
        )
        assert.doesNotMatch(file.yaml, promise, `${lang} ${file.file} promises privacy in public`)
      }
    }
    assert.ok(
      ['found-chapter', 'podcast-guest'].every((key) =>
        applicationType(key)!.fields.some((f) => f.id === 'contact' && f.private),
      ),
      'contact details are private in both types that ask them',
    )
  })

  it('refuses a form GitHub would refuse: repeated ids or labels, an id with spaces', () => {
    const input = (id: string, label: string) => ({ type: 'input', id, attributes: { label } })
    const form = (body: unknown[]) => ({ name: 'n', description: 'd', body })
    assert.equal(githubIssueFormSchema.safeParse(form([input('a', 'A'), input('b', 'B')])).success, true)
    assert.equal(githubIssueFormSchema.safeParse(form([input('a', 'A'), input('a', 'B')])).success, false)
    assert.equal(githubIssueFormSchema.safeParse(form([input('a', 'A'), input('b', 'A')])).success, false)
    assert.equal(githubIssueFormSchema.safeParse(form([input('a b', 'A')])).success, false)
  })
})

describe('hearth applications issue-forms', () => {
  it('writes the forms into a directory, and refuses a language it does not have', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hearth-forms-'))
    try {
      const env = { DATA_DIR: join(out, 'data'), DATABASE_URL: '' }
      const wrote = await runHearthCli(
        ['applications', 'issue-forms', join(out, 'forms'), '--lang', 'en'],
        env,
      )
      assert.equal(wrote.code, 0, wrote.stderr)
      const yaml = readFileSync(join(out, 'forms', 'found-chapter.yml'), 'utf8')
      assert.equal(githubIssueFormSchema.parse(parse(yaml)).name, 'Found a city chapter')
      const bad = await runHearthCli(['applications', 'issue-forms', join(out, 'forms'), '--lang', 'fr'], env)
      assert.equal(bad.code, 1)
      assert.match(bad.stderr, /--lang zh\|en/)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})

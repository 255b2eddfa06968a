import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson, makeTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { linkGithubAccount } from '../activity/index.ts'
import { foundChapter } from '../chapters/index.ts'
import { ensureFoundingSig } from './people.demo.ts'
import { findPersonByEmail, findPersonById } from './people.repo.ts'

const codeOf = (text: string) => /\b(\d{6})\b/.exec(text)?.[1]

/** Signs in with an e-mail code as a newcomer would; returns the browser and the new person. */
async function signInByEmail(t: TestApp, email: string) {
  const browser = t.client()
  await browser.postForm('/en/sign-in/email', { email })
  const code = codeOf((await t.lastMailTo(email))!.text)!
  const signedIn = await browser.postForm('/en/sign-in/code', { email, code })
  assert.equal(signedIn.status, 303)
  return { browser, person: (await findPersonByEmail(t.deps.db, email))! }
}

async function memberCount(t: TestApp) {
  const html = await (await t.client().get('/en')).text()
  return Number(
    /<span class="stat-value">(\d+)<\/span><span class="stat-label">(?:person|people)<\/span>/.exec(
      html,
    )?.[1],
  )
}

async function listed(t: TestApp, handle: string) {
  const page = await (await t.client().get(`/en/people?q=${handle}`)).text()
  const api = await (await t.client().get(`/api/v1/people?q=${handle}`)).json()
  const profile = await t.client().get(`/zh/people/${handle}`)
  const apiProfile = await t.client().get(`/api/v1/people/${handle}`)
  return {
    directory: page.includes(`/en/people/${handle}"`),
    api: api.items.some((p: { handle: string }) => p.handle === handle),
    apiTotal: api.total as number,
    profile: profile.status,
    apiProfile: apiProfile.status,
  }
}

for (const backend of await testBackends()) {
  describe(`who is listed among the people [${backend}]`, async () => {
    const t = await makeTestApp(backend)

    it('keeps an account made by signing in private, with a handle that is not from the address', async () => {
      const before = await memberCount(t)
      const { browser, person } = await signInByEmail(t, `li.lei.${backend}@example.org`)
      assert.match(person.handle, /^member-[0-9a-f]{8}$/)
      assert.doesNotMatch(person.handle, /li-lei/)
      assert.equal(await memberCount(t), before, 'the home page counts public members only')
      assert.deepEqual(await listed(t, person.handle), {
        directory: false,
        api: false,
        apiTotal: 0,
        profile: 404,
        apiProfile: 404,
      })
      const signedInOther = await t.clientAs((await makePerson(t.deps)).id)
      assert.equal((await signedInOther.get(`/en/people/${person.handle}`)).status, 404)

      const own = await browser.get(`/zh/people/${person.handle}`)
      assert.equal(own.status, 200, 'the owner sees their own page')
      const html = await own.text()
      assert.match(html, /只有你能看到此页/)
      assert.match(html, /href="\/zh\/me#field-profilePublic"/)
      const en = await (await browser.get(`/en/people/${person.handle}`)).text()
      assert.match(en, /Only you can see this page/)
    })

    it('lists the owner once they make their profile public, and hides them again when they undo it', async () => {
      const { browser, person } = await signInByEmail(t, `publish-${backend}@example.org`)
      const account = await (await browser.get('/en/me')).text()
      assert.match(account, /Your profile is private/)
      assert.match(
        account,
        /<input type="checkbox" id="field-profilePublic" name="profilePublic" value="on"\/>/,
      )
      const before = await memberCount(t)
      const handle = `published-${backend}`
      const saved = await browser.postForm('/en/me/profile', {
        handle,
        nameEn: 'Published Person',
        profilePublic: 'on',
      })
      assert.equal(saved.status, 303)
      assert.equal((await findPersonById(t.deps.db, person.id))?.profilePublic, true)
      const now = await listed(t, handle)
      assert.equal(now.directory, true)
      assert.equal(now.api, true)
      assert.equal(now.profile, 200)
      assert.doesNotMatch(await (await t.client().get(`/en/people/${handle}`)).text(), /Only you can see/)
      assert.equal(await memberCount(t), before + 1)
      assert.match(await (await browser.get('/zh/me')).text(), /name="profilePublic" value="on" checked/)

      await browser.postForm('/en/me/profile', { handle, nameEn: 'Published Person' })
      assert.equal((await listed(t, handle)).profile, 404, 'an unchecked box makes the profile private again')
      assert.equal(await memberCount(t), before)
    })

    it('lists a person who holds a role, a chapter seat or linked contributions, whatever they chose', async () => {
      const roleHolder = await makePerson(t.deps, { profilePublic: false })
      assert.equal((await listed(t, roleHolder.handle)).profile, 404)
      await t.grant(roleHolder.id, 'contributor')
      assert.equal((await listed(t, roleHolder.handle)).directory, true)

      const seated = await makePerson(t.deps, { profilePublic: false })
      const sig = await ensureFoundingSig(t.deps)
      await foundChapter(
        t.deps.db,
        {
          slug: `privacy-${backend}`,
          cityZh: '隐私',
          cityEn: 'Privacy',
          country: 'CN',
          sigId: sig.id,
          foundedOn: '2024-01-01',
        },
        [{ personId: seated.id, role: 'leader' }],
        new Date(),
      )
      assert.equal((await listed(t, seated.handle)).api, true)

      const contributor = await makePerson(t.deps, { profilePublic: false })
      const githubId = backend === 'pglite' ? 990_001 : 990_002
      await t.database.query(
        `insert into contributions (key, github_id, kind, repo_id, repo_name, occurred_at, source)
         values ($1, $2, 'pr_merged', 1, 'o/r', now(), 'webhook')`,
        [`pr:privacy-${backend}`, githubId],
      )
      await t.database.query('insert into github_accounts (github_id, login) values ($1, $2)', [
        githubId,
        `someone-${backend}`,
      ])
      assert.equal((await listed(t, contributor.handle)).profile, 404)
      await linkGithubAccount(t.deps, contributor.id, { id: githubId, login: `someone-${backend}` })
      assert.equal((await listed(t, contributor.handle)).profile, 200)

      const quiet = await makePerson(t.deps, { profilePublic: false })
      await t.grant(quiet.id, 'contributor')
      const browser = await t.clientAs(quiet.id)
      await browser.postForm('/en/me/profile', { handle: quiet.handle, nameEn: 'Quiet' })
      assert.equal((await listed(t, quiet.handle)).profile, 200, 'a public role keeps the profile listed')
      assert.match(await (await browser.get('/en/me')).text(), /listed anyway because you hold or held/)
    })

    it('lets organisers find people who are not listed yet in the console', async () => {
      const hidden = await makePerson(t.deps, { profilePublic: false, nameEn: `Hidden ${backend}` })
      const admin = await t.clientAs(t.superuser.id)
      const html = await (await admin.get(`/en/console/people?q=${hidden.handle}`)).text()
      assert.match(html, new RegExp(hidden.handle))
    })
  })
}

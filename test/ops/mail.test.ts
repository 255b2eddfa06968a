import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import pg from 'pg'
import { openDatabase } from '../../src/platform/db/client.ts'
import { mailOutbox } from '../../src/platform/db/schema.ts'
import { createLogger } from '../../src/platform/log.ts'
import { createMailer, deliverPendingMail } from '../../src/platform/mail/mail.ts'
import { Browser } from '../support/browser.ts'
import { postgresAdminUrl, testBackends, withDatabase } from '../support/db.ts'
import { freePort, type HearthProcess, runHearthCli, startHearthProcess } from '../support/server.ts'
import { decodeMail, signInCodeIn, startSmtpSink } from '../support/smtp.ts'

const MAIL_FROM = 'Hearth Ops <hearth@hearth.test>'
const ADMIN = 'outbox-admin@hearth.test'

for (const backend of await testBackends()) {
  describe(`mail through the outbox and the job queue [${backend}]`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-mail-'))
    const database = `hearth_mail_${process.pid}`
    const env: Record<string, string> =
      backend === 'pglite'
        ? { DATA_DIR: dir, MAIL_FROM, LOG_LEVEL: 'warn' }
        : { DATABASE_URL: withDatabase(postgresAdminUrl(), database), MAIL_FROM, LOG_LEVEL: 'warn' }
    const open = () =>
      backend === 'pglite'
        ? openDatabase({ kind: 'pglite', dataDir: dir })
        : openDatabase({ kind: 'postgres', url: env.DATABASE_URL!, max: 1 })
    const cleanups: (() => Promise<unknown>)[] = []
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup()
      rmSync(dir, { recursive: true, force: true })
      if (backend === 'postgres') {
        const admin = new pg.Client({ connectionString: postgresAdminUrl() })
        await admin.connect()
        await admin.query(`drop database if exists "${database}" with (force)`)
        await admin.end()
      }
    })
    const start = async (smtpUrl: string) => {
      const server = await startHearthProcess({ ...env, SMTP_URL: smtpUrl })
      cleanups.push(() => server.stop('SIGKILL'))
      return server
    }

    let server: HearthProcess
    let admin: Browser

    it('sends sign-in codes over SMTP through the job queue, in the language of the page', async () => {
      if (backend === 'postgres') {
        const client = new pg.Client({ connectionString: postgresAdminUrl() })
        await client.connect()
        await client.query(`create database "${database}"`)
        await client.end()
      }
      const created = await runHearthCli(['admin', 'create', '--email', ADMIN], env)
      assert.equal(created.code, 0, created.stderr)
      const smtp = await startSmtpSink()
      cleanups.push(() => smtp.close())
      server = await start(smtp.url)

      admin = new Browser(server.url)
      const asked = await admin.postForm('/en/sign-in/email', { email: ADMIN })
      assert.equal(asked.status, 303)
      assert.match(asked.headers.get('location')!, /^\/en\/sign-in\/code\?/)
      const mail = await smtp.waitFor(ADMIN)
      assert.equal(mail.from, 'hearth@hearth.test')
      // No community name is set here: no name before the subject, the site's address under the text.
      assert.match(mail.raw, /^Subject: Your sign-in code\r?$/m)
      assert.match(decodeMail(mail.raw), new RegExp(`\\n— ${server.url}/en\\s*$`))
      assert.match(decodeMail(mail.raw), /Your sign-in code is \d{6}/)
      assert.match(decodeMail(mail.raw), new RegExp(`${server.url}/en/sign-in/code`))
      const signedIn = await admin.postForm('/en/sign-in/code', { email: ADMIN, code: signInCodeIn(mail)! })
      assert.equal(signedIn.status, 303)
      assert.ok(admin.cookies.has('__Host-hearth_session'))

      const reader = new Browser(server.url)
      assert.equal((await reader.postForm('/zh/sign-in/email', { email: 'duzhe@hearth.test' })).status, 303)
      const zh = decodeMail((await smtp.waitFor('duzhe@hearth.test')).raw)
      assert.match(zh, /你的登录验证码是 \d{6}/)
      assert.match(zh, new RegExp(`${server.url}/zh/sign-in/code`))
      assert.doesNotMatch(zh, /Your sign-in code/)
    })

    it('keeps the message pending with the error while SMTP is down, and a retry delivers it', async () => {
      await server.stop()
      const port = await freePort()
      server = await start(`smtp://127.0.0.1:${port}`)
      const address = 'waiting@hearth.test'
      const asked = await new Browser(server.url).postForm('/en/sign-in/email', { email: address })
      assert.equal(asked.status, 303, 'the request succeeds although mail cannot go out')

      // The job queue tries at once, fails, and records why; an administrator sees it in the console.
      admin = new Browser(server.url, admin.cookies)
      const deadline = Date.now() + 15_000
      let page = ''
      for (;;) {
        const res = await admin.get('/en/console/outbox')
        assert.equal(res.status, 200)
        page = await res.text()
        if (/pending, 1 attempts · [^<]*ECONNREFUSED/.test(page)) break
        assert.ok(Date.now() < deadline, `no failed attempt shown:\n${page}`)
        await new Promise((r) => setTimeout(r, 250))
      }
      assert.match(page, new RegExp(`→ ${address}`))
      assert.match(page, new RegExp(`127\\.0\\.0\\.1:${port}`))
      assert.equal(await server.stop(), 0)

      // An SMTP server appears on that port. The retry waits out its back-off (a minute after
      // the first failure); a controlled clock stands in for the wait.
      const smtp = await startSmtpSink({ port })
      cleanups.push(() => smtp.close())
      const db = await open()
      cleanups.push(() => db.close())
      const [row] = await db.db.select().from(mailOutbox).where(eq(mailOutbox.to, address))
      assert.ok(row && row.sentAt === null && row.attempts === 1 && row.lastError)
      const log = createLogger('silent')
      const mailer = createMailer({ smtpUrl: smtp.url, from: MAIL_FROM, log })
      cleanups.push(async () => mailer.close())
      const at = (ms: number) => () => new Date(row.nextAttemptAt.getTime() + ms)
      assert.equal(await deliverPendingMail({ db: db.db, mailer, log, now: at(-1000) }), 0)
      assert.equal(smtp.received.length, 0, 'the retry respects the back-off')
      assert.equal(await deliverPendingMail({ db: db.db, mailer, log, now: at(0) }), 1)
      const mail = await smtp.waitFor(address)
      assert.match(decodeMail(mail.raw), /Your sign-in code is \d{6}/)
      const [sent] = await db.db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id))
      assert.ok(sent?.sentAt)
      assert.equal(sent.via, 'smtp')
      assert.equal(sent.lastError, null)
      assert.equal(sent.attempts, 2)
      // Sent once: a later run does not send it again.
      assert.equal(await deliverPendingMail({ db: db.db, mailer, log, now: at(3_600_000) }), 0)
      assert.equal(smtp.received.length, 1)
    })
  })
}

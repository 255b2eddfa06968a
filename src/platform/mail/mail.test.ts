import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { freshDatabase, testBackends } from '../../../test/support/db.ts'
import { startSmtpSink } from '../../../test/support/smtp.ts'
import { mailOutbox } from '../db/schema.ts'
import { createLogger } from '../log.ts'
import { createMailer, deliverPendingMail, fromHeader, type Mailer, signed } from './mail.ts'

describe('mails in the community’s name', () => {
  const letter = { to: 'a@example.org', subject: 'Approved: Join Hangzhou', text: 'Hello Ada,' }

  it('puts the name in the reader’s language before the subject and signs with it and the site', () => {
    const sender = { names: { zh: '青云社区', en: 'Cloud Community' }, siteUrl: 'https://c.example' }
    assert.deepEqual(signed({ ...letter, locale: 'en' }, sender), {
      to: 'a@example.org',
      subject: '[Cloud Community] Approved: Join Hangzhou',
      text: 'Hello Ada,\n\n— Cloud Community\nhttps://c.example/en',
    })
    const zh = signed({ ...letter, subject: '申请已通过：加入杭州站', locale: 'zh' }, sender)
    assert.equal(zh.subject, '【青云社区】申请已通过：加入杭州站')
    assert.match(zh.text, /\n\n—— 青云社区\nhttps:\/\/c\.example\/zh$/)
  })

  it('signs with the site’s address alone while the community has no name, never the software’s', () => {
    const unnamed = signed(
      { ...letter, locale: 'en' },
      { names: { zh: null, en: null }, siteUrl: 'https://c.example' },
    )
    assert.equal(unnamed.subject, 'Approved: Join Hangzhou')
    assert.equal(unnamed.text, 'Hello Ada,\n\n— https://c.example/en')
  })
})

describe('who a mail is from', () => {
  it('keeps a sender MAIL_FROM names, and sends a bare address under the community’s names', () => {
    assert.equal(fromHeader('KubeSphere <noreply@c.example>', '青云社区'), 'KubeSphere <noreply@c.example>')
    assert.deepEqual(fromHeader('noreply@c.example', '青云社区 · Cloud Community'), {
      name: '青云社区 · Cloud Community',
      address: 'noreply@c.example',
    })
    assert.equal(fromHeader('noreply@c.example', undefined), 'noreply@c.example')
  })

  it('names the community in the From header a mail program shows', async () => {
    const smtp = await startSmtpSink()
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'noreply@c.example', log: createLogger('silent') })
    try {
      await mailer.send({
        to: 'a@example.org',
        subject: 'x',
        text: 'y',
        fromName: '青云社区 · Cloud Community',
      })
      const raw = (await smtp.waitFor('a@example.org')).raw
      const header = /^From: (.*(?:\r?\n[ \t].*)*)/m
        .exec(raw)![1]!
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim()
      // RFC 2047 encoded words, as mail programs read them.
      const decoded = header.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, how: string, text: string) =>
        how.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
              'latin1',
            ).toString('utf8'),
      )
      assert.match(decoded, /^"?青云社区 · Cloud Community"? ?<noreply@c\.example>$/)
    } finally {
      mailer.close()
      await smtp.close()
    }
  })
})

for (const backend of await testBackends()) {
  describe(`delivering the outbox [${backend}]`, () => {
    it('sends a backlog longer than one batch in one run, oldest first, so a sign-in code waits for no sweep', async () => {
      const database = await freshDatabase(backend)
      after(() => database.dispose())
      const start = Date.parse('2026-10-15T12:00:00Z')
      await database.db.insert(mailOutbox).values(
        Array.from({ length: 45 }, (_, i) => ({
          to: `p${i}@example.org`,
          subject: i === 44 ? 'Your sign-in code' : `News ${i}`,
          text: '…',
          nextAttemptAt: new Date(start + i * 1000),
        })),
      )
      const sent: string[] = []
      const mailer: Mailer = { via: 'log', send: async (m) => void sent.push(m.to), close() {} }
      const now = () => new Date(start + 60_000)
      assert.equal(
        await deliverPendingMail({ db: database.db, mailer, log: createLogger('silent'), now }),
        45,
      )
      assert.deepEqual(
        sent,
        Array.from({ length: 45 }, (_, i) => `p${i}@example.org`),
      )
      assert.equal(await deliverPendingMail({ db: database.db, mailer, log: createLogger('silent'), now }), 0)
    })

    it('stops when what is left failed: a failed mail waits for its back-off instead of being tried again at once', async () => {
      const database = await freshDatabase(backend)
      after(() => database.dispose())
      await database.db
        .insert(mailOutbox)
        .values(Array.from({ length: 25 }, (_, i) => ({ to: `q${i}@example.org`, subject: 's', text: 't' })))
      let tries = 0
      const failing: Mailer = {
        via: 'smtp',
        send: async () => {
          tries++
          throw new Error('connection refused')
        },
        close() {},
      }
      const now = () => new Date()
      assert.equal(
        await deliverPendingMail({ db: database.db, mailer: failing, log: createLogger('silent'), now }),
        0,
      )
      assert.equal(tries, 25, 'each mail tried once')
    })
  })
}

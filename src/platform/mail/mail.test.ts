import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { signed } from './mail.ts'

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

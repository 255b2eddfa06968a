import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration', () => {
  it('has working defaults for a first start, with demo content outside production', () => {
    const c = loadConfig({})
    assert.equal(c.port, 3000)
    assert.equal(c.baseUrl, 'http://localhost:3000')
    assert.equal(c.databaseUrl, undefined)
    assert.equal(c.demo, true)
    assert.equal(loadConfig({ NODE_ENV: 'production' }).demo, false)
    assert.equal(loadConfig({ NODE_ENV: 'production', DEMO: '1' }).demo, true)
    assert.equal(loadConfig({ DEMO: 'off' }).demo, false)
    // An empty value is unset, as for every variable: not port 0 (a random port).
    assert.equal(loadConfig({ PORT: '' }).port, 3000)
    assert.equal(loadConfig({ PORT: '0' }).port, 0)
  })

  it('names the variable and what it expects when a value is wrong, without echoing URLs or secrets', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'abc' }, /PORT: expected a port number/],
      [{ PORT: '70000' }, /PORT: expected a port from 0 to 65535/],
      [
        { DATABASE_URL: 'mysql://u:secret@h/db' },
        /DATABASE_URL: expected a URL starting with postgres: or postgresql:/,
      ],
      [{ SMTP_URL: 'nonsense' }, /SMTP_URL: expected a URL/],
      [{ MAIL_FROM: 'nobody' }, /MAIL_FROM: expected an e-mail address/],
      [{ DEMO: 'maybe' }, /DEMO: expected one of/],
      [
        { OUTGOING_ALLOW_NETWORKS: '10.0.0.0/8,intranet,10.0.0.0/33' },
        /OUTGOING_ALLOW_NETWORKS: expected networks such as 10\.0\.0\.0\/8,fd00::\/8 \(not a network: intranet, 10\.0\.0\.0\/33\)/,
      ],
      [
        { GITHUB_CLIENT_ID: 'id' },
        /GITHUB_CLIENT_SECRET: GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET must be set together/,
      ],
    ]
    for (const [env, message] of cases) {
      assert.throws(
        () => loadConfig(env),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError)
          assert.match(e.message, message)
          assert.doesNotMatch(e.message, /secret@/)
          return true
        },
      )
    }
  })

  it('allows no private network to outgoing requests unless the operator names some', () => {
    assert.deepEqual(loadConfig({}).outgoingAllowed.networks, [])
    assert.deepEqual(
      loadConfig({ OUTGOING_ALLOW_NETWORKS: '10.0.0.0/8, 127.0.0.1' }).outgoingAllowed.networks,
      ['10.0.0.0/8', '127.0.0.1/32'],
    )
  })

  it('trims trailing slashes from URLs', () => {
    const c = loadConfig({
      BASE_URL: 'https://community.example.org/',
      GITHUB_API_URL: 'https://ghe.example/api/v3/',
    })
    assert.equal(c.baseUrl, 'https://community.example.org')
    assert.equal(c.githubApiUrl, 'https://ghe.example/api/v3')
  })
})

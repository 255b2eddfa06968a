import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { BASE_URL, demoSite } from '../../../test/support/app.ts'
import { visibleText } from '../../../test/support/visible-text.ts'

describe("a person's page on the demo (pglite)", () => {
  const demo = demoSite('pglite')
  const page = async (path: string) => {
    const res = await demo.app.request(`${BASE_URL}${path}`)
    assert.equal(res.status, 200)
    return res.text()
  }
  /** The HTML of the section headed by `id`. */
  const section = (html: string, id: string) => {
    const start = html.indexOf(`aria-labelledby="${id}"`)
    assert.ok(start > 0, `no section ${id}`)
    return html.slice(start, html.indexOf('</section>', start))
  }

  it("lists Hangzhou's leadership among its leader's current roles, next to the SIG roles", async () => {
    const zh = visibleText(section(await page('/zh/people/yin-min'), 'roles-title'))
    assert.match(zh, /杭州站站长/)
    assert.match(zh, /SIG 成员/)
    const en = visibleText(section(await page('/en/people/yin-min'), 'roles-title'))
    assert.match(en, /Hangzhou chapter leader/)
    assert.match(section(await page('/en/people/yin-min'), 'roles-title'), /href="\/en\/chapters\/hangzhou"/)
  })

  it('shows the roles granted in 2021 on the history timeline', async () => {
    const html = section(await page('/zh/people/yin-min'), 'history-title')
    assert.match(html, /<ol class="timeline"/)
    assert.match(html, /<time datetime="2021-/)
    assert.doesNotMatch(visibleText(html), /没有角色变更记录/)
  })

  it('groups titles by year, newest year first', async () => {
    const html = await page('/en/people/yin-min')
    const years = [...html.matchAll(/<h3 id="recognition-(\d{4})">/g)].map((m) => Number(m[1]))
    assert.ok(years.length >= 2, `years: ${years.join(', ')}`)
    assert.deepEqual(
      years,
      [...years].sort((a, b) => b - a),
    )
    assert.ok(years.includes(2021))
  })
})

describe('the people pages', () => {
  it('import no feature above people: other features reach a person page through its registry', () => {
    const dir = import.meta.dirname
    for (const file of ['people.pages.tsx', 'people.views.tsx']) {
      const imports = readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter((line) => /^\s*(import|export)\b.*\bfrom\s+'/.test(line) || /^\s*}\s*from\s+'/.test(line))
        .map((line) => line.match(/from\s+'([^']+)'/)![1]!)
      const features = imports
        .filter((path) => path.startsWith('../') && !path.startsWith('../../'))
        .map((path) => path.split('/')[1])
      // access sits below people (it knows roles, not people's tables).
      assert.deepEqual(
        features.filter((f) => f !== 'access'),
        [],
        `${file} imports ${features.join(', ')}`,
      )
    }
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  Avatar,
  AvatarStack,
  Badge,
  Card,
  FileDrop,
  FormSection,
  initials,
  type Picture,
  SaveBar,
  StatTile,
  Tabs,
  Timeline,
} from './components.tsx'

const html = (node: unknown) => String(node)

const picture: Picture = {
  webp: [
    { url: '/media/a.webp', width: 96 },
    { url: '/media/b.webp', width: 192 },
  ],
  fallback: [
    { url: '/media/a.jpg', width: 96 },
    { url: '/media/b.jpg', width: 192 },
  ],
  width: 96,
  height: 96,
}

describe('shared components', () => {
  it('a card with an image gives it alt text, a size and WebP with a fallback', () => {
    const out = html(
      <Card
        title="Hangzhou"
        href="/en/chapters/hangzhou"
        meta="12 members"
        image={{ picture, alt: 'West Lake at dusk', ratio: '16/9' }}
        action={<a href="/join">Join</a>}
      />,
    )
    assert.match(out, /<source type="image\/webp" srcset="\/media\/a.webp 96w, \/media\/b.webp 192w"/)
    assert.match(
      out,
      /<img[^>]*src="\/media\/a.jpg"[^>]*width="96"[^>]*height="96"[^>]*alt="West Lake at dusk"/,
    )
    assert.match(out, /class="card-media ratio-16-9"/)
    assert.doesNotMatch(out, /style=/, 'the CSP allows no inline styles')
    assert.match(out, /<h3 class="card-title"><a href="\/en\/chapters\/hangzhou">Hangzhou<\/a><\/h3>/)
    assert.match(out, /class="card-action"><a href="\/join">Join<\/a>/)
  })

  it('a stat tile says its number and label, and its trend in words', () => {
    const out = html(
      <StatTile value={42} label="Members" trend={{ direction: 'up', text: '+3 this month' }} href="/x" />,
    )
    assert.match(out, /^<a class="stat-tile" href="\/x">/)
    assert.match(out, /<span aria-hidden="true">↑<\/span> \+3 this month/)
  })

  it('a badge carries its status as text, the tone only as a class', () => {
    assert.equal(
      html(<Badge tone="warning">At risk</Badge>),
      '<span class="badge tone-warning">At risk</span>',
    )
  })

  it('an avatar without a picture shows initials with the alt text as its name', () => {
    assert.match(
      html(<Avatar name="Ada Lovelace" alt="Ada Lovelace's picture" />),
      /role="img" aria-label="Ada Lovelace&#39;s picture"/,
    )
    assert.match(html(<Avatar name="Ada Lovelace" alt="" />), /aria-hidden="true">AL</)
    assert.equal(initials('张三'), '张')
    assert.match(
      html(<Avatar name="Ada" picture={picture} alt="Ada" size="large" />),
      /width="96" height="96" alt="Ada"/,
    )
  })

  it('an avatar stack names the group and says how many are not shown', () => {
    const people = ['A a', 'B b', 'C c'].map((name) => ({ name, alt: name }))
    const out = html(<AvatarStack people={people} label="Leaders" max={2} more={(n) => `${n} more`} />)
    assert.match(out, /<ul class="avatar-stack" aria-label="Leaders">/)
    assert.match(out, /\+1<\/span><span class="visually-hidden">1 more<\/span>/)
  })

  it('a form section is labelled by its heading, the save bar is a plain submit button', () => {
    const out = html(
      <FormSection id="basics" title="Basics" hint="Name and description">
        <input name="x" />
      </FormSection>,
    )
    assert.match(
      out,
      /<section class="form-section" id="basics" aria-labelledby="basics-title"><h2 id="basics-title">Basics<\/h2>/,
    )
    assert.match(html(<SaveBar label="Save" />), /<button type="submit" class="button">Save<\/button>/)
  })

  it('a file drop is a labelled file input described by its hint and error, with the drop script', () => {
    const out = html(
      <FileDrop
        name="cover"
        label="Cover"
        hint="PNG or JPEG"
        accept="image/png,image/jpeg"
        error="Too large"
        dropText="or drop it here"
      />,
    )
    assert.match(out, /<label for="field-cover">Cover<\/label>/)
    assert.match(
      out,
      /<input id="field-cover" name="cover" type="file" accept="image\/png,image\/jpeg" required=""[^>]*aria-describedby="field-cover-hint field-cover-error" aria-invalid="true"/,
    )
    assert.match(out, /<img class="drop-preview"[^>]*alt=""[^>]*hidden=""/)
    assert.match(out, /<p class="drop-text" hidden="">or drop it here<\/p>/)
    assert.match(out, /<script type="module" src="\/assets\/dropzone.js\?v=/)
  })

  it('a timeline gives each entry a machine-readable date', () => {
    const out = html(
      <Timeline label="History" entries={[{ at: '2021-03-01', when: 'March 2021', title: 'Joined' }]} />,
    )
    assert.match(
      out,
      /<ol class="timeline" aria-label="History"><li><time datetime="2021-03-01">March 2021<\/time>/,
    )
  })

  it('tabs mark the current page with aria-current', () => {
    const out = html(
      <Tabs
        label="Event"
        tabs={[
          { href: '/a', label: 'Overview', current: true },
          { href: '/b', label: 'Agenda', current: false },
        ]}
      />,
    )
    assert.match(out, /<a href="\/a" aria-current="page">Overview<\/a>/)
    assert.match(out, /<a href="\/b">Agenda<\/a>/)
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Actor, authorize, can } from './access.rules.ts'

const sigA = '00000000-0000-7000-8000-00000000000a'
const sigB = '00000000-0000-7000-8000-00000000000b'
const actor = (...roles: [string, string | null][]): Actor => ({
  personId: 'me',
  roles: roles.map(([role, sigId]) => ({ role, sigId })),
})

describe('access rules', () => {
  it('lets nobody anonymous do anything', () => {
    assert.equal(can(null, { action: 'console.enter' }), false)
    assert.equal(can(null, { action: 'profile.edit', personId: 'me' }), false)
    assert.throws(() => authorize(null, { action: 'console.enter' }), { code: 'unauthenticated' })
  })

  it('lets people edit only their own profile, unless they administer', () => {
    assert.equal(can(actor(), { action: 'profile.edit', personId: 'me' }), true)
    assert.equal(can(actor(), { action: 'profile.edit', personId: 'other' }), false)
    assert.equal(can(actor(['administrator', null]), { action: 'profile.edit', personId: 'other' }), true)
    assert.throws(() => authorize(actor(), { action: 'profile.edit', personId: 'other' }), {
      code: 'forbidden',
    })
  })

  it('opens the console to SIG leads and members, not to contributors or ambassadors', () => {
    assert.equal(can(actor(['sig_member', sigA]), { action: 'console.enter' }), true)
    assert.equal(can(actor(['sig_lead', sigA]), { action: 'people.manage' }), true)
    assert.equal(can(actor(['contributor', null], ['ambassador', null]), { action: 'console.enter' }), false)
  })

  it('lets a SIG lead change membership of their own SIG only, and never grant leadership or administration', () => {
    const lead = actor(['sig_lead', sigA])
    assert.equal(can(lead, { action: 'role.change', role: 'sig_member', sigId: sigA }), true)
    assert.equal(can(lead, { action: 'role.change', role: 'sig_member', sigId: sigB }), false)
    assert.equal(can(lead, { action: 'role.change', role: 'sig_member', sigId: null }), false)
    assert.equal(can(lead, { action: 'role.change', role: 'contributor', sigId: null }), true)
    assert.equal(can(lead, { action: 'role.change', role: 'sig_lead', sigId: sigA }), false)
    assert.equal(can(lead, { action: 'role.change', role: 'administrator', sigId: null }), false)
    assert.equal(
      can(actor(['sig_member', sigA]), { action: 'role.change', role: 'contributor', sigId: null }),
      false,
    )
  })

  it('lets exactly those who may change some role past the door of role changes', () => {
    assert.equal(can(actor(['sig_lead', sigA]), { action: 'roles.change-any' }), true)
    assert.equal(can(actor(['administrator', null]), { action: 'roles.change-any' }), true)
    assert.equal(
      can(actor(['sig_member', sigA], ['ambassador', null]), { action: 'roles.change-any' }),
      false,
    )
  })

  it('lets the people who run the community edit articles, not contributors or ambassadors', () => {
    assert.equal(can(actor(['sig_member', sigA]), { action: 'articles.edit' }), true)
    assert.equal(can(actor(['administrator', null]), { action: 'articles.edit' }), true)
    assert.equal(can(actor(['contributor', null], ['ambassador', null]), { action: 'articles.edit' }), false)
    assert.equal(can(null, { action: 'articles.edit' }), false)
  })

  it('keeps the mail outbox and backups to administrators', () => {
    assert.equal(can(actor(['sig_lead', sigA]), { action: 'mail.read-outbox' }), false)
    assert.equal(can(actor(['administrator', null]), { action: 'mail.read-outbox' }), true)
    assert.equal(can(actor(), { action: 'account.manage-own' }), true)
    assert.equal(can(null, { action: 'account.manage-own' }), false)
  })

  it('lets an event be organised by its organisers, its chapter team and its SIG, not by others', () => {
    const event = { action: 'event.organise', isOrganiser: false, onChapterTeam: false, sigId: sigA } as const
    assert.equal(can(actor(), event), false)
    assert.equal(can(actor(), { ...event, isOrganiser: true }), true)
    assert.equal(can(actor(), { ...event, onChapterTeam: true }), true)
    assert.equal(can(actor(['sig_member', sigA]), event), true)
    assert.equal(can(actor(['sig_member', sigB]), event), false)
    assert.equal(can(actor(['sig_lead', sigB]), { ...event, sigId: null }), false)
    assert.equal(can(actor(['administrator', null]), { ...event, sigId: null }), true)
  })

  it('lets volunteers check people in without letting them organise', () => {
    const door = {
      action: 'event.checkin',
      isOrganiser: false,
      onChapterTeam: false,
      sigId: sigA,
      isVolunteer: true,
    } as const
    assert.equal(can(actor(), door), true)
    assert.equal(can(actor(), { ...door, isVolunteer: false }), false)
    assert.equal(can(actor(), { ...door, action: 'event.organise' }), false)
  })

  it('lets a chapter team create its meetups, and SIG people create any event', () => {
    assert.equal(can(actor(), { action: 'events.create', onChapterTeam: false }), false)
    assert.equal(can(actor(), { action: 'events.create', onChapterTeam: true }), true)
    assert.equal(can(actor(['sig_member', sigB]), { action: 'events.create', onChapterTeam: false }), true)
  })
})

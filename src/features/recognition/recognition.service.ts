// Recognition: the titles people's roles give them, certificates for those titles (a PDF with a
// public verification page), and the swag list.
import type { Config } from '../../platform/config.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { type Actor, authorize } from '../access/index.ts'
import { seatsOfPerson } from '../chapters/index.ts'
import { allRoleGrants, getPerson, getProfile } from '../people/index.ts'
import type { AddressInput, ShipmentInput, ShipmentMoveInput } from './recognition.inputs.ts'
import * as repo from './recognition.repo.ts'
import {
  type Grant,
  heldTitles,
  isCertificateCode,
  newCertificateCode,
  type Title,
  type TitlePolicy,
} from './recognition.rules.ts'

/** A title in one language: "杭州站站长（2026）", "Hangzhou chapter leader, 2026". */
export function titleText(title: Title, locale: Locale): string {
  const t = messagesFor(locale)
  if (title.kind === 'chapter') {
    const city = locale === 'zh' ? title.chapter.cityZh : title.chapter.cityEn
    return t.recognition.chapterTitle(city, t.recognition.seat[title.role] ?? title.role, title.year)
  }
  const sig = title.sig ? (locale === 'zh' ? title.sig.nameZh : title.sig.nameEn) : null
  return t.recognition.roleTitle(t.roles[title.role as keyof typeof t.roles] ?? title.role, sig, title.year)
}

const grantsOf = (rows: Awaited<ReturnType<typeof allRoleGrants>>): (Grant & { personId: string })[] =>
  rows.map((r) => ({
    personId: r.grant.personId,
    role: r.grant.role,
    grantedAt: r.grant.grantedAt,
    endedAt: r.grant.endedAt,
    sig: r.sig ? { id: r.sig.id, nameZh: r.sig.nameZh, nameEn: r.sig.nameEn } : null,
  }))

const policyOf = (config: Config): TitlePolicy => ({ minTenureDays: config.titleMinTenureDays })

/** Every title a person's seats and roles could give, with the days held and how each is earned. */
async function heldTitlesOfPerson(deps: Pick<Deps, 'db' | 'config'>, personId: string, now: Date) {
  const [seats, grants, granted] = await Promise.all([
    seatsOfPerson(deps, personId),
    allRoleGrants(deps),
    repo.selectTitleGrants(deps.db, personId),
  ])
  return heldTitles(
    seats,
    grantsOf(grants).filter((g) => g.personId === personId),
    now,
    policyOf(deps.config),
    new Set(granted.map((g) => g.grant.titleKey)),
  )
}

/** A person's earned titles, each with its valid certificate when one was issued (their profile). */
export async function recognitionOf(deps: Pick<Deps, 'db' | 'now' | 'config'>, personId: string) {
  const [held, certificates] = await Promise.all([
    heldTitlesOfPerson(deps, personId, deps.now()),
    repo.selectCertificatesOf(deps.db, personId),
  ])
  const valid = certificates.filter((c) => !c.revokedAt)
  return held
    .filter((h) => h.earnedBy)
    .map(({ title }) => ({ title, certificate: valid.find((c) => c.titleKey === title.key) ?? null }))
}

/**
 * Issues the certificate for one of a person's earned titles (once: asking again gives the same
 * one), its texts fixed as they read today. A title not earned (too short a tenure, no grant) has none.
 */
export async function issueCertificate(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  actor: Actor,
  personId: string,
  titleKey: string,
) {
  authorize(actor, { action: 'recognition.manage' })
  const held = (await heldTitlesOfPerson(deps, personId, deps.now())).find((h) => h.title.key === titleKey)
  if (!held) throw new DomainError('notFoundRecord')
  if (!held.earnedBy) throw new DomainError('notAllowedNow', 'The title is not earned: too short a tenure')
  const { title } = held
  return repo.insertCertificate(deps.db, {
    code: newCertificateCode(),
    personId,
    titleKey,
    titleZh: titleText(title, 'zh'),
    titleEn: titleText(title, 'en'),
    year: title.year,
    issuedAt: deps.now(),
    issuedBy: actor.personId,
  })
}

/**
 * A SIG lead grants a title the tenure rule does not give (a seat held for less than the minimum
 * that year), recorded with who, when and why. Only for a place the person did hold that year.
 */
export async function grantTitle(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  actor: Actor,
  personId: string,
  titleKey: string,
  reason: string,
) {
  authorize(actor, { action: 'recognition.manage' })
  const held = (await heldTitlesOfPerson(deps, personId, deps.now())).find((h) => h.title.key === titleKey)
  if (!held) throw new DomainError('notFoundRecord')
  if (held.earnedBy) throw new DomainError('notAllowedNow', 'The title is earned already')
  await repo.insertTitleGrant(deps.db, {
    personId,
    titleKey,
    reason,
    grantedBy: actor.personId,
    grantedAt: deps.now(),
  })
}

/**
 * Every title anyone held part of a year, with the days held, how it is earned (or that it is
 * not), its grant and its certificate if issued (the recognition console).
 */
export async function titlesOfYear(deps: Pick<Deps, 'db' | 'now' | 'config'>, actor: Actor, year: number) {
  authorize(actor, { action: 'recognition.manage' })
  const [seats, grants, titleGrants] = await Promise.all([
    seatsOfPerson(deps),
    allRoleGrants(deps),
    repo.selectTitleGrants(deps.db),
  ])
  const people = [...new Set([...seats.map((s) => s.personId), ...grants.map((g) => g.grant.personId)])]
  const allGrants = grantsOf(grants)
  const rows = await Promise.all(
    people.map(async (personId) => {
      const granted = titleGrants.filter((g) => g.grant.personId === personId)
      const held = heldTitles(
        seats.filter((s) => s.personId === personId),
        allGrants.filter((g) => g.personId === personId),
        deps.now(),
        policyOf(deps.config),
        new Set(granted.map((g) => g.grant.titleKey)),
      ).filter((h) => h.title.year === year)
      if (!held.length) return []
      const [person, certificates] = await Promise.all([
        getPerson(deps, personId),
        repo.selectCertificatesOf(deps.db, personId),
      ])
      return held.map(({ title, days, earnedBy }) => ({
        person,
        title,
        days,
        earnedBy,
        grant: granted.find((g) => g.grant.titleKey === title.key) ?? null,
        certificate: certificates.find((c) => c.titleKey === title.key && !c.revokedAt) ?? null,
      }))
    }),
  )
  return rows.flat()
}

export async function revokeCertificate(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  code: string,
  reason: string,
) {
  authorize(actor, { action: 'recognition.manage' })
  const found = await repo.selectCertificateByCode(deps.db, code)
  if (!found) throw new DomainError('notFoundRecord')
  const [revoked] = await repo.revokeCertificateRow(deps.db, found.certificate.id, deps.now(), reason)
  if (!revoked) throw new DomainError('notAllowedNow')
}

/** A certificate as anyone may check it: to whom, for what, and whether it still holds. */
export async function verifyCertificate(deps: Pick<Deps, 'db'>, code: string) {
  const normalized = code.toUpperCase()
  if (!isCertificateCode(normalized)) throw new DomainError('notFoundRecord')
  const found = await repo.selectCertificateByCode(deps.db, normalized)
  if (!found) throw new DomainError('notFoundRecord')
  return found
}

// --- Swag ---------------------------------------------------------------------------------------

/** Puts swag on the list for someone; they are asked for their address on their account page. */
export async function addShipment(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, input: ShipmentInput) {
  authorize(actor, { action: 'recognition.manage' })
  const { person } = await getProfile(deps, input.handle)
  return repo.insertShipment(deps.db, {
    personId: person.id,
    itemZh: input.itemZh,
    itemEn: input.itemEn,
    reasonZh: input.reasonZh,
    reasonEn: input.reasonEn,
    createdBy: actor.personId,
    createdAt: deps.now(),
    updatedAt: deps.now(),
  })
}

/** The signed-in person's own swag, shipping details included. */
export async function myShipments(deps: Pick<Deps, 'db'>, actor: Actor) {
  if (!actor) throw new DomainError('unauthenticated')
  return repo.selectShipmentsOf(deps.db, actor.personId)
}

/** The person gives (or corrects) where to send it, until it is sent. */
export async function giveAddress(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  id: string,
  input: AddressInput,
) {
  if (!actor) throw new DomainError('unauthenticated')
  const shipment = await repo.selectShipment(deps.db, id)
  if (!shipment || shipment.personId !== actor.personId) throw new DomainError('notFoundRecord')
  if (shipment.status !== 'waiting_for_address' && shipment.status !== 'ready')
    throw new DomainError('notAllowedNow')
  await repo.updateShipment(deps.db, id, { ...input, status: 'ready', updatedAt: deps.now() })
}

/** The whole list with shipping details, for whoever sends it. */
export async function swagList(deps: Pick<Deps, 'db'>, actor: Actor) {
  authorize(actor, { action: 'recognition.manage' })
  return repo.selectAllShipments(deps.db)
}

/** Sent (with tracking) by the SIG, or received, by either side. */
export async function moveShipment(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  id: string,
  move: ShipmentMoveInput,
) {
  if (!actor) throw new DomainError('unauthenticated')
  const shipment = await repo.selectShipment(deps.db, id)
  if (!shipment) throw new DomainError('notFoundRecord')
  const own = shipment.personId === actor.personId
  if (move.status === 'sent') {
    authorize(actor, { action: 'recognition.manage' })
    if (shipment.status !== 'ready') throw new DomainError('notAllowedNow')
  } else {
    if (!own) authorize(actor, { action: 'recognition.manage' })
    if (shipment.status !== 'sent') throw new DomainError('notAllowedNow')
  }
  await repo.updateShipment(deps.db, id, {
    status: move.status,
    ...(move.tracking ? { tracking: move.tracking } : {}),
    updatedAt: deps.now(),
  })
}

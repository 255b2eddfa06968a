// Recognition: the titles people's roles give them, certificates for those titles (a PDF with a
// public verification page), and the swag list.
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
  isCertificateCode,
  newCertificateCode,
  type Title,
  titlesOf,
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

async function titlesOfPerson(deps: Pick<Deps, 'db'>, personId: string, now: Date) {
  const [seats, grants] = await Promise.all([seatsOfPerson(deps, personId), allRoleGrants(deps)])
  return titlesOf(
    seats,
    grantsOf(grants).filter((g) => g.personId === personId),
    now,
  )
}

/** A person's titles, each with its valid certificate when one was issued (their profile). */
export async function recognitionOf(deps: Pick<Deps, 'db' | 'now'>, personId: string) {
  const [titles, certificates] = await Promise.all([
    titlesOfPerson(deps, personId, deps.now()),
    repo.selectCertificatesOf(deps.db, personId),
  ])
  const valid = certificates.filter((c) => !c.revokedAt)
  return titles.map((title) => ({ title, certificate: valid.find((c) => c.titleKey === title.key) ?? null }))
}

/**
 * Issues the certificate for one of a person's titles (once: asking again gives the same one),
 * its texts fixed as they read today.
 */
export async function issueCertificate(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  personId: string,
  titleKey: string,
) {
  authorize(actor, { action: 'recognition.manage' })
  const title = (await titlesOfPerson(deps, personId, deps.now())).find((t) => t.key === titleKey)
  if (!title) throw new DomainError('notFoundRecord')
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

/** Every title anyone held in a year, with its certificate if issued (the recognition console). */
export async function titlesOfYear(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, year: number) {
  authorize(actor, { action: 'recognition.manage' })
  const [seats, grants] = await Promise.all([seatsOfPerson(deps), allRoleGrants(deps)])
  const people = [...new Set([...seats.map((s) => s.personId), ...grants.map((g) => g.grant.personId)])]
  const allGrants = grantsOf(grants)
  const rows = await Promise.all(
    people.map(async (personId) => {
      const titles = titlesOf(
        seats.filter((s) => s.personId === personId),
        allGrants.filter((g) => g.personId === personId),
        deps.now(),
      ).filter((t) => t.year === year)
      if (!titles.length) return []
      const [person, certificates] = await Promise.all([
        getPerson(deps, personId),
        repo.selectCertificatesOf(deps.db, personId),
      ])
      return titles.map((title) => ({
        person,
        title,
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
    item: input.item,
    reason: input.reason,
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

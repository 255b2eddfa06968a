import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/client.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { Locale } from '../../platform/i18n/index.ts'
import { type MediaFile, mediaUrl, recordMedia } from '../../platform/media/media.ts'
import {
  LOGO_HEIGHTS,
  previewOf,
  receiveLogo,
  recordSizes,
  sizedPicture,
  sizeIdsOf,
} from '../../platform/media/pictures.ts'
import type { Brand, CommunityNames } from '../../platform/views/brand.ts'
import { type Actor, authorize } from '../access/index.ts'
import type { BrandInput } from './community.inputs.ts'
import * as repo from './community.repo.ts'
import { accentStylesheet, bothNames, judgeAccent, nameIn, type Scheme } from './community.rules.ts'

/** An accent that does not read well enough: which scheme, the ratio it reached, what would pass. */
export class AccentRefused extends DomainError {
  readonly scheme: Scheme
  readonly ratio: number
  readonly suggestion: string | null
  constructor(verdict: { scheme: Scheme; ratio: number; suggestion: string | null }) {
    super('invalid', `The accent colour reaches ${verdict.ratio.toFixed(2)}:1 in ${verdict.scheme} mode`)
    this.scheme = verdict.scheme
    this.ratio = verdict.ratio
    this.suggestion = verdict.suggestion
    this.details = { field: verdict.scheme === 'light' ? 'accent' : 'accentDark', ...verdict }
  }
}

export async function communitySettings(deps: Pick<Deps, 'db'>) {
  return repo.selectSettings(deps.db)
}

const stylesheetOf = (settings: repo.CommunitySettings | null) => {
  if (!settings?.accent) return null
  const verdict = judgeAccent(settings.accent, settings.accentDark)
  // Saved values passed when saved; should the rules tighten, Hearth's own colours stay.
  return verdict.ok ? accentStylesheet(verdict.light, verdict.dark) : null
}

/** The accent stylesheet and its validator (served at /brand.css). */
export async function brandStylesheet(deps: Pick<Deps, 'db'>) {
  const css = stylesheetOf((await repo.selectSettings(deps.db))?.settings ?? null) ?? ''
  return { css, etag: `"${createHash('sha256').update(css).digest('base64url').slice(0, 16)}"` }
}

/**
 * What pages show of the brand, read from the database for each page (one row by its key), so
 * every app server shows a change at once; COMMUNITY_NAME names the community until it is set.
 */
export async function loadBrand(deps: Pick<Deps, 'db' | 'config'>, locale: Locale): Promise<Brand> {
  const row = await repo.selectSettings(deps.db)
  const s = row?.settings ?? null
  const configured = deps.config.communityName === 'Hearth' ? null : deps.config.communityName
  const css = stylesheetOf(s)
  const description = s ? nameIn({ nameZh: s.descriptionZh, nameEn: s.descriptionEn }, locale) : null
  return {
    name: (s && nameIn(s, locale)) ?? (configured ? { text: configured, lang: locale } : null),
    description,
    logo: row?.logo ? await logoOf(deps, row.logo) : null,
    stylesheetUrl: css
      ? `/brand.css?v=${createHash('sha256').update(css).digest('base64url').slice(0, 16)}`
      : null,
    links: s?.links ?? [],
    siteUrl: deps.config.baseUrl,
  }
}

/**
 * The community's name in each language, for what is written in its name (mails, issue
 * comments, feeds): the composition root hands this to every feature as `Deps.communityNames`.
 */
export const communityNamesFrom =
  (config: Pick<Config, 'communityName'>) =>
  async (db: Db): Promise<CommunityNames> => {
    const s = (await repo.selectSettings(db))?.settings ?? null
    const configured = config.communityName === 'Hearth' ? null : config.communityName
    return {
      zh: (s && nameIn(s, 'zh')?.text) ?? configured,
      en: (s && nameIn(s, 'en')?.text) ?? configured,
    }
  }

/** The logo as the header shows it (32 px high, in its sizes) and as link previews take it. */
async function logoOf(deps: Pick<Deps, 'db'>, original: MediaFile): Promise<NonNullable<Brand['logo']>> {
  const sizes = await repo.selectMedia(deps.db, sizeIdsOf(original.id, 'logo'))
  const [height] = LOGO_HEIGHTS
  const ratio = original.width && original.height ? original.width / original.height : 1
  const preview = previewOf(original, sizes)
  return {
    picture: sizedPicture(original, sizes, 'logo', { width: Math.round(height * ratio), height }),
    preview: { url: mediaUrl('', preview), width: preview.width, height: preview.height },
  }
}

/** Both names, for what is read in either language: certificates, a mail's sender. */
export async function communityTitle(deps: Pick<Deps, 'db' | 'config'>): Promise<string> {
  const s = (await repo.selectSettings(deps.db))?.settings
  return (s && bothNames(s)) ?? deps.config.communityName
}

/**
 * What else is written in the community's name and kept as written (a podcast's feeds name it
 * where a show gives no copyright): written again in the transaction that renames it. The
 * composition root hands it in, as the features that keep such texts sit above this one.
 */
export type WrittenInName = (tx: Db) => Promise<void>

export async function saveBrand(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  input: BrandInput,
  writtenInName?: WrittenInName,
) {
  authorize(actor, { action: 'community.brand' })
  if (input.accent) {
    const verdict = judgeAccent(input.accent, input.accentDark)
    if (!verdict.ok) throw new AccentRefused(verdict)
  }
  await deps.db.transaction(async (tx) => {
    const before = (await repo.selectSettings(tx))?.settings
    await repo.upsertSettings(tx, { ...input, updatedAt: deps.now(), updatedBy: actor.personId })
    const renamed = (before?.nameZh ?? null) !== input.nameZh || (before?.nameEn ?? null) !== input.nameEn
    if (renamed && writtenInName) await writtenInName(tx)
  })
}

/**
 * Stores an uploaded logo (SVG, drawn into a PNG; PNG, WebP or JPEG; at most 2 MB) with the sizes
 * pages show, and makes it the community's.
 */
export async function setLogo(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  actor: Actor,
  upload: { filename: string; source: Readable },
) {
  authorize(actor, { action: 'community.brand' })
  const { original, sizes } = await receiveLogo(deps.config.dataDir, { ...upload, now: deps.now() })
  await deps.db.transaction(async (tx) => {
    await recordMedia(tx, original)
    await recordSizes(tx, sizes)
    await repo.upsertSettings(tx, { logoId: original.id, updatedAt: deps.now(), updatedBy: actor.personId })
  })
}

export async function removeLogo(deps: Pick<Deps, 'db' | 'now'>, actor: Actor) {
  authorize(actor, { action: 'community.brand' })
  await repo.upsertSettings(deps.db, { logoId: null, updatedAt: deps.now(), updatedBy: actor.personId })
}

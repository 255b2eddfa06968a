// The community's brand as pure rules: which accent colours read well enough (WCAG 2.2 AA, the
// level the axe checks hold every page to), and what the accent stylesheet says.

/** The surfaces accent text and buttons sit on (public/app.css: --bg and --card, light and dark). */
export const SURFACES = {
  light: ['#ffffff', '#fffdf9'],
  dark: ['#211d1a', '#171412'],
} as const
/** Text on an accent-filled button (public/app.css --accent-fg). */
export const ON_ACCENT = { light: '#ffffff', dark: '#1a0f09' } as const
/** Normal text needs 4.5:1 against what it sits on (WCAG 1.4.3). */
export const AA_TEXT = 4.5

export const isHexColour = (v: string) => /^#[0-9a-f]{6}$/i.test(v)

const channel = (hex: string, at: number) => Number.parseInt(hex.slice(at, at + 2), 16) / 255
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)

/** Relative luminance (WCAG 2.x). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => linear(channel(hex, at)))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

const hex = (n: number) =>
  Math.round(Math.min(255, Math.max(0, n)))
    .toString(16)
    .padStart(2, '0')

/** `a` moved towards `b` by `share` (0: a, 1: b), in sRGB as CSS color-mix does by default. */
export function mix(a: string, b: string, share: number): string {
  return `#${[1, 3, 5].map((at) => hex((channel(a, at) * (1 - share) + channel(b, at) * share) * 255)).join('')}`
}

export type Scheme = 'light' | 'dark'

/** The weakest contrast of an accent in a scheme: as text on each surface, and under button text. */
export function weakestContrast(accent: string, scheme: Scheme): number {
  return Math.min(...SURFACES[scheme].map((s) => contrast(accent, s)), contrast(accent, ON_ACCENT[scheme]))
}

/**
 * The nearest colour that passes in the scheme: darkened towards black for light pages, lightened
 * towards white for dark ones, in small steps, so the hue the community chose stays recognisable.
 */
export function nearestPassing(accent: string, scheme: Scheme): string | null {
  const towards = scheme === 'light' ? '#000000' : '#ffffff'
  for (let step = 0; step <= 100; step++) {
    const candidate = mix(accent, towards, step / 100)
    if (weakestContrast(candidate, scheme) >= AA_TEXT) return candidate
  }
  return null
}

export type AccentVerdict =
  | { ok: true; light: string; dark: string }
  | { ok: false; scheme: Scheme; colour: string; ratio: number; suggestion: string | null }

/**
 * An accent for light pages and one for dark pages (given, or derived from the light one by
 * lightening it until it reads on the dark surfaces). Each must reach AA as text on every surface
 * of its scheme and behind the button text; a failure names the scheme, the ratio reached and the
 * nearest colour of the same hue that passes.
 */
export function judgeAccent(light: string, dark: string | null): AccentVerdict {
  const l = light.toLowerCase()
  const lightRatio = weakestContrast(l, 'light')
  if (lightRatio < AA_TEXT)
    return {
      ok: false,
      scheme: 'light',
      colour: l,
      ratio: lightRatio,
      suggestion: nearestPassing(l, 'light'),
    }
  if (dark) {
    const d = dark.toLowerCase()
    const darkRatio = weakestContrast(d, 'dark')
    if (darkRatio < AA_TEXT)
      return { ok: false, scheme: 'dark', colour: d, ratio: darkRatio, suggestion: nearestPassing(d, 'dark') }
    return { ok: true, light: l, dark: d }
  }
  const derived = nearestPassing(l, 'dark')
  if (!derived)
    return { ok: false, scheme: 'dark', colour: l, ratio: weakestContrast(l, 'dark'), suggestion: null }
  return { ok: true, light: l, dark: derived }
}

/**
 * The stylesheet that gives pages the community's accent: the same custom properties app.css
 * defines, for both schemes. Served as a file (the CSP allows no inline style).
 */
export function accentStylesheet(light: string, dark: string): string {
  return [
    `:root{--accent:${light};--accent-bg:${mix(light, SURFACES.light[0], 0.88)}}`,
    `@media (prefers-color-scheme: dark){:root{--accent:${dark};--accent-bg:${mix(dark, SURFACES.dark[0], 0.8)}}}`,
    '',
  ].join('\n')
}

export type CommunityNames = { nameZh: string | null; nameEn: string | null }

/** The name in the reader's language, falling back to the other one, with the language it is in. */
export function nameIn(
  names: CommunityNames,
  locale: 'zh' | 'en',
): { text: string; lang: 'zh' | 'en' } | null {
  const own = locale === 'zh' ? names.nameZh : names.nameEn
  if (own) return { text: own, lang: locale }
  const other = locale === 'zh' ? names.nameEn : names.nameZh
  return other ? { text: other, lang: locale === 'zh' ? 'en' : 'zh' } : null
}

/** Both names for places that are read in either language (a certificate, a mail's sender). */
export const bothNames = (names: CommunityNames): string | null =>
  [...new Set([names.nameZh, names.nameEn].filter((n): n is string => Boolean(n)))].join(' · ') || null

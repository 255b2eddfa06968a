// Web addresses people give us (profile and chapter links, event records, episode videos, feeds
// to import): http and https only. Any other scheme in an href runs or loads something when a
// visitor clicks it (javascript:, data:, vbscript:), so none is ever taken in, and none is ever
// written into a page from what was stored before.
import { z } from 'zod'

/** Every schema made by `httpUrl`, so a test can tell a URL field built here from one that is not. */
const made = new WeakSet<object>()

/**
 * A web address a person types, at most `max` characters; refused with the translated `url`
 * message (or `tooLong`). Use it for every URL field of every input: `url.test.ts` fails on
 * any other URL schema.
 */
export function httpUrl(max = 2000) {
  const schema = z.url({ protocol: /^https?$/, error: 'url' }).max(max, 'tooLong')
  made.add(schema)
  return schema
}

export const isHttpUrlSchema = (schema: unknown): boolean =>
  typeof schema === 'object' && schema !== null && made.has(schema)

const anyLength = httpUrl(Number.MAX_SAFE_INTEGER)

/** The same check as `httpUrl`, for addresses read out of free text (lines of "label URL"). */
export const isHttpUrl = (value: string): boolean => anyLength.safeParse(value).success

/**
 * An href for an address stored elsewhere (before these checks, or read from an imported feed):
 * the address when it is http(s), nothing otherwise, so the link shows as text and goes nowhere.
 */
export const safeHref = (url: string | null | undefined): string | undefined =>
  url && isHttpUrl(url) ? url : undefined

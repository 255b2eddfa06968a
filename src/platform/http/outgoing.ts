// Every request the server makes to an address a person gave it (feeds and files to import,
// webhook subscribers, archives to read) goes through here. The host is resolved once, every
// candidate is checked, and the socket connects to a checked address (pinned through `lookup`),
// so a name that answers differently the second time (DNS rebinding) reaches nothing new.
// Redirects are followed by hand and checked again; size and time are limited as bytes arrive.
import { lookup as dnsLookup } from 'node:dns/promises'
import {
  type ClientRequest,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { pipeline, type Readable, Transform } from 'node:stream'
import type { Config } from '../config.ts'
import type { Logger } from '../log.ts'
import {
  type AllowedNetworks,
  bareHost,
  mayConnect,
  noNetworksAllowed,
  urlRefusal,
} from './outgoing.rules.ts'

export type Resolved = { address: string; family: number }

/** What the guard needs: the operator's allowed networks and, in tests, a resolver of our own. */
export type OutgoingGuard = {
  allowed: AllowedNetworks
  resolve?: (hostname: string) => Promise<Resolved[]>
  log?: Pick<Logger, 'info'>
}

export type OutgoingFailure =
  | 'refused'
  | 'unresolvable'
  | 'unreachable'
  | 'timeout'
  | 'tooLarge'
  | 'status'
  | 'tooManyRedirects'

/**
 * Any failure to fetch what a person named. The message is the same whatever went wrong, so a
 * form that shows it cannot be used to map which private addresses and ports answer; `reason`
 * and `detail` are for logs.
 */
export class OutgoingFailed extends Error {
  readonly reason: OutgoingFailure
  readonly detail: string
  /** The status of the last answer, when there was one. */
  readonly status: number | null
  constructor(reason: OutgoingFailure, detail: string, status: number | null = null) {
    super('The address could not be fetched')
    this.name = 'OutgoingFailed'
    this.reason = reason
    this.detail = detail
    this.status = status
  }
}

export type OutgoingOptions = {
  method?: 'GET' | 'POST' | 'PATCH'
  headers?: Record<string, string>
  body?: string
  /** Redirects followed (each checked like the first address); 0 answers a 3xx as it came. */
  redirects?: number
  /** The answer's body is cut off past this many bytes (counted as they arrive). */
  maxBytes: number
  /** For the whole exchange: connecting, redirects and reading the body. */
  timeoutMs: number
}

export type OutgoingResponse = {
  status: number
  headers: IncomingHttpHeaders
  /** The address that answered, after redirects. */
  url: string
  /** Fails with OutgoingFailed past `maxBytes` or the time limit. */
  body: Readable
}

/** The guard as the operator configured it (`OUTGOING_ALLOW_NETWORKS`). */
export const outgoingGuard = (
  config: Pick<Config, 'outgoingAllowed'>,
  log?: Pick<Logger, 'info'>,
): OutgoingGuard => ({
  allowed: config.outgoingAllowed,
  ...(log ? { log } : {}),
})

const defaultResolve = (hostname: string): Promise<Resolved[]> =>
  dnsLookup(hostname, { all: true, verbatim: true })

const redirectStatuses = new Set([301, 302, 303, 307, 308])
const defaultRedirects = 5

/** Sends one request and answers with whatever status came last (after redirects). */
export async function sendOutgoing(
  guard: OutgoingGuard,
  url: string,
  options: OutgoingOptions,
): Promise<OutgoingResponse> {
  const deadline = Date.now() + options.timeoutMs
  let target = url
  let method = options.method ?? 'GET'
  let body = options.body
  const maxRedirects = options.redirects ?? defaultRedirects
  try {
    for (let hop = 0; ; hop++) {
      const res = await exchange(guard, target, { ...options, method, body }, deadline)
      const location = res.headers.location
      if (maxRedirects === 0 || !redirectStatuses.has(res.statusCode ?? 0) || !location)
        return answer(res, target, options.maxBytes, deadline)
      res.destroy()
      if (hop >= maxRedirects)
        throw new OutgoingFailed('tooManyRedirects', `more than ${maxRedirects} redirects`, res.statusCode)
      target = URL.canParse(location, target) ? new URL(location, target).href : ''
      // As browsers do: a 303, or a 301/302 after a POST, fetches the new address with GET.
      if (res.statusCode === 303 || (method === 'POST' && res.statusCode !== 307 && res.statusCode !== 308)) {
        method = 'GET'
        body = undefined
      }
    }
  } catch (e) {
    const failure = asFailure(e)
    guard.log?.info('outgoing request failed', {
      host: URL.canParse(target) ? new URL(target).host : null,
      reason: failure.reason,
      detail: failure.detail,
    })
    throw failure
  }
}

/** GETs an address whose answer must be 2xx; the body as a stream. */
export async function openOutgoing(
  guard: OutgoingGuard,
  url: string,
  options: Omit<OutgoingOptions, 'method' | 'body'>,
): Promise<OutgoingResponse> {
  const res = await sendOutgoing(guard, url, options)
  if (res.status >= 200 && res.status < 300) return res
  res.body.destroy()
  guard.log?.info('outgoing request failed', {
    host: new URL(res.url).host,
    reason: 'status',
    detail: res.status,
  })
  throw new OutgoingFailed('status', `HTTP ${res.status}`, res.status)
}

/** GETs an address whose answer must be 2xx; the body as UTF-8 text. */
export async function fetchOutgoingText(
  guard: OutgoingGuard,
  url: string,
  options: Omit<OutgoingOptions, 'method' | 'body'>,
): Promise<string> {
  const res = await openOutgoing(guard, url, options)
  const chunks: Buffer[] = []
  try {
    for await (const chunk of res.body) chunks.push(chunk as Buffer)
  } catch (e) {
    throw asFailure(e)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const asFailure = (e: unknown) =>
  e instanceof OutgoingFailed ? e : new OutgoingFailed('unreachable', (e as Error)?.message ?? String(e))

/** Where to connect for this URL: checked addresses only, or a refusal. */
async function pinnedLookup(guard: OutgoingGuard, target: URL): Promise<LookupFunction | undefined> {
  const allowed = guard.allowed ?? noNetworksAllowed
  const refusal = urlRefusal(target.href, allowed)
  if (refusal) throw new OutgoingFailed('refused', `${refusal}: ${target.host}`)
  const host = bareHost(target.hostname)
  // Node does not call `lookup` for an address written in the URL: urlRefusal has checked it.
  if (isIP(host)) return undefined
  let candidates: Resolved[]
  try {
    candidates = await (guard.resolve ?? defaultResolve)(host)
  } catch (e) {
    throw new OutgoingFailed(
      'unresolvable',
      `${host}: ${(e as { code?: string }).code ?? (e as Error).message}`,
    )
  }
  const usable = candidates.filter((c) => mayConnect(c.address, allowed))
  if (usable.length === 0)
    throw new OutgoingFailed(
      'refused',
      `${host} resolves to ${candidates.map((c) => c.address).join(', ') || 'nothing'}`,
    )
  return ((
    _hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: (...args: unknown[]) => void,
  ) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0)
    const fitting = usable.filter((c) => !family || c.family === family)
    if (fitting.length === 0) callback(Object.assign(new Error('no checked address'), { code: 'ENOTFOUND' }))
    else if (options.all) callback(null, fitting)
    else callback(null, fitting[0]!.address, fitting[0]!.family)
  }) as LookupFunction
}

async function exchange(
  guard: OutgoingGuard,
  url: string,
  options: OutgoingOptions & { method: string },
  deadline: number,
): Promise<IncomingMessage> {
  const target = new URL(url)
  const lookup = await pinnedLookup(guard, target)
  const remaining = deadline - Date.now()
  if (remaining <= 0) throw new OutgoingFailed('timeout', 'time limit reached')
  return new Promise<IncomingMessage>((resolve, reject) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    let req: ClientRequest
    const timer = setTimeout(
      () => req.destroy(new OutgoingFailed('timeout', 'time limit reached')),
      remaining,
    )
    req = send(
      target,
      {
        method: options.method,
        headers:
          options.body === undefined
            ? options.headers
            : { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
        // A fresh connection each time: a pooled socket was checked for someone else's address.
        agent: false,
        ...(lookup ? { lookup } : {}),
      },
      (res) => {
        clearTimeout(timer)
        resolve(res)
      },
    )
    req.on('error', (e) => {
      clearTimeout(timer)
      reject(
        e instanceof OutgoingFailed
          ? e
          : new OutgoingFailed('unreachable', `${(e as { code?: string }).code ?? e.message}`),
      )
    })
    req.end(options.body)
  })
}

/** The answer with its body counted and timed: past either limit, reading it fails. */
function answer(res: IncomingMessage, url: string, maxBytes: number, deadline: number): OutgoingResponse {
  const declared = Number(res.headers['content-length'])
  let received = 0
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length
      if (received > maxBytes)
        done(new OutgoingFailed('tooLarge', `more than ${maxBytes} bytes`, res.statusCode))
      else done(null, chunk)
    },
  })
  const timer = setTimeout(
    () => limited.destroy(new OutgoingFailed('timeout', 'time limit reached while reading')),
    Math.max(0, deadline - Date.now()),
  )
  limited.on('close', () => {
    clearTimeout(timer)
    res.destroy()
  })
  pipeline(res, limited, (e) => {
    if (e && !limited.destroyed) limited.destroy(asFailure(e))
  })
  if (Number.isFinite(declared) && declared > maxBytes)
    limited.destroy(new OutgoingFailed('tooLarge', `declared ${declared} bytes`, res.statusCode))
  return { status: res.statusCode ?? 0, headers: res.headers, url, body: limited }
}

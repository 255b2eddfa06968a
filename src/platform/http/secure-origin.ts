// Sessions and form tokens live in __Host- cookies, which browsers keep only when they are Secure,
// and a Secure cookie is kept only over HTTPS or on the machine itself (localhost counts as a
// secure context). Over plain HTTP on any other host every form then fails with "This form has
// expired": these checks let the sign-in page, the error page and `hearth doctor` say why instead.

const loopbackHost = (hostname: string) => {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
  )
}

/** True when a browser at `url` cannot keep Secure cookies: plain HTTP on a host that is not this machine. */
export function lacksSecureContext(url: string): boolean {
  if (!URL.canParse(url)) return false
  const parsed = new URL(url)
  return parsed.protocol === 'http:' && !loopbackHost(parsed.hostname)
}

/**
 * The address the browser used, as well as we can tell: a proxy's `X-Forwarded-Proto` says which
 * scheme the browser spoke (TLS is often ended there); without one, a request to an https site
 * address is taken to have come through such a proxy.
 */
export function browserSawPlainHttp(input: {
  requestUrl: string
  forwardedProto: string | undefined
  baseUrl: string
}): boolean {
  const request = new URL(input.requestUrl)
  const proto = input.forwardedProto?.split(',')[0]?.trim().toLowerCase()
  const scheme = proto ? `${proto}:` : input.baseUrl.startsWith('https:') ? 'https:' : request.protocol
  return lacksSecureContext(`${scheme}//${request.host}/`)
}

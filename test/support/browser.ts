/** A cookie-keeping client over real HTTP, like a browser without JavaScript: forms carry CSRF and Origin. */
export class Browser {
  readonly cookies: Map<string, string>
  readonly baseUrl: string
  /** Pass another browser's cookies to carry its session to a restarted server. */
  constructor(baseUrl: string, cookies = new Map<string, string>()) {
    this.baseUrl = baseUrl
    this.cookies = cookies
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await fetch(`${this.baseUrl}${path}`, { ...init, headers, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const i = pair.indexOf('=')
      const value = pair.slice(i + 1).trim()
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, i).trim())
      else this.cookies.set(pair.slice(0, i).trim(), value)
    }
    return res
  }

  get(path: string) {
    return this.request(path)
  }

  /** Loads the sign-in page first if there is no CSRF cookie yet, then posts the form. */
  async postForm(path: string, fields: Record<string, string>) {
    if (!this.cookies.has('__Host-hearth_csrf')) await (await this.get('/en/sign-in')).text()
    const body = new URLSearchParams({ ...fields, _csrf: this.cookies.get('__Host-hearth_csrf') ?? '' })
    return this.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.baseUrl },
    })
  }
}

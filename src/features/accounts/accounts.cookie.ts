import type { Context } from 'hono'
import { setCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../../platform/http/app.ts'

/** The session cookie: `__Host-`, Secure, HttpOnly, SameSite=Lax, for the whole site. */
export function setSessionCookie(c: Context, token: string, expires: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    prefix: 'host',
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    expires,
  })
}

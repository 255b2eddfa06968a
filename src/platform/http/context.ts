import type { Locale, Messages } from '../i18n/index.ts'
import type { Brand } from '../views/brand.ts'

/** Who is making the request, resolved once per request from the session cookie or an API token. */
export type Viewer = {
  personId: string
  handle: string
  nameZh: string | null
  nameEn: string | null
  avatarUrl: string | null
  roles: { role: string; sigId: string | null }[]
  sessionId: string | null
  /** May open the organiser console (decided by the policy module when the viewer is resolved). */
  organiser: boolean
}

export type AppEnv = {
  Variables: {
    requestId: string
    locale: Locale
    t: Messages
    viewer: Viewer | null
    /** The community's name, logo and colour for this page (set for page requests). */
    brand?: Brand
    /** The CSRF token for a form on this page; the first call issues the cookie if needed. */
    csrfToken: () => string
    /** Set once the page carries something of this visitor's own (a CSRF token): never cache it. */
    personal?: boolean
    /**
     * How long the page cache may keep this page although the content generation has not moved:
     * pages showing live counts (places left, check-ins) that change without moving it.
     */
    freshFor?: number
    /**
     * For a streamed upload (a multipart POST to a path ending in /upload), the CSRF token the
     * form's `_csrf` field must match: the route checks it before it reads the file.
     */
    csrfToCheck?: string | null
  }
}

import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { z } from 'zod'
import { parseNetworks } from './http/outgoing.rules.ts'
import { isTimeZone } from './i18n/time-zone.ts'

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'expected one of 1/0, true/false, yes/no, on/off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v))

const url = (protocols: string[]) =>
  z
    .url({ error: `expected a URL (${protocols.join(', ')})` })
    .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), {
      error: `expected a URL starting with ${protocols.join(' or ')}`,
    })

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v)

const bytes = (min: number, max: number) =>
  z.coerce
    .number({ error: 'expected a number of bytes' })
    .int({ error: 'expected a whole number of bytes' })
    .min(min, { error: `expected at least ${min} bytes` })
    .max(max, { error: `expected at most ${max} bytes` })

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.preprocess(
      // An empty PORT= means unset (as for every variable), not port 0 (a random port).
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.coerce
        .number({ error: 'expected a port number' })
        .int({ error: 'expected a whole port number' })
        .min(0, { error: 'expected a port from 0 to 65535' })
        .max(65535, { error: 'expected a port from 0 to 65535' })
        .default(3000),
    ),
    HOST: z.string().min(1).default('0.0.0.0'),
    BASE_URL: z.preprocess(emptyAsUndefined, url(['http:', 'https:']).optional()),
    DATA_DIR: z.string().min(1, { error: 'expected a directory path' }).default('./data'),
    DATABASE_URL: z.preprocess(emptyAsUndefined, url(['postgres:', 'postgresql:']).optional()),
    SMTP_URL: z.preprocess(emptyAsUndefined, url(['smtp:', 'smtps:']).optional()),
    MAIL_FROM: z
      .string()
      .regex(/^(.+<[^\s@]+@[^\s@]+>|[^\s@]+@[^\s@]+)$/, {
        error: 'expected an e-mail address, optionally as "Name <address>"',
      })
      .default('hearth@localhost'),
    GITHUB_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
    GITHUB_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
    GITHUB_URL: url(['http:', 'https:']).default('https://github.com'),
    GITHUB_API_URL: url(['http:', 'https:']).default('https://api.github.com'),
    GITHUB_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
    GITHUB_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
    WEBSUB_HUB_URL: z.preprocess(emptyAsUndefined, url(['http:', 'https:']).optional()),
    PODPING_URL: url(['http:', 'https:']).default('https://podping.cloud/'),
    PODPING_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
    SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    APPLICATION_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    CHAPTER_EVENT_WINDOW_MONTHS: z.coerce.number().int().min(1).max(60).default(12),
    CHAPTER_AT_RISK_DAYS: z.coerce.number().int().min(1).max(365).default(60),
    CHAPTER_LEADER_SEARCH_DAYS: z.coerce.number().int().min(1).max(365).default(60),
    CHAPTER_LEADER_GRACE_DAYS: z.coerce.number().int().min(0).max(730).default(0),
    CHAPTER_MIN_MEMBERS: z.coerce.number().int().min(0).max(50).default(2),
    TITLE_MIN_TENURE_DAYS: z.coerce.number().int().min(0).max(366).default(30),
    COMMUNITY_NAME: z.preprocess(emptyAsUndefined, z.string().max(120).optional()),
    TIME_ZONE: z
      .string()
      .refine(isTimeZone, { error: 'expected an IANA time zone such as Asia/Shanghai' })
      .default('Asia/Shanghai'),
    TRUST_PROXY: z.preprocess(emptyAsUndefined, flag.optional()),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    BODY_LIMIT_BYTES: z.preprocess(emptyAsUndefined, bytes(1024, 1024 ** 3).default(1024 * 1024)),
    PAGE_CACHE_BYTES: z.preprocess(emptyAsUndefined, bytes(0, 16 * 1024 ** 3).default(64 * 1024 * 1024)),
    DEMO: z.preprocess(emptyAsUndefined, flag.optional()),
    OUTGOING_ALLOW_NETWORKS: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const parsed = parseNetworks(v)
        if ('allowed' in parsed) return parsed.allowed
        ctx.addIssue({
          code: 'custom',
          message: `expected networks such as 10.0.0.0/8,fd00::/8 (not a network: ${parsed.invalid.join(', ')})`,
        })
        return z.NEVER
      }),
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.GITHUB_CLIENT_ID) !== Boolean(c.GITHUB_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.GITHUB_CLIENT_ID ? 'GITHUB_CLIENT_SECRET' : 'GITHUB_CLIENT_ID'],
        message: 'GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET must be set together',
      })
    }
  })
  .transform((c) => ({
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    baseUrl: (c.BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    dataDir: resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    github:
      c.GITHUB_CLIENT_ID && c.GITHUB_CLIENT_SECRET
        ? { clientId: c.GITHUB_CLIENT_ID, clientSecret: c.GITHUB_CLIENT_SECRET }
        : undefined,
    githubUrl: c.GITHUB_URL.replace(/\/+$/, ''),
    githubApiUrl: c.GITHUB_API_URL.replace(/\/+$/, ''),
    // Without it, webhook deliveries are refused: an unsigned delivery could forge activity.
    githubWebhookSecret: c.GITHUB_WEBHOOK_SECRET,
    // Without it, no reconciliation through the REST API runs (webhooks and GH Archive still do).
    githubToken: c.GITHUB_TOKEN,
    /** Announce feed changes to this WebSub hub (off when unset). */
    websubHubUrl: c.WEBSUB_HUB_URL,
    /** Announce feed changes through Podping (off without a token). */
    podping: c.PODPING_TOKEN ? { url: c.PODPING_URL, token: c.PODPING_TOKEN } : undefined,
    sessionDays: c.SESSION_DAYS,
    /** Reviewers are reminded of an application that has waited this long, and again each period. */
    applicationReminderDays: c.APPLICATION_REMINDER_DAYS,
    /** A chapter holds an offline event at least once in this many months to stay active… */
    chapterEventWindowMonths: c.CHAPTER_EVENT_WINDOW_MONTHS,
    /** …and is flagged at risk, its leaders told, this many days before that runs out. */
    chapterAtRiskDays: c.CHAPTER_AT_RISK_DAYS,
    /**
     * When a leader steps down without a successor, the SIG has this many days to seat one before
     * the chapter becomes inactive.
     */
    chapterLeaderSearchDays: c.CHAPTER_LEADER_SEARCH_DAYS,
    /**
     * A newly seated leader has at least this many days before the next event is due (0: none; the
     * clock runs from the chapter's last offline event whoever leads it).
     */
    chapterLeaderGraceDays: c.CHAPTER_LEADER_GRACE_DAYS,
    /**
     * A chapter's team has a leader, a vice-leader and at least this many members (the seed's
     * 数名委员; its founding teams had one or two): the health page names what is missing.
     */
    chapterMinMembers: c.CHAPTER_MIN_MEMBERS,
    /**
     * A seat or role earns the year's title once held this many days of that year (0: any time),
     * unless a SIG lead grants it: a seat held for minutes earns nothing by itself.
     */
    titleMinTenureDays: c.TITLE_MIN_TENURE_DAYS,
    /** Who issues certificates, as printed on them (e.g. "KubeSphere 社区 · KubeSphere Community"). */
    communityName: c.COMMUNITY_NAME ?? 'Hearth',
    /** The community's time zone: meeting times are typed and shown in it. */
    timeZone: c.TIME_ZONE,
    trustProxy: c.TRUST_PROXY ?? false,
    logLevel: c.LOG_LEVEL,
    /** The most a form or JSON body may hold; streamed uploads have their own limits. */
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    /** The most memory anonymous readers' kept pages may take, all together (0 keeps none). */
    pageCacheBytes: c.PAGE_CACHE_BYTES,
    // Demo content is on for a first try-out and off in production unless asked for.
    demo: c.DEMO ?? c.NODE_ENV !== 'production',
    /**
     * Private networks that requests to addresses people give (imports, webhooks) may reach, for an
     * intranet deployment; none by default, so such a URL cannot reach this machine or its network.
     */
    outgoingAllowed: c.OUTGOING_ALLOW_NETWORKS,
  }))

export type Config = z.output<typeof configSchema>

export class ConfigError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

/** Reads the environment (and `.env` in the working directory, which never overrides real variables). */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  dotenvPath = '.env',
): Config {
  const merged = { ...env }
  if (env === process.env && existsSync(dotenvPath)) {
    const before = { ...process.env }
    process.loadEnvFile(dotenvPath)
    Object.assign(merged, process.env, before)
  }
  const parsed = configSchema.safeParse(merged)
  if (parsed.success) return parsed.data
  throw new ConfigError(
    parsed.error.issues.map((i) => {
      const name = i.path.join('.') || 'configuration'
      const given = typeof i.path[0] === 'string' ? merged[i.path[0]] : undefined
      return `${name}: ${i.message}${given !== undefined && !/SECRET|URL$/.test(name) ? ` (got "${given}")` : ''}`
    }),
  )
}

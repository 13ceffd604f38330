import path from 'node:path'
import Type from 'typebox'
import { Value } from 'typebox/value'

/**
 * The only module that reads the environment. Everything else receives a `Config`.
 * Every variable is listed here with its default; the README's configuration table mirrors it.
 */
const EnvSchema = Type.Object({
  NODE_ENV: Type.Enum(['development', 'production', 'test'], { default: 'development' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DATA_DIR: Type.String({ minLength: 1, default: '.data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  // Length, placeholders and variety are checked by describeWeakSessionSecret, with a message that says what to do.
  SESSION_SECRET: Type.Optional(Type.String()),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 24 * 7 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1024 * 1024 }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  LOGIN_ATTEMPTS_PER_15_MINUTES: Type.Integer({ minimum: 1, default: 10 }),
  WEB_DIST_DIR: Type.Optional(Type.String()),
  STREAM_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  STREAM_API_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  STREAM_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  STREAM_CALL_TYPE: Type.String({ pattern: '^[a-z0-9_-]{1,64}$', default: 'webinar' }),
  STREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 3000 }),
  JOB_RETRY_DELAY_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 5 }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Webinars <webinars@localhost>' }),
  ORGANISATION_NAME: Type.String({ minLength: 1, maxLength: 120, default: 'Webinars' }),
  REGISTRATIONS_PER_IP_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  FOLLOW_UP_DELAY_SECONDS: Type.Integer({ minimum: 0, maximum: 86_400, default: 120 }),
  // Origins added to the Content-Security-Policy's connect-src and media-src, space-separated (a CDN in front of
  // recordings, say): `https://media.example.com wss://edge.example.com`.
  CSP_EXTRA_SOURCES: Type.String({ pattern: '^((https|wss)://[A-Za-z0-9*.-]+(:[0-9]+)?( +|$))*$', default: '' }),
  // Outgoing webhooks may go to loopback, private (RFC 1918, fc00::/7), link-local and other non-public addresses.
  // Off by default: an admin's endpoint URL must not become a way to reach this server's own network (SSRF).
  // Turn it on for a receiver on the same machine or LAN (development, tests, an intranet integration).
  WEBHOOK_ALLOW_PRIVATE_URLS: Type.Boolean({ default: false }),
})

type Env = Type.Static<typeof EnvSchema>

export interface Config {
  env: Env['NODE_ENV']
  port: number
  host: string
  /** Where people reach the app; used in links (mail, calendar). */
  publicUrl: string
  dataDir: string
  /** Unset means local mode: an embedded PostgreSQL under `dataDir/postgres`. */
  databaseUrl: string | undefined
  /** Unset means a secret generated once and kept under `dataDir` (fine for one instance). */
  sessionSecret: string | undefined
  sessionTtlSeconds: number
  logLevel: string
  trustProxy: boolean
  bodyLimitBytes: number
  rateLimitPerMinute: number
  loginAttemptsPer15Minutes: number
  webDistDir: string
  isSecureCookie: boolean
  stream: {
    /** Both keys set: talk to Stream. Neither: local mode with the built-in emulator. */
    isLocalMode: boolean
    apiKey: string | undefined
    apiSecret: string | undefined
    /** Overrides Stream's hosts (e.g. an emulator run elsewhere); local mode points at the mounted emulator. */
    baseUrl: string | undefined
    callType: string
    timeoutMs: number
  }
  jobRetryDelaySeconds: number
  mail: {
    /** Unset: mail stays in the outbox and the admin's Mailbox shows it. */
    smtpUrl: string | undefined
    isSmtpConfigured: boolean
    from: string
  }
  organisationName: string
  registrationsPerIpPerMinute: number
  /** How long after the end the follow-up mails wait, so that Stream's last participant webhooks are in. */
  followUpDelaySeconds: number
  /** Origins the browser may also fetch from and play media from (CSP_EXTRA_SOURCES). */
  cspExtraSources: string[]
  /** Outgoing webhooks may target non-public addresses (WEBHOOK_ALLOW_PRIVATE_URLS). */
  isWebhookPrivateUrlAllowed: boolean
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../..')

const minimumSecretLength = 32
const minimumDistinctCharacters = 10
// Values copied from examples rather than generated; compared in lower case with everything but letters and
// digits removed, so `Change-Me_please…` and `changeme` are one.
const placeholderPrefixes = ['changeme', 'changethis', 'replaceme', 'yoursecret', 'yoursessionsecret', 'putyour', 'insertyour', 'placeholder', 'example', 'default', 'secret', 'password']
const generateSecretHint =
  'generate one with `openssl rand -base64 48`, or leave SESSION_SECRET unset to have one generated and kept in DATA_DIR (one instance only)'

/**
 * Why this session secret must not be used, or undefined when it will do. It signs every session cookie and
 * derives every join link: anyone who knows it can sign in as anyone, so a placeholder from an example file or a
 * short or repetitive value is refused at start-up rather than trusted.
 */
export function describeWeakSessionSecret(secret: string): string | undefined {
  const normalized = secret.toLowerCase().replace(/[^a-z0-9]/g, '')
  if (placeholderPrefixes.some((placeholder) => normalized.startsWith(placeholder))) {
    return `is a placeholder from an example, not a secret: ${generateSecretHint}`
  }
  if (secret.length < minimumSecretLength) return `must be at least ${minimumSecretLength} characters long (got ${secret.length}): ${generateSecretHint}`
  if (new Set(secret).size < minimumDistinctCharacters || hasShortPeriod(secret)) {
    return `is too repetitive to be a secret: ${generateSecretHint}`
  }
  return undefined
}

/** Whether `text` is a short pattern repeated (`0123456789012345…`, `abcabcabc…`): it holds no more than the pattern. */
function hasShortPeriod(text: string): boolean {
  for (let period = 1; period <= text.length / 3; period++) {
    let isRepeating = true
    for (let index = period; index < text.length && isRepeating; index++) isRepeating = text[index] === text[index - period]
    if (isRepeating) return true
  }
  return false
}

// Never echoed in a configuration error: a secret that is merely too short is still somebody's secret.
const secretVariables = new Set(['SESSION_SECRET', 'STREAM_API_SECRET'])

function shownValue(key: string, value: unknown): string {
  if (secretVariables.has(key)) return ''
  // A connection URL's password is hidden too.
  return ` (got "${String(value).replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')}")`
}

/** Parses and checks the environment once; throws a ConfigError listing every problem. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(EnvSchema.properties)
  // Empty strings mean "unset", as they do in most .env and compose files.
  const input = Object.fromEntries(
    known.flatMap((key) => {
      const value = environment[key]
      return value === undefined || value === '' ? [] : [[key, value]]
    }),
  )
  const withDefaults = Value.Default(EnvSchema, Value.Convert(EnvSchema, input))
  const problems = [...Value.Errors(EnvSchema, withDefaults)].map((error) => {
    const key = error.instancePath.replace(/^\//, '')
    const allowed = 'allowedValues' in error.params ? ` (${(error.params.allowedValues as string[]).join(', ')})` : ''
    const shown = key in input ? shownValue(key, input[key]) : ''
    return `${key}: ${error.message}${allowed}${shown}`
  })
  const sessionSecretProblem = typeof input.SESSION_SECRET === 'string' ? describeWeakSessionSecret(input.SESSION_SECRET) : undefined
  if (sessionSecretProblem) problems.push(`SESSION_SECRET: ${sessionSecretProblem}`)
  if (Boolean(input.STREAM_API_KEY) !== Boolean(input.STREAM_API_SECRET)) {
    problems.push('STREAM_API_KEY and STREAM_API_SECRET: set both (Stream) or neither (local mode)')
  }
  if (problems.length > 0) throw new ConfigError(problems)
  const env = withDefaults as Env

  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    dataDir: path.resolve(repoRoot, env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    sessionSecret: env.SESSION_SECRET,
    sessionTtlSeconds: env.SESSION_TTL_HOURS * 3600,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    loginAttemptsPer15Minutes: env.LOGIN_ATTEMPTS_PER_15_MINUTES,
    webDistDir: path.resolve(repoRoot, env.WEB_DIST_DIR ?? 'web/dist'),
    isSecureCookie: publicUrl.startsWith('https://'),
    stream: {
      isLocalMode: !env.STREAM_API_KEY,
      apiKey: env.STREAM_API_KEY,
      apiSecret: env.STREAM_API_SECRET,
      baseUrl: env.STREAM_BASE_URL,
      callType: env.STREAM_CALL_TYPE,
      timeoutMs: env.STREAM_TIMEOUT_MS,
    },
    jobRetryDelaySeconds: env.JOB_RETRY_DELAY_SECONDS,
    mail: { smtpUrl: env.SMTP_URL, isSmtpConfigured: Boolean(env.SMTP_URL), from: env.MAIL_FROM },
    organisationName: env.ORGANISATION_NAME,
    registrationsPerIpPerMinute: env.REGISTRATIONS_PER_IP_PER_MINUTE,
    followUpDelaySeconds: env.FOLLOW_UP_DELAY_SECONDS,
    cspExtraSources: env.CSP_EXTRA_SOURCES.split(' ').filter(Boolean),
    isWebhookPrivateUrlAllowed: env.WEBHOOK_ALLOW_PRIVATE_URLS,
  }
}

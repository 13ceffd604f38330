import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { simpleParser } from 'mailparser'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailTransport } from '../src/email/mail-transport.ts'
import { logHooks, logSerializers } from '../src/http/log-serializers.ts'
import { startSmtpServer, type SmtpTestServer } from './support/smtp-test-server.ts'
import { createTestApp, csrfHeaders, owner, sessionCookieOf, setUpOwner, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// "Forgot password?": a link by mail (a real SMTP server receives it), the same answer for every address, a token
// that works once and for an hour (the app's clock is moved, never waited for), every session ended by the reset,
// and the token nowhere but in the mail: not in the database, not in the log.

let clockOffsetMs = 0
const clock = { now: () => new Date(Date.now() + clockOffsetMs) }
const minute = 60_000

const logLines: string[] = []
const logger = pino({ level: 'info', serializers: logSerializers, hooks: logHooks }, { write: (line: string) => void logLines.push(line) })

let smtp: SmtpTestServer
let mailer: ReturnType<typeof createMailTransport>
let testApp: TestApp
let ownerHeaders: Record<string, string>
/** Every token mailed in this file, to look for in the log and the database at the end. */
const mailedTokens: string[] = []

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

beforeAll(async () => {
  smtp = await startSmtpServer()
  mailer = createMailTransport(smtp.url, { from: 'Webinars <webinars@example.com>', timeoutMs: 3000 })
  testApp = await createTestApp({ mailer, clock, logger, env: { LOGIN_ATTEMPTS_PER_15_MINUTES: '100' } })
  ownerHeaders = { cookie: await setUpOwner(testApp.app), ...csrfHeaders }
})
afterAll(async () => {
  await testApp.close()
  await mailer.close()
  await smtp.close()
})

async function addStaff(email: string, password = 'their first password') {
  const response = await testApp.app.inject({ method: 'POST', url: '/api/users', headers: ownerHeaders, payload: { email, name: `Staff ${email}`, password, role: 'host' } })
  expect(response.statusCode, response.body).toBe(201)
}

const requestReset = (email: string) => testApp.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } })
const confirm = (token: string, password: string) => testApp.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password } })
const signIn = (email: string, password: string) => testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })

/** Asks for a link and reads it from the mail that arrives: the token in the link's fragment. */
async function tokenMailedTo(email: string): Promise<{ token: string; mail: Awaited<ReturnType<typeof simpleParser>> }> {
  const before = smtp.received.length
  const response = await requestReset(email)
  expect(response.statusCode).toBe(202)
  const received = await waitFor(async () => smtp.received.slice(before).find((mail) => mail.to.includes(email.toLowerCase())), 10_000)
  const mail = await simpleParser(received.raw)
  const token = new RegExp(`${testApp.config.publicUrl}/reset-password#token=([A-Za-z0-9_-]{43})`).exec(mail.text ?? '')?.[1]
  if (!token) throw new Error(`no reset link in: ${mail.text}`)
  mailedTokens.push(token)
  return { token, mail }
}

describe('asking for a link', () => {
  it('mails a link to the account, with the token in the fragment and only its SHA-256 stored, for an hour', async () => {
    const { token, mail } = await tokenMailedTo(owner.email)
    expect(mail.subject).toBe('Reset your password for Webinars')
    expect(mail.text).toContain(`Hi ${owner.name},`)
    expect(mail.text).toContain('The link works once, for 60 minutes.')
    expect(String(mail.html)).toContain(`href="${testApp.config.publicUrl}/reset-password#token=${token}"`)

    const { rows } = await testApp.database.pool.query<{ token_hash: string; expires_at: Date; created_at: Date; used_at: Date | null }>(
      `select t.token_hash, t.expires_at, t.created_at, t.used_at from password_reset_tokens t join users u on u.id = t.user_id where u.email = $1`,
      [owner.email],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]!.token_hash).toBe(sha256(token))
    expect(rows[0]!.used_at).toBeNull()
    expect(rows[0]!.expires_at.getTime() - rows[0]!.created_at.getTime()).toBe(60 * minute)
    // Mail to staff never goes through the outbox: the Mailbox (every admin's to read) never holds a link.
    const stored = await testApp.database.pool.query(`select 1 from email_messages where to_email = $1`, [owner.email])
    expect(stored.rowCount).toBe(0)
  })

  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const known = await requestReset('OWNER@example.com')
    const unknown = await requestReset('nobody@example.com')
    expect(unknown.statusCode).toBe(known.statusCode)
    expect(unknown.statusCode).toBe(202)
    expect(unknown.body).toBe(known.body)
    expect(unknown.json()).toEqual({ isMailConfigured: true })
    // The known one (any case) arrives; nothing goes to the unknown address.
    await waitFor(async () => (smtp.received.filter((mail) => mail.to.includes(owner.email)).length === 2 ? true : undefined))
    const mailed = await simpleParser(smtp.received.filter((mail) => mail.to.includes(owner.email)).at(-1)!.raw)
    mailedTokens.push(/#token=([A-Za-z0-9_-]{43})/.exec(mailed.text ?? '')![1]!)
    expect(smtp.received.some((mail) => mail.to.includes('nobody@example.com'))).toBe(false)
    const { rowCount } = await testApp.database.pool.query(`select 1 from password_reset_tokens`)
    expect(rowCount).toBe(2)
  })

  it('refuses what is not an address, in the error shape', async () => {
    const response = await requestReset('not an address')
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'validation_failed', fields: { email: 'must be a valid e-mail address' } })
    const extra = await testApp.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: owner.email, role: 'owner' } })
    expect(extra.statusCode).toBe(400)
    expect(extra.json().error.fields).toEqual({ role: 'is not a known field' })
  })

  it('limits the mail to one address (known or not, the same way) to five an hour', async () => {
    await addStaff('limited@example.com')
    for (const email of ['limited@example.com', 'nobody-limited@example.com']) {
      for (let attempt = 1; attempt <= 5; attempt++) expect((await requestReset(email)).statusCode).toBe(202)
      const refused = await requestReset(email.toUpperCase())
      expect(refused.statusCode).toBe(429)
      expect(refused.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Too many password reset attempts/) })
    }
    await waitFor(async () => (smtp.received.filter((mail) => mail.to.includes('limited@example.com')).length === 5 ? true : undefined))
    for (const received of smtp.received.filter((mail) => mail.to.includes('limited@example.com'))) {
      mailedTokens.push(/#token=([A-Za-z0-9_-]{43})/.exec((await simpleParser(received.raw)).text ?? '')![1]!)
    }
  })
})

describe('setting the new password', () => {
  it('sets it with the token, ends every session of the account, and works once', async () => {
    const otherBrowser = sessionCookieOf(await signIn(owner.email, owner.password))
    const { token } = await tokenMailedTo(owner.email)
    const newPassword = 'the owner’s new password'

    const response = await confirm(token, newPassword)
    expect(response.statusCode, response.body).toBe(204)
    // Not signed in by the reset: whoever holds the link signs in with the new password, like everyone else.
    expect(response.cookies.find((cookie) => cookie.name === 'session')).toBeUndefined()

    for (const cookie of [ownerHeaders.cookie!, otherBrowser]) {
      const me = await testApp.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })
      expect(me.statusCode).toBe(401)
    }
    expect((await signIn(owner.email, owner.password)).statusCode).toBe(401)
    const signedIn = await signIn(owner.email, newPassword)
    expect(signedIn.statusCode).toBe(200)
    ownerHeaders = { cookie: sessionCookieOf(signedIn), ...csrfHeaders }

    const again = await confirm(token, 'yet another new password')
    expect(again.statusCode).toBe(400)
    expect(again.json().error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/does not work any more.*Ask for a new one/) })
    expect((await signIn(owner.email, newPassword)).statusCode).toBe(200)
    // The owner's other links, asked for earlier, stopped working with this reset.
    const { rows } = await testApp.database.pool.query<{ open: number }>(
      `select count(*)::int as open from password_reset_tokens t join users u on u.id = t.user_id where u.email = $1 and t.used_at is null`,
      [owner.email],
    )
    expect(rows[0]!.open).toBe(0)
  })

  it('refuses a token after its hour, and takes one within it (the clock moved, not waited for)', async () => {
    await addStaff('expiry@example.com')
    try {
      const { token: late } = await tokenMailedTo('expiry@example.com')
      clockOffsetMs = 60 * minute + 1000
      const expired = await confirm(late, 'a password too late')
      expect(expired.statusCode).toBe(400)
      expect(expired.json().error.code).toBe('bad_request')
      expect((await signIn('expiry@example.com', 'a password too late')).statusCode).toBe(401)

      const { token: inTime } = await tokenMailedTo('expiry@example.com')
      clockOffsetMs += 59 * minute
      expect((await confirm(inTime, 'a password in time')).statusCode).toBe(204)
      expect((await signIn('expiry@example.com', 'a password in time')).statusCode).toBe(200)
    } finally {
      clockOffsetMs = 0
    }
  })

  it('refuses an unknown token, a malformed one and a short password, saying which', async () => {
    const unknown = await confirm('A'.repeat(43), 'a long enough password')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.code).toBe('bad_request')

    const malformed = await confirm('not/a+token', 'a long enough password')
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error).toMatchObject({ code: 'validation_failed' })
    expect(Object.keys(malformed.json().error.fields)).toEqual(['token'])

    await addStaff('short@example.com')
    const { token } = await tokenMailedTo('short@example.com')
    const short = await confirm(token, 'too short')
    expect(short.statusCode).toBe(400)
    expect(short.json().error.fields).toEqual({ password: 'must not have fewer than 10 characters' })
    // The refused attempt did not use the token up.
    expect((await confirm(token, 'long enough this time')).statusCode).toBe(204)
  })

  it('stops an open link from working once the password is changed in Settings', async () => {
    await addStaff('changer@example.com', 'changer first password')
    const { token } = await tokenMailedTo('changer@example.com')
    const cookie = sessionCookieOf(await signIn('changer@example.com', 'changer first password'))
    const changed = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, ...csrfHeaders },
      payload: { currentPassword: 'changer first password', newPassword: 'changer second password' },
    })
    expect(changed.statusCode).toBe(204)
    expect((await confirm(token, 'an attacker’s password')).statusCode).toBe(400)
    expect((await signIn('changer@example.com', 'changer second password')).statusCode).toBe(200)
  })

  it('lets one of two simultaneous uses of a link win', async () => {
    await addStaff('race@example.com')
    const { token } = await tokenMailedTo('race@example.com')
    const answers = await Promise.all([confirm(token, 'first racing password'), confirm(token, 'second racing password')])
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([204, 400])
    const winner = answers[0]!.statusCode === 204 ? 'first racing password' : 'second racing password'
    expect((await signIn('race@example.com', winner)).statusCode).toBe(200)
  })
})

describe('the mail', () => {
  it("looks like the organisation's and comes from its sender", async () => {
    const saved = await testApp.app.inject({
      method: 'PUT',
      url: '/api/organisation',
      headers: ownerHeaders,
      payload: { name: 'Acme Events', accentColour: '#9d174d', mailFromName: 'Acme Accounts', mailFromAddress: 'accounts@acme.example' },
    })
    expect(saved.statusCode, saved.body).toBe(200)
    await addStaff('branded@example.com')
    const { mail } = await tokenMailedTo('branded@example.com')
    expect(mail.subject).toBe('Reset your password for Acme Events')
    expect(String(mail.html)).toContain('background-color:#9d174d')
    expect(mail.from?.value).toEqual([{ name: 'Acme Accounts', address: 'accounts@acme.example' }])
  })

  it('is logged without its link when the SMTP server refuses it, and the answer is the same', async () => {
    smtp.inject({ at: 'data', action: 'refuse', code: 554 })
    const response = await requestReset('branded@example.com')
    expect(response.statusCode).toBe(202)
    const warning = await waitFor(async () => logLines.find((line) => line.includes('a password reset mail could not be sent')))
    expect(warning).not.toContain('reset-password')
    expect(warning).not.toContain('token=')
  })
})

describe('secrets', () => {
  it('keeps every mailed token out of the log and the database', async () => {
    expect(mailedTokens.length).toBeGreaterThanOrEqual(10)
    const log = logLines.join('\n')
    // The log did record the requests: the tokens travel in bodies, which are never logged, and fragments never arrive.
    expect(log).toContain('/api/auth/password-reset/confirm')
    const dump = await testApp.database.pool.query<{ text: string }>(`select string_agg(t::text, ' ') as text from password_reset_tokens t`)
    for (const token of mailedTokens) {
      expect(log).not.toContain(token)
      expect(dump.rows[0]!.text).not.toContain(token)
    }
  })
})

describe('without SMTP', () => {
  let localApp: TestApp

  beforeAll(async () => {
    localApp = await createTestApp()
    await setUpOwner(localApp.app)
  })
  afterAll(() => localApp.close())

  it('says that no mail can be sent, for every address alike, and makes no link', async () => {
    for (const email of [owner.email, 'nobody@example.com']) {
      const response = await localApp.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } })
      expect(response.statusCode).toBe(202)
      expect(response.json()).toEqual({ isMailConfigured: false })
    }
    const { rowCount } = await localApp.database.pool.query(`select 1 from password_reset_tokens`)
    expect(rowCount).toBe(0)
  })

  it('lets whoever runs the server print a link with the command, which then works like a mailed one', async () => {
    const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
    const run = (email: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/auth/password-reset-link-cli.ts', email], {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: localApp.database.url, PUBLIC_URL: 'https://webinars.example.test', LOG_LEVEL: 'silent' },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
        child.once('exit', (code) => resolve({ code, stdout, stderr }))
      })

    const unknown = await run('nobody@example.com')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No staff account uses nobody@example.com.')

    const printed = await run(owner.email)
    expect(printed.code, printed.stderr).toBe(0)
    const token = /https:\/\/webinars\.example\.test\/reset-password#token=([A-Za-z0-9_-]{43})/.exec(printed.stdout)?.[1]
    expect(token, printed.stdout).toBeDefined()
    expect(printed.stdout).toContain(`for ${owner.name} <${owner.email}>`)
    const reset = await localApp.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'set from the command line' } })
    expect(reset.statusCode).toBe(204)
    expect((await localApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: owner.email, password: 'set from the command line' } })).statusCode).toBe(200)
  }, 60_000)
})

import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import type { Webinar } from '@webinar/shared/webinars'
import { findFreePort } from '../server/src/db/embedded-postgres.ts'
import { createJoinTokens } from '../server/src/join/join-token.ts'
import { csrfHeaders } from '../server/test/support/test-app.ts'
import { createTestDatabase, type TestDatabase } from '../server/test/support/test-database.ts'
import { waitFor } from '../server/test/support/wait-for.ts'
import { chromiumLaunchOptions, fakeMediaArgs } from './support/chromium.ts'
import { expect, test } from './support/fixtures.ts'
import { desktop, phone, screenshot, screenshotAt } from './support/pages.ts'

// The attendee's way in, end to end, on the product as `pnpm start` runs it (the real server process, local
// video mode with the built-in Stream emulator, mail kept in the Mailbox): a person registers on the public
// page, the organiser finds the confirmation in the Mailbox, the registrant opens the link in it and waits;
// the host presses Start in the studio and the attendee is taken into the room without a reload; the studio
// counts them; closing the tab is leaving; after the end the follow-ups go to the right people. Finally the
// server's own log is searched for every secret the run used.

test.use({
  testFile: import.meta.url,
  // A fake camera and microphone for the studio's local preview.
  launchOptions: chromiumLaunchOptions(fakeMediaArgs),
})

const root = path.resolve(import.meta.dirname, '..')
const organiser = { name: 'Olive Organiser', email: 'olive@example.com', password: 'a long and secret passphrase' }
const attendeeRegistrant = { name: 'Ada Attendee', email: 'ada@example.com' }
const absentRegistrant = { name: 'Max Missing', email: 'max@example.com' }
const title = 'Shipping calm software'

let database: TestDatabase
let dataDir: string
let server: ChildProcess
let serverLog = ''
let baseUrl: string
let browser: Browser
let hostContext: BrowserContext
let attendeeContext: BrowserContext
let host: Page
let attendee: Page
let webinar: Webinar
let joinLink: string
let apiKey: string

/** The organiser's API calls, with the session the browser holds (as the SPA makes them). */
async function asOrganiser<T>(method: string, url: string, body?: object): Promise<T> {
  const cookies = await hostContext.cookies(baseUrl)
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; '),
      ...csrfHeaders,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

async function startServer(port: number): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'info',
    // The follow-ups wait for Stream's last webhooks; the emulator sends them at once.
    FOLLOW_UP_DELAY_SECONDS: '1',
  }
  delete env.STREAM_API_KEY
  delete env.STREAM_API_SECRET
  delete env.SMTP_URL
  server = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  server.stdout!.on('data', (chunk: Buffer) => (serverLog += chunk.toString()))
  server.stderr!.on('data', (chunk: Buffer) => (serverLog += chunk.toString()))
  await waitFor(
    async () => {
      if (server.exitCode !== null) throw new Error(`the server exited early:\n${serverLog}`)
      const ready = await fetch(`${baseUrl}/readyz`).catch(() => undefined)
      return ready?.status === 200 ? true : undefined
    },
    60_000,
    250,
  )
}

test.beforeAll(async ({ browser: launched, openContext }) => {
  database = await createTestDatabase()
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'webinar-attendee-path-'))
  const port = await findFreePort()
  baseUrl = `http://127.0.0.1:${port}`
  await startServer(port)

  browser = launched
  // Only uncaught errors count here: the real server process is the one under test.
  hostContext = await openContext({ viewport: desktop, locale: 'en-GB', timezoneId: 'Europe/London', watchConsole: false })
  attendeeContext = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'America/Chicago', watchConsole: false })
  await hostContext.grantPermissions(['camera', 'microphone'], { origin: baseUrl })
  host = await hostContext.newPage()
  attendee = await attendeeContext.newPage()
})

test.afterAll(async () => {
  // The pages go first: a server stopping under them is not an error of theirs.
  await hostContext?.close()
  await attendeeContext?.close()
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGINT')
    await exited
  }
  await database?.drop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

test.describe.serial('the attendee’s way in', () => {
  test('the organiser creates the first account and schedules a webinar', async () => {
    await host.goto(baseUrl)
    await host.getByRole('heading', { name: 'Create the first admin' }).waitFor()
    await host.getByLabel('Your name').fill(organiser.name)
    await host.getByLabel('E-mail address').fill(organiser.email)
    await host.getByLabel('Password').fill(organiser.password)
    await host.getByRole('button', { name: 'Create account' }).click()
    await host.getByRole('heading', { name: 'No webinars yet' }).waitFor()

    // Scheduling has its own browser tests (webinars.spec.ts); here it is the set-up, through the same API.
    webinar = await asOrganiser<Webinar>('POST', '/api/webinars', {
      title,
      startTime: new Date(Date.now() + 30 * 60_000).toISOString(),
      timezone: 'Europe/London',
      durationMinutes: 45,
      settings: { joinAheadSeconds: 0 },
      // The attendee stays seconds, not the default ten minutes: here anyone who came counts as attended.
      attendedThresholdSeconds: 0,
    })
    // An integrator's key, used once, so that the log check below has one to look for.
    apiKey = (await asOrganiser<{ secret: string }>('POST', '/api/api-keys', { name: 'CRM sync' })).secret
    const listed = await fetch(`${baseUrl}/api/webinars`, { headers: { authorization: `Bearer ${apiKey}` } })
    expect(listed.status).toBe(200)
    // Made outside this tab: the dashboard shows it once reloaded.
    await host.reload()
    await host.getByRole('link', { name: title }).first().waitFor()
  })

  test('a person registers on the public page, and a second person too', async () => {
    await attendee.goto(`${baseUrl}/w/${webinar.slug}`)
    await attendee.getByLabel('Full name').fill(attendeeRegistrant.name)
    await attendee.getByLabel('E-mail').fill(attendeeRegistrant.email)
    await attendee.getByRole('button', { name: 'Register' }).click()
    await attendee.getByText(attendeeRegistrant.email).waitFor()

    const other = await browser.newContext({ viewport: phone })
    const otherPage = await other.newPage()
    await otherPage.goto(`${baseUrl}/w/${webinar.slug}`)
    await otherPage.getByLabel('Full name').fill(absentRegistrant.name)
    await otherPage.getByLabel('E-mail').fill(absentRegistrant.email)
    await otherPage.getByRole('button', { name: 'Register' }).click()
    await otherPage.getByText(absentRegistrant.email).waitFor()
    await other.close()
  })

  test('the registrant opens the link from the confirmation mail and waits', async () => {
    await host.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }).click()
    const mail = host.getByRole('list', { name: 'Mail' })
    const confirmation = mail.getByRole('link').filter({ hasText: `You're registered: ${title}` }).filter({ hasText: attendeeRegistrant.email })
    await confirmation.click()
    const link = host.frameLocator('iframe[title^="E-mail preview"]').getByRole('link', { name: 'Join the webinar' })
    joinLink = (await link.getAttribute('href'))!
    expect(joinLink).toMatch(new RegExp(`^${baseUrl}/join/[A-Za-z0-9_-]{43}$`))

    // As from the mail client: the link opens in the registrant's browser.
    await attendee.goto(joinLink)
    await attendee.getByRole('heading', { level: 1, name: title }).waitFor()
    await attendee.getByRole('timer').waitFor()
    await screenshot(attendee, 'path-01-waiting')
    await screenshotAt(attendee, phone, 'path-02-waiting-phone')
  })

  test('the host starts in the studio; within 5 s the attendee is in the room, with no reload, and counted', async () => {
    await host.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webinars' }).click()
    await host.getByRole('link', { name: title }).first().click()
    await host.getByRole('link', { name: 'Open studio' }).click()
    await host.getByText('Backstage', { exact: true }).waitFor()
    await host.getByText('0 viewers').waitFor()

    // A marker that a reload would wipe out.
    await attendee.evaluate(() => ((window as unknown as { stillSamePage: boolean }).stillSamePage = true))
    await host.getByRole('button', { name: 'Start webinar' }).click()
    const confirm = host.getByRole('alertdialog')
    await confirm.getByRole('button', { name: 'Start webinar' }).click()
    const startedAt = Date.now()
    await attendee.waitForURL(/\/join\/[A-Za-z0-9_-]{43}\/room$/, { timeout: 5000 })
    await attendee.getByText('The webinar is live').waitFor({ timeout: Math.max(500, 5000 - (Date.now() - startedAt)) })
    expect(Date.now() - startedAt).toBeLessThan(5000)
    expect(await attendee.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true)

    await host.getByText('1 viewer', { exact: true }).waitFor()
    await screenshot(attendee, 'path-03-live')
    await screenshotAt(attendee, phone, 'path-04-live-phone')
    await screenshot(host, 'path-05-studio-live')
  })

  test('closing the tab is leaving: the count drops', async () => {
    await attendee.close()
    await host.getByText('0 viewers').waitFor()
  })

  test('after End, the attendee is thanked and the absent registrant is missed', async () => {
    await host.getByRole('button', { name: 'End webinar' }).click()
    await host.getByRole('alertdialog').getByRole('button', { name: 'End webinar' }).click()
    await host.getByText('This webinar has ended').waitFor()

    const followUpOf = async (email: string) => {
      const { rows } = await database.pool.query<{ kind: string }>(`select kind from email_messages where to_email = $1 and kind like 'follow_up%'`, [email])
      return rows.length > 0 ? rows.map((row) => row.kind) : undefined
    }
    expect(await waitFor(() => followUpOf(attendeeRegistrant.email), 20_000)).toEqual(['follow_up_attended'])
    expect(await waitFor(() => followUpOf(absentRegistrant.email), 20_000)).toEqual(['follow_up_missed'])

    // The mailed link, opened again after the end.
    attendee = await attendeeContext.newPage()
    await attendee.goto(joinLink)
    await attendee.getByText('This webinar has ended').waitFor()
    await attendee.getByText(/It ran .* it was scheduled for/).waitFor()
    await screenshot(attendee, 'path-06-ended')
    await screenshotAt(attendee, phone, 'path-07-ended-phone')
  })

  test('leaves no join token, password, API key, cookie or secret in the server log', async () => {
    // Every registrant's current link, as the server derives it (stored mail holds none).
    const sessionSecret = (await readFile(path.join(dataDir, 'session-secret'), 'utf8')).trim()
    const { rows } = await database.pool.query<{ id: string; version: number }>(`select id, join_token_version as version from registrations`)
    const joinTokens = new Set(rows.map((row) => createJoinTokens(sessionSecret).tokenFor(row.id, row.version)))
    expect(joinTokens.size).toBe(2)
    const cookies = [...(await hostContext.cookies(baseUrl)), ...(await attendeeContext.cookies(baseUrl))].map((cookie) => cookie.value)
    expect(cookies.length).toBeGreaterThan(0)
    const secrets = [...joinTokens, organiser.password, apiKey, sessionSecret, ...cookies]

    expect(serverLog).toContain('incoming request')
    expect(serverLog).toContain('/join/[redacted]')
    for (const secret of secrets) expect(serverLog.includes(secret), `a secret of ${secret.length} characters is in the log`).toBe(false)
  })
})

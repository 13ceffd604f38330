import { test as base, expect, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test'
import type { CreateWebinarBody, Webinar } from '@webinar/shared/webinars'
import { joinTokenMailedTo } from '../../server/test/support/mail.ts'
import { createTestApp, csrfHeaders, owner, setUpOwner, type TestApp } from '../../server/test/support/test-app.ts'
import { desktop } from './pages.ts'

// The set-up the browser tests share, as Playwright fixtures. Nearly all of them are worker-scoped: the tests
// of a file run in order (test.describe.serial) on the same pages, as a person goes from one step to the next.
// Each file gets a worker of its own, and with it its own app, database, Stream emulator and browser: it says
// so with `test.use({ testFile: import.meta.url })` at its top (a different value of a worker option is
// what makes Playwright start a new worker rather than reuse the previous file's).

export { expect }

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

/** The first owner, created through the API, and their session for API calls made as them. */
export interface AdminSession {
  owner: typeof owner
  /** `session=…`, as the API answered the set-up. */
  cookie: string
  /** A call to the app as the owner (through `app.inject`); fails on any answer that is not a success. */
  api: <T = unknown>(method: ApiMethod, url: string, payload?: object) => Promise<T>
}

/** The webinar with this exact title, as the API lists it to the owner (for checks after a step in the browser). */
export async function webinarTitled(api: AdminSession['api'], title: string): Promise<Webinar> {
  const list = await api<{ items: Webinar[] }>('GET', `/api/webinars?q=${encodeURIComponent(title)}`)
  const found = list.items.find((webinar) => webinar.title === title)
  if (!found) throw new Error(`no webinar called ${title}`)
  return found
}

/** The owner, signed in through the login page in a desktop browser in Paris. */
export interface SignedInAdmin {
  context: BrowserContext
  page: Page
}

export interface Person {
  name: string
  email: string
  timezone?: string
}

/** Someone registered through the public API, with the personal join link found in the mail the outbox kept. */
export interface Registrant extends Person {
  joinToken: string
  /** `/join/<token>`, to append to the app's URL. */
  joinPath: string
}

export interface ContextOptions extends BrowserContextOptions {
  /** Also count the pages' console errors as errors (default); "Failed to load resource" never counts. */
  watchConsole?: boolean
}

interface WorkerFixtures {
  /** The test file this worker serves (`import.meta.url`): set by every file, so that no two share a worker. */
  testFile: string
  /** Uncaught errors (and console errors) of every page of the file: each test fails if it leaves any. */
  pageErrors: string[]
  /** A new browser context, with a 10 s default timeout and its errors watched; closed after the file. */
  openContext: (options: ContextOptions) => Promise<BrowserContext>
  /** The real app over a fresh database of its own, with its jobs and its Stream emulator, listening on a free port. */
  testApp: TestApp
  adminSession: AdminSession
  admin: SignedInAdmin
  /** What the `webinar` fixture creates; defaults fill in a start a week ahead, in Paris, for an hour. */
  webinarToCreate: Partial<CreateWebinarBody>
  /** A webinar created through the API by the owner. */
  webinar: Webinar
  /** Who the `registrant` fixture registers for the `webinar`. */
  registrantToRegister: Person
  registrant: Registrant
}

interface TestFixtures {
  /** After each test: no page of the file has thrown or logged an error. */
  noPageErrors: void
}

function requireOwnWorker(testFile: string): void {
  if (!testFile) throw new Error('Add test.use({ testFile: import.meta.url }) at the top of the test file: it gives the file its own worker and app.')
}

/** A call to the app through `app.inject`, as the owner when given their cookie; fails on any answer that is not a success. */
export async function apiRequest<T>(testApp: TestApp, cookie: string | undefined, method: ApiMethod, url: string, payload?: object): Promise<T> {
  const response = await testApp.app.inject({
    method,
    url,
    headers: cookie ? { cookie, ...csrfHeaders } : {},
    ...(payload ? { payload } : {}),
  })
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
  return response.json() as T
}

/** Registers as a member of the public would, without a session. */
export async function registerPublicly(testApp: TestApp, slug: string, body: Person & { answers?: Record<string, unknown> }): Promise<void> {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: body })
  if (response.statusCode !== 201) throw new Error(`registering ${body.email}: ${response.statusCode} ${response.body}`)
}

/** The personal link in the newest mail to `email` that carries one, as it reaches them. */
export async function joinLinkMailedTo(testApp: TestApp, email: string): Promise<Pick<Registrant, 'joinToken' | 'joinPath'>> {
  const joinToken = await joinTokenMailedTo(testApp, email)
  return { joinToken, joinPath: `/join/${joinToken}` }
}

/** Registers through the public API and reads the personal link from the mail the outbox kept. */
export async function registerWithJoinLink(testApp: TestApp, slug: string, person: Person): Promise<Registrant> {
  await registerPublicly(testApp, slug, person)
  return { ...person, ...(await joinLinkMailedTo(testApp, person.email)) }
}

/**
 * Adds someone as staff do from the Registrations tab, and reads the link from their confirmation mail. For
 * crowds: the public form allows a few registrations per minute from one address, staff have no such limit.
 */
export async function addRegistrantWithJoinLink(testApp: TestApp, session: AdminSession, webinarId: string, person: Person): Promise<Registrant> {
  await session.api('POST', `/api/webinars/${webinarId}/registrations`, person)
  return { ...person, ...(await joinLinkMailedTo(testApp, person.email)) }
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  testFile: ['', { scope: 'worker', option: true }],

  pageErrors: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
    async ({}, use) => {
      const errors: string[] = []
      await use(errors)
      expect(errors, 'errors in the pages after the last test').toEqual([])
    },
    { scope: 'worker' },
  ],

  noPageErrors: [
    async ({ pageErrors }, use) => {
      await use()
      // Uncaught errors in a page fail the test even when the screen happened to look right.
      expect(pageErrors.splice(0), 'errors in the pages').toEqual([])
    },
    { auto: true },
  ],

  openContext: [
    async ({ testFile, browser, pageErrors, trace }, use) => {
      requireOwnWorker(testFile)
      // Playwright's trace recorder runs its snapshot script in every frame; in a sandboxed frame without
      // scripts (the Mailbox's mail preview) Chromium blocks it and says so on the console. Not the page's doing.
      const recordsTraces = (typeof trace === 'string' ? trace : trace.mode) !== 'off'
      const isTraceRecorderNoise = (text: string) => recordsTraces && /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/.test(text)
      const opened: BrowserContext[] = []
      await use(async ({ watchConsole = true, ...options }) => {
        const context = await browser.newContext(options)
        opened.push(context)
        context.setDefaultTimeout(10_000)
        context.on('weberror', (error) => pageErrors.push(error.error().message))
        if (watchConsole) {
          context.on('console', (message) => {
            // The browser reports every refused request (/api/me signed out, a form's 400, an old link's 404) as a console error: those are expected.
            if (message.type() !== 'error' || message.text().startsWith('Failed to load resource') || isTraceRecorderNoise(message.text())) return
            pageErrors.push(message.text())
          })
        }
        return context
      })
      for (const context of opened) await context.close().catch(() => {})
    },
    { scope: 'worker' },
  ],

  testApp: [
    async ({ testFile }, use) => {
      requireOwnWorker(testFile)
      const testApp = await createTestApp()
      await use(testApp)
      // Fails the run if any request the app sent to Stream broke Stream's OpenAPI contract.
      await testApp.close()
    },
    { scope: 'worker', timeout: 120_000 },
  ],

  adminSession: [
    async ({ testApp }, use) => {
      const cookie = await setUpOwner(testApp.app)
      await use({ owner, cookie, api: (method, url, payload) => apiRequest(testApp, cookie, method, url, payload) })
    },
    { scope: 'worker' },
  ],

  admin: [
    async ({ testApp, adminSession, openContext }, use) => {
      const context = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris' })
      const page = await context.newPage()
      // Signed in through the login page, as a person would.
      await page.goto(`${testApp.url}/admin/webinars`)
      await page.waitForURL(`${testApp.url}/login`)
      await page.getByLabel('E-mail address').fill(adminSession.owner.email)
      await page.getByLabel('Password').fill(adminSession.owner.password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(`${testApp.url}/admin/webinars`)
      await use({ context, page })
    },
    { scope: 'worker' },
  ],

  webinarToCreate: [{}, { scope: 'worker', option: true }],

  webinar: [
    async ({ adminSession, webinarToCreate }, use) => {
      const webinar = await adminSession.api<Webinar>('POST', '/api/webinars', {
        title: 'A webinar',
        startTime: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
        timezone: 'Europe/Paris',
        durationMinutes: 60,
        ...webinarToCreate,
      })
      await use(webinar)
    },
    { scope: 'worker' },
  ],

  registrantToRegister: [{ name: 'Ada Attendee', email: 'ada@example.com' }, { scope: 'worker', option: true }],

  registrant: [
    async ({ testApp, webinar, registrantToRegister }, use) => {
      await use(await registerWithJoinLink(testApp, webinar.slug, registrantToRegister))
    },
    { scope: 'worker' },
  ],
})

import path from 'node:path'
import type { Page } from '@playwright/test'
import type { MailboxList, MailboxMessage } from '@webinar/shared/mailbox'
import type { CreateWebinarBody, Webinar } from '@webinar/shared/webinars'
import type { TestApp } from '../server/test/support/test-app.ts'
import { apiRequest as request, expect, test, type ApiMethod } from './support/fixtures.ts'
import { desktop, expectPath, phone, screenshot, screenshotAt } from './support/pages.ts'

// A registrant's whole path, in Chromium against the real app: the public page on a phone (in New York,
// for a webinar presented in Paris), the form and its errors, the success screens, the mail kept in the
// admin's Mailbox (no SMTP here) with the personal link inside, the attendee page behind that link, and
// cancelling, which frees the seat again. Registering twice looks the same as registering once (nobody
// learns who is registered) and mails the same link again. Then the other states a registrant can meet:
// awaiting approval, the waitlist, a cancelled webinar, a wrong address.

const visitorTimezone = 'America/New_York'
const webinarTimezone = 'Europe/Paris'

/** The 15th of next month at 18:00 UTC: always in the future, far from daylight-saving surprises. */
function nextMonthStart(): string {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15, 18, 0)).toISOString()
}

test.use({
  testFile: import.meta.url,
  webinarToCreate: {
    title: 'Designing calm products',
    description: 'A practical hour on calm design.\nWhat we will cover:\n– fewer notifications\n– kinder defaults',
    startTime: nextMonthStart(),
    timezone: webinarTimezone,
    durationMinutes: 60,
    capacity: 2,
    registrationForm: {
      fields: [
        { key: 'name', type: 'text', label: 'Full name', required: true },
        { key: 'email', type: 'email', label: 'E-mail', required: true },
        { key: 'company', type: 'text', label: 'Company', placeholder: 'Where you work', required: true },
        { key: 'mobile', type: 'phone', label: 'Mobile phone', required: false },
        { key: 'role', type: 'select', label: 'Your role', required: true, options: ['Design', 'Engineering', 'Product', 'Other'] },
        { key: 'question', type: 'textarea', label: 'A question for the host', placeholder: 'Anything you would like covered?', required: false },
        { key: 'newsletter', type: 'checkbox', label: 'Send me news about future webinars', required: false },
        { key: 'consent', type: 'consent', label: 'I agree that my details are used to run this webinar', required: true },
      ],
    },
  },
})
// Every step goes on from where the one before left the pages.
test.describe.configure({ mode: 'serial' })

const visitor = { name: 'Vera <b>Bold</b> Visitor', email: 'vera@example.com' }

let testApp: TestApp
let baseUrl: string
let ownerCookie: string
/** A new visitor on a phone, on their own clock, with no cookie of this site. */
let visitorPage: Page
/** The owner, signed in on a desktop in Paris (the `admin` fixture). */
let adminPage: Page
let webinar: Webinar
/** The join links found in the mail: the confirmation's, then the one mailed again. */
const joinPaths: string[] = []

async function apiRequest<T>(method: ApiMethod, url: string, payload?: object, { asOwner = true } = {}): Promise<T> {
  return request<T>(testApp, asOwner ? ownerCookie : undefined, method, url, payload)
}

async function createWebinar(overrides: Partial<CreateWebinarBody> & { title: string }): Promise<Webinar> {
  return apiRequest<Webinar>('POST', '/api/webinars', { startTime: nextMonthStart(), timezone: webinarTimezone, durationMinutes: 60, ...overrides })
}

/** The join link of the newest mail of that kind to that address, as a path on this test's server. */
async function joinPathFromMail(to: string, kind: string): Promise<string> {
  const list = await apiRequest<MailboxList>('GET', `/api/mailbox?to=${encodeURIComponent(to)}&kind=${kind}`)
  const [newest] = list.items
  if (!newest) throw new Error(`no ${kind} mail to ${to}`)
  const message = await apiRequest<MailboxMessage>('GET', `/api/mailbox/${newest.id}`)
  const link = /https?:\/\/\S+?(\/join\/[A-Za-z0-9_-]+)/.exec(message.text)
  if (!link) throw new Error(`no join link in the ${kind} mail`)
  return link[1]!
}

async function fillRequired(target: Page, person: { name: string; email: string }): Promise<void> {
  await target.getByLabel('Full name').fill(person.name)
  await target.getByLabel('E-mail').fill(person.email)
  await target.getByLabel('Company').fill('Calm & Co')
  await target.getByLabel('Your role').selectOption('Design')
  await target.getByLabel('I agree that my details are used to run this webinar').check()
}

test.beforeAll(async ({ testApp: app, adminSession, webinar: created, openContext, admin }) => {
  testApp = app
  baseUrl = app.url
  ownerCookie = adminSession.cookie
  webinar = created
  const visitorContext = await openContext({ viewport: phone, locale: 'en-GB', timezoneId: visitorTimezone })
  visitorPage = await visitorContext.newPage()
  adminPage = admin.page
})

test.describe('registering as a visitor, in the browser', () => {
  test('shows the public page on a phone, both clocks, the seats, and what is missing in the form', async () => {
    // Two pages share the browser: the one a step acts on has the focus, as the one a person looks at would.
    await visitorPage.bringToFront()
    const scripts: string[] = []
    const recordScript = (request: { url: () => string; resourceType: () => string }) => {
      if (request.resourceType() === 'script') scripts.push(path.basename(new URL(request.url()).pathname))
    }
    visitorPage.on('request', recordScript)
    await visitorPage.goto(`${baseUrl}/w/${webinar.slug}`)
    await visitorPage.getByRole('heading', { level: 1, name: 'Designing calm products' }).waitFor()
    visitorPage.off('request', recordScript)
    // The public page loads its own chunk and none of the staff pages' code (lazy routes).
    expect(scripts.some((name) => name.startsWith('webinar-registration-'))).toBe(true)
    const staffChunks = /^(admin-layout|webinars|webinar|webinar-new|webinar-edit|webinar-form|users|api-keys|mailbox|settings|login|setup|dropdown-menu)-[\w-]{8}\.js$/
    expect(scripts.filter((name) => staffChunks.test(name))).toEqual([])
    await visitorPage.getByText('Hosted by Olive Owner').waitFor()
    await visitorPage.getByText('2 seats left').waitFor()
    await visitorPage.getByText(`your time (${visitorTimezone})`).waitFor()
    await visitorPage.getByText(`in ${webinarTimezone}`).waitFor()
    await visitorPage.getByText('1 hour', { exact: true }).waitFor()
    // The description is text with its line breaks, not markup.
    const about = visitorPage.getByRole('region', { name: 'About this webinar' })
    await expect(about.innerText()).resolves.toContain('What we will cover:\n– fewer notifications')
    // The public page is not the staff app: no sign-in check, no staff navigation.
    await expect(visitorPage.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0)
    await screenshot(visitorPage, 'registration-01-page-phone')
    await screenshotAt(visitorPage, desktop, 'registration-02-page-desktop')

    // Each field renders as its type.
    await expect(visitorPage.getByLabel('E-mail').getAttribute('type')).resolves.toBe('email')
    await expect(visitorPage.getByLabel('Mobile phone').getAttribute('type')).resolves.toBe('tel')
    await expect(visitorPage.getByLabel('A question for the host').evaluate((element) => element.tagName)).resolves.toBe('TEXTAREA')
    await expect(visitorPage.getByLabel('Your role').evaluate((element) => element.tagName)).resolves.toBe('SELECT')
    await expect(visitorPage.getByLabel('Send me news about future webinars').getAttribute('type')).resolves.toBe('checkbox')

    await visitorPage.getByRole('button', { name: 'Register' }).click()
    await visitorPage.getByText('Enter your name.').waitFor()
    await visitorPage.getByText('Enter your e-mail address.').waitFor()
    await visitorPage.getByText('This field is required.').waitFor()
    await visitorPage.getByText('Choose an option.').waitFor()
    await visitorPage.getByText('Please accept this to register.').waitFor()
    await expect(visitorPage.getByLabel('Full name').getAttribute('aria-invalid')).resolves.toBe('true')
    await expect(visitorPage.getByLabel('Full name').getAttribute('aria-required')).resolves.toBe('true')
    // The first problem has the focus, so the keyboard and screen readers start where the fixing starts.
    await expect(visitorPage.getByLabel('Full name').evaluate((element) => element === document.activeElement)).resolves.toBe(true)
    await screenshot(visitorPage, 'registration-03-required')
  })

  test('registers, with the server’s objections shown at their fields, and says to check the inbox', async () => {
    await fillRequired(visitorPage, visitor)
    // The server checks phone numbers: its answer lands under the field.
    await visitorPage.getByLabel('Mobile phone').fill('12')
    await visitorPage.getByRole('button', { name: 'Register' }).click()
    await visitorPage.getByText('Enter a phone number, e.g. +33 6 12 34 56 78.').waitFor()
    await visitorPage.getByText('Please correct the highlighted fields.').waitFor()
    await expect(visitorPage.getByLabel('Mobile phone').getAttribute('aria-invalid')).resolves.toBe('true')
    await expect(visitorPage.getByLabel('Full name').inputValue()).resolves.toBe(visitor.name)
    await screenshot(visitorPage, 'registration-04-server-error')

    await visitorPage.getByLabel('Mobile phone').fill('+1 212 555 0100')
    await visitorPage.getByLabel('A question for the host').fill('How do you measure calm?\nAnd who decides?')
    await visitorPage.getByLabel('Send me news about future webinars').check()
    await visitorPage.getByRole('button', { name: 'Register' }).click()
    await visitorPage.getByRole('heading', { name: 'You’re registered' }).waitFor()
    await visitorPage.getByText('We’ve e-mailed your personal join link to').waitFor()
    await visitorPage.getByText(visitor.email).waitFor()
    await visitorPage.getByText('Already registered with this address?').waitFor()
    // The seat is taken.
    await visitorPage.getByText('1 seat left').waitFor()
    const google = await visitorPage.getByRole('link', { name: /^Google/ }).getAttribute('href')
    expect(google).toMatch(/^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE/)
    const startBasic = webinar.startTime.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
    expect(new URL(google!).searchParams.get('dates')).toMatch(new RegExp(`^${startBasic}/`))
    expect(await visitorPage.getByRole('link', { name: /^Outlook/ }).getAttribute('href')).toMatch(/^https:\/\/outlook\.live\.com\//)
    await screenshot(visitorPage, 'registration-05-registered-phone')
    await screenshotAt(visitorPage, desktop, 'registration-05-registered-desktop')

    // What the server stored: the answers, and the visitor's time zone for the times in their mail.
    const registrations = await apiRequest<{ items: { name: string; answers: Record<string, unknown>; timezone: string | null }[] }>(
      'GET',
      `/api/webinars/${webinar.id}/registrations`,
    )
    expect(registrations.items).toHaveLength(1)
    expect(registrations.items[0]).toMatchObject({
      name: visitor.name,
      timezone: visitorTimezone,
      answers: { company: 'Calm & Co', role: 'Design', consent: true, newsletter: true, mobile: '+1 212 555 0100' },
    })
  })

  test('answers someone who registers twice exactly as the first time, and mails the same link again', async () => {
    const firstAnswer = await visitorPage.getByRole('main').innerText()
    await visitorPage.reload()
    await visitorPage.getByRole('heading', { level: 1, name: 'Designing calm products' }).waitFor()
    await fillRequired(visitorPage, visitor)
    await visitorPage.getByRole('button', { name: 'Register' }).click()
    await visitorPage.getByRole('heading', { name: 'You’re registered' }).waitFor()
    // Still one seat taken, not two.
    await visitorPage.getByText('1 seat left').waitFor()
    // Word for word what a first registration shows: the page tells nobody that the address was known.
    await expect(visitorPage.getByRole('main').innerText()).resolves.toBe(firstAnswer)
    await visitorPage.getByText('Already registered with this address? Your registration stays as it was, and we’ve sent you the same link again.').waitFor()
    await screenshot(visitorPage, 'registration-06-already-registered')
  })

  test('keeps the mail in the admin’s Mailbox, with the join link inside the sandboxed preview', async () => {
    await adminPage.goto(`${baseUrl}/admin/mailbox`)
    await adminPage.getByRole('heading', { name: 'Mailbox' }).waitFor()
    await adminPage.getByText('Mail is kept here because SMTP_URL is not set').waitFor()
    const mail = adminPage.getByRole('list', { name: 'Mail' })
    await expect.poll(() => mail.getByRole('link').count()).toBe(2)
    await expect(mail.getByText('You\'re registered: Designing calm products').count()).resolves.toBe(1)
    await expect(mail.getByText('Your link for Designing calm products').count()).resolves.toBe(1)
    await screenshot(adminPage, 'registration-07-mailbox')
    await screenshotAt(adminPage, phone, 'registration-08-mailbox-phone')

    // Filters narrow the list and live in the address.
    await adminPage.getByLabel('Search by recipient').fill('nobody@')
    await adminPage.getByText('No mail matches these filters').waitFor()
    await expectPath(adminPage, '/admin/mailbox?to=nobody%40')
    await adminPage.getByRole('button', { name: 'Clear filters' }).click()
    await adminPage.getByLabel('Kind of mail').selectOption('confirmation')
    await expectPath(adminPage, '/admin/mailbox?kind=confirmation')
    await expect.poll(() => mail.getByRole('link').count()).toBe(1)

    // The confirmation, then the mail of the second registration: both carry the same link.
    for (const [index, subject] of ['You\'re registered: Designing calm products', 'Your link for Designing calm products'].entries()) {
      await mail.getByRole('link').filter({ hasText: subject }).click()
      await adminPage.getByRole('heading', { level: 1, name: subject }).waitFor()
      const preview = adminPage.frameLocator('iframe[title^="E-mail preview"]')
      const joinLink = preview.getByRole('link', { name: 'Join the webinar' })
      await joinLink.waitFor()
      const href = await joinLink.getAttribute('href')
      expect(href).toMatch(/\/join\/[A-Za-z0-9_-]{20,}$/)
      joinPaths.push(new URL(href!).pathname)
      // The mail is shown, not run: the frame may open links in new tabs and nothing else.
      await expect(adminPage.locator('iframe').getAttribute('sandbox')).resolves.toBe('allow-popups allow-popups-to-escape-sandbox')
      // The name is text in the mail too.
      await preview.getByText('Hi Vera <b>Bold</b> Visitor,').waitFor()
      if (index === 0) {
        await expect(adminPage.getByRole('link', { name: 'Download the invite (.ics)' }).getAttribute('href')).resolves.toMatch(/^data:text\/calendar/)
        await screenshot(adminPage, 'registration-09-mail-html')
        await adminPage.getByRole('tab', { name: 'Plain text' }).click()
        await adminPage.getByText(`/join/${joinPaths[0]!.split('/').pop()}`).first().waitFor()
        await screenshot(adminPage, 'registration-10-mail-text')
        await screenshotAt(adminPage, phone, 'registration-11-mail-phone')
        await adminPage.getByRole('link', { name: 'Back to the mailbox' }).click()
        await expectPath(adminPage, '/admin/mailbox?kind=confirmation')
        // The mail sent again is of a kind of its own: look for it among all kinds.
        await adminPage.getByLabel('Kind of mail').selectOption('')
        await expectPath(adminPage, '/admin/mailbox')
      } else {
        // It says what it is, and that the link is the one they had.
        await preview.getByText('Here is your link again').waitFor()
        await preview.getByRole('paragraph').filter({ hasText: 'It is the same link as before: it keeps working.' }).waitFor()
      }
    }
    expect(joinPaths[1]).toBe(joinPaths[0])
  })

  test('opens the attendee page from the mail: the name as typed, a countdown, the calendar', async () => {
    await visitorPage.goto(`${baseUrl}${joinPaths[0]}`)
    await visitorPage.getByRole('heading', { level: 1, name: 'Designing calm products' }).waitFor()
    // Typed markup stays text: the page shows the brackets and makes nothing bold.
    await visitorPage.getByText(visitor.name, { exact: true }).waitFor()
    await expect(visitorPage.locator('b', { hasText: 'Bold' }).count()).resolves.toBe(0)
    const timer = visitorPage.getByRole('timer')
    await expect(timer.getAttribute('aria-label')).resolves.toMatch(/^The room opens in \d+ days?, \d+ hours?, \d+ minutes?$/)
    await visitorPage.getByText(`your time (${visitorTimezone})`).first().waitFor()
    const ics = await visitorPage.getByRole('link', { name: /^Apple & others/ }).getAttribute('href')
    expect(ics).toBe(`/api/join/${joinPaths[0]!.split('/').pop()}/calendar.ics`)
    const invite = await fetch(`${baseUrl}${ics}`)
    expect(invite.status).toBe(200)
    expect(invite.headers.get('content-type')).toMatch(/^text\/calendar/)
    await screenshot(visitorPage, 'registration-12-join-approved-phone')
    await screenshotAt(visitorPage, desktop, 'registration-13-join-approved-desktop')

    // Registering again replaced nothing: the link of the first mail is the one mailed again, and still works.
    expect(joinPaths[1]).toBe(joinPaths[0])
    await visitorPage.goto(`${baseUrl}${joinPaths[1]}`)
    await visitorPage.getByText(visitor.name, { exact: true }).waitFor()
    await visitorPage.getByRole('timer').waitFor()
  })

  test('cancels after asking, and the seat is free again on the public page', async () => {
    await visitorPage.goto(`${baseUrl}${joinPaths[0]}`)
    await visitorPage.getByRole('link', { name: 'Cancel my registration' }).click()
    await expectPath(visitorPage, `${joinPaths[0]}/cancel`)
    await visitorPage.getByRole('heading', { name: 'Cancel your registration for Designing calm products?' }).waitFor()
    await screenshot(visitorPage, 'registration-15-cancel-confirm')

    // "Keep" leads back without changing anything.
    await visitorPage.getByRole('link', { name: 'Keep my registration' }).click()
    await expectPath(visitorPage, joinPaths[0]!)
    await visitorPage.getByRole('timer').waitFor()
    await visitorPage.getByRole('link', { name: 'Cancel my registration' }).click()

    await visitorPage.getByRole('button', { name: 'Yes, cancel my registration' }).click()
    await visitorPage.getByRole('heading', { name: 'Your registration is cancelled' }).waitFor()
    await screenshot(visitorPage, 'registration-16-cancelled')
    // The personal link now shows the same.
    await visitorPage.goto(`${baseUrl}${joinPaths[0]}`)
    await visitorPage.getByRole('heading', { name: 'Your registration is cancelled' }).waitFor()

    await visitorPage.getByRole('link', { name: 'Register again' }).click()
    await expectPath(visitorPage, `/w/${webinar.slug}`)
    await visitorPage.getByText('2 seats left').waitFor()
    await visitorPage.getByRole('button', { name: 'Register' }).waitFor()
    await screenshot(visitorPage, 'registration-17-seat-freed')

    // The admin sees the cancellation mail arrive.
    await adminPage.goto(`${baseUrl}/admin/mailbox`)
    await adminPage.getByText('Your registration for Designing calm products is cancelled').waitFor()
  })
})

test.describe('the other states a registrant can meet', () => {
  test('asks for approval when the organiser reviews registrations', async () => {
    const reviewed = await createWebinar({ title: 'Board preview', approvalMode: 'manual' })
    await visitorPage.goto(`${baseUrl}/w/${reviewed.slug}`)
    await visitorPage.getByText('The organiser reviews each registration').first().waitFor()
    await visitorPage.getByLabel('Full name').fill('Pat Pending')
    await visitorPage.getByLabel('E-mail').fill('pat@example.com')
    await visitorPage.getByRole('button', { name: 'Request to join' }).click()
    await visitorPage.getByRole('heading', { name: 'Registration received' }).waitFor()
    await visitorPage.getByText('The organiser reviews each registration. We’ve sent a receipt to').waitFor()
    await screenshot(visitorPage, 'registration-18-pending')

    const pendingPath = await joinPathFromMail('pat@example.com', 'pending')
    await visitorPage.goto(`${baseUrl}${pendingPath}`)
    await visitorPage.getByRole('heading', { name: 'Your registration is awaiting approval' }).waitFor()
    await visitorPage.getByRole('link', { name: 'Cancel my registration' }).waitFor()
    await screenshot(visitorPage, 'registration-19-join-pending')

    // The webinar is called off: the same link says so, and the public page is closed.
    await apiRequest('POST', `/api/webinars/${reviewed.id}/cancel`)
    await visitorPage.reload()
    await visitorPage.getByRole('heading', { name: 'This webinar was cancelled' }).waitFor()
    await screenshot(visitorPage, 'registration-20-join-webinar-cancelled')
    await visitorPage.goto(`${baseUrl}/w/${reviewed.slug}`)
    await visitorPage.getByRole('heading', { name: 'This webinar was cancelled' }).waitFor()
    await expect(visitorPage.getByRole('button', { name: 'Request to join' }).count()).resolves.toBe(0)
    await screenshot(visitorPage, 'registration-21-page-cancelled')
  })

  test('offers the waitlist when the seats are gone', async () => {
    const full = await createWebinar({ title: 'Tiny workshop', capacity: 1 })
    await apiRequest('POST', `/api/public/webinars/${full.slug}/registrations`, { name: 'First In', email: 'first@example.com', answers: {} }, { asOwner: false })
    await visitorPage.goto(`${baseUrl}/w/${full.slug}`)
    await visitorPage.getByText('No seats left').waitFor()
    await visitorPage.getByText('This webinar is full').waitFor()
    await screenshot(visitorPage, 'registration-22-page-full')
    await visitorPage.getByLabel('Full name').fill('Wade Waiting')
    await visitorPage.getByLabel('E-mail').fill('wade@example.com')
    await visitorPage.getByRole('button', { name: 'Join the waitlist' }).click()
    await visitorPage.getByRole('heading', { name: 'You’re on the waitlist' }).waitFor()
    await screenshot(visitorPage, 'registration-23-waitlisted')

    const waitlistPath = await joinPathFromMail('wade@example.com', 'waitlisted')
    await visitorPage.goto(`${baseUrl}${waitlistPath}`)
    await visitorPage.getByRole('heading', { name: 'You’re on the waitlist' }).waitFor()
    await screenshot(visitorPage, 'registration-24-join-waitlisted')
  })

  test('says so plainly for an address that leads nowhere', async () => {
    await visitorPage.goto(`${baseUrl}/w/no-such-webinar`)
    await visitorPage.getByRole('heading', { name: 'We couldn’t find this webinar' }).waitFor()
    await screenshot(visitorPage, 'registration-25-page-unknown')
    await visitorPage.goto(`${baseUrl}/join/${'x'.repeat(40)}`)
    await visitorPage.getByRole('heading', { name: 'This link doesn’t work' }).waitFor()
  })
})

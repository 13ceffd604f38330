import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { Registration } from '@webinar/shared/registrations'
import type { Webinar } from '@webinar/shared/webinars'
import type { TestApp } from '../server/test/support/test-app.ts'
import { expect, registerPublicly as register, test, type AdminSession, type Person } from './support/fixtures.ts'
import { desktop, expectPath, phone, screenshot as saveScreenshot, screenshotAt, viewportScreenshot } from './support/pages.ts'

// Managing a webinar's registrations as its organiser does, in Chromium against the real app: the
// Registrations tab of the webinar's page, approving up to the capacity and being told when no seat is left,
// rejecting after confirmation, sending a new link, adding someone by hand (and someone already registered),
// filtering, searching, the CSV export, and what is left to do once the webinar is over. One registrant's
// name is HTML: it must show as the text it is, never run.

test.use({
  testFile: import.meta.url,
  webinarToCreate: {
    title: 'Design systems office hours',
    startTime: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    timezone: 'America/New_York',
    durationMinutes: 60,
    capacity: 1,
    approvalMode: 'manual',
  },
})

const htmlName = '<img src=x onerror=alert(1)>'

let testApp: TestApp
let baseUrl: string
let apiRequest: AdminSession['api']
/** The owner, signed in on a desktop in Paris (the `admin` fixture). */
let page: Page
let webinar: Webinar

/** Waits for the page to catch up, as long as a locator would (expect.poll's own default is five seconds). */
function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 10_000 })
}

async function screenshot(target: Page, name: string): Promise<void> {
  await saveScreenshot(target, `registrations-admin-${name}`)
}

function phoneScreenshot(target: Page, name: string): Promise<void> {
  return screenshotAt(target, phone, `registrations-admin-${name}`, { isDismissingToasts: true })
}

/** Registers as a member of the public would, without a session. */
async function registerPublicly(slug: string, body: Person): Promise<void> {
  await register(testApp, slug, body)
}

async function registrationStatuses(): Promise<Record<string, Registration['status']>> {
  const list = await apiRequest<{ items: Registration[] }>('GET', `/api/webinars/${webinar.id}/registrations`)
  return Object.fromEntries(list.items.map((registration) => [registration.email, registration.status]))
}

const table = () => page.getByRole('table', { name: 'Registrations' })
const rowOf = (text: string) => table().locator('tbody tr').filter({ hasText: text })
const toast = (text: string | RegExp) => page.locator('[data-sonner-toast]').filter({ hasText: text })

/** The number shown for a status in the counts above the list (without waiting for it, so it can be polled). */
async function countOf(label: string): Promise<string | undefined> {
  const counts = page.locator('dl[aria-label="Registrations by status"]')
  const [text] = await counts.locator('div').filter({ has: page.getByRole('term').filter({ hasText: label }) }).getByRole('definition').allTextContents()
  return text
}

async function chooseAction(name: string, action: string): Promise<void> {
  await rowOf(name).getByRole('button', { name: `Actions for ${name}` }).click()
  await page.getByRole('menuitem', { name: action }).click()
}

// The webinar exists before the owner signs in: the list they land on shows it.
test.beforeAll(async ({ testApp: app, adminSession, webinar: created, admin, pageErrors }) => {
  testApp = app
  baseUrl = app.url
  apiRequest = adminSession.api
  webinar = created
  page = admin.page
  // A name that ran as HTML would open this.
  page.on('dialog', (dialog) => {
    pageErrors.push(`unexpected ${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss()
  })
})

test.describe.serial('registrations in the browser', () => {
  test('links the public page and opens an empty Registrations tab', async () => {
    await page.getByRole('link', { name: 'Design systems office hours' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}`)
    await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor()

    // The public page address is a real link, opening in a new tab.
    const publicLink = page.getByRole('link', { name: new RegExp(`/w/${webinar.slug}`) })
    await expect(publicLink.getAttribute('href')).resolves.toBe(`/w/${webinar.slug}`)
    await expect(publicLink.getAttribute('target')).resolves.toBe('_blank')
    await expect(page.getByText('Registration opens here in a coming update.').count()).resolves.toBe(0)

    await page.getByRole('tab', { name: 'Registrations' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}?tab=registrations`)
    await page.getByRole('heading', { name: 'No registrations yet' }).waitFor()
    await page.getByText(/waiting for your approval/).waitFor()
    await screenshot(page, '01-empty')

    // The tab is in the address: a reload lands on it again.
    await page.reload()
    await page.getByRole('tab', { name: 'Registrations', selected: true }).waitFor()
    await page.getByRole('heading', { name: 'No registrations yet' }).waitFor()
  })

  test('lists pending registrations with counts, seats and the HTML name as plain text', async () => {
    await registerPublicly(webinar.slug, { name: 'Ada Lovelace', email: 'ada@example.com', timezone: 'Europe/London' })
    await registerPublicly(webinar.slug, { name: htmlName, email: 'html@example.com', timezone: 'Asia/Tokyo' })
    await registerPublicly(webinar.slug, { name: 'Grace Hopper', email: 'grace@example.com' })

    await page.reload()
    await eventually(() => table().locator('tbody tr').count()).toBe(3)
    await eventually(() => countOf('Pending')).toBe('3')
    await eventually(() => countOf('Approved')).toBe('0')
    await eventually(() => countOf('Seats left')).toBe('1 of 1')

    const htmlRow = rowOf(htmlName)
    await htmlRow.getByText(htmlName, { exact: true }).waitFor()
    await htmlRow.getByText('Pending', { exact: true }).waitFor()
    await htmlRow.getByText('Asia/Tokyo').waitFor()
    await htmlRow.getByText('Public page').waitFor()
    // Registered at: the time in the viewer's zone (Paris) with its zone.
    await htmlRow.getByText(/\d{1,2}:\d{2} [AP]M GMT\+[12]/).waitFor()
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0)
    await screenshot(page, '02-pending')
    await phoneScreenshot(page, '03-pending-phone')
  })

  test('approves up to the capacity, says when no seat is left, rejects after confirmation and re-sends a link', async () => {
    await chooseAction('Ada Lovelace', 'Approve')
    await toast('Ada Lovelace was approved.').waitFor()
    await rowOf('Ada Lovelace').getByText('Approved', { exact: true }).waitFor()
    await eventually(() => countOf('Seats left')).toBe('0 of 1')

    // The only seat is taken: the server refuses, and says why.
    await chooseAction(htmlName, 'Approve')
    await toast(/no seats left/).waitFor()
    await rowOf(htmlName).getByText('Pending', { exact: true }).waitFor()
    await screenshot(page, '04-no-seats-left')

    await chooseAction(htmlName, 'Reject…')
    const confirm = page.getByRole('alertdialog', { name: `Reject ${htmlName}?` })
    await confirm.waitFor()
    await confirm.getByText('html@example.com').waitFor()
    await screenshot(page, '05-reject-confirm')
    // Changing one's mind leaves it pending.
    await confirm.getByRole('button', { name: 'Keep it' }).click()
    await confirm.waitFor({ state: 'detached' })
    await rowOf(htmlName).getByText('Pending', { exact: true }).waitFor()

    await chooseAction(htmlName, 'Reject…')
    await confirm.getByRole('button', { name: 'Reject' }).click()
    await confirm.waitFor({ state: 'detached' })
    await toast(`${htmlName} was rejected.`).waitFor()
    await rowOf(htmlName).getByText('Rejected', { exact: true }).waitFor()
    // Nothing more can be done to a rejected registration.
    await expect(rowOf(htmlName).getByRole('button').count()).resolves.toBe(0)
    await eventually(() => countOf('Rejected')).toBe('1')

    await chooseAction('Ada Lovelace', 'Re-send link')
    await toast('A new link was sent; the old one no longer works.').waitFor()
    await screenshot(page, '06-link-resent')

    expect(await registrationStatuses()).toEqual({ 'ada@example.com': 'approved', 'html@example.com': 'rejected', 'grace@example.com': 'pending' })
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0)
    await phoneScreenshot(page, '07-after-actions-phone')

    // On a phone the rows are cards, with the same menu.
    await page.setViewportSize(phone)
    const card = page.getByRole('list', { name: 'Registrations' }).getByRole('listitem').filter({ hasText: 'Grace Hopper' })
    await card.getByRole('button', { name: 'Actions for Grace Hopper' }).click()
    await page.getByRole('menuitem', { name: 'Approve' }).waitFor()
    await viewportScreenshot(page, 'registrations-admin-08-actions-menu-phone')
    await page.keyboard.press('Escape')
    await page.getByRole('menu').waitFor({ state: 'detached' })
    await page.setViewportSize(desktop)
  })

  test('adds a registrant by hand, with the server’s field errors next to the fields', async () => {
    await page.getByRole('button', { name: 'Add registrant' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add registrant' })
    await dialog.getByLabel('Name').fill('Linus Torvalds')
    await dialog.getByLabel('E-mail address').fill('linus-at-example')
    await dialog.getByRole('button', { name: 'Add registrant' }).click()
    await dialog.getByText('Must be a valid e-mail address').waitFor()
    await expect(dialog.getByLabel('E-mail address').getAttribute('aria-invalid')).resolves.toBe('true')
    await screenshot(page, '09-add-field-error')

    await dialog.getByLabel('E-mail address').fill('linus@example.com')
    await dialog.getByRole('button', { name: 'Add registrant' }).click()
    await dialog.waitFor({ state: 'detached' })
    await toast('Linus Torvalds was added.').waitFor()
    const row = rowOf('Linus Torvalds')
    await row.getByText('Pending', { exact: true }).waitFor()
    await row.getByText('Added by staff').waitFor()
    await eventually(() => countOf('Pending')).toBe('2')

    // An address already registered keeps its registration and gets its same link again, which keeps working.
    await page.getByRole('button', { name: 'Add registrant' }).click()
    await dialog.getByLabel('Name').fill('Augusta Ada King')
    await dialog.getByLabel('E-mail address').fill('ada@example.com')
    await dialog.getByRole('button', { name: 'Add registrant' }).click()
    await dialog.waitFor({ state: 'detached' })
    const again = toast('ada@example.com was already registered.')
    await again.getByText('Their personal link was e-mailed to them again: the same link, which keeps working.').waitFor()
    await expect(page.getByText('the old one no longer works').count()).resolves.toBe(0)
    await screenshot(page, '09b-add-already-registered')
    await eventually(() => table().locator('tbody tr').count()).toBe(4)
    await rowOf('Ada Lovelace').getByText('Approved', { exact: true }).waitFor()
    const mailedAgain = await apiRequest<{ items: unknown[] }>('GET', '/api/mailbox?to=ada%40example.com&kind=link_again')
    expect(mailedAgain.items).toHaveLength(1)
  })

  test('filters by status and searches names and e-mail addresses', async () => {
    await page.getByLabel('Filter by status').selectOption('pending')
    await expectPath(page, `/admin/webinars/${webinar.id}?tab=registrations&status=pending`)
    await eventually(() => table().locator('tbody tr').count()).toBe(2)
    await rowOf('Grace Hopper').waitFor()
    await rowOf('Linus Torvalds').waitFor()

    await page.getByLabel('Search registrations by name or e-mail').fill('ada')
    await page.getByText('No pending registrations match “ada”').waitFor()
    await screenshot(page, '10-search-nothing-found')
    await page.getByRole('button', { name: 'Show all registrations' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}?tab=registrations`)
    await eventually(() => table().locator('tbody tr').count()).toBe(4)

    // By e-mail too, in any status.
    await page.getByLabel('Search registrations by name or e-mail').fill('ada@')
    await eventually(() => table().locator('tbody tr').count()).toBe(1)
    await rowOf('Ada Lovelace').waitFor()
    await page.getByLabel('Filter by status').selectOption('approved')
    await expectPath(page, `/admin/webinars/${webinar.id}?tab=registrations&q=ada%40&status=approved`)
    await rowOf('Ada Lovelace').waitFor()
    await eventually(() => page.locator('[aria-busy="true"]').count()).toBe(0)
    await screenshot(page, '11-filtered')
    await page.getByRole('button', { name: 'Clear search' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}?tab=registrations&status=approved`)
    await page.getByLabel('Filter by status').selectOption('')
    await eventually(() => table().locator('tbody tr').count()).toBe(4)

    // Back on the overview, the filters leave the address.
    await page.getByRole('tab', { name: 'Overview' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}`)
    await page.getByRole('tab', { name: 'Registrations' }).click()
  })

  test('exports the registrations as a CSV file', async () => {
    const downloading = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Export CSV' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe(`${webinar.slug}-registrations.csv`)
    const csv = await readFile(await download.path(), 'utf8')
    expect(csv.split('\r\n')[0]).toBe('name,email,status,registered_at,timezone,source,first_joined_at,last_left_at,watch_seconds,attended,Mobile phone')
    for (const name of ['Ada Lovelace', htmlName, 'Grace Hopper', 'Linus Torvalds']) expect(csv).toContain(name)
    expect(csv).toContain('ada@example.com,approved,')
  })

  test('offers nothing that needs a join link once the webinar has ended', async () => {
    // Before: the pending registration can be approved, the approved one sent its link again.
    await page.goto(`${baseUrl}/admin/webinars/${webinar.id}?tab=registrations`)
    await rowOf('Grace Hopper').getByRole('button', { name: 'Actions for Grace Hopper' }).click()
    await page.getByRole('menuitem', { name: 'Approve' }).waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('menu').waitFor({ state: 'detached' })

    await apiRequest('POST', `/api/webinars/${webinar.id}/start`)
    await apiRequest('POST', `/api/webinars/${webinar.id}/end`)
    await page.reload()
    await page.getByText('Ended', { exact: true }).first().waitFor()

    for (const name of ['Ada Lovelace', 'Grace Hopper']) {
      await rowOf(name).getByRole('button', { name: `Actions for ${name}` }).click()
      const menu = page.getByRole('menu')
      await menu.getByRole('menuitem', { name: 'Reject…' }).waitFor()
      await expect(menu.getByRole('menuitem', { name: 'Approve' }).count()).resolves.toBe(0)
      await expect(menu.getByRole('menuitem', { name: 'Re-send link' }).count()).resolves.toBe(0)
      if (name === 'Grace Hopper') await viewportScreenshot(page, 'registrations-admin-12-ended-actions-menu')
      await page.keyboard.press('Escape')
      await menu.waitFor({ state: 'detached' })
    }
  })

  test('pages through a long list', async () => {
    const busy = await apiRequest<Webinar>('POST', '/api/webinars', {
      title: 'Popular launch',
      startTime: new Date(Date.now() + 9 * 24 * 3600_000).toISOString(),
      timezone: 'Europe/Paris',
      durationMinutes: 30,
    })
    for (let index = 1; index <= 27; index += 1) {
      await apiRequest('POST', `/api/webinars/${busy.id}/registrations`, { name: `Guest ${String(index).padStart(2, '0')}`, email: `guest${index}@example.com` })
    }
    await page.goto(`${baseUrl}/admin/webinars/${busy.id}?tab=registrations`)
    await eventually(() => countOf('Approved')).toBe('27')
    await eventually(() => countOf('Seats left')).toBe('No limit')
    const pages = page.getByRole('navigation', { name: 'Pages of registrations' })
    await pages.getByText('1–25').waitFor()
    await eventually(() => table().locator('tbody tr').count()).toBe(25)
    await pages.getByRole('button', { name: 'Next' }).click()
    await expectPath(page, `/admin/webinars/${busy.id}?tab=registrations&offset=25`)
    await pages.getByText('26–27').waitFor()
    await eventually(() => table().locator('tbody tr').count()).toBe(2)
    await screenshot(page, '13-second-page')
  })
})

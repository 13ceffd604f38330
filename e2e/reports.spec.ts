import type { Page } from '@playwright/test'
import type { Webinar } from '@webinar/shared/webinars'
import { chromiumLaunchOptions, fakeMediaArgs } from './support/chromium.ts'
import { expect, test, webinarTitled, type AdminSession } from './support/fixtures.ts'
import { expectPath, phone, screenshot, screenshotAt, viewportScreenshot } from './support/pages.ts'

// Reports as an organiser reads them, in Chromium against the real app in local mode: a webinar scheduled with the
// form, its Report tab before it runs (an empty state, not zeros in a broken chart), going live in the studio and
// filling the call with simulated attendees, the report following them while live (both charts drawn, their
// numbers in tables), the final numbers after the end, and the overview above the Webinars list.

test.use({
  testFile: import.meta.url,
  // A fake camera: the studio's local preview has the host's own video to show.
  launchOptions: chromiumLaunchOptions(fakeMediaArgs),
})

const title = 'Quarterly product review'
const audienceSize = 12

let apiRequest: AdminSession['api']
/** The owner, signed in on a desktop in Paris (the `admin` fixture). */
let page: Page
let webinar: Webinar

/** Tomorrow's date on the Paris clocks, as the form's date input takes it. */
function tomorrowInParis(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + 24 * 3600_000)
}

/** The number a figure of the report shows (its `dd`), read without waiting so that it can be polled. */
async function figure(list: string, label: string): Promise<string | undefined> {
  const figures = page.locator(`dl[aria-label="${list}"] > div`).filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) })
  const [value] = await figures.getByRole('definition').allTextContents()
  return value
}

function phoneScreenshot(name: string): Promise<void> {
  return screenshotAt(page, phone, name, { isDismissingToasts: true })
}

test.beforeAll(async ({ testApp, adminSession, admin }) => {
  apiRequest = adminSession.api
  await admin.context.grantPermissions(['camera', 'microphone'], { origin: testApp.url })
  page = admin.page
})

test.describe.serial('reports', () => {
  test('schedules a webinar whose report has nothing to show until it runs', async () => {
    await page.getByRole('main').getByRole('link', { name: 'Schedule a webinar' }).click()
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Date').fill(tomorrowInParis())
    await page.getByLabel('Start time').fill('10:00')
    await page.getByLabel('Duration (minutes)').fill('60')
    // Everyone who joins counts as attended: the numbers below do not depend on how long the test lets them watch.
    await page.getByLabel('Counts as attended after (minutes)').fill('0')
    await page.getByRole('button', { name: 'Schedule webinar' }).click()
    await page.getByRole('heading', { name: title }).waitFor()
    webinar = await webinarTitled(apiRequest, title)
    // Two people registered before it runs: they are the first the simulation sends in.
    for (const name of ['Ada Lovelace', 'Grace Hopper']) {
      await apiRequest('POST', `/api/webinars/${webinar.id}/registrations`, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` })
    }

    await page.getByRole('tab', { name: 'Report' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}?tab=report`)
    await page.getByRole('heading', { name: 'No attendance to report yet' }).waitFor()
    await page.getByText('So far 2 registered and 2 approved.').waitFor()
    // No attendance figures and no viewers chart; the registrations made so far are charted already.
    await expect(page.getByRole('img', { name: 'Viewers per minute' })).toHaveCount(0)
    await expect(page.locator('dl[aria-label="Audience"]')).toHaveCount(0)
    await expect(page.getByRole('img', { name: 'Registrations per day' }).locator('canvas').first()).toBeVisible()
    await expect(page).toHaveTitle(`Report · ${title} · Webinars`)
    await screenshot(page, 'reports-01-before-it-runs')
    await phoneScreenshot('reports-02-before-it-runs-phone')
  })

  test('goes live in the studio and fills the call with simulated attendees', async () => {
    await page.getByRole('link', { name: 'Open studio' }).click()
    await expectPath(page, `/studio/${webinar.id}`)
    await page.getByText('Backstage', { exact: true }).waitFor()
    // Nothing to simulate in the backstage: the control comes with going live.
    await expect(page.getByRole('button', { name: 'Simulate attendees…' })).toHaveCount(0)
    await page.getByRole('button', { name: 'Start webinar' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Start webinar' }).click()
    await page.getByRole('button', { name: 'End webinar' }).waitFor()

    await page.getByRole('button', { name: 'Simulate attendees…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Simulate attendees' })
    await dialog.getByText(/^Local mode only/).waitFor()
    // Out of bounds is said at the field, before anything is sent.
    await dialog.getByLabel('Attendees').fill('500')
    await dialog.getByRole('button', { name: 'Start simulation' }).click()
    await dialog.getByText('Enter a number from 1 to 200.').waitFor()
    await dialog.getByLabel('Attendees').fill(String(audienceSize))
    await dialog.getByLabel('Spread over').selectOption({ label: '1 min' })
    await viewportScreenshot(page, 'reports-03-simulate-dialog')
    await dialog.getByRole('button', { name: 'Start simulation' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.locator('[data-sonner-toast]').filter({ hasText: `${audienceSize} simulated attendees come and go over the next 1 min (10 registered for it).` }).waitFor()
    // The studio's own count moves as they arrive (the presence it reads is the emulator's).
    await expect.poll(async () => Number(/(\d+) viewers?/.exec((await page.getByText(/^\d+ viewers?$/).textContent()) ?? '')?.[1] ?? 0), { timeout: 15_000 }).toBeGreaterThan(0)
    await screenshot(page, 'reports-04-studio-simulating')
    // On a phone the bar's tools wrap under the title, the simulation's among them.
    await phoneScreenshot('reports-04b-studio-simulating-phone')
  })

  test('follows the audience while live: figures, both charts and their numbers', async () => {
    // The audience takes up to about forty seconds to arrive in full, the report up to ten more to show it.
    test.setTimeout(120_000)
    await page.getByRole('link', { name: 'Back to the webinar’s page' }).click()
    await page.getByRole('tab', { name: 'Report' }).click()
    await page.getByText(/^The webinar is on air: these numbers update every 10 seconds/).waitFor()
    await expect.poll(async () => Number(await figure('Audience', 'Joined')), { timeout: 30_000 }).toBeGreaterThan(0)

    const viewers = page.getByRole('img', { name: 'Viewers per minute' })
    await expect(viewers.locator('canvas').first()).toBeVisible()
    const registrations = page.getByRole('img', { name: 'Registrations per day' })
    await expect(registrations.locator('canvas').first()).toBeVisible()
    // The numbers without the charts: folded under each, a row per minute and per day.
    await page.locator('summary', { hasText: 'Viewers per minute' }).click()
    const viewersTable = page.getByRole('table', { name: 'Viewers per minute' })
    await expect.poll(() => viewersTable.locator('tbody tr').count()).toBeGreaterThan(0)
    await page.locator('summary', { hasText: 'Registrations per day' }).click()
    const daysTable = page.getByRole('table', { name: 'Registrations per day' })
    await expect(daysTable.locator('tbody tr')).toHaveCount(1)
    await expect(daysTable.locator('tbody tr td')).toHaveText(String(audienceSize))

    // Everyone arrives within the first part of the minute; the report catches up within its refresh.
    await expect.poll(async () => figure('Audience', 'Joined'), { timeout: 60_000 }).toBe(String(audienceSize))
    await expect.poll(async () => Number(await figure('Watching', 'Peak concurrent'))).toBeGreaterThan(0)
    await screenshot(page, 'reports-05-live')
    await phoneScreenshot('reports-06-live-phone')
  })

  test('shows the final numbers once the webinar ends', async () => {
    await page.getByRole('button', { name: 'End webinar' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'End webinar' }).click()
    await page.getByText('Final numbers: the webinar has ended.').waitFor()
    await expect.poll(() => figure('Audience', 'Joined')).toBe(String(audienceSize))
    expect(await figure('Audience', 'Registered')).toBe(String(audienceSize))
    expect(await figure('Audience', 'Attended')).toBe(String(audienceSize))
    expect(await figure('Audience', 'Attendance rate')).toBe('100%')
    expect(await figure('Watching', 'Average watch time')).toMatch(/^(under 1 min|\d+ min)$/)
    await expect(page.getByRole('img', { name: 'Viewers per minute' }).locator('canvas').first()).toBeVisible()
    await screenshot(page, 'reports-07-ended')
    await phoneScreenshot('reports-08-ended-phone')
  })

  test('the overview above the Webinars list counts it and links to its report', async () => {
    await page.getByRole('link', { name: 'All webinars' }).click()
    await expectPath(page, '/admin/webinars')
    const overview = page.getByRole('region', { name: 'Overview' })
    await overview.getByText('Webinars that went live in the last 30 days.').waitFor()
    await expect(overview.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true')
    await expect.poll(() => figure('Last 30 days', 'Webinars run')).toBe('1')
    expect(await figure('Last 30 days', 'Registrations')).toBe(String(audienceSize))
    await expect.poll(() => figure('Last 30 days', 'Attendance rate')).toBe('100%')
    const top = overview.getByRole('list', { name: 'Most attended webinars' }).getByRole('listitem')
    await expect(top).toHaveCount(1)
    await top.getByText(`${audienceSize} attended`).waitFor()
    await screenshot(page, 'reports-09-overview')
    await phoneScreenshot('reports-10-overview-phone')

    await overview.getByRole('button', { name: 'Last 90 days' }).click()
    await expectPath(page, '/admin/webinars?days=90')
    await overview.getByText('Webinars that went live in the last 90 days.').waitFor()
    await expect.poll(() => figure('Last 90 days', 'Webinars run')).toBe('1')

    await top.getByRole('link', { name: title }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}?tab=report`)
    await page.getByText('Final numbers: the webinar has ended.').waitFor()
  })
})

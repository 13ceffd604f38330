import type { Page } from '@playwright/test'
import type { Webinar } from '@webinar/shared/webinars'
import type { TestApp } from '../server/test/support/test-app.ts'
import { expect, test, webinarTitled, type AdminSession } from './support/fixtures.ts'
import { desktop, expectPath, phone, screenshot, screenshotAt, viewportScreenshot } from './support/pages.ts'

// Scheduling and running webinars as staff do it, in Chromium against the real app and the Stream emulator:
// the form (with a time zone other than the browser's), the list, the webinar's page, going live and
// ending, a call that is still being prepared, and the errors a person can run into on the way.
// The browser runs in Paris; the webinar happens in New York: both clocks must show.

test.use({ testFile: import.meta.url })

const browserTimezone = 'Europe/Paris'
const webinarTimezone = 'America/New_York'

let testApp: TestApp
let apiRequest: AdminSession['api']
/** The owner, signed in on a desktop in Paris (the `admin` fixture). */
let page: Page

/** The 15th of next month: always in the future, and far from today's daylight-saving surprises. */
function nextMonthDate(): string {
  const now = new Date()
  const target = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15))
  return target.toISOString().slice(0, 10)
}
const webinarDate = nextMonthDate()

/** "2030-05-15 14:00" as the clocks of `timezone` show the instant. */
function wallClock(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso))
}

/** Where the window is scrolled to: a page opened from a link starts at its top. */
function scrollTop(target: Page): Promise<number> {
  return target.evaluate(() => window.scrollY)
}

function phoneScreenshot(target: Page, name: string): Promise<void> {
  return screenshotAt(target, phone, name, { isDismissingToasts: true })
}

test.beforeAll(async ({ testApp: app, adminSession, admin }) => {
  testApp = app
  apiRequest = adminSession.api
  await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url })
  page = admin.page
})

test.describe.serial('webinars in the browser', () => {
  test('starts from an empty list and explains bad input next to the fields', async () => {
    await page.getByRole('heading', { name: 'No webinars yet' }).waitFor()
    await screenshot(page, 'webinars-01-empty')

    await page.getByRole('main').getByRole('link', { name: 'Schedule a webinar' }).click()
    await expectPath(page, '/admin/webinars/new')
    await page.getByRole('heading', { name: 'Schedule a webinar' }).waitFor()
    // The time zone starts as the browser's own.
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe(browserTimezone)
    await screenshot(page, 'webinars-02-form')

    // Nothing typed: the browser-side checks answer before anything is sent.
    await page.getByRole('button', { name: 'Schedule webinar' }).click()
    await page.getByText('Give the webinar a title.').waitFor()
    await page.getByText('Choose the day of the webinar.').waitFor()
    await expect(page.getByLabel('Title').getAttribute('aria-invalid')).resolves.toBe('true')
    await screenshot(page, 'webinars-03-form-required')

    // A date in the past is the server's call: its answer lands at the date and time, what was typed stays.
    await page.getByLabel('Title').fill('Too late')
    await page.getByLabel('Date').fill('2020-01-15')
    await page.getByRole('button', { name: 'Schedule webinar' }).click()
    await page.getByText('The start must be in the future.').waitFor()
    await page.getByRole('alert').getByText('Please correct the highlighted fields.').waitFor()
    await expect(page.getByLabel('Date').getAttribute('aria-invalid')).resolves.toBe('true')
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Too late')
    await expectPath(page, '/admin/webinars/new')
    await screenshot(page, 'webinars-04-form-past-date')
  })

  test('schedules a webinar in New York from a browser in Paris and opens its page', async () => {
    await page.getByLabel('Title').fill('Spring product launch')
    await page.getByLabel('Description').fill('What is new this quarter, live from the product team.\nQuestions welcome.')
    await page.getByLabel('Date').fill(webinarDate)
    await page.getByLabel('Start time').fill('14:00')
    await page.getByLabel('Time zone').selectOption(webinarTimezone)
    await page.getByLabel('Duration (minutes)').fill('90')
    await page.getByLabel('Capacity').fill('500')
    await page.getByRole('radio', { name: /^Manual/ }).check()
    await page.getByRole('radio', { name: /^Broadcast \(HLS\)/ }).check()
    await page.getByLabel('Join ahead (minutes)').fill('15')
    // The form says when that is, on both clocks, before it is sent.
    const preview = page.getByText(/^Starts /)
    await expect.poll(() => preview.textContent()).toMatch(/2:00 PM E[SD]T · .* your time/)
    await screenshot(page, 'webinars-05-form-filled')

    // The button is at the bottom of a long form: the page it leads to still opens at its top.
    await page.getByRole('button', { name: 'Schedule webinar' }).scrollIntoViewIfNeeded()
    await expect(scrollTop(page)).resolves.toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Schedule webinar' }).click()
    await expectPath(page, /^\/admin\/webinars\/[0-9a-f-]{36}$/)
    await page.getByRole('heading', { name: 'Spring product launch' }).waitFor()
    await page.getByText('Stream call ready').waitFor()
    await expect(scrollTop(page)).resolves.toBe(0)

    const webinar = await webinarTitled(apiRequest, 'Spring product launch')
    // 14:00 on the New York clocks, whatever the browser's zone.
    expect(wallClock(webinar.startTime, webinarTimezone)).toBe(`${webinarDate} 14:00`)
    expect(webinar).toMatchObject({ timezone: webinarTimezone, durationMinutes: 90, capacity: 500, approvalMode: 'manual', provisioning: 'ready' })
    expect(webinar.settings).toMatchObject({ viewerMode: 'hls', record: true, joinAheadSeconds: 900 })
    await expectPath(page, `/admin/webinars/${webinar.id}`)

    const call = page.getByRole('definition').filter({ hasText: webinar.streamCallId })
    await call.waitFor()
    await page.getByText('Stream call ready').waitFor()
    await page.getByText(`/w/${webinar.slug}`).waitFor()
    await page.getByText(/2:00 PM E[SD]T/).first().waitFor()
    await page.getByText(/\d{1,2}:00 PM GMT\+[12] your time/).first().waitFor()
    expect(testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)?.backstage).toBe(true)
    await screenshot(page, 'webinars-06-page-scheduled')
    await phoneScreenshot(page, 'webinars-07-page-scheduled-phone')

    await page.getByRole('link', { name: 'All webinars' }).click()
    await expectPath(page, '/admin/webinars')
    const row = page.getByRole('list', { name: 'Upcoming webinars' }).getByRole('listitem').filter({ hasText: 'Spring product launch' })
    await row.getByText(webinar.streamCallId).waitFor()
    await row.getByText('Stream call ready').waitFor()
    await row.getByText('Scheduled').waitFor()
    await row.getByText(webinarTimezone).waitFor()
    await row.getByText('1 h 30 min').waitFor()
    await screenshot(page, 'webinars-08-list')
    await phoneScreenshot(page, 'webinars-09-list-phone')
  })

  test('shows a call being prepared and turns it ready without a reload', async () => {
    // Stream is down while the webinar is scheduled: it is saved anyway, and a job keeps trying.
    testApp.emulator.injectFaults({ failNext: 1000, status: 503 })
    const pending = await apiRequest<Webinar>('POST', '/api/webinars', {
      title: 'Customer onboarding clinic',
      startTime: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
      timezone: 'Europe/Paris',
      durationMinutes: 45,
    })
    expect(pending.provisioning).toBe('pending')

    await page.reload()
    const row = page.getByRole('listitem').filter({ hasText: 'Customer onboarding clinic' })
    await row.getByText('Preparing call…').waitFor()
    await screenshot(page, 'webinars-10-list-preparing')

    testApp.emulator.clearFaults()
    await row.getByText('Stream call ready').waitFor({ timeout: 30_000 })
    await expect(row.getByText('Preparing call…').count()).resolves.toBe(0)
  })

  test('goes live after confirmation, says readably when Stream refuses, and ends after confirmation', async () => {
    const webinar = await webinarTitled(apiRequest, 'Spring product launch')
    // Opened from further down a list scrolled to it (a short phone screen), it still opens at its top.
    await page.setViewportSize({ width: phone.width, height: 420 })
    await page.getByRole('link', { name: 'Spring product launch' }).scrollIntoViewIfNeeded()
    await expect(scrollTop(page)).resolves.toBeGreaterThan(0)
    await page.getByRole('link', { name: 'Spring product launch' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}`)
    await page.getByRole('heading', { name: 'Spring product launch' }).waitFor()
    await expect(scrollTop(page)).resolves.toBe(0)
    await page.setViewportSize(desktop)

    // Going live e-mails every approved registrant: it asks first, and saying no changes nothing.
    await page.getByRole('button', { name: 'Start webinar' }).click()
    const confirmStart = page.getByRole('alertdialog', { name: 'Start the webinar now?' })
    await confirmStart.waitFor()
    await confirmStart.getByText(/Every approved registrant gets a “we’re live” e-mail/).waitFor()
    await confirmStart.getByText(/starts the recording and the HLS broadcast/).waitFor()
    await viewportScreenshot(page, 'webinars-10a-start-confirm')
    await page.setViewportSize(phone)
    await viewportScreenshot(page, 'webinars-10b-start-confirm-phone')
    await page.setViewportSize(desktop)
    await confirmStart.getByRole('button', { name: 'Not yet' }).click()
    await confirmStart.waitFor({ state: 'detached' })
    await page.getByText('Scheduled', { exact: true }).waitFor()
    expect((await webinarTitled(apiRequest, 'Spring product launch')).status).toBe('scheduled')

    // Stream fails once: the webinar stays scheduled and the dialog says so, with what to do.
    testApp.emulator.injectFaults({ failNext: 1, status: 500 })
    await page.getByRole('button', { name: 'Start webinar' }).click()
    await confirmStart.getByRole('button', { name: 'Start webinar' }).click()
    const failure = confirmStart.getByRole('alert').filter({ hasText: /^Stream refused to take the call live/ })
    await failure.waitFor()
    await failure.getByText(/has not started\. Nothing has changed for attendees: try again in a moment\.$/).waitFor()
    await page.getByText('Scheduled', { exact: true }).waitFor()
    await viewportScreenshot(page, 'webinars-11-start-failed')

    // Trying again from the same dialog.
    await confirmStart.getByRole('button', { name: 'Start webinar' }).click()
    await confirmStart.waitFor({ state: 'detached' })
    await page.locator('[data-sonner-toast]').filter({ hasText: 'You are live. Attendees can now watch.' }).waitFor()
    // On a phone the toast comes from the top, over the header and clear of the page's buttons and the tab bar.
    await page.setViewportSize(phone)
    await viewportScreenshot(page, 'webinars-11b-live-toast-phone')
    await page.setViewportSize(desktop)
    await page.getByText('Live', { exact: true }).waitFor()
    await page.getByText(/^Live since /).waitFor()
    await expect(failure.count()).resolves.toBe(0)
    await expect(page.getByRole('button', { name: 'Start webinar' }).count()).resolves.toBe(0)
    expect(testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)?.backstage).toBe(false)
    expect((await webinarTitled(apiRequest, 'Spring product launch')).status).toBe('live')
    await screenshot(page, 'webinars-12-page-live')
    await phoneScreenshot(page, 'webinars-13-page-live-phone')

    await page.getByRole('button', { name: 'End webinar' }).click()
    const confirm = page.getByRole('alertdialog', { name: 'End the webinar for everyone?' })
    await confirm.waitFor()
    await screenshot(page, 'webinars-14-end-confirm')
    // Changing one's mind leaves it live.
    await confirm.getByRole('button', { name: 'Keep it live' }).click()
    await confirm.waitFor({ state: 'detached' })
    await page.getByText(/^Live since /).waitFor()

    await page.getByRole('button', { name: 'End webinar' }).click()
    await confirm.getByRole('button', { name: 'End webinar' }).click()
    await confirm.waitFor({ state: 'detached' })
    await page.getByText('Ended', { exact: true }).waitFor()
    // When it really ran, beside the plan.
    await page.getByText(/^Ran .* \(scheduled .*\)$/).waitFor()
    await expect(page.getByRole('button', { name: 'End webinar' }).count()).resolves.toBe(0)
    expect(testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)?.ended_at).toBeTruthy()
    await screenshot(page, 'webinars-15-page-ended')
  })

  test('edits a scheduled webinar, then cancels it after confirmation and files it under Past', async () => {
    await page.getByRole('link', { name: 'All webinars' }).click()
    await page.getByRole('link', { name: 'Customer onboarding clinic' }).click()

    // The form opens with the saved values, on the webinar's own clocks.
    await page.getByRole('link', { name: 'Edit' }).click()
    await page.getByRole('heading', { name: 'Edit webinar' }).waitFor()
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Customer onboarding clinic')
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('Europe/Paris')
    await page.getByLabel('Duration (minutes)').fill('60')
    await page.getByLabel('Capacity').fill('100')
    await screenshot(page, 'webinars-16-edit-form')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('100 seats').waitFor()
    await page.getByText(/^1 h · ends /).waitFor()
    expect(await webinarTitled(apiRequest, 'Customer onboarding clinic')).toMatchObject({ durationMinutes: 60, capacity: 100 })

    await page.getByRole('button', { name: 'Cancel webinar' }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Cancel “Customer onboarding clinic”?' })
    await confirm.waitFor()
    await screenshot(page, 'webinars-17-cancel-confirm')
    await confirm.getByRole('button', { name: 'Cancel webinar' }).click()
    await confirm.waitFor({ state: 'detached' })
    await page.getByText('Cancelled', { exact: true }).waitFor()
    await expect(page.getByRole('button', { name: 'Start webinar' }).count()).resolves.toBe(0)
    const cancelled = await webinarTitled(apiRequest, 'Customer onboarding clinic')
    expect(cancelled.status).toBe('cancelled')
    expect(testApp.emulator.getCall(cancelled.streamCallType, cancelled.streamCallId)?.ended_at).toBeTruthy()

    await page.getByRole('link', { name: 'All webinars' }).click()
    await page.getByText('Nothing scheduled').waitFor()
    await page.getByRole('tab', { name: 'Past' }).click()
    await expectPath(page, '/admin/webinars?when=past')
    const past = page.getByRole('list', { name: 'Past webinars' })
    await past.getByRole('listitem').filter({ hasText: 'Spring product launch' }).getByText('Ended', { exact: true }).waitFor()
    await past.getByRole('listitem').filter({ hasText: 'Customer onboarding clinic' }).getByText('Cancelled', { exact: true }).waitFor()
    await past.getByText('Call ended').first().waitFor()
    await screenshot(page, 'webinars-18-list-past')

    // The search narrows the tab by title, and says so when nothing matches.
    await page.getByLabel('Search webinars by title').fill('launch')
    await expectPath(page, '/admin/webinars?when=past&q=launch')
    await expect.poll(() => past.getByRole('listitem').count()).toBe(1)
    await page.getByLabel('Search webinars by title').fill('nothing like this')
    await page.getByText('No past webinars match “nothing like this”').waitFor()
    await screenshot(page, 'webinars-19-search-empty')
    await page.getByRole('button', { name: 'Clear search' }).first().click()
    await expect.poll(() => past.getByRole('listitem').count()).toBe(2)
  })
})

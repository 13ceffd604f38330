import type { Page } from '@playwright/test'
import type { Webinar } from '@webinar/shared/webinars'
import type { TestApp } from '../server/test/support/test-app.ts'
import { expect, registerPublicly, test, webinarTitled, type AdminSession } from './support/fixtures.ts'
import { expectPath, screenshot, viewportScreenshot } from './support/pages.ts'

// How attendees watch, chosen in the form and read back from it; and deleting a webinar as an owner: refused
// while live (with the reason on the button), and, once confirmed with the registrations kept for reports, gone
// from the list and its page while its registrations stay in the database.

test.use({ testFile: import.meta.url })

let testApp: TestApp
let session: AdminSession
let apiRequest: AdminSession['api']
/** The owner, signed in on a desktop in Paris (the `admin` fixture). */
let page: Page

/** The 15th of next month: always in the future, and far from today's daylight-saving surprises. */
function nextMonthDate(): string {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15)).toISOString().slice(0, 10)
}

test.beforeAll(async ({ testApp: app, adminSession, admin }) => {
  testApp = app
  session = adminSession
  apiRequest = adminSession.api
  page = admin.page
})

test.describe.serial('how attendees watch, and deleting a webinar', () => {
  test('schedules a webinar as an HLS broadcast with captions, and the form shows that choice again', async () => {
    await page.getByRole('main').getByRole('link', { name: 'Schedule a webinar' }).click()
    await expectPath(page, '/admin/webinars/new')
    await page.getByRole('heading', { name: 'Schedule a webinar' }).waitFor()
    // In the call by default, each way with what it costs.
    await expect(page.getByRole('radio', { name: /^In the call \(WebRTC\)/ })).toBeChecked()
    await page.getByText(/Viewers see and hear you within a second/).waitFor()
    await page.getByText(/Scales to any audience, but the picture runs 10–30 seconds behind/).waitFor()

    await page.getByLabel('Title').fill('Investor day broadcast')
    await page.getByLabel('Date').fill(nextMonthDate())
    await page.getByLabel('Start time').fill('16:00')
    await page.getByRole('radio', { name: /^Broadcast \(HLS\)/ }).check()
    await page.getByRole('checkbox', { name: /^Closed captions from the start/ }).check()
    await screenshot(page, 'viewing-01-form-hls')
    await page.getByRole('button', { name: 'Schedule webinar' }).click()

    await expectPath(page, /^\/admin\/webinars\/[0-9a-f-]{36}$/)
    await page.getByRole('heading', { name: 'Investor day broadcast' }).waitFor()
    await page.getByText('Attendees watch the broadcast (HLS): any audience size, 10–30 seconds behind you.').waitFor()
    await page.getByText('Closed captions from the start (on)').waitFor()
    const webinar = await webinarTitled(apiRequest, 'Investor day broadcast')
    expect(webinar.settings).toMatchObject({ viewerMode: 'hls', captions: true })
    expect(webinar.isCaptioning).toBe(false)
    await screenshot(page, 'viewing-02-page-hls')

    await page.getByRole('link', { name: 'Edit' }).click()
    await page.getByRole('heading', { name: 'Edit webinar' }).waitFor()
    await expect(page.getByRole('radio', { name: /^Broadcast \(HLS\)/ })).toBeChecked()
    await expect(page.getByRole('radio', { name: /^In the call \(WebRTC\)/ })).not.toBeChecked()
    await expect(page.getByRole('checkbox', { name: /^Closed captions from the start/ })).toBeChecked()
    await screenshot(page, 'viewing-03-edit-form-hls')
    await page.getByRole('link', { name: 'Cancel' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}`)
  })

  test('refuses to delete a live webinar, and says why on the page', async () => {
    const live = await apiRequest<Webinar>('POST', '/api/webinars', {
      title: 'Weekly live demo',
      startTime: new Date(Date.now() + 10 * 60_000).toISOString(),
      timezone: 'Europe/Paris',
      durationMinutes: 30,
    })
    await apiRequest('POST', `/api/webinars/${live.id}/start`)
    await page.getByRole('link', { name: 'All webinars' }).click()
    // It went live: the overview above the list links to it too (to its report); this is the list's row.
    await page.getByRole('list', { name: 'Upcoming webinars' }).getByRole('link', { name: 'Weekly live demo' }).click()
    await page.getByText(/^Live since /).waitFor()
    const remove = page.getByRole('button', { name: 'Delete webinar…' })
    await expect(remove).toBeDisabled()
    await expect(remove).toHaveAccessibleDescription('It is live: end it before deleting it.')
  })

  test('deletes a webinar after confirmation, keeping its registrations for reports', async () => {
    const webinar = await webinarTitled(apiRequest, 'Investor day broadcast')
    await registerPublicly(testApp, webinar.slug, { name: 'Ada Attendee', email: 'ada@example.com' })

    await page.getByRole('link', { name: 'All webinars' }).click()
    await page.getByRole('link', { name: 'Investor day broadcast' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}`)
    await page.getByRole('button', { name: 'Delete webinar…' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Delete “Investor day broadcast”?' })
    await dialog.waitFor()
    // Keeping is the default: reports and exports usually still need who registered.
    await expect(dialog.getByRole('radio', { name: /^Keep registrations and mail for reports/ })).toBeChecked()
    await expect(dialog.getByRole('radio', { name: /^Erase registrations and mail too/ })).not.toBeChecked()
    await dialog.getByText(/Registrants are not told: to let them know, cancel the webinar first\./).waitFor()
    await viewportScreenshot(page, 'viewing-04-delete-confirm')

    await dialog.getByRole('button', { name: 'Delete webinar' }).click()
    await expectPath(page, '/admin/webinars')
    await page.locator('[data-sonner-toast]').filter({ hasText: '“Investor day broadcast” was deleted.' }).waitFor()
    await page.getByRole('list', { name: 'Upcoming webinars' }).waitFor()
    await expect(page.getByRole('link', { name: 'Investor day broadcast' })).toHaveCount(0)
    await screenshot(page, 'viewing-05-list-after-delete')

    // Gone for the API and its Stream call; its registration kept.
    const answer = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: { cookie: session.cookie } })
    expect(answer.statusCode).toBe(404)
    const { rows } = await testApp.database.pool.query<{ count: string }>('select count(*) from registrations where webinar_id = $1', [webinar.id])
    expect(Number(rows[0]!.count)).toBe(1)
    await expect.poll(() => testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId), { timeout: 10_000 }).toBeUndefined()

    // Going back to its page finds nothing, rather than the webinar as it was.
    await page.goBack()
    await page.getByText('This webinar does not exist').waitFor()
  })
})

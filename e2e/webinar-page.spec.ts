import type { Page } from '@playwright/test'
import { defaultDuplicateStartTime, type Webinar } from '@webinar/shared/webinars'
import type { TestApp } from '../server/test/support/test-app.ts'
import { expect, test, type AdminSession } from './support/fixtures.ts'
import { desktop, expectPath, phone, screenshot, screenshotAt, viewportScreenshot } from './support/pages.ts'

// The webinar's page as its organiser uses it: opened from the list, its public and studio addresses copied, the
// mail sent for it (a visitor registers on the public page), a copy scheduled through the Duplicate dialog, and the
// webinar started and ended from the page. Last, a co-host's view: they run the webinar, they do not change it.

test.use({ testFile: import.meta.url })

/** Two weeks ahead on the hour, so that a week after it is still ahead (the dialog's default). */
function inTwoWeeks(): string {
  const start = new Date(Date.now() + 14 * 24 * 3600_000)
  start.setUTCHours(15, 0, 0, 0)
  return start.toISOString()
}
test.use({ webinarToCreate: { title: 'Product clinic', startTime: inTwoWeeks(), timezone: 'Europe/Paris', durationMinutes: 45, capacity: 80 } })

/** yyyy-mm-dd and hh:mm on the clocks of `timezone`, as <input type="date"> and <input type="time"> hold them. */
function wallClock(iso: string, timezone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

let testApp: TestApp
let session: AdminSession
let original: Webinar
/** The owner, signed in on a desktop in Paris. */
let page: Page
let copyId: string

test.beforeAll(async ({ testApp: app, adminSession, webinar, admin }) => {
  testApp = app
  session = adminSession
  original = webinar
  page = admin.page
  await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: testApp.url })
})

const clipboardText = () => page.evaluate(() => navigator.clipboard.readText())

test.describe.serial('the webinar page', () => {
  test('opens from the list and copies the public page and studio addresses', async () => {
    // The list as it is now (the sign-in may have shown it before the webinar was made).
    await page.reload()
    await page.getByRole('list', { name: 'Upcoming webinars' }).getByRole('link', { name: 'Product clinic' }).click()
    await expectPath(page, `/admin/webinars/${original.id}`)
    await page.getByRole('heading', { level: 1, name: 'Product clinic' }).waitFor()
    // The owner runs and changes it: every action is there.
    for (const name of ['Start webinar', 'Cancel webinar', 'More actions']) await page.getByRole('button', { name }).waitFor()
    for (const name of ['Open studio', 'Edit']) await page.getByRole('link', { name, exact: true }).waitFor()

    const publicUrl = `${testApp.url}/w/${original.slug}`
    const studioUrl = `${testApp.url}/studio/${original.id}`
    await page.getByText(publicUrl).waitFor()
    await page.getByText(studioUrl).waitFor()
    await page.getByRole('button', { name: 'Copy the public page address' }).click()
    await expect.poll(clipboardText).toBe(publicUrl)
    await page.getByRole('button', { name: 'Copy the studio address' }).click()
    await expect.poll(clipboardText).toBe(studioUrl)
    // The button says it worked, to screen readers too.
    await page.getByRole('button', { name: 'Copied', description: 'Copy the studio address' }).waitFor()

    await screenshot(page, 'webinar-page-01-overview-desktop')
    await screenshotAt(page, phone, 'webinar-page-02-overview-phone')
  })

  test('lists the confirmation mail once a visitor registers on the public page', async ({ openContext }) => {
    const visitor = await (await openContext({ viewport: phone, locale: 'en-GB', timezoneId: 'Europe/London' })).newPage()
    await visitor.goto(`${testApp.url}/w/${original.slug}`)
    await visitor.getByLabel('Full name').fill('Grace Visitor')
    await visitor.getByLabel('E-mail').fill('grace@example.com')
    await visitor.getByRole('button', { name: 'Register' }).click()
    await visitor.getByRole('heading', { name: 'You’re registered' }).waitFor()
    await visitor.close()

    await page.getByRole('tab', { name: 'Mail' }).click()
    await expectPath(page, `/admin/webinars/${original.id}?tab=mail`)
    const mail = page.getByRole('region', { name: 'Mail for this webinar' })
    const confirmation = mail.getByRole('listitem').filter({ hasText: 'grace@example.com' })
    await confirmation.waitFor()
    // No mail server in local mode: the mail is kept for the Mailbox.
    await expect(confirmation.getByText('Confirmation', { exact: true })).toBeVisible()
    await expect(confirmation.getByText('Kept', { exact: true })).toBeVisible()
    await expect(confirmation).toContainText("You're registered: Product clinic")
    await screenshot(page, 'webinar-page-03-mail-desktop')
    await screenshotAt(page, phone, 'webinar-page-04-mail-phone')

    // Filtered by delivery state.
    await mail.getByLabel('Delivery state').selectOption('failed')
    await mail.getByText('No mail in the state “Failed”').waitFor()
    await mail.getByLabel('Delivery state').selectOption('kept')
    await confirmation.waitFor()

    // An admin opens the mail itself in the Mailbox.
    await confirmation.getByRole('link', { name: "You're registered: Product clinic" }).click()
    await expectPath(page, /^\/admin\/mailbox\/[0-9a-f-]{36}$/)
    await page.getByRole('heading', { level: 1, name: "You're registered: Product clinic" }).waitFor()
    await page.goBack()
    await expectPath(page, `/admin/webinars/${original.id}?tab=mail`)
  })

  test('duplicates the webinar through the dialog and lands on the copy', async () => {
    // By keyboard: the menu opens on Enter, the dialog from its item, and Escape gives the focus back to the menu's button.
    const more = page.getByRole('button', { name: 'More actions' })
    await more.focus()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('menuitem', { name: 'Duplicate…' })).toBeFocused()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Duplicate webinar' })
    await dialog.waitFor()
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    await expect(more).toBeFocused()

    await more.click()
    await page.getByRole('menuitem', { name: 'Duplicate…' }).click()
    await dialog.waitFor()
    // A week after the original, on its own clocks.
    const suggested = wallClock(defaultDuplicateStartTime(new Date(original.startTime), new Date()).toISOString(), 'Europe/Paris')
    await expect(dialog.getByLabel('Date')).toHaveValue(suggested.date)
    await expect(dialog.getByLabel('Start time')).toHaveValue(suggested.time)
    await dialog.getByText('Registrations, co-hosts and panelists, mail and recordings.').waitFor()
    await viewportScreenshot(page, 'webinar-page-05-duplicate-dialog')
    // A sheet from the bottom on a phone.
    await page.setViewportSize(phone)
    await viewportScreenshot(page, 'webinar-page-05-duplicate-dialog-phone')
    await page.setViewportSize(desktop)

    // A start in the past is the server's refusal, said at the inputs.
    await dialog.getByLabel('Date').fill('2020-01-06')
    await dialog.getByRole('button', { name: 'Duplicate webinar' }).click()
    await dialog.getByText('The start must be in the future.').waitFor()
    await expect(dialog.getByLabel('Date')).toHaveAttribute('aria-invalid', 'true')

    await dialog.getByLabel('Date').fill(suggested.date)
    await dialog.getByLabel('Start time').fill('18:30')
    await dialog.getByText(/^Starts /).waitFor()
    await dialog.getByRole('button', { name: 'Duplicate webinar' }).click()

    await expectPath(page, /^\/admin\/webinars\/[0-9a-f-]{36}$/)
    copyId = new URL(page.url()).pathname.split('/').pop()!
    expect(copyId).not.toBe(original.id)
    await page.locator('[data-sonner-toast]').filter({ hasText: 'Copy scheduled for' }).waitFor()
    await page.getByRole('heading', { level: 1, name: 'Product clinic' }).waitFor()
    await expect(page.getByRole('dialog')).toHaveCount(0)

    const copy = await session.api<Webinar>('GET', `/api/webinars/${copyId}`)
    expect(wallClock(copy.startTime, copy.timezone)).toEqual({ date: suggested.date, time: '18:30' })
    expect(copy).toMatchObject({ title: original.title, capacity: 80, durationMinutes: 45, timezone: 'Europe/Paris', status: 'scheduled' })
    expect(copy.slug).not.toBe(original.slug)
    await page.getByText(`${testApp.url}/w/${copy.slug}`).waitFor()
    // Registrations start afresh.
    const registrations = await session.api<{ total: number }>('GET', `/api/webinars/${copyId}/registrations`)
    expect(registrations.total).toBe(0)
    await screenshot(page, 'webinar-page-06-copy-desktop')
  })

  test('starts and then ends the original from its page; the “we’re live” mail is listed', async () => {
    await page.goBack()
    await expectPath(page, `/admin/webinars/${original.id}?tab=mail`)
    await page.getByRole('button', { name: 'Start webinar' }).click()
    const start = page.getByRole('alertdialog', { name: 'Start the webinar now?' })
    await start.getByRole('button', { name: 'Start webinar' }).click()
    await page.getByText(/^Live since /).waitFor()
    await page.getByRole('link', { name: 'Open studio' }).first().waitFor()
    await expect(page.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0)
    await screenshotAt(page, phone, 'webinar-page-07-live-phone', { isDismissingToasts: true })

    // Every approved registrant is told: the list reads the outbox again by itself.
    const mail = page.getByRole('region', { name: 'Mail for this webinar' })
    await expect(mail.getByRole('listitem').filter({ hasText: 'We’re live' })).toBeVisible({ timeout: 25_000 })

    await page.getByRole('button', { name: 'End webinar' }).click()
    const end = page.getByRole('alertdialog', { name: 'End the webinar for everyone?' })
    await end.getByRole('button', { name: 'End webinar' }).click()
    await page.getByText(/^Ran /).waitFor()
    await expect(page.getByRole('button', { name: 'End webinar' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Start webinar' })).toHaveCount(0)
    // After the end, a copy is what is left to make.
    await page.getByRole('button', { name: 'More actions' }).waitFor()
    expect((await session.api<Webinar>('GET', `/api/webinars/${original.id}`)).status).toBe('ended')
    await screenshotAt(page, desktop, 'webinar-page-08-ended-desktop')
  })

  test('a co-host sees Start, End and the studio, not Edit, Cancel or Duplicate', async ({ openContext }) => {
    const cohost = { email: 'cora@example.com', password: 'cora cohost password', name: 'Cora Cohost' }
    const user = await session.api<{ id: string }>('POST', '/api/users', { ...cohost, role: 'host' })
    await session.api('POST', `/api/webinars/${copyId}/speakers`, { kind: 'cohost', userId: user.id })

    const cohostPage = await (await openContext({ viewport: desktop, locale: 'en-GB', timezoneId: 'Europe/Paris' })).newPage()
    await cohostPage.goto(`${testApp.url}/login`)
    await cohostPage.getByLabel('E-mail address').fill(cohost.email)
    await cohostPage.getByLabel('Password').fill(cohost.password)
    await cohostPage.getByRole('button', { name: 'Sign in' }).click()
    await expectPath(cohostPage, /^\/admin/)
    await cohostPage.goto(`${testApp.url}/admin/webinars/${copyId}`)
    await cohostPage.getByRole('heading', { level: 1, name: 'Product clinic' }).waitFor()
    await cohostPage.getByRole('button', { name: 'Start webinar' }).waitFor()
    await cohostPage.getByRole('link', { name: 'Open studio' }).first().waitFor()
    for (const name of ['Cancel webinar', 'More actions']) await expect(cohostPage.getByRole('button', { name })).toHaveCount(0)
    await expect(cohostPage.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0)
    await cohostPage.getByRole('tab', { name: 'Mail' }).click()
    await cohostPage.getByText('No mail yet').waitFor()
    await screenshot(cohostPage, 'webinar-page-09-cohost-desktop')
    await cohostPage.close()
  })
})

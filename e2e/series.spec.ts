import type { Page } from '@playwright/test'
import type { MailboxList } from '@webinar/shared/mailbox'
import type { Series } from '@webinar/shared/series'
import type { TestApp } from '../server/test/support/test-app.ts'
import { expect, test, type AdminSession } from './support/fixtures.ts'
import { desktop, expectPath, phone, screenshot, screenshotAt, viewportScreenshot } from './support/pages.ts'

// A recurring series as staff and visitors meet it, in Chromium against the real app, with the real clock: a weekly
// series in Berlin across the change to summer time (28 March 2027), so every session starts at 10:00 on Berlin's
// clocks while the instant moves an hour; a change to "this and following" sessions from the webinar's edit page;
// then a visitor in New York registers for every session from the public page found on the series' page, and the
// one mail with a link per session, as the organiser's Mailbox keeps it, lets them into one of the sessions.

test.use({ testFile: import.meta.url })
test.describe.configure({ mode: 'serial' })

const seriesTimezone = 'Europe/Berlin'
const visitor = { name: 'Sam Series', email: 'sam@example.com' }

let testApp: TestApp
let api: AdminSession['api']
/** The owner, signed in on a desktop in Paris (the `admin` fixture). */
let page: Page
/** A visitor on a phone in New York, with no cookie of this site. */
let visitorPage: Page
let seriesId: string

async function openNav(target: Page, label: string): Promise<void> {
  await target.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click()
}

/** The sessions table's rows, in date order. */
const sessionRows = (target: Page) => target.getByRole('table', { name: /^Sessions of / }).locator('tbody tr')

/** What the Time column reads in each row, e.g. "10:00 AM GMT+1". */
async function sessionTimes(target: Page): Promise<string[]> {
  return (await sessionRows(target).locator('td:nth-of-type(1)').allInnerTexts()).map((text) => text.trim())
}

test.beforeAll(async ({ testApp: app, adminSession, admin, openContext }) => {
  testApp = app
  api = adminSession.api
  page = admin.page
  await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url })
  const visitorContext = await openContext({ viewport: phone, locale: 'en-GB', timezoneId: 'America/New_York' })
  visitorPage = await visitorContext.newPage()
})

test.describe('a weekly series in the browser', () => {
  test('starts from an empty list and refuses a time the clocks skip, next to the time', async () => {
    await openNav(page, 'Series')
    await expectPath(page, '/admin/series')
    await page.getByRole('heading', { name: 'No series yet' }).waitFor()

    await page.getByRole('main').getByRole('link', { name: 'New series' }).click()
    await expectPath(page, '/admin/series/new')
    await page.getByRole('heading', { name: 'New series' }).waitFor()

    // Nothing typed: the browser-side checks answer before anything is sent.
    await page.getByRole('button', { name: 'Schedule series' }).click()
    await page.getByText('Give the series a title.').waitFor()
    await page.getByText('Choose the day of the first session.').waitFor()

    // Sundays at 02:30 in Berlin: on 28 March 2027 the clocks jump from 02:00 to 03:00. The server says so at the time.
    await page.getByLabel('Title').fill('Night owls')
    await page.getByLabel('First date').fill('2027-03-21')
    await page.getByLabel('Start time').fill('02:30')
    await page.getByLabel('Time zone').selectOption(seriesTimezone)
    await expect(page.getByRole('checkbox', { name: 'Sunday' }).isChecked()).resolves.toBe(true)
    await page.getByLabel('Number of sessions', { exact: true }).fill('3')
    await page.getByText(`Every Sunday at 2:30 AM (${seriesTimezone}), 3 sessions`).waitFor()
    await page.getByRole('button', { name: 'Schedule series' }).click()
    await page.getByText(/02:30 does not exist on 2027-03-28 in Europe\/Berlin/).waitFor()
    await expect(page.getByLabel('Start time').getAttribute('aria-invalid')).resolves.toBe('true')
    await expectPath(page, '/admin/series/new')
    await screenshot(page, 'series-01-form-skipped-time')
    await screenshotAt(page, phone, 'series-02-form-skipped-time-phone')
  })

  test('schedules six Tuesdays at 10:00 in Berlin; the summary says so as it is typed', async () => {
    await page.getByLabel('Title').fill('Office hours')
    await page.getByLabel('Description').fill('Bring your questions about the product.\nEvery week, the same place.')
    await page.getByLabel('First date').fill('2027-03-16')
    await page.getByLabel('Start time').fill('10:00')
    await page.getByLabel('Duration (minutes)').fill('45')
    // The weekday follows the first date until someone picks days.
    await expect(page.getByRole('checkbox', { name: 'Tuesday' }).isChecked()).resolves.toBe(true)
    await expect(page.getByRole('checkbox', { name: 'Sunday' }).isChecked()).resolves.toBe(false)
    await page.getByLabel('Number of sessions', { exact: true }).fill('6')
    await page.getByText(`Every Tuesday at 10:00 AM (${seriesTimezone}), 6 sessions`).waitFor()
    await page.getByText(/^First session Tue, Mar 16, 2027, 10:00 AM GMT\+1/).waitFor()
    await screenshot(page, 'series-03-form-filled')

    await page.getByRole('button', { name: 'Schedule series' }).click()
    await expectPath(page, /^\/admin\/series\/[0-9a-f-]{36}$/)
    seriesId = new URL(page.url()).pathname.split('/').pop()!
    await page.getByRole('heading', { level: 1, name: 'Office hours' }).waitFor()
  })

  test('lists every session at 10:00 on Berlin’s clocks: GMT+1 before the change to summer time, GMT+2 after', async () => {
    await page.getByText(`Every Tuesday at 10:00 AM (${seriesTimezone}), 6 sessions`).waitFor()
    await expect.poll(() => sessionRows(page).count()).toBe(6)
    expect(await sessionTimes(page)).toEqual([
      '10:00 AM GMT+1',
      '10:00 AM GMT+1',
      '10:00 AM GMT+2',
      '10:00 AM GMT+2',
      '10:00 AM GMT+2',
      '10:00 AM GMT+2',
    ])
    // The same time of day is another instant after 28 March.
    const series = await api<Series>('GET', `/api/series/${seriesId}`)
    expect(series.occurrences.map((occurrence) => occurrence.startTime)).toEqual([
      '2027-03-16T09:00:00.000Z',
      '2027-03-23T09:00:00.000Z',
      '2027-03-30T08:00:00.000Z',
      '2027-04-06T08:00:00.000Z',
      '2027-04-13T08:00:00.000Z',
      '2027-04-20T08:00:00.000Z',
    ])
    await expect(sessionRows(page).first().getByText('Scheduled').filter({ visible: true })).toHaveCount(1)
    await page.getByText(`${testApp.url}/s/${series.slug}`).waitFor()
    await screenshot(page, 'series-04-page')
    await screenshotAt(page, phone, 'series-05-page-phone', { isDismissingToasts: true })

    await page.getByRole('link', { name: 'All series' }).click()
    await expectPath(page, '/admin/series')
    const row = page.getByRole('list', { name: 'Series' }).getByRole('listitem').filter({ hasText: 'Office hours' })
    await row.getByText('6 upcoming sessions').waitFor()
    await row.getByText(/^Next Tue, Mar 16, 2027, 10:00 AM GMT\+1$/).waitFor()
    await row.getByText('Active').waitFor()
    await screenshot(page, 'series-06-list')
    await screenshotAt(page, phone, 'series-07-list-phone', { isDismissingToasts: true })
    await row.getByRole('link', { name: 'Office hours' }).click()
    await expectPath(page, `/admin/series/${seriesId}`)
  })

  test('moves the fourth session and the following ones to 11:00 from the webinar’s edit page', async () => {
    const series = await api<Series>('GET', `/api/series/${seriesId}`)
    const fourth = series.occurrences[3]!
    await sessionRows(page).nth(3).getByRole('link').click()
    await expectPath(page, `/admin/webinars/${fourth.webinarId}`)
    await page.getByRole('link', { name: 'Edit' }).click()
    await page.getByRole('heading', { name: 'Edit webinar' }).waitFor()
    await expect(page.getByLabel('Start time').inputValue()).resolves.toBe('10:00')
    await page.getByLabel('Start time').fill('11:00')
    await page.getByRole('button', { name: 'Save changes' }).click()

    const dialog = page.getByRole('dialog', { name: 'Which sessions should change?' })
    await dialog.waitFor()
    await expect(dialog.getByRole('radio', { name: /^This session only/ }).isChecked()).resolves.toBe(true)
    await dialog.getByRole('radio', { name: /^This and following sessions/ }).check()
    await dialog.getByText('The session of Tue, Apr 6, 2027 and the 2 after it change, and so do the sessions the series creates later.').waitFor()
    await viewportScreenshot(page, 'series-08-scope-dialog')
    await page.setViewportSize(phone)
    await viewportScreenshot(page, 'series-09-scope-dialog-phone')
    await page.setViewportSize(desktop)
    await dialog.getByRole('button', { name: 'Save changes' }).click()
    await dialog.waitFor({ state: 'detached' })
    await expectPath(page, `/admin/webinars/${fourth.webinarId}`)

    await openNav(page, 'Series')
    await page.getByRole('link', { name: 'Office hours' }).click()
    await expectPath(page, `/admin/series/${seriesId}`)
    await expect.poll(() => sessionTimes(page)).toEqual([
      '10:00 AM GMT+1',
      '10:00 AM GMT+1',
      '10:00 AM GMT+2',
      '11:00 AM GMT+2',
      '11:00 AM GMT+2',
      '11:00 AM GMT+2',
    ])
    const changed = await api<Series>('GET', `/api/series/${seriesId}`)
    expect(changed.localTime).toBe('11:00')
    expect(changed.occurrences.map((occurrence) => occurrence.startTime).slice(2)).toEqual([
      '2027-03-30T08:00:00.000Z',
      '2027-04-06T09:00:00.000Z',
      '2027-04-13T09:00:00.000Z',
      '2027-04-20T09:00:00.000Z',
    ])
  })

  test('a visitor follows the public link and registers for every upcoming session at once', async () => {
    // As a person would copy it from the series' page.
    const href = await page.getByRole('link', { name: /\/s\/office-hours/ }).getAttribute('href')
    expect(href).toMatch(/^\/s\/office-hours/)
    await visitorPage.bringToFront()
    await visitorPage.goto(new URL(href!, testApp.url).toString())
    await visitorPage.getByRole('heading', { level: 1, name: 'Office hours' }).waitFor()
    await visitorPage.getByText('Hosted by Olive Owner').waitFor()
    const sessions = visitorPage.getByRole('region', { name: 'Upcoming sessions' }).getByRole('listitem')
    await expect.poll(() => sessions.count()).toBe(6)
    // On the visitor's clock first (New York), then on Berlin's.
    await sessions.first().getByText('your time (America/New_York)').waitFor()
    await sessions.first().getByText(/in Europe\/Berlin$/).waitFor()
    const all = visitorPage.getByRole('radio', { name: /^All upcoming sessions \(6\)/ })
    await expect(all.isChecked()).resolves.toBe(true)
    await screenshot(visitorPage, 'series-10-public-phone')
    await screenshotAt(visitorPage, desktop, 'series-11-public-desktop')

    await visitorPage.getByLabel('Full name').fill(visitor.name)
    await visitorPage.getByRole('textbox', { name: 'E-mail', exact: true }).fill(visitor.email)
    await visitorPage.getByRole('button', { name: 'Register' }).click()
    await visitorPage.getByText('Check your inbox: we sent one e-mail with a personal link for each session').waitFor()
    await visitorPage.getByRole('heading', { name: 'You’re registered for 6 sessions' }).waitFor()
    await screenshot(visitorPage, 'series-12-public-registered-phone')
  })

  test('the Mailbox holds one mail with a link per session; one of them opens that session’s page', async () => {
    await page.bringToFront()
    await openNav(page, 'Mailbox')
    await page.getByRole('heading', { name: 'Mailbox' }).waitFor()
    const mail = page.getByRole('list', { name: 'Mail' })
    const newest = mail.getByRole('link').filter({ hasText: visitor.email }).first()
    await newest.getByText('You\'re registered: Office hours (6 sessions)').waitFor()
    await newest.click()
    await page.getByRole('heading', { level: 1, name: 'You\'re registered: Office hours (6 sessions)' }).waitFor()
    const preview = page.frameLocator('iframe[title^="E-mail preview"]')
    const links = preview.getByRole('link', { name: 'Join this session' })
    await expect.poll(() => links.count()).toBe(6)
    const hrefs = await Promise.all((await links.all()).map((link) => link.getAttribute('href')))
    expect(new Set(hrefs).size).toBe(6)
    for (const href of hrefs) expect(href).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/)
    // Only one mail went to the visitor.
    const list = await api<MailboxList>('GET', `/api/mailbox?to=${encodeURIComponent(visitor.email)}`)
    expect(list.items.map((item) => item.kind)).toEqual(['series_registered'])

    // The fourth link, as from the mail client (the mail names the app's public address; this one listens elsewhere):
    // the fourth session's page, at its new time.
    const series = await api<Series>('GET', `/api/series/${seriesId}`)
    await visitorPage.bringToFront()
    await visitorPage.goto(`${testApp.url}${new URL(hrefs[3]!).pathname}`)
    await visitorPage.getByRole('heading', { level: 1, name: 'Office hours' }).waitFor()
    await visitorPage.getByText(`Registered as ${visitor.name}`).waitFor()
    await visitorPage.locator(`time[datetime="${series.occurrences[3]!.startTime}"]`).first().waitFor()
  })

  test('cancels the series after saying that every registrant gets one mail', async () => {
    await page.bringToFront()
    await openNav(page, 'Series')
    await page.getByRole('link', { name: 'Office hours' }).click()
    await expectPath(page, `/admin/series/${seriesId}`)
    await page.getByRole('button', { name: 'Cancel series' }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Cancel the series “Office hours”?' })
    await confirm.waitFor()
    await confirm.getByText(/All 6 upcoming sessions are cancelled/).waitFor()
    await confirm.getByText('one e-mail').waitFor()
    await viewportScreenshot(page, 'series-13-cancel-confirm')
    // Changing one's mind changes nothing.
    await confirm.getByRole('button', { name: 'Keep the series' }).click()
    await confirm.waitFor({ state: 'detached' })
    expect((await api<Series>('GET', `/api/series/${seriesId}`)).status).toBe('active')

    await page.getByRole('button', { name: 'Cancel series' }).click()
    await confirm.getByRole('button', { name: 'Cancel series' }).click()
    await confirm.waitFor({ state: 'detached' })
    await page.getByText('Cancelled', { exact: true }).first().waitFor()
    await expect(page.getByRole('button', { name: 'Cancel series' }).count()).resolves.toBe(0)
    await expect.poll(async () => (await sessionRows(page).getByText('Cancelled').filter({ visible: true }).count())).toBe(6)
    await screenshot(page, 'series-14-page-cancelled')
    // The visitor registered for six sessions and hears it once.
    await expect
      .poll(async () => (await api<MailboxList>('GET', `/api/mailbox?to=${encodeURIComponent(visitor.email)}`)).items.map((item) => item.kind), { timeout: 15_000 })
      .toEqual(['series_cancelled', 'series_registered'])
  })
})

import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { PersonExport } from '@webinar/shared/privacy'
import type { Registration } from '@webinar/shared/registrations'
import type { Webinar } from '@webinar/shared/webinars'
import type { TestApp } from '../server/test/support/test-app.ts'
import { expect, registerPublicly, test, type AdminSession, type Registrant } from './support/fixtures.ts'
import { expectPath, phone, screenshot as saveScreenshot, screenshotAt, viewportScreenshot } from './support/pages.ts'

// Registrants' data on request, in Chromium against the real app. A registrant follows the link in their mail
// (found in the Mailbox, as no SMTP is configured) and, from their personal page, cancels and erases their data:
// a dialog says what happens, then a page says it is done. The organiser answers two more requests on the People
// page: one person's data exported as a JSON file (the download is read), another person erased after typing their
// address again; the audit log below lists all three, naming nobody by address.

test.use({
  testFile: import.meta.url,
  webinarToCreate: { title: 'Privacy by design' },
  registrantToRegister: { name: 'Ada Attendee', email: 'ada@example.com' },
})
test.describe.configure({ mode: 'serial' })

const exported = { name: 'Grace Hopper', email: 'grace@example.com' }
const erased = { name: 'Linus Leaving', email: 'linus@example.com' }

let testApp: TestApp
let api: AdminSession['api']
let adminPage: Page
let registrantPage: Page
let webinar: Webinar
let registrant: Registrant

const screenshot = (target: Page, name: string) => saveScreenshot(target, `privacy-${name}`)

async function registrationNames(webinarId: string): Promise<string[]> {
  const list = await api<{ items: Registration[] }>('GET', `/api/webinars/${webinarId}/registrations`)
  return list.items.map((registration) => registration.name)
}

test.beforeAll(async ({ testApp: app, adminSession, admin, webinar: created, registrant: registered, openContext }) => {
  testApp = app
  api = adminSession.api
  adminPage = admin.page
  webinar = created
  registrant = registered
  registrantPage = await (await openContext({ viewport: phone, locale: 'en-GB', timezoneId: 'Europe/London' })).newPage()
  for (const person of [exported, erased]) await registerPublicly(testApp, webinar.slug, person)
})

test('the registrant follows the link in their mail and cancels and erases their data', async () => {
  // They registered for a second webinar with the same address: both go.
  const second = await api<Webinar>('POST', '/api/webinars', {
    title: 'Privacy, part two',
    startTime: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(),
    timezone: 'Europe/Paris',
    durationMinutes: 45,
  })
  await registerPublicly(testApp, second.slug, { name: registrant.name, email: registrant.email })

  await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }).click()
  await adminPage.getByRole('list', { name: 'Mail' }).getByRole('link').filter({ hasText: 'Privacy by design' }).filter({ hasText: registrant.email }).first().click()
  const link = await adminPage.frameLocator('iframe[title^="E-mail preview"]').getByRole('link', { name: 'Join the webinar' }).getAttribute('href')
  // The mail links to the configured public address; this test's server listens elsewhere.
  const joinPath = new URL(link!).pathname
  expect(joinPath).toBe(registrant.joinPath)

  await registrantPage.goto(`${testApp.url}${joinPath}`)
  await registrantPage.getByRole('heading', { level: 1, name: 'Privacy by design' }).waitFor()
  await registrantPage.getByRole('button', { name: 'Cancel and erase my data' }).click()
  const dialog = registrantPage.getByRole('alertdialog', { name: 'Cancel and erase your data?' })
  await dialog.getByText(registrant.email).waitFor()
  await dialog.getByText('This cannot be undone').waitFor()
  await viewportScreenshot(registrantPage, 'privacy-01-join-erase-dialog')
  // Keeping it changes nothing.
  await dialog.getByRole('button', { name: 'Keep my registration' }).click()
  await expect(dialog).toBeHidden()
  await registrantPage.getByRole('button', { name: 'Cancel and erase my data' }).click()
  await dialog.getByRole('button', { name: 'Cancel and erase my data' }).click()

  await registrantPage.getByRole('heading', { name: 'Your data has been erased' }).waitFor()
  await registrantPage.getByText('across 2 registrations').waitFor()
  await screenshot(registrantPage, '02-join-erased')
  expect(await registrationNames(webinar.id)).not.toContain(registrant.name)
  expect(await registrationNames(second.id)).toEqual(['Erased registrant'])
  // The link in the mail opens nothing any more.
  await registrantPage.reload()
  await registrantPage.getByRole('heading', { name: /link/i }).waitFor()
})

test('the organiser exports a person’s data from the People page and gets the file', async () => {
  await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click()
  await expectPath(adminPage, '/admin/people')
  await adminPage.getByRole('heading', { level: 1, name: 'People' }).waitFor()
  // The registrant's own erasure is already in the log, by reference.
  const log = adminPage.getByRole('table', { name: 'Audit log' })
  await log.getByRole('row').filter({ hasText: 'The registrant, from their personal link' }).waitFor()

  // A typo is caught before anything is asked.
  await adminPage.getByLabel('E-mail address').fill('grace@')
  await adminPage.getByRole('button', { name: 'Export data (JSON)' }).click()
  await adminPage.getByText('Enter the e-mail address they registered with, e.g. ada@example.com.').waitFor()
  await expect(adminPage.getByLabel('E-mail address')).toHaveAttribute('aria-invalid', 'true')

  await adminPage.getByLabel('E-mail address').fill(exported.email.toUpperCase())
  const downloading = adminPage.waitForEvent('download')
  await adminPage.getByRole('button', { name: 'Export data (JSON)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^person-[0-9a-f]{8}\.json$/)
  const document = JSON.parse(await readFile((await download.path())!, 'utf8')) as PersonExport
  expect(document.registrations).toHaveLength(1)
  expect(document.registrations[0]).toMatchObject({ name: exported.name, email: exported.email, webinar: { title: 'Privacy by design' } })
  expect(document.registrations[0]!.mail.map((mail) => mail.kind)).toContain('confirmation')

  await adminPage.getByRole('status').filter({ hasText: `Exported 1 registration of ${exported.email.toUpperCase()}` }).waitFor()
  const exportRow = log.getByRole('row').filter({ hasText: 'Exported their data' })
  await exportRow.waitFor()
  await expect(exportRow).toContainText(download.suggestedFilename().slice('person-'.length, 'person-'.length + 8))
  await expect(log).not.toContainText('@')
  await screenshot(adminPage, '03-people-exported')
})

test('the organiser erases another person after typing their address again', async () => {
  await adminPage.getByLabel('E-mail address').fill(erased.email)
  await adminPage.getByRole('button', { name: 'Erase this person…' }).click()
  const dialog = adminPage.getByRole('alertdialog', { name: 'Erase this person’s data?' })
  const confirm = dialog.getByRole('button', { name: 'Erase this person' })
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel('Type the e-mail address to confirm').fill('linus@example.co')
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel('Type the e-mail address to confirm').fill('LINUS@example.com')
  await expect(confirm).toBeEnabled()
  await viewportScreenshot(adminPage, 'privacy-04-people-erase-dialog')
  await confirm.click()
  await expect(dialog).toBeHidden()

  await adminPage.getByRole('status').filter({ hasText: `Erased 1 registration of ${erased.email}` }).waitFor()
  const log = adminPage.getByRole('table', { name: 'Audit log' })
  await expect(log.getByRole('row').filter({ hasText: 'Erased them' })).toHaveCount(2)
  expect(await registrationNames(webinar.id)).toEqual(expect.arrayContaining([exported.name, 'Erased registrant']))
  expect(await registrationNames(webinar.id)).not.toContain(erased.name)
  await screenshot(adminPage, '05-people-erased')
  await screenshotAt(adminPage, phone, 'privacy-06-people-phone', { isDismissingToasts: true })
})

import { crc32, deflateSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { createMailTransport } from '../server/src/email/mail-transport.ts'
import { parseReceivedMail } from '../server/test/support/received-mail.ts'
import { startSmtpServer, type SmtpTestServer } from '../server/test/support/smtp-test-server.ts'
import { createTestApp } from '../server/test/support/test-app.ts'
import { waitFor } from '../server/test/support/wait-for.ts'
import { expect, test as base } from './support/fixtures.ts'
import { desktop, expectPath, phone, screenshot, screenshotAt } from './support/pages.ts'

// Settings as an admin and as a host: the admin gives the organisation a name, an accent colour and a logo, and the
// public page of a webinar shows them; a host changes their own password there; and someone who forgot theirs asks
// for a link on the sign-in page, gets it by mail (a real SMTP server, here), sets a new password with it and signs
// in, and the link does not work a second time.

/** This file's app sends its mail to a real SMTP server of its own instead of keeping it in the outbox. */
const test = base.extend<object, { smtp: SmtpTestServer }>({
  smtp: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
    async ({}, use) => {
      const server = await startSmtpServer()
      await use(server)
      await server.close()
    },
    { scope: 'worker' },
  ],
  testApp: [
    async ({ smtp }, use) => {
      const mailer = createMailTransport(smtp.url, { from: 'Webinars <webinars@example.com>', timeoutMs: 3000 })
      const testApp = await createTestApp({ mailer })
      await use(testApp)
      await testApp.close()
      await mailer.close()
    },
    { scope: 'worker', timeout: 120_000 },
  ],
})

test.use({ testFile: import.meta.url, webinarToCreate: { title: 'Scaling Postgres' } })

const accent = '#0f766e'
const host = { name: 'Hana Host', email: 'hana@example.com', password: 'hana’s first password' }
const hostsNewPassword = 'hana’s second password'
const forgottenPassword = 'hana’s third password, from the link'

/** A real PNG: a teal bar with a lighter square, 192×48 (what an organisation's wide logo looks like). */
function logoPng(): Buffer {
  const [width, height] = [192, 48]
  const rows: Buffer[] = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) {
      const isSquare = x >= 8 && x < 40 && y >= 8 && y < 40
      row.set(isSquare ? [153, 246, 228] : [15, 118, 110], 1 + x * 3)
    }
    rows.push(row)
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

async function openNav(target: Page, label: string): Promise<void> {
  await target.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click()
}

async function signIn(target: Page, email: string, password: string): Promise<void> {
  await target.getByLabel('E-mail address').fill(email)
  await target.getByLabel('Password', { exact: true }).fill(password)
  await target.getByRole('button', { name: 'Sign in' }).click()
}

let baseUrl: string
let hostPage: Page
/** The reset link as mailed (the app's public URL, which this test's app does not listen on), as this app serves it. */
let mailedLink: string

test.beforeAll(async ({ testApp, adminSession }) => {
  baseUrl = testApp.url
  await adminSession.api('POST', '/api/users', { ...host, role: 'host' })
})

test.describe.serial('settings', () => {
  test('an admin gives the organisation its name, colour, sender and logo', async ({ admin: { page } }) => {
    await openNav(page, 'Settings')
    await expectPath(page, '/admin/settings')
    const organisation = page.getByRole('region', { name: 'Organisation' })
    const form = organisation.getByRole('form', { name: 'Organisation' })
    await expect(form.getByLabel('Organisation name')).toHaveValue('Webinars')
    await expect(form.getByLabel('Accent colour')).toHaveValue('#4f46e5')
    await expect(organisation.getByText('No logo')).toBeVisible()
    await expect(page.getByText('Coming later')).toHaveCount(0)

    // A colour white text is hard to read on is refused at its field, before anything is sent.
    await form.getByLabel('Organisation name').fill('Northwind Events')
    await form.getByLabel('Accent colour').fill('#fbbf24')
    await expect(form.getByText(/White text on it: 1\.\d:1 contrast, too low/)).toBeVisible()
    await form.getByRole('button', { name: 'Save organisation' }).click()
    await expect(form.getByText('Too light for white text on buttons: pick a darker colour (at least 4.5:1).')).toBeVisible()
    await expect(form.getByLabel('Accent colour')).toHaveAttribute('aria-invalid', 'true')

    // The picker and the text field are one value: a colour picked shows as its code.
    await form.getByLabel('Colour picker').fill('#1d4ed8')
    await expect(form.getByLabel('Accent colour')).toHaveValue('#1d4ed8')
    await form.getByLabel('Accent colour').fill(accent)
    await expect(form.getByText('White text on it: 5.5:1 contrast, readable.')).toBeVisible()
    await form.getByLabel('Sender name').fill('Northwind Events')
    await form.getByLabel('Sender address').fill('events@northwind.example')
    await form.getByRole('button', { name: 'Save organisation' }).click()
    await expect(page.getByText('Organisation saved. Public pages and new mail use it now.')).toBeVisible()

    await organisation.getByLabel('Logo').setInputFiles({ name: 'northwind.png', mimeType: 'image/png', buffer: logoPng() })
    await expect(page.getByText('Logo uploaded.')).toBeVisible()
    await expect(organisation.getByRole('img', { name: 'The current logo' })).toBeVisible()
    await expect(organisation.getByRole('button', { name: 'Remove logo' })).toBeVisible()
    // An SVG is refused before it is sent.
    await organisation.getByLabel('Logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') })
    await expect(organisation.getByText('SVG files are not accepted (they can carry scripts): use a PNG, JPEG or WebP image.')).toBeVisible()
    await expect(organisation.getByRole('img', { name: 'The current logo' })).toBeVisible()

    // What was typed survives the logo's upload, and a reload shows what was saved.
    await page.reload()
    await expect(form.getByLabel('Organisation name')).toHaveValue('Northwind Events')
    await expect(form.getByLabel('Accent colour')).toHaveValue(accent)
    await expect(form.getByLabel('Sender address')).toHaveValue('events@northwind.example')
    await expect(organisation.getByRole('img', { name: 'The current logo' })).toBeVisible()
    await screenshot(page, 'settings-01-organisation')
    await screenshotAt(page, phone, 'settings-02-organisation-phone', { isDismissingToasts: true })
  })

  test('the public page of a webinar shows the name, the logo and the colour', async ({ openContext, webinar }) => {
    const context = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris' })
    const visitor = await context.newPage()
    await visitor.goto(`${baseUrl}/w/${webinar.slug}`)
    await visitor.getByRole('heading', { name: 'Scaling Postgres' }).waitFor()
    const header = visitor.getByRole('banner')
    await expect(header.getByText('Northwind Events')).toBeVisible()
    const logo = header.locator('img')
    await expect(logo).toHaveAttribute('src', /^\/api\/public\/branding\/logo\?v=\d+$/)
    await expect.poll(() => logo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(192)
    const register = visitor.getByRole('button', { name: /^Register/ })
    await expect(register).toHaveCSS('background-color', 'rgb(15, 118, 110)')
    await screenshot(visitor, 'settings-03-branded-public-page')
    await screenshotAt(visitor, phone, 'settings-04-branded-public-page-phone')
    await context.close()
  })

  test('a host changes their own password in Settings, where the organisation is not theirs to change', async ({ openContext }) => {
    const context = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris' })
    hostPage = await context.newPage()
    await hostPage.goto(`${baseUrl}/login`)
    await signIn(hostPage, host.email, host.password)
    await expectPath(hostPage, '/admin/webinars')

    await openNav(hostPage, 'Settings')
    await expectPath(hostPage, '/admin/settings')
    const form = hostPage.getByRole('form', { name: 'Change password' })
    await form.waitFor()
    await expect(hostPage.getByRole('region', { name: 'Organisation' })).toHaveCount(0)
    await expect(hostPage.getByRole('region', { name: 'Webhooks' })).toHaveCount(0)
    await form.getByLabel('Current password').fill(host.password)
    await form.getByLabel('New password', { exact: true }).fill(hostsNewPassword)
    await form.getByLabel('Confirm new password').fill(hostsNewPassword)
    await form.getByRole('button', { name: 'Change password' }).click()
    await expect(hostPage.getByText('Password changed. Other devices were signed out.')).toBeVisible()
    await screenshot(hostPage, 'settings-05-host-settings')

    await hostPage.getByRole('button', { name: `Account menu for ${host.name}` }).click()
    await hostPage.getByRole('menuitem', { name: 'Sign out' }).click()
    await expectPath(hostPage, '/login')
    await signIn(hostPage, host.email, host.password)
    await expect(hostPage.getByRole('alert').getByText('The e-mail address or the password is not right.')).toBeVisible()
    await hostPage.getByLabel('Password', { exact: true }).fill(hostsNewPassword)
    await hostPage.getByRole('button', { name: 'Sign in' }).click()
    await expectPath(hostPage, '/admin/webinars')
  })

  test('someone who forgot their password gets a link by mail, sets a new one with it and signs in', async ({ openContext, smtp, testApp }) => {
    const context = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris' })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/login`)
    await page.getByRole('link', { name: 'Forgot password?' }).click()
    await expectPath(page, '/forgot-password')
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor()
    const form = page.getByRole('form', { name: 'Reset your password' })
    await form.getByRole('button', { name: 'Send me a link' }).click()
    await expect(form.getByText('Enter the e-mail address you sign in with.')).toBeVisible()
    await screenshot(page, 'settings-06-forgot-password')
    await form.getByLabel('E-mail address').fill(host.email)
    await form.getByRole('button', { name: 'Send me a link' }).click()
    await expect(page.getByRole('status').getByText('Check your inbox')).toBeVisible()
    await expect(page.getByText(`If an account uses ${host.email}, a link to choose a new password is on its way.`)).toBeVisible()
    await screenshot(page, 'settings-07-forgot-password-sent')

    const received = await waitFor(async () => smtp.received.find((mail) => mail.to.includes(host.email)), 15_000)
    const mail = await parseReceivedMail(received.raw)
    expect(mail.subject).toBe('Reset your password for Northwind Events')
    expect(mail.from?.value).toEqual([{ name: 'Northwind Events', address: 'events@northwind.example' }])
    const link = new URL(/(http:\/\/\S+\/reset-password#token=[A-Za-z0-9_-]{43})/.exec(mail.text ?? '')![1]!)
    expect(link.origin).toBe(testApp.config.publicUrl)
    mailedLink = `${baseUrl}${link.pathname}${link.hash}`

    // The link in the mail, followed: the token leaves the address bar once read.
    await page.goto(mailedLink)
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
    await expectPath(page, '/reset-password')
    expect(new URL(page.url()).hash).toBe('')
    const resetForm = page.getByRole('form', { name: 'Choose a new password' })
    await resetForm.getByLabel('New password', { exact: true }).fill(forgottenPassword)
    await resetForm.getByLabel('Confirm new password').fill('not the same password')
    await resetForm.getByRole('button', { name: 'Set the new password' }).click()
    await expect(resetForm.getByText('This is not the same as the new password.')).toBeVisible()
    await screenshot(page, 'settings-08-reset-password')
    await resetForm.getByLabel('Confirm new password').fill(forgottenPassword)
    await resetForm.getByRole('button', { name: 'Set the new password' }).click()
    await page.getByRole('heading', { name: 'Your new password is set' }).waitFor()
    await screenshot(page, 'settings-09-reset-password-done')

    await page.getByRole('link', { name: 'Sign in' }).click()
    await expectPath(page, '/login')
    await signIn(page, host.email, forgottenPassword)
    await expectPath(page, '/admin/webinars')

    // The host's browser from before the reset was signed out by it.
    await hostPage.reload()
    await expectPath(hostPage, '/login')
    await hostPage.getByRole('heading', { name: 'Sign in' }).waitFor()
  })

  test('the link does not work a second time', async ({ openContext }) => {
    const context = await openContext({ viewport: phone, locale: 'en-US', timezoneId: 'Europe/Paris' })
    const page = await context.newPage()
    await page.goto(mailedLink)
    const resetForm = page.getByRole('form', { name: 'Choose a new password' })
    await resetForm.getByLabel('New password', { exact: true }).fill('someone else’s password')
    await resetForm.getByLabel('Confirm new password').fill('someone else’s password')
    await resetForm.getByRole('button', { name: 'Set the new password' }).click()
    const alert = resetForm.getByRole('alert')
    await expect(alert.getByText(/This password reset link does not work any more/)).toBeVisible()
    await screenshot(page, 'settings-10-reset-link-used-phone')
    await alert.getByRole('link', { name: 'Ask for a new link' }).click()
    await expectPath(page, '/forgot-password')

    // The password is still the one set with the link.
    await page.goto(`${baseUrl}/login`)
    await signIn(page, host.email, 'someone else’s password')
    await expect(page.getByRole('alert').getByText('The e-mail address or the password is not right.')).toBeVisible()
  })
})

import type { BrowserContext, Page } from '@playwright/test'
import { expect, test } from './support/fixtures.ts'
import { desktop, expectPath, screenshot } from './support/pages.ts'

// Changing one's password in Settings: a wrong current password is said at its field, a change signs out the
// owner's other browsers (on their next request they land on the sign-in page, told why), and only the new
// password signs in afterwards. This file has its own app and database, so changing the owner's password here
// leaves the other files' owner alone.

test.use({ testFile: import.meta.url })

const newPassword = 'a brand new owner password'

let baseUrl: string
let ownerPassword: string
let ownerEmail: string
/** The owner's other browser, signed in before the change. */
let otherPage: Page
/** A third one, signed in before the change and only reloaded afterwards. */
let reloadedPage: Page

async function openNav(target: Page, label: string): Promise<void> {
  await target.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click()
}

async function signIn(target: Page, password: string): Promise<void> {
  await target.getByLabel('E-mail address').fill(ownerEmail)
  await target.getByLabel('Password').fill(password)
  await target.getByRole('button', { name: 'Sign in' }).click()
}

async function signedInBrowser(openContext: (options: object) => Promise<BrowserContext>): Promise<Page> {
  const context = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris' })
  const target = await context.newPage()
  await target.goto(`${baseUrl}/`)
  await expectPath(target, '/login')
  await signIn(target, ownerPassword)
  await expectPath(target, '/admin/webinars')
  return target
}

test.beforeAll(async ({ testApp, adminSession, openContext }) => {
  baseUrl = testApp.url
  ownerEmail = adminSession.owner.email
  ownerPassword = adminSession.owner.password
  otherPage = await signedInBrowser(openContext)
  reloadedPage = await signedInBrowser(openContext)
})

test.describe.serial('changing the password', () => {
  test('refuses a wrong current password at its field, then changes it', async ({ admin: { page } }) => {
    await openNav(page, 'Settings')
    await expectPath(page, '/admin/settings')
    const form = page.getByRole('form', { name: 'Change password' })
    await form.waitFor()
    const field = (label: string) => form.getByLabel(label, { exact: true })
    await expect(field('Current password').getAttribute('autocomplete')).resolves.toBe('current-password')
    await expect(field('New password').getAttribute('autocomplete')).resolves.toBe('new-password')
    await expect(field('Confirm new password').getAttribute('autocomplete')).resolves.toBe('new-password')
    await screenshot(page, 'password-01-settings')

    // Checked in the page first: too short, and two copies that differ.
    await field('Current password').fill('not the password')
    await field('New password').fill('too short')
    await field('Confirm new password').fill('something else')
    await form.getByRole('button', { name: 'Change password' }).click()
    await form.getByText('Use at least 10 characters.').waitFor()
    await form.getByText('This is not the same as the new password.').waitFor()

    // The server's answer for a wrong current password sits next to that field, which is emptied for another try.
    await field('New password').fill(newPassword)
    await field('Confirm new password').fill(newPassword)
    await form.getByRole('button', { name: 'Change password' }).click()
    const current = field('Current password')
    await form.getByText('This is not your current password.').waitFor()
    await expect(current.getAttribute('aria-invalid')).resolves.toBe('true')
    await expect(current.inputValue()).resolves.toBe('')
    await expect(current.evaluate((element) => element === document.activeElement)).resolves.toBe(true)
    await form.getByRole('alert').getByText('Please correct the highlighted fields.').waitFor()
    await screenshot(page, 'password-02-settings-wrong-current')

    await current.fill(ownerPassword)
    await form.getByRole('button', { name: 'Change password' }).click()
    await page.getByText('Password changed. Other devices were signed out.').waitFor()
    for (const label of ['Current password', 'New password', 'Confirm new password']) {
      await expect(field(label).inputValue()).resolves.toBe('')
    }
    await expect(form.getByRole('alert').count()).resolves.toBe(0)
    await screenshot(page, 'password-03-settings-changed')

    // This browser got a new session with the answer: it stays signed in.
    await openNav(page, 'Users')
    await expectPath(page, '/admin/users')
    await page.getByRole('list', { name: 'Staff' }).getByText(ownerEmail).waitFor()
  })

  test('sends the other browsers to the sign-in page, saying why', async () => {
    // The next thing the other browser asks the server for is refused: it lands on the sign-in page, told why.
    await openNav(otherPage, 'Users')
    await expectPath(otherPage, '/login?redirectTo=%2Fadmin%2Fusers')
    await otherPage.getByText('Your session has ended. Sign in again.').waitFor()
    await screenshot(otherPage, 'password-04-other-browser-signed-out')

    // Reloaded, the ended session is no session.
    await reloadedPage.reload()
    await expectPath(reloadedPage, '/login')
    await reloadedPage.getByRole('heading', { name: 'Sign in' }).waitFor()
  })

  test('signs in with the new password only', async () => {
    await signIn(otherPage, ownerPassword)
    await otherPage.getByRole('alert').getByText('The e-mail address or the password is not right.').waitFor()

    await otherPage.getByLabel('Password').fill(newPassword)
    await otherPage.getByRole('button', { name: 'Sign in' }).click()
    await expectPath(otherPage, '/admin/users')
    await otherPage.getByRole('list', { name: 'Staff' }).getByText(ownerEmail).waitFor()
  })

  test('without a mail server, "Forgot password?" says how to get a link instead of promising a mail', async ({ openContext }) => {
    // This file's app keeps its mail in the outbox (no SMTP_URL): no reset link can be mailed to anyone.
    const context = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris' })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/login`)
    await page.getByRole('link', { name: 'Forgot password?' }).click()
    await expectPath(page, '/forgot-password')
    await page.getByLabel('E-mail address').fill(ownerEmail)
    await page.getByRole('button', { name: 'Send me a link' }).click()
    await page.getByText('This installation sends no mail').waitFor()
    await page.getByText(`pnpm --filter @webinar/server password:reset-link ${ownerEmail}`).waitFor()
    await expect(page.getByText('Check your inbox').count()).resolves.toBe(0)
    await screenshot(page, 'password-05-forgot-without-mail')
  })
})

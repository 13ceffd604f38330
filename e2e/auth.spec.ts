import type { BrowserContext, Page } from '@playwright/test'
import { expect, test } from './support/fixtures.ts'
import { desktop, expectPath, pathOf, phone, screenshot, screenshotAt } from './support/pages.ts'

// The staff side of the SPA as a person uses it, in Debian's Chromium against the real app (built SPA,
// real API, fresh PostgreSQL database): first run, the admin pages, API keys, sign-out and sign-in.
// Every page and state is saved under e2e/screenshots/ for someone to look at.

test.use({ testFile: import.meta.url })

const owner = { name: 'Olive Owner', email: 'olive@example.com', password: 'correct horse battery staple' }
const host = { name: 'Harper Host', email: 'harper@example.com', password: 'harper host password' }

let baseUrl: string
/** A desktop browser in Paris; its errors fail the test (see fixtures.ts). */
let newContext: () => Promise<BrowserContext>
let page: Page

function phoneScreenshot(target: Page, name: string): Promise<void> {
  return screenshotAt(target, phone, name)
}

async function openNav(target: Page, label: string): Promise<void> {
  await target.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click()
}

async function signIn(target: Page, credentials: { email: string; password: string }): Promise<void> {
  await target.getByLabel('E-mail address').fill(credentials.email)
  await target.getByLabel('Password').fill(credentials.password)
  await target.getByRole('button', { name: 'Sign in' }).click()
}

test.beforeAll(async ({ testApp, openContext }) => {
  baseUrl = testApp.url
  newContext = async () => {
    const created = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris' })
    // The API key dialog copies the secret; headless Chromium asks for permission first.
    await created.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl })
    return created
  }
  page = await (await newContext()).newPage()
})

test.describe.serial('staff dashboard in the browser', () => {
  test('sends the first visitor to set-up, checks the form, and creates the owner', async () => {
    await page.goto(`${baseUrl}/`)
    await expectPath(page, '/setup')
    await page.getByRole('heading', { name: 'Create the first admin' }).waitFor()
    await screenshot(page, '01-setup')
    await phoneScreenshot(page, '02-setup-phone')

    // Empty and too-short answers are explained next to their inputs before anything is sent.
    await page.getByLabel('Password').fill('short')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByText('Enter your name.').waitFor()
    await page.getByText('Use at least 10 characters.').waitFor()
    await expect(page.getByLabel('Your name').getAttribute('aria-invalid')).resolves.toBe('true')
    await screenshot(page, '03-setup-field-errors')

    await page.getByLabel('Your name').fill(owner.name)
    await page.getByLabel('E-mail address').fill(owner.email)
    await page.getByLabel('Password').fill(owner.password)
    await page.getByRole('button', { name: 'Create account' }).click()

    await expectPath(page, '/admin/webinars')
    await page.getByRole('heading', { name: 'No webinars yet' }).waitFor()
    await page.getByRole('button', { name: `Account menu for ${owner.name}` }).waitFor()
    await screenshot(page, '04-webinars-empty')
    await phoneScreenshot(page, '05-webinars-phone')

    // Set-up happens once: afterwards its address and the home page lead to the dashboard.
    await page.goto(`${baseUrl}/setup`)
    await expectPath(page, '/admin/webinars')
    await page.goto(`${baseUrl}/`)
    await expectPath(page, '/admin/webinars')
  })

  test('lets the owner add a host, shows server errors in the form, and remove the host again', async () => {
    await openNav(page, 'Users')
    await expectPath(page, '/admin/users')
    const staff = page.getByRole('list', { name: 'Staff' })
    await staff.getByText(owner.email).waitFor()
    await expect(staff.getByRole('button', { name: `Remove ${owner.name}` }).count()).resolves.toBe(0)
    await screenshot(page, '06-users')

    await page.getByRole('button', { name: 'Add a person' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a person' })
    await dialog.waitFor()
    await dialog.getByLabel('Name').fill(host.name)
    // The server's "already taken" answer is shown at the e-mail field; what was typed stays.
    await dialog.getByLabel('E-mail address').fill(owner.email)
    await dialog.getByLabel('Temporary password').fill(host.password)
    await expect(dialog.getByRole('radio', { name: /^Host/ }).isChecked()).resolves.toBe(true)
    await screenshot(page, '07-users-add-dialog')
    await dialog.getByRole('button', { name: 'Add person' }).click()
    await dialog.getByText('Someone already has an account with this e-mail address.').waitFor()
    await expect(dialog.getByLabel('E-mail address').getAttribute('aria-invalid')).resolves.toBe('true')
    await expect(dialog.getByLabel('Name').inputValue()).resolves.toBe(host.name)
    await screenshot(page, '08-users-add-conflict')

    await dialog.getByLabel('E-mail address').fill(host.email)
    await dialog.getByRole('button', { name: 'Add person' }).click()
    await dialog.waitFor({ state: 'detached' })
    await staff.getByText(host.email).waitFor()
    await screenshot(page, '09-users-added')
    await phoneScreenshot(page, '09-users-added-phone')

    // The new host signs in on another browser and is told, readably, that staff is for admins.
    const hostContext = await newContext()
    const hostPage = await hostContext.newPage()
    await hostPage.goto(`${baseUrl}/admin/users`)
    await expectPath(hostPage, '/login?redirectTo=%2Fadmin%2Fusers')
    await signIn(hostPage, host)
    await expectPath(hostPage, '/admin/users')
    await hostPage.getByRole('heading', { name: 'Only admins manage staff' }).waitFor()
    await expect(hostPage.getByRole('button', { name: 'Add a person' }).count()).resolves.toBe(0)
    await screenshot(hostPage, '10-users-host-view')
    await hostContext.close()

    await staff.getByRole('button', { name: `Remove ${host.name}` }).click()
    const confirm = page.getByRole('alertdialog', { name: `Remove ${host.name}?` })
    await confirm.waitFor()
    await screenshot(page, '11-users-remove-confirm')
    await confirm.getByRole('button', { name: 'Remove' }).click()
    await confirm.waitFor({ state: 'detached' })
    await staff.getByText(host.email).waitFor({ state: 'detached' })
  })

  test('creates an API key, shows its secret once, and revokes it', async () => {
    await openNav(page, 'API keys')
    await expectPath(page, '/admin/api-keys')
    await page.getByText('No API keys yet').waitFor()
    await screenshot(page, '12-api-keys-empty')

    await page.getByLabel('Key name').fill('CRM sync')
    await page.getByRole('button', { name: 'Create key' }).click()
    const secretDialog = page.getByRole('dialog', { name: 'API key “CRM sync” is ready' })
    await secretDialog.waitFor()
    await secretDialog.getByText('Copy it now: it is shown only once').waitFor()
    const secret = await secretDialog.getByLabel('Your new API key').inputValue()
    expect(secret.length).toBeGreaterThan(20)

    await secretDialog.getByRole('button', { name: 'Copy key' }).click()
    await secretDialog.getByRole('button', { name: 'Copied' }).waitFor()
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(secret)
    await screenshot(page, '13-api-keys-secret-once')
    await phoneScreenshot(page, '13-api-keys-secret-once-phone')

    // The key works against the API…
    const withKey = () => fetch(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${secret}` } })
    expect((await withKey()).status).toBe(200)

    // …and once the dialog is closed the secret is gone from the page for good.
    await secretDialog.getByRole('button', { name: 'I’ve stored it safely' }).click()
    await secretDialog.waitFor({ state: 'detached' })
    const keys = page.getByRole('list', { name: 'API keys' })
    await keys.getByText('CRM sync').waitFor()
    expect(await page.content()).not.toContain(secret)
    await page.reload()
    await keys.getByText('CRM sync').waitFor()
    expect(await page.content()).not.toContain(secret)
    await screenshot(page, '14-api-keys-list')

    await keys.getByRole('button', { name: 'Revoke CRM sync' }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Revoke “CRM sync”?' })
    await confirm.waitFor()
    await screenshot(page, '15-api-keys-revoke-confirm')
    await confirm.getByRole('button', { name: 'Revoke key' }).click()
    await confirm.waitFor({ state: 'detached' })
    await page.getByText('No API keys yet').waitFor()
    await screenshot(page, '16-api-keys-revoked')
    expect((await withKey()).status).toBe(401)
  })

  test('shows the mailbox, settings and a friendly page for unknown addresses', async () => {
    await openNav(page, 'Mailbox')
    await expectPath(page, '/admin/mailbox')
    await page.getByRole('heading', { name: 'No mail yet' }).waitFor()
    await screenshot(page, '17-mailbox')

    await openNav(page, 'Settings')
    await expectPath(page, '/admin/settings')
    await page.getByRole('heading', { name: 'Organisation' }).waitFor()
    await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor()
    await screenshot(page, '18-settings')

    await page.goto(`${baseUrl}/admin/no-such-page`)
    await page.getByRole('heading', { name: 'We couldn’t find that page' }).waitFor()
    await screenshot(page, '19-not-found')
    await page.getByRole('link', { name: 'Go to the home page' }).click()
    await expectPath(page, '/admin/webinars')
  })

  test('signs out, refuses a wrong password readably, and signs back in to the dashboard', async () => {
    await page.getByRole('button', { name: `Account menu for ${owner.name}` }).click()
    const signOut = page.getByRole('menuitem', { name: 'Sign out' })
    await signOut.waitFor()
    await screenshot(page, '20-account-menu')
    await signOut.click()
    await expectPath(page, '/login')
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await screenshot(page, '21-login')

    // Signed out, the dashboard is closed and leads back to the login page.
    await page.goto(`${baseUrl}/admin/webinars`)
    await expectPath(page, '/login')

    await signIn(page, { email: owner.email, password: 'not the password' })
    await page.getByRole('alert').getByText('The e-mail address or the password is not right.').waitFor()
    expect(pathOf(page)).toBe('/login')
    await screenshot(page, '22-login-wrong-password')

    // Most likely a typo: the password field is emptied and focused. From there on, the keyboard alone signs in.
    const password = page.getByLabel('Password')
    await expect(password.inputValue()).resolves.toBe('')
    await expect(password.evaluate((element) => element === document.activeElement)).resolves.toBe(true)
    await page.keyboard.type(owner.password)
    await page.keyboard.press('Tab')
    await expect(page.getByRole('button', { name: 'Sign in' }).evaluate((element) => element === document.activeElement)).resolves.toBe(true)
    await screenshot(page, '23-login-keyboard-focus')
    await page.keyboard.press('Enter')

    await expectPath(page, '/admin/webinars')
    await page.getByRole('heading', { name: 'No webinars yet' }).waitFor()
    await screenshot(page, '24-dashboard-after-sign-in')
  })

  test('says readably when the server cannot be reached, and recovers on "Try again"', async () => {
    const offlineContext = await newContext()
    const offlinePage = await offlineContext.newPage()
    await offlinePage.route('**/api/**', (route) => route.abort('connectionrefused'))
    await offlinePage.goto(`${baseUrl}/`)
    await offlinePage.getByRole('heading', { name: 'Can’t load this page' }).waitFor()
    await offlinePage.getByText('Could not reach the server. Check your connection and try again.').waitFor()
    await screenshot(offlinePage, '25-server-unreachable')

    await offlinePage.unroute('**/api/**')
    await offlinePage.getByRole('button', { name: 'Try again' }).click()
    await expectPath(offlinePage, '/login')
    await offlineContext.close()
  })
})

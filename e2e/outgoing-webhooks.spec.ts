import type { Page } from '@playwright/test'
import type { Webinar } from '@webinar/shared/webinars'
import { createTestApp, type TestApp } from '../server/test/support/test-app.ts'
import { startWebhookReceiver, verifiedWebhook, type WebhookReceiver } from '../server/test/support/webhook-receiver.ts'
import { expect, registerPublicly, test as base } from './support/fixtures.ts'
import { expectPath, phone, screenshot as saveScreenshot, screenshotAt, viewportScreenshot } from './support/pages.ts'

// Outgoing webhooks as an owner sets them up, in Chromium against the real app: Settings → Webhooks, adding an
// endpoint (a real HTTP receiver on this machine) and copying its signing secret from the one dialog that shows it,
// a registration on the public page arriving signed, the delivery in the endpoint's log, and a resend that arrives
// with the same webhook-id.

// The receiver listens on 127.0.0.1: this file's app allows private addresses, as an installation that sends to
// its own network would (the refusal without the setting is tested in server/test/outgoing-webhooks.test.ts).
const test = base.extend({
  testApp: [
    async ({ testFile }, use) => {
      if (!testFile) throw new Error('Add test.use({ testFile: import.meta.url }) at the top of the test file.')
      const testApp = await createTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } })
      await use(testApp)
      await testApp.close()
    },
    { scope: 'worker', timeout: 120_000 },
  ],
})

test.use({ testFile: import.meta.url, webinarToCreate: { title: 'Webhooks live demo' } })

let testApp: TestApp
let page: Page
let webinar: Webinar
let receiver: WebhookReceiver
/** What the owner copied from the dialog. */
let copiedSecret: string

async function screenshot(target: Page, name: string): Promise<void> {
  await saveScreenshot(target, `outgoing-webhooks-${name}`)
}

const section = () => page.getByRole('region', { name: 'Webhooks' })
const deliveries = () => section().getByRole('table', { name: 'Deliveries' })
const toast = (text: string | RegExp) => page.locator('[data-sonner-toast]').filter({ hasText: text })

test.beforeAll(async ({ testApp: app, webinar: created, admin }) => {
  testApp = app
  webinar = created
  page = admin.page
  receiver = await startWebhookReceiver()
  // The copy button writes to the clipboard; the test reads it back as the owner would paste it.
  await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url })
})
test.afterAll(async () => {
  await receiver?.close()
})

test.describe.serial('outgoing webhooks in Settings', () => {
  test('adds an endpoint and copies its signing secret, shown once', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    await expectPath(page, '/admin/settings')
    await section().getByText('No endpoints yet').waitFor()
    await screenshot(page, '01-settings-empty')

    await section().getByRole('button', { name: 'Add endpoint' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a webhook endpoint' })
    // A URL that is no URL is refused at its field, before anything is sent.
    await dialog.getByLabel('Endpoint URL').fill('not a url')
    await dialog.getByRole('button', { name: 'Add endpoint' }).click()
    await dialog.getByText(/such as https:\/\/example\.com\/webhooks/).first().waitFor()
    await dialog.getByLabel('Endpoint URL').fill(receiver.url)
    await dialog.getByLabel('Description').fill('CRM sync')
    await dialog.getByLabel('Registration created').check()
    await dialog.getByLabel('Registration updated').check()
    await viewportScreenshot(page, 'outgoing-webhooks-02-add-dialog')
    await dialog.getByRole('button', { name: 'Add endpoint' }).click()

    const secretDialog = page.getByRole('dialog', { name: 'Endpoint added' })
    await secretDialog.getByText('Copy it now: it is shown only once').waitFor()
    await secretDialog.getByRole('button', { name: 'Copy secret' }).click()
    await secretDialog.getByRole('button', { name: 'Copied' }).waitFor()
    copiedSecret = await page.evaluate(() => navigator.clipboard.readText())
    expect(copiedSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    await expect(secretDialog.getByLabel('Signing secret')).toHaveValue(copiedSecret)
    await viewportScreenshot(page, 'outgoing-webhooks-03-secret-dialog')
    // Escape does not throw the secret away by accident.
    await page.keyboard.press('Escape')
    await expect(secretDialog).toBeVisible()
    await secretDialog.getByRole('button', { name: 'I’ve stored it safely' }).click()
    await secretDialog.waitFor({ state: 'detached' })

    const endpoint = section().getByRole('listitem').filter({ hasText: receiver.url })
    await endpoint.getByText('Enabled').waitFor()
    await endpoint.getByText('Registration created, Registration updated').waitFor()
    await endpoint.getByText('CRM sync').waitFor()
    // The secret is nowhere on the page any more.
    await expect(page.getByText(copiedSecret)).toHaveCount(0)
    await screenshot(page, '04-endpoint-added')
  })

  test('delivers a registration, signed with the copied secret, and shows it in the log', async () => {
    await registerPublicly(testApp, webinar.slug, { name: 'Grace Hopper', email: 'grace@example.com' })
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1)
    const message = verifiedWebhook(receiver.received[0]!, copiedSecret)
    expect(message).toMatchObject({ type: 'registration.created', data: { email: 'grace@example.com', name: 'Grace Hopper', webinarId: webinar.id } })

    await section().getByRole('button', { name: 'Show deliveries' }).click()
    const row = deliveries().locator('tbody tr').filter({ hasText: 'Registration created' })
    await row.getByText('Delivered').waitFor()
    await row.getByText('HTTP 200').waitFor()
    await row.getByText('· 1 attempt', { exact: true }).waitFor()
    await row.getByText('Payload').click()
    await row.getByText('"grace@example.com"').waitFor()
    await screenshot(page, '05-delivery-log')
    await screenshotAt(page, phone, 'outgoing-webhooks-06-delivery-log-phone')
  })

  test('resends a delivery with the same webhook-id', async () => {
    const row = deliveries().locator('tbody tr').filter({ hasText: 'Registration created' })
    await row.getByRole('button', { name: /^Resend registration\.created/ }).click()
    await toast('Sending it again.').waitFor()
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(2)
    const [first, again] = receiver.received
    expect(again!.headers['webhook-id']).toBe(first!.headers['webhook-id'])
    expect(again!.body).toBe(first!.body)
    expect(verifiedWebhook(again!, copiedSecret).type).toBe('registration.created')
    // The open log follows the delivery: two attempts now.
    await row.getByText('· 2 attempts', { exact: true }).waitFor({ timeout: 15_000 })
    await row.getByText('Delivered').waitFor()
    await screenshot(page, '07-resent')
  })

  test('turns the endpoint off and on from its menu', async () => {
    const endpoint = section().getByRole('listitem').filter({ hasText: receiver.url })
    await endpoint.getByRole('button', { name: 'Actions for CRM sync' }).click()
    await page.getByRole('menuitem', { name: 'Disable' }).click()
    await toast('The endpoint is off').waitFor()
    await endpoint.getByText('Disabled', { exact: true }).waitFor()
    // Off: resending is not offered.
    await expect(deliveries().getByRole('button', { name: /^Resend/ }).first()).toBeDisabled()
    await screenshot(page, '08-disabled')

    await endpoint.getByRole('button', { name: 'Actions for CRM sync' }).click()
    await page.getByRole('menuitem', { name: 'Enable' }).click()
    await endpoint.getByText('Enabled').waitFor()
  })
})

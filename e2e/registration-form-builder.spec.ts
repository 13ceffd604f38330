import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import type { Webinar } from '@webinar/shared/webinars'
import { expect, test, webinarTitled, type AdminSession, type ContextOptions } from './support/fixtures.ts'
import { desktop, expectPath, phone, screenshot, screenshotAt, screenshotDir } from './support/pages.ts'

// The registration form as an organiser builds it and a visitor meets it, in Chromium against the real app: a
// drop-down, a phone field and a consent with a link added on the New webinar form, reordered from the keyboard,
// seen in the live preview; then a visitor registers on the public page with those answers, and the organiser
// finds them as columns of the registrations table and of the CSV export.

test.use({ testFile: import.meta.url })

const title = 'Customer research roundtable'
const visitor = { name: 'Vera Visitor', email: 'vera@example.com' }
const privacyUrl = 'https://example.com/privacy'

let apiRequest: AdminSession['api']
let openContext: (options: ContextOptions) => Promise<BrowserContext>
/** The owner, signed in on a desktop in Paris (the `admin` fixture). */
let page: Page
let webinar: Webinar

/** The 15th of next month: always in the future. */
function nextMonthDate(): string {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15)).toISOString().slice(0, 10)
}

const builder = () => page.getByRole('list', { name: 'Fields of the registration form' })
/** A field of the builder, by the label its heading shows. */
const builderField = (label: string) => builder().locator(':scope > li').filter({ has: page.getByRole('heading', { name: label, exact: true }) })
const preview = () => page.getByRole('group', { name: 'Preview of the registration form' })

/** The builder's fields, top to bottom, as their headings name them. */
async function fieldOrder(): Promise<string[]> {
  return builder().locator(':scope > li h3 span.truncate').allInnerTexts()
}

/** Adds a field of this type; the focus is in its label, where the organiser types it. */
async function addField(type: string, label: string): Promise<void> {
  await page.getByRole('button', { name: `Add a field: ${type}` }).click()
  const labelInput = builder().locator(':scope > li').last().getByLabel('Label')
  await expect(labelInput).toBeFocused()
  await page.keyboard.type(label)
}

/** Just the builder's section, as it looks at this width (cut from the whole page, so the sticky header stays at the top). */
async function builderScreenshot(name: string): Promise<void> {
  const section = page.locator('div.rounded-2xl', { has: page.getByRole('heading', { name: 'Registration form', level: 2 }) })
  await page.evaluate(() => window.scrollTo(0, 0))
  const box = (await section.boundingBox())!
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, clip: box, animations: 'disabled' })
}

test.beforeAll(async ({ adminSession, admin, openContext: open }) => {
  apiRequest = adminSession.api
  openContext = open
  page = admin.page
})

test.describe.serial('building a registration form', () => {
  test('adds a drop-down, a phone field and a consent with a link, reorders from the keyboard, previews and schedules', async () => {
    // A whole form typed in, and four pictures of it.
    test.setTimeout(120_000)
    await page.getByRole('main').getByRole('link', { name: 'Schedule a webinar' }).first().click()
    await expectPath(page, '/admin/webinars/new')
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Date').fill(nextMonthDate())
    await page.getByLabel('Start time').fill('16:00')

    // Name and e-mail are always there; the form starts with the usual phone question.
    await expect.poll(fieldOrder).toEqual(['Full name', 'E-mail', 'Mobile phone'])
    await expect(builderField('Full name').getByRole('button', { name: /^Remove/ })).toHaveCount(0)

    await addField('Drop-down', 'Team size')
    const teamSize = builderField('Team size')
    await expect(teamSize.getByLabel('Answer key')).toHaveValue('team_size')
    await teamSize.getByLabel('Option 1 of Team size').fill('1–10')
    // Enter in an option starts the next one (it does not send the form).
    await page.keyboard.press('Enter')
    await expect(teamSize.getByLabel('Option 2 of Team size')).toBeFocused()
    await page.keyboard.type('11–100')
    await page.keyboard.press('Enter')
    await page.keyboard.type('More than 100')
    await teamSize.getByRole('checkbox', { name: 'Required' }).check()

    await addField('Phone', 'Work phone')
    await builderField('Work phone').getByLabel('Placeholder').fill('+44 20 7946 0000')

    await addField('Consent', 'I agree to the privacy policy')
    const consent = builderField('I agree to the privacy policy')
    await consent.getByText('Always required: people must agree to register.').waitFor()
    await consent.getByLabel('Link (optional)').fill(privacyUrl)
    await expectPath(page, '/admin/webinars/new')

    // From the keyboard: the moved field keeps the focus, so the same key moves it on.
    await page.getByRole('button', { name: 'Move up: Team size' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(fieldOrder).toEqual(['Full name', 'E-mail', 'Team size', 'Mobile phone', 'Work phone', 'I agree to the privacy policy'])
    await expect(page.getByRole('button', { name: 'Move up: Team size' })).toBeFocused()
    await page.getByText('Team size moved to position 3 of 6.').waitFor()
    await page.keyboard.press('Space')
    await expect.poll(fieldOrder).toEqual(['Full name', 'Team size', 'E-mail', 'Mobile phone', 'Work phone', 'I agree to the privacy policy'])
    await expect(page.getByRole('button', { name: 'Move up: Team size' })).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(page.getByRole('button', { name: 'Move down: Team size' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect.poll(fieldOrder).toEqual(['Full name', 'E-mail', 'Team size', 'Mobile phone', 'Work phone', 'I agree to the privacy policy'])
    await expect(page.getByRole('button', { name: 'Move down: Team size' })).toBeFocused()

    // The live preview is the public form, in the same order, disabled.
    const previewSelect = preview().getByLabel('Team size')
    await expect(previewSelect).toBeDisabled()
    await expect(previewSelect.locator('option')).toHaveText(['Choose…', '1–10', '11–100', 'More than 100'])
    await expect(preview().getByLabel('Work phone')).toHaveAttribute('type', 'tel')
    await expect(preview().getByLabel('Work phone')).toHaveAttribute('placeholder', '+44 20 7946 0000')
    await expect(preview().getByRole('checkbox', { name: /I agree to the privacy policy/ })).toBeDisabled()
    await expect(preview().getByRole('link', { name: /example\.com\/privacy/ })).toHaveAttribute('href', privacyUrl)
    const previewLabels = await preview()
      .locator('input:not([type=checkbox]), select')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent?.replace(/\*$/, '')))
    expect(previewLabels).toEqual(['Full name', 'E-mail', 'Team size', 'Mobile phone', 'Work phone'])

    await builderScreenshot('form-builder-01-desktop')
    await screenshot(page, 'form-builder-02-page-desktop')
    await screenshotAt(page, phone, 'form-builder-03-page-phone')
    await page.setViewportSize(phone)
    await builderScreenshot('form-builder-04-phone')
    await page.setViewportSize(desktop)

    await page.getByRole('button', { name: 'Schedule webinar' }).click()
    await expectPath(page, /^\/admin\/webinars\/[0-9a-f-]{36}$/)
    await page.getByRole('heading', { name: title }).waitFor()
    webinar = await webinarTitled(apiRequest, title)
    expect(webinar.registrationForm.fields).toEqual([
      { key: 'name', type: 'text', label: 'Full name', required: true },
      { key: 'email', type: 'email', label: 'E-mail', required: true },
      { key: 'team_size', type: 'select', label: 'Team size', required: true, options: ['1–10', '11–100', 'More than 100'] },
      { key: 'mobile', type: 'phone', label: 'Mobile phone', required: false },
      { key: 'work_phone', type: 'phone', label: 'Work phone', placeholder: '+44 20 7946 0000', required: false },
      { key: 'i_agree_to_the_privacy_policy', type: 'consent', label: 'I agree to the privacy policy', required: true, linkUrl: privacyUrl },
    ])
  })

  test('a visitor opens the public page from its address and registers with the answers', async () => {
    // The address the webinar's page gives to share, as a person would copy it.
    const publicLink = page.getByRole('main').locator('a[href*="/w/"]').first()
    const publicUrl = new URL((await publicLink.getAttribute('href'))!, page.url())
    expect(publicUrl.pathname).toBe(`/w/${webinar.slug}`)

    const context = await openContext({ viewport: phone, locale: 'en-GB', timezoneId: 'Europe/London' })
    const visitorPage = await context.newPage()
    await visitorPage.goto(publicUrl.toString())
    await visitorPage.getByRole('heading', { level: 1, name: title }).waitFor()
    const form = visitorPage.getByRole('form', { name: 'Registration' })
    await expect(form.getByRole('link', { name: /example\.com\/privacy/ })).toHaveAttribute('href', privacyUrl)
    await expect(form.getByRole('link', { name: /example\.com\/privacy/ })).toHaveAttribute('target', '_blank')

    await form.getByLabel('Full name').fill(visitor.name)
    await form.getByLabel('E-mail').fill(visitor.email)
    await form.getByLabel('Team size').selectOption('11–100')
    await form.getByLabel('Work phone').fill('+44 20 7946 0123')
    await screenshot(visitorPage, 'form-builder-05-public-form-phone')
    // The consent must be given: without it, the form says so and sends nothing.
    await form.getByRole('button', { name: 'Register' }).click()
    await form.getByText('Please accept this to register.').waitFor()
    await form.getByRole('checkbox', { name: /I agree to the privacy policy/ }).check()
    await form.getByRole('button', { name: 'Register' }).click()
    await visitorPage.getByRole('heading', { name: 'You’re registered' }).waitFor()
    await context.close()
  })

  test('the organiser finds the answers as columns of the registrations table and of the CSV', async () => {
    await page.getByRole('tab', { name: 'Registrations' }).click()
    const table = page.getByRole('table', { name: 'Registrations' })
    const row = table.locator('tbody tr').filter({ hasText: visitor.email })
    await row.waitFor()
    const headers = await table.getByRole('columnheader').allInnerTexts()
    expect(headers.map((header) => header.toLowerCase())).toEqual(
      expect.arrayContaining(['team size', 'mobile phone', 'work phone', 'i agree to the privacy policy']),
    )
    const cells = await row.getByRole('cell').allInnerTexts()
    const answerOf = (header: string) => cells[headers.findIndex((text) => text.toLowerCase() === header)]
    expect(answerOf('team size')).toBe('11–100')
    expect(answerOf('work phone')).toBe('+44 20 7946 0123')
    expect(answerOf('i agree to the privacy policy')).toBe('Yes')
    // Left empty: nothing to show, and it says so to a screen reader.
    await expect(row.getByRole('cell').nth(headers.findIndex((text) => text.toLowerCase() === 'mobile phone'))).toHaveText('—No answer')
    await screenshot(page, 'form-builder-06-registrations-desktop')

    const downloading = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Export CSV' }).click()
    const download = await downloading
    const csv = await readFile(await download.path(), 'utf8')
    const [header, ...rows] = csv.trimEnd().split('\r\n')
    expect(header).toBe(
      'name,email,status,registered_at,timezone,source,first_joined_at,last_left_at,watch_seconds,attended,' +
        'Team size,Mobile phone,Work phone,I agree to the privacy policy',
    )
    expect(rows).toHaveLength(1)
    // A leading + gets a quote mark: a spreadsheet would read the number as a formula.
    expect(rows[0]).toMatch(/^Vera Visitor,vera@example\.com,approved,.*,11–100,,'\+44 20 7946 0123,yes$/)
  })

  test('the organiser changes the form later: saved fields start closed and keep their keys', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click()
    await page.getByRole('link', { name: 'Edit' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}/edit`)
    await expect.poll(fieldOrder).toEqual(['Full name', 'E-mail', 'Team size', 'Mobile phone', 'Work phone', 'I agree to the privacy policy'])
    const toggle = builderField('Team size').getByRole('button', { name: 'Team size', exact: true })
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await toggle.click()
    const teamSize = builderField('Team size')
    // Answers are stored under the key: once saved, it is shown, not offered for change.
    await expect(teamSize.getByLabel('Answer key')).toHaveCount(0)
    await teamSize.getByText('team_size', { exact: true }).waitFor()
    await teamSize.getByLabel('Label').fill('Company size')
    await builderScreenshot('form-builder-07-edit-desktop')

    await page.getByRole('button', { name: 'Save changes' }).click()
    await expectPath(page, `/admin/webinars/${webinar.id}`)
    const saved = await webinarTitled(apiRequest, title)
    expect(saved.registrationForm.fields[2]).toEqual({ key: 'team_size', type: 'select', label: 'Company size', required: true, options: ['1–10', '11–100', 'More than 100'] })
  })
})

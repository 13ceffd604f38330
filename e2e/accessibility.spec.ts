import { writeFileSync } from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { chromiumLaunchOptions, fakeMediaArgs } from './support/chromium.ts'
import { expect, test } from './support/fixtures.ts'
import { desktop } from './support/pages.ts'

// Every page, walked as people reach it, checked with axe-core (WCAG 2.1 A and AA): no serious or critical
// violation anywhere. The keyboard too: Tab moves through a page in reading order, and what has focus shows it.
// The summary (pages × violations by impact) is written to e2e/test-results/axe-summary.json.

test.use({
  testFile: import.meta.url,
  launchOptions: chromiumLaunchOptions(fakeMediaArgs),
  webinarToCreate: {
    title: 'Accessible product tour',
    startTime: new Date(Date.now() + 5 * 60_000).toISOString(),
    timezone: 'Europe/Paris',
    durationMinutes: 60,
    settings: { joinAheadSeconds: 3600 },
  },
  registrantToRegister: { name: 'Kim Keyboard', email: 'kim@example.com' },
})

type Impact = 'minor' | 'moderate' | 'serious' | 'critical'
const summary: Record<string, Record<Impact, number> & { rules: string[] }> = {}
/** Serious and critical findings of every page, asserted by the last test (so one run reports every page). */
const blocking: string[] = []

/** axe on the page as it is now; every finding is counted, the serious and critical ones kept for the last test. */
async function checkPage(page: Page, name: string): Promise<void> {
  // The caller waited for the page's content; one more frame lets it settle (pages with live streams are never idle).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const counts = { minor: 0, moderate: 0, serious: 0, critical: 0, rules: [] as string[] }
  for (const violation of results.violations) {
    counts[(violation.impact ?? 'minor') as Impact] += violation.nodes.length
    counts.rules.push(`${violation.id} (${violation.impact})`)
  }
  summary[name] = counts
  blocking.push(
    ...results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${name}: ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => `${node.target.join(' ')} "${node.html.slice(0, 80)}"`).join(', ')}`),
  )
}

/**
 * Tabs through the first `stops` focusable elements: each one shows a focus indicator (an outline or a ring), and
 * none uses a positive tabindex (which would take focus out of reading order).
 */
async function checkKeyboard(page: Page, name: string, stops = 8): Promise<void> {
  expect(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count(), `${name}: positive tabindex`).toBe(0)
  await page.locator('body').click({ position: { x: 1, y: 1 } }).catch(() => {})
  for (let stop = 0; stop < stops; stop++) {
    await page.keyboard.press('Tab')
    const focus = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      if (!element || element === document.body) return null
      const style = getComputedStyle(element)
      const hasOutline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      const hasRing = style.boxShadow !== 'none' && style.boxShadow !== ''
      return { label: `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`, isVisible: hasOutline || hasRing }
    })
    if (!focus) break
    expect(focus.isVisible, `${name}: focus on ${focus.label} is not visible`).toBe(true)
  }
}

let baseUrl: string

test.beforeAll(async ({ testApp }) => {
  baseUrl = testApp.url
})

test.afterAll(() => {
  writeFileSync(path.resolve(import.meta.dirname, 'test-results', 'axe-summary.json'), JSON.stringify(summary, null, 2))
  const rows = Object.entries(summary).map(([page, counts]) => `${page.padEnd(28)} critical ${counts.critical}  serious ${counts.serious}  moderate ${counts.moderate}  minor ${counts.minor}`)
  console.log(`axe-core summary (violating nodes by impact):\n${rows.join('\n')}`)
  if (blocking.length > 0) console.log(`serious or critical:\n${blocking.join('\n')}`)
})

test.describe.serial('accessibility of every page', () => {
  test('the first-run set-up', async ({ openContext }) => {
    const page = await (await openContext({ viewport: desktop })).newPage()
    await page.goto(`${baseUrl}/admin/webinars`)
    await page.getByRole('button', { name: 'Create account' }).waitFor()
    await checkPage(page, 'first-run set-up')
    await checkKeyboard(page, 'first-run set-up', 4)
  })

  test('sign-in and the forgotten-password page', async ({ openContext, adminSession }) => {
    expect(adminSession.cookie).toBeTruthy()
    const page = await (await openContext({ viewport: desktop })).newPage()
    await page.goto(`${baseUrl}/admin/webinars`)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await checkPage(page, 'sign-in')
    await checkKeyboard(page, 'sign-in', 4)
    await page.getByRole('link', { name: /forgot/i }).click()
    await page.getByRole('heading').first().waitFor()
    await checkPage(page, 'forgot password')
  })

  test('the dashboard, the webinar form and the webinar page', async ({ admin, webinar }) => {
    const { page } = admin
    await page.goto(`${baseUrl}/admin/webinars`)
    await page.getByRole('link', { name: webinar.title }).first().waitFor()
    await checkPage(page, 'dashboard')
    await checkKeyboard(page, 'dashboard')
    await page.getByRole('link', { name: 'Schedule a webinar' }).first().click()
    await page.getByLabel('Title').waitFor()
    await checkPage(page, 'create webinar')
    await checkKeyboard(page, 'create webinar')
    await page.goBack()
    await page.getByRole('link', { name: webinar.title }).first().click()
    await page.getByRole('heading', { name: webinar.title }).waitFor()
    await checkPage(page, 'webinar page')
    await page.getByRole('link', { name: 'Edit' }).first().click()
    await page.getByLabel('Title').waitFor()
    await checkPage(page, 'edit webinar')
  })

  test('series: the list, the form and a series page', async ({ admin, adminSession }) => {
    const { page } = admin
    const firstDate = new Date(Date.now() + 7 * 24 * 3600_000).toISOString().slice(0, 10)
    await adminSession.api('POST', '/api/series', {
      title: 'Accessible weekly clinic',
      timezone: 'Europe/Berlin',
      firstDate,
      localTime: '10:00',
      durationMinutes: 45,
      recurrence: { frequency: 'weekly', interval: 1, count: 3 },
    })
    await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Series' }).click()
    await page.getByRole('link', { name: 'Accessible weekly clinic' }).waitFor()
    await checkPage(page, 'series list')
    await page.getByRole('link', { name: /new series/i }).first().click()
    await page.getByLabel('Title').waitFor()
    await checkPage(page, 'create series')
    await page.goBack()
    await page.getByRole('link', { name: 'Accessible weekly clinic' }).click()
    await page.getByRole('heading', { name: 'Accessible weekly clinic' }).waitFor()
    await checkPage(page, 'series page')
  })

  test('the admin pages: mailbox, a mail, users, people, API keys, settings', async ({ admin, registrant }) => {
    expect(registrant.joinToken).toBeTruthy()
    const { page } = admin
    const nav = () => page.getByRole('navigation', { name: 'Main' }).first()
    await nav().getByRole('link', { name: 'Mailbox' }).click()
    await page.getByText('kim@example.com').first().waitFor()
    await checkPage(page, 'mailbox')
    await page.getByText('kim@example.com').first().click()
    await page.getByRole('heading').first().waitFor()
    await checkPage(page, 'mailbox message')
    for (const [label, name] of [
      ['Users', 'users'],
      ['People', 'people'],
      ['API keys', 'api keys'],
      ['Settings', 'settings'],
    ] as const) {
      await nav().getByRole('link', { name: label }).click()
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      await checkPage(page, name)
    }
    await checkKeyboard(page, 'settings')
  })

  test('the public pages: a webinar, a series, the personal page and the room', async ({ openContext, adminSession, webinar, registrant }) => {
    const visitor = await (await openContext({ viewport: desktop, timezoneId: 'America/New_York' })).newPage()
    await visitor.goto(`${baseUrl}/w/${webinar.slug}`)
    await visitor.getByRole('heading', { name: webinar.title }).waitFor()
    await checkPage(visitor, 'public registration')
    await checkKeyboard(visitor, 'public registration')

    const { items } = await adminSession.api<{ items: { slug: string }[] }>('GET', '/api/series')
    await visitor.goto(`${baseUrl}/s/${items[0]!.slug}`)
    await visitor.getByRole('heading', { name: 'Accessible weekly clinic' }).waitFor()
    await checkPage(visitor, 'public series')

    // The link in the confirmation mail.
    await visitor.goto(`${baseUrl}${registrant.joinPath}`)
    await visitor.getByRole('link', { name: 'Join now' }).waitFor()
    await checkPage(visitor, 'join page')
    await checkKeyboard(visitor, 'join page', 4)
    await visitor.getByRole('link', { name: 'Join now' }).click()
    await visitor.getByRole('heading', { name: 'The host will start soon' }).waitFor()
    await checkPage(visitor, 'room')
  })

  test('the studio', async ({ admin, webinar }) => {
    const { page } = admin
    await admin.context.grantPermissions(['camera', 'microphone'], { origin: baseUrl })
    await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Webinars' }).click()
    await page.getByRole('link', { name: webinar.title }).first().click()
    await page.getByRole('link', { name: /open studio/i }).first().click()
    await page.getByText('Backstage', { exact: true }).waitFor()
    await checkPage(page, 'studio')
  })

  test('no page has a serious or critical violation', () => {
    expect(blocking).toEqual([])
  })
})

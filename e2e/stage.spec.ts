import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import type { Webinar } from '@webinar/shared/webinars'
import { chromiumLaunchOptions, fakeMediaArgs } from './support/chromium.ts'
import { expect, joinLinkMailedTo, test, webinarTitled, type AdminSession } from './support/fixtures.ts'
import { desktop, expectPath, phone } from './support/pages.ts'
import type { TestApp } from '../server/test/support/test-app.ts'

// The stage, with four browsers on the real app in local video mode (fake cameras; no media leaves a browser, so a
// person on stage shows to others as a named tile): the host schedules a webinar and invites a guest panelist; the
// panelist follows the link in their invitation (read in the Mailbox, as the organiser would) and meets the host
// backstage; the host goes live; an attendee raises a hand, is accepted, passes the device check and is on stage in
// a second attendee's room; taken off stage, they leave it there too.

test.use({ testFile: import.meta.url, launchOptions: chromiumLaunchOptions(fakeMediaArgs) })

const title = 'Ask the panel: shipping calm software'
const panelist = { name: 'Grace Guest', email: 'grace@example.com' }
const speaker = { name: 'Ada Attendee', email: 'ada@example.com' }
const watcher = { name: 'Bob Bystander', email: 'bob@example.com' }

/** The pictures of this file, for people to look at. */
const shotDir = '/tmp/stage-shots'
mkdirSync(shotDir, { recursive: true })

async function shot(target: Page, name: string, size?: { width: number; height: number }): Promise<void> {
  const before = target.viewportSize()
  if (size) await target.setViewportSize(size)
  // From the top, laid out at this size: a page scrolled down would show its sticky header half-way down the picture.
  await target.evaluate(() => window.scrollTo(0, 0))
  await target.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await target.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true, animations: 'disabled' })
  // Nothing sticks out sideways, at any size.
  expect(await target.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name}: wider than the screen`).toBe(true)
  if (size && before) await target.setViewportSize(before)
}

/** The tiles of the people on a page's stage (local mode), by the names they show. */
const stageOf = (target: Page): Locator => target.getByRole('list', { name: 'On stage' })
const tileOf = (target: Page, name: string): Locator => stageOf(target).getByRole('listitem').filter({ hasText: name })

let testApp: TestApp
let baseUrl: string
let api: AdminSession['api']
let webinar: Webinar
/** The owner, Olive Owner, signed in on a desktop in Paris. */
let host: Page
let guest: Page
let attendee: Page
let audience: Page

test.beforeAll(async ({ testApp: app, adminSession, admin, openContext }) => {
  testApp = app
  baseUrl = app.url
  api = adminSession.api
  await admin.context.grantPermissions(['camera', 'microphone'], { origin: baseUrl })
  host = admin.page
  const newPerson = async (timezoneId: string) => {
    const context = await openContext({ viewport: desktop, locale: 'en-US', timezoneId })
    await context.grantPermissions(['camera', 'microphone'], { origin: baseUrl })
    return context.newPage()
  }
  guest = await newPerson('America/New_York')
  attendee = await newPerson('Europe/London')
  audience = await newPerson('Europe/Berlin')
})

test.describe.serial('the stage', () => {
  test('the host schedules a webinar and invites a guest panelist from its page', async () => {
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' })
    await host.getByRole('main').getByRole('link', { name: 'Schedule a webinar' }).click()
    await host.getByLabel('Title').fill(title)
    await host.getByLabel('Date').fill(tomorrow)
    await host.getByLabel('Start time').fill('10:00')
    await host.getByRole('button', { name: 'Schedule webinar' }).click()
    await expectPath(host, /^\/admin\/webinars\/[0-9a-f-]{36}$/)
    webinar = await webinarTitled(api, title)

    const speakers = host.getByRole('region', { name: 'Speakers' })
    await speakers.getByText('No co-hosts or panelists yet').waitFor()
    await speakers.getByRole('button', { name: 'Invite a panelist' }).click()
    const dialog = host.getByRole('dialog', { name: 'Invite a panelist' })
    // Checked before anything is sent, in the form's words.
    await dialog.getByRole('button', { name: 'Send invitation' }).click()
    await dialog.getByText('Enter their name.').waitFor()
    await dialog.getByLabel('Name').fill(panelist.name)
    await dialog.getByLabel('E-mail address').fill(panelist.email)
    await dialog.getByRole('button', { name: 'Send invitation' }).click()
    await dialog.waitFor({ state: 'detached' })
    await host.getByText(`${panelist.name} is invited.`).waitFor()
    const row = speakers.getByRole('list', { name: 'Co-hosts and panelists' }).getByRole('listitem').filter({ hasText: panelist.name })
    await row.getByText('Panelist').waitFor()
    await row.getByText(panelist.email).waitFor()
    await shot(host, '01-webinar-page-speakers')

    // Inviting the same address twice: the server's reason, shown in the dialog.
    await speakers.getByRole('button', { name: 'Invite a panelist' }).click()
    await dialog.getByLabel('Name').fill('Grace Again')
    await dialog.getByLabel('E-mail address').fill(panelist.email.toUpperCase())
    await dialog.getByRole('button', { name: 'Send invitation' }).click()
    await dialog.getByRole('alert').getByText(/already a speaker/).waitFor()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
  })

  test('the panelist follows the link in their invitation; host and panelist meet backstage', async () => {
    await host.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }).click()
    await host.getByRole('list', { name: 'Mail' }).getByRole('link').filter({ hasText: `You're invited to speak: ${title}` }).click()
    const link = host.frameLocator('iframe[title^="E-mail preview"]').getByRole('link', { name: 'Open your studio' })
    const studioLink = new URL((await link.getAttribute('href'))!)
    expect(studioLink.pathname).toMatch(/^\/stage\/[A-Za-z0-9_-]{43}$/)

    // As from the mail client: the link opens in the panelist's browser (on this test's own port: the app's public
    // address in the mail is the configured one).
    await guest.goto(`${baseUrl}${studioLink.pathname}`)
    await guest.getByRole('heading', { level: 1, name: title }).waitFor()
    await guest.getByText('You’re backstage').waitFor()
    await tileOf(guest, `${panelist.name} (you)`).getByText('Panelist').waitFor()
    await expect.poll(() => guest.locator('video').evaluate((video: HTMLVideoElement) => video.readyState), { timeout: 10_000 }).toBeGreaterThan(1)

    await host.goto(`${baseUrl}/studio/${webinar.id}`)
    await host.getByText('Backstage', { exact: true }).waitFor()
    // Each sees the other on stage, with their role.
    await tileOf(host, panelist.name).getByText('Panelist').waitFor()
    await tileOf(host, 'Olive Owner (you)').getByText('Host').waitFor()
    await tileOf(guest, 'Olive Owner').getByText('Host').waitFor()
    await expect(stageOf(host).getByRole('listitem')).toHaveCount(2)
    const panel = host.getByRole('region', { name: 'Stage' })
    await panel.getByRole('listitem').filter({ hasText: panelist.name }).getByText('Ready backstage').waitFor()
    await shot(host, '02-studio-backstage')
    await shot(guest, '03-panelist-backstage')
    await shot(guest, '03b-panelist-backstage-phone', phone)

    // A link that leads nowhere says so.
    const stranger = await guest.context().newPage()
    await stranger.goto(`${baseUrl}/stage/${'x'.repeat(43)}`)
    await stranger.getByRole('heading', { name: 'This studio link does not work' }).waitFor()
    await shot(stranger, '04-studio-link-invalid')
    await stranger.close()
  })

  test('the host goes live; an attendee raises a hand and it reaches the studio', async () => {
    await host.getByRole('button', { name: 'Start webinar' }).click()
    await host.getByRole('alertdialog').getByRole('button', { name: 'Start webinar' }).click()
    await host.getByRole('button', { name: 'End webinar' }).waitFor()
    await guest.getByText('You’re live').waitFor({ timeout: 15_000 })

    // Two people register on the public page and open the link from their confirmation mail.
    for (const [page, person] of [
      [attendee, speaker],
      [audience, watcher],
    ] as const) {
      await page.goto(`${baseUrl}/w/${webinar.slug}`)
      await page.getByLabel('Full name').fill(person.name)
      await page.getByLabel('E-mail').fill(person.email)
      await page.getByRole('button', { name: 'Register' }).click()
      await page.getByText(person.email).waitFor()
      await page.goto(`${baseUrl}${(await joinLinkMailedTo(testApp, person.email)).joinPath}`)
      await expectPath(page, /\/join\/[A-Za-z0-9_-]{43}\/room$/)
      await page.getByText('The webinar is live').waitFor()
      // The speakers are on stage, the audience never is.
      await tileOf(page, 'Olive Owner').waitFor()
      await tileOf(page, panelist.name).waitFor()
    }
    await expect(stageOf(audience).getByRole('listitem')).toHaveCount(2)

    await attendee.getByRole('button', { name: 'Raise hand' }).click()
    await attendee.getByText('Hand raised, waiting for the host').waitFor()
    const hands = host.getByRole('region', { name: 'Stage' }).getByRole('list', { name: 'Hands up' })
    await hands.getByRole('listitem').filter({ hasText: speaker.name }).waitFor({ timeout: 15_000 })
    await shot(host, '05-studio-hand-up')
    await shot(host, '05b-studio-hand-up-phone', phone)
    await shot(attendee, '06-room-hand-raised')
  })

  test('accepted, the attendee passes the device check and is on stage, in the other attendee’s room too', async () => {
    await host.getByRole('button', { name: `Bring ${speaker.name} on stage` }).click()
    const check = attendee.getByRole('dialog', { name: 'You’re invited on stage' })
    await check.waitFor({ timeout: 15_000 })
    await expect.poll(() => check.locator('video').evaluate((video: HTMLVideoElement) => video.readyState), { timeout: 10_000 }).toBeGreaterThan(1)
    await expect(check.getByLabel('Camera')).not.toHaveValue('')
    await expect(check.getByLabel('Microphone')).not.toHaveValue('')
    await shot(attendee, '07-room-device-check')
    await check.getByRole('button', { name: 'Join the stage' }).click()
    await attendee.getByText('You’re on stage').waitFor()
    await tileOf(attendee, `${speaker.name} (you)`).locator('video').waitFor()
    await attendee.getByRole('button', { name: 'Mute microphone' }).waitFor()

    // Stream lets them speak: they are on everyone's stage. (The call has no name for an attendee in local mode, so
    // the other attendee's tile says only what they are.)
    await stageOf(audience).getByRole('listitem').filter({ hasText: 'Attendee' }).waitFor({ timeout: 15_000 })
    await expect(stageOf(audience).getByRole('listitem')).toHaveCount(3)
    await tileOf(host, speaker.name).waitFor()
    const onStage = host.getByRole('region', { name: 'Stage' }).getByRole('list', { name: 'Speakers' }).getByRole('listitem').filter({ hasText: speaker.name })
    await onStage.getByText('On stage').waitFor()
    await shot(host, '08-studio-speakers')
    await shot(attendee, '09-room-on-stage')
    await shot(attendee, '09b-room-on-stage-phone', phone)
    await shot(audience, '10-room-audience-sees-speaker')
  })

  test('taken off stage by the host, the attendee is told and leaves the other attendee’s stage', async () => {
    await host.getByRole('button', { name: 'Take off stage' }).click()
    await attendee.getByText('The host took you off the stage.').waitFor({ timeout: 15_000 })
    await attendee.getByRole('button', { name: 'Raise hand' }).waitFor()
    await expect(attendee.locator('video')).toHaveCount(0)
    await expect(stageOf(audience).getByRole('listitem').filter({ hasText: 'Attendee' })).toHaveCount(0, { timeout: 15_000 })
    await expect(stageOf(audience).getByRole('listitem')).toHaveCount(2)
    await shot(attendee, '11-room-taken-off')
    await shot(audience, '12-room-audience-after')
  })

  test('removed by the host, the panelist’s access ends at once: off the stage, and the studio link stops working', async () => {
    await host.goto(`${baseUrl}/admin/webinars/${webinar.id}`)
    const speakers = host.getByRole('region', { name: 'Speakers' })
    await speakers.getByRole('button', { name: `Remove ${panelist.name}` }).click()
    const confirm = host.getByRole('alertdialog', { name: `Remove ${panelist.name}?` })
    await confirm.getByText('Their access ends at once').waitFor()
    await shot(host, '13-remove-panelist-confirm')
    await confirm.getByRole('button', { name: 'Remove' }).click()
    await confirm.waitFor({ state: 'detached' })
    await speakers.getByText('No co-hosts or panelists yet').waitFor()

    await expect(tileOf(audience, panelist.name)).toHaveCount(0, { timeout: 15_000 })
    await guest.getByRole('heading', { name: 'This studio link does not work' }).waitFor({ timeout: 20_000 })
    await expect(guest.locator('video')).toHaveCount(0)
  })
})

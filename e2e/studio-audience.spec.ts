import type { Page } from '@playwright/test'
import type { RtmpIngress, Webinar } from '@webinar/shared/webinars'
import { chromiumLaunchOptions, fakeMediaArgs } from './support/chromium.ts'
import { addRegistrantWithJoinLink, expect, test, type Registrant } from './support/fixtures.ts'
import { desktop, expectPath, phone, screenshot, screenshotAt, viewportScreenshot } from './support/pages.ts'
import { openPresence, type PresenceConnection } from './support/presence.ts'
import { getStreamCall, verifyStreamToken } from './support/stream-api.ts'
import type { TestApp } from '../server/test/support/test-app.ts'

// The host's studio in front of an audience, in Chromium against the real app in local mode: fifty people watch
// (each holding the presence connection their room would hold), and the studio shows the host's own camera,
// counts fifty viewers and lays out none of them. Then the host's tools: the OBS panel, whose address and stream
// key are checked against the Stream emulator and the Stream secret, and closed captions, which reach an
// attendee's room over its event stream.

const audienceSize = 50

test.use({
  testFile: import.meta.url,
  // A fake camera and microphone: the studio's preview has the host's own video to show.
  launchOptions: chromiumLaunchOptions(fakeMediaArgs),
  webinarToCreate: {
    title: 'All-hands: the year ahead',
    startTime: new Date(Date.now() + 5 * 60_000).toISOString(),
    timezone: 'Europe/Paris',
    durationMinutes: 60,
    settings: { joinAheadSeconds: 3600 },
  },
  registrantToRegister: { name: 'Ada Attendee', email: 'ada@example.com' },
})

let testApp: TestApp
let webinar: Webinar
/** The owner, signed in on a desktop in Paris (the `admin` fixture). */
let host: Page
let attendee: Page
let registrant: Registrant
let audience: Registrant[] = []
let connections: PresenceConnection[] = []

test.beforeAll(async ({ testApp: app, adminSession, webinar: created, registrant: registered, admin, openContext }) => {
  testApp = app
  webinar = created
  registrant = registered
  for (let index = 1; index <= audienceSize; index++) {
    audience.push(await addRegistrantWithJoinLink(app, adminSession, webinar.id, { name: `Viewer ${index}`, email: `viewer${index}@example.com` }))
  }
  await admin.context.grantPermissions(['camera', 'microphone', 'clipboard-read', 'clipboard-write'], { origin: app.url })
  host = admin.page
  attendee = await (await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris' })).newPage()
})

test.afterAll(() => {
  for (const connection of connections) connection.close()
  connections = []
  audience = []
})

test.describe.serial('the studio in front of an audience', () => {
  test('opens the studio from the webinar’s page and goes live', async () => {
    await host.getByRole('link', { name: 'All-hands: the year ahead' }).click()
    await expectPath(host, `/admin/webinars/${webinar.id}`)
    await host.getByRole('link', { name: 'Open studio' }).click()
    await expectPath(host, `/studio/${webinar.id}`)
    await host.getByText('Backstage', { exact: true }).waitFor()
    await host.getByText('0 viewers').waitFor()

    // Viewers are let into the call only once it is live (the backstage refuses them).
    await host.getByRole('button', { name: 'Start webinar' }).click()
    await host.getByRole('alertdialog').getByRole('button', { name: 'Start webinar' }).click()
    await host.getByRole('button', { name: 'End webinar' }).waitFor()
    await host.getByLabel('Time on air').waitFor()
  })

  test(`counts ${audienceSize} viewers in the call and shows only the host’s own video`, async () => {
    connections = await Promise.all(audience.map((person) => openPresence(testApp, person.joinToken)))
    await host.getByText(`${audienceSize} viewers`).waitFor({ timeout: 15_000 })

    // The host's camera plays (Chromium's fake device), and it is the only video on the page: no viewer has a tile.
    const videos = host.locator('video')
    await expect(videos).toHaveCount(1)
    await expect.poll(() => videos.evaluate((video: HTMLVideoElement) => video.readyState), { timeout: 10_000 }).toBeGreaterThan(1)
    await expect(host.getByRole('main').getByText(/^Viewer \d+$/)).toHaveCount(0)
    await screenshot(host, 'studio-audience-01-fifty-viewers')
    // The bar's tools wrap under the title on a phone, the count still in view.
    await screenshotAt(host, phone, 'studio-audience-01b-fifty-viewers-phone')

    // Leaving is counted too: ten close their tab.
    for (const connection of connections.splice(0, 10)) connection.close()
    await host.getByText(`${audienceSize - 10} viewers`).waitFor({ timeout: 15_000 })
  })

  test('gives the RTMP address and a stream key for OBS: the call’s ingress and a host token for it', async () => {
    const answered = host.waitForResponse((response) => response.url().endsWith(`/api/webinars/${webinar.id}/rtmp-ingress`))
    await host.getByRole('button', { name: 'Broadcast from OBS…' }).click()
    const dialog = host.getByRole('dialog', { name: 'Broadcast from OBS' })
    await dialog.getByText('Local mode does not receive media').waitFor()
    const server = dialog.getByLabel('Server', { exact: true })
    await server.waitFor()
    const ingress = (await (await answered).json()) as RtmpIngress

    // The address is the one Stream gives the call.
    const call = await getStreamCall(testApp, webinar.streamCallType, webinar.streamCallId)
    await expect(server).toHaveText(call.ingress.rtmp.address)
    expect(ingress.address).toBe(call.ingress.rtmp.address)

    // The key stays masked until asked for, then shows the token the server minted.
    const key = dialog.getByLabel('Stream key', { exact: true })
    await expect(key).not.toContainText(ingress.streamKey.slice(0, 12))
    await viewportScreenshot(host, 'studio-audience-02-obs-masked')
    await dialog.getByRole('button', { name: 'Show' }).click()
    await expect(key).toHaveText(ingress.streamKey)
    await dialog.getByRole('button', { name: 'Copy the stream key' }).click()
    await expect.poll(() => host.evaluate(() => navigator.clipboard.readText())).toBe(ingress.streamKey)

    // A host token for this call alone, signed with the app's Stream secret, that ends when the panel says.
    const claims = verifyStreamToken(ingress.streamKey)
    expect(claims.call_cids).toEqual([`${webinar.streamCallType}:${webinar.streamCallId}`])
    expect(claims.role).toBe('host')
    expect(typeof claims.user_id).toBe('string')
    expect(Number(claims.exp) * 1000).toBe(Date.parse(ingress.expiresAt))
    await dialog.getByText(/Keep the stream key secret: anyone who has it can broadcast into this webinar as you\. It stops working on/).waitFor()
    await viewportScreenshot(host, 'studio-audience-03-obs-shown')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await dialog.waitFor({ state: 'detached' })
  })

  test('turns captions on for everyone: the attendee’s room says so at once, and off again', async () => {
    // The personal link, as the mail carries it: the webinar is live, so it leads straight into the room.
    await attendee.goto(`${testApp.url}${registrant.joinPath}`)
    await expectPath(attendee, `${registrant.joinPath}/room`)
    await attendee.getByText('The webinar is live').waitFor()
    await expect(attendee.getByText('Captions are on.')).toHaveCount(0)

    const toggle = host.getByRole('button', { name: 'Captions' })
    await expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-pressed', 'true')
    await attendee.getByText('Captions are on.').waitFor({ timeout: 3000 })
    // The attendee's room is one more viewer in the call.
    await host.getByText(`${audienceSize - 10 + 1} viewers`).waitFor()
    await screenshot(host, 'studio-audience-04-captions-on')
    await screenshot(attendee, 'studio-audience-05-attendee-captions-on')

    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await expect(attendee.getByText('Captions are on.')).toHaveCount(0, { timeout: 3000 })
  })
})

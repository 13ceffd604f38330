import type { Page } from '@playwright/test'
import { sendFollowUps } from '../server/src/email/email-jobs.ts'
import { streamTestKeys } from '../server/test/support/test-app.ts'
import { mailAsDelivered } from '../server/test/support/mail.ts'
import { waitFor } from '../server/test/support/wait-for.ts'
import { expect, test } from './support/fixtures.ts'
import { desktop, phone, screenshot, screenshotAt } from './support/pages.ts'
import { signStreamToken } from './support/stream-api.ts'

// The replay, in Chromium against the real app (local video mode): a recorded webinar ends while an attendee is
// in the room, whose ended screen waits for the recording; the follow-ups go out before Stream has it ready; when
// it is, the room plays it by itself and the registrant gets "the replay is ready", whose link opens their replay
// page; the host finds the recording on the webinar's page. The emulator's recording is a real MP4 (a test card as
// long as the recording), so every player here really loads and plays it.

test.use({
  testFile: import.meta.url,
  webinarToCreate: {
    title: 'Design systems in practice',
    startTime: new Date(Date.now() + 5 * 60_000).toISOString(),
    timezone: 'Europe/Paris',
    durationMinutes: 45,
    settings: { record: true, joinAheadSeconds: 3600 },
  },
  registrantToRegister: { name: 'Ada Attendee', email: 'ada@example.com' },
})

let baseUrl: string
let attendee: Page
let replayPath: string

/** Waits for the page's first <video> to have loaded its metadata, plays it muted a moment, and says what it played. */
async function playedVideo(page: Page): Promise<{ duration: number; width: number; playedTo: number }> {
  const video = page.locator('video').first()
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1)
  return video.evaluate(async (element: HTMLVideoElement) => {
    element.muted = true
    await element.play()
    await new Promise((resolve) => setTimeout(resolve, 1200))
    element.pause()
    return { duration: element.duration, width: element.videoWidth, playedTo: element.currentTime }
  })
}

test.beforeAll(async ({ testApp, openContext }) => {
  baseUrl = testApp.url
  attendee = await (await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/London' })).newPage()
})

test.describe.serial('the replay', () => {
  test('the room’s ended screen waits for the recording of a webinar that just ended', async ({ adminSession, webinar, registrant }) => {
    await adminSession.api('POST', `/api/webinars/${webinar.id}/start`)
    await attendee.goto(`${baseUrl}${registrant.joinPath}/room`)
    await attendee.getByText('The webinar is live').waitFor()
    // A short talk: what is recorded lasts from the start to the end.
    await attendee.waitForTimeout(6000)

    await adminSession.api('POST', `/api/webinars/${webinar.id}/end`)
    await attendee.getByRole('heading', { name: 'This webinar has ended' }).waitFor()
    await attendee.getByText('The replay is on its way').waitFor()
    await screenshot(attendee, 'replay-01-room-ended-waiting')
  })

  test('when Stream has the recording ready after the follow-ups, the room plays it by itself', async ({ testApp, webinar }) => {
    // The follow-up job (due two minutes after the end) runs now: the recording is not ready, so it has no replay.
    expect(await sendFollowUps({ db: testApp.database.db, outbox: testApp.outbox }, webinar.id)).toBe(1)

    // In local mode the emulator is mounted on the app's own origin, and its recordings' addresses are there (where
    // the page's Content-Security-Policy lets a <video> load them). Here the app's node-sdk talks to a standalone
    // emulator: one request through the app's mount first puts the recording's address on the app's origin.
    const mounted = await fetch(`${baseUrl}/__stream/api/v2/video/call/${webinar.streamCallType}/${webinar.streamCallId}?api_key=${streamTestKeys.apiKey}`, {
      headers: { authorization: signStreamToken({ server: true }), 'stream-auth-type': 'jwt' },
    })
    expect(mounted.status).toBe(200)
    const recording = testApp.emulator.makeRecordingReady(webinar.streamCallType, webinar.streamCallId)
    expect(recording.url.startsWith(`${baseUrl}/__stream/recordings/`)).toBe(true)

    // The room asks again while the replay is on its way (every 15 s).
    await attendee.locator('video').waitFor({ timeout: 40_000 })
    const played = await playedVideo(attendee)
    expect(played.width).toBe(320)
    expect(played.duration).toBeGreaterThan(0)
    expect(played.playedTo).toBeGreaterThan(0.5)
    await attendee.locator('video').evaluate((element: HTMLVideoElement) => (element.currentTime = 0))
    await screenshot(attendee, 'replay-02-room-ended-playing')
  })

  test('the registrant gets “the replay is ready” once, and its link opens their replay page', async ({ testApp, webinar, registrant }) => {
    const replayMails = async () => {
      const { rows } = await testApp.database.pool.query<{ kind: string }>(
        `select kind from email_messages where webinar_id = $1 and to_email = $2 and kind in ('replay_ready', 'follow_up_attended', 'follow_up_missed') order by created_at`,
        [webinar.id, registrant.email],
      )
      return rows.some((row) => row.kind === 'replay_ready') ? rows.map((row) => row.kind) : undefined
    }
    // A six-second visit is not "attended" (the webinar's threshold): either follow-up, then the replay, once.
    expect(await waitFor(replayMails, 20_000)).toEqual([expect.stringMatching(/^follow_up_(attended|missed)$/), 'replay_ready'])

    const mail = await mailAsDelivered(testApp, registrant.email, ['replay_ready'])
    expect(mail.text).toContain(`Watch the replay: ${testApp.config.publicUrl}/join/${registrant.joinToken}/replay`)
    replayPath = new URL(/Watch the replay: (\S+)/.exec(mail.text)![1]!).pathname

    const page = await attendee.context().newPage()
    await page.goto(`${baseUrl}${replayPath}`)
    await page.getByRole('heading', { name: 'Watch the replay' }).waitFor()
    await page.getByRole('heading', { level: 1, name: webinar.title }).waitFor()
    const played = await playedVideo(page)
    expect(played.playedTo).toBeGreaterThan(0.5)
    await page.locator('video').evaluate((element: HTMLVideoElement) => (element.currentTime = 0))
    await page.getByText(/^Recorded /).waitFor()
    await screenshot(page, 'replay-03-replay-page')
    await screenshotAt(page, phone, 'replay-04-replay-page-phone')

    // The personal page itself, after the end, plays it too.
    await page.goto(`${baseUrl}${registrant.joinPath}`)
    await page.getByRole('heading', { name: 'This webinar has ended' }).waitFor()
    await playedVideo(page)
    await page.locator('video').evaluate((element: HTMLVideoElement) => (element.currentTime = 0))
    await screenshot(page, 'replay-05-personal-page')
    await page.close()
  })

  test('a link that is not valid opens no replay', async () => {
    const page = await attendee.context().newPage()
    await page.goto(`${baseUrl}/join/${'A'.repeat(43)}/replay`)
    await page.getByRole('heading', { name: 'This link doesn’t work' }).waitFor()
    expect(await page.locator('video').count()).toBe(0)
    await page.close()
  })

  test('the host finds the recording on the webinar’s page, and plays it there', async ({ admin, webinar }) => {
    const page = admin.page
    await page.goto(`${baseUrl}/admin/webinars/${webinar.id}`)
    const recordings = page.getByRole('list', { name: 'Recordings' })
    await recordings.getByText(/^Recording 1 · \d+:\d\d$/).waitFor()
    await recordings.getByRole('link', { name: 'Download Recording 1 (opens in a new tab)' }).waitFor()
    await screenshot(page, 'replay-06-admin-recordings')
    await recordings.getByRole('button', { name: 'Play Recording 1' }).click()
    const played = await playedVideo(page)
    expect(played.playedTo).toBeGreaterThan(0.5)
    await page.locator('video').evaluate((element: HTMLVideoElement) => (element.currentTime = 0))
    await screenshot(page, 'replay-07-admin-playing')
  })
})

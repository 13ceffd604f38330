import type { Page } from '@playwright/test'
import type { Webinar } from '@webinar/shared/webinars'
import { chromiumLaunchOptions, fakeMediaArgs } from './support/chromium.ts'
import { expect, registerWithJoinLink, test } from './support/fixtures.ts'
import { desktop, phone, screenshot } from './support/pages.ts'

// The live room as two people use it at once, in Chromium against the real app (local video mode: the Stream
// emulator has no WebRTC): the host in the studio, an attendee behind their personal link. Going live reaches
// the attendee over Server-Sent Events without a reload; chat, questions and polls go both ways; ending closes
// the room for both.

test.use({
  testFile: import.meta.url,
  // A fake camera and microphone: the studio's local preview has something to show.
  launchOptions: chromiumLaunchOptions(fakeMediaArgs),
  webinarToCreate: {
    title: 'Launch week live Q&A',
    startTime: new Date(Date.now() + 5 * 60_000).toISOString(),
    timezone: 'America/New_York',
    durationMinutes: 60,
    settings: { joinAheadSeconds: 3600 },
  },
  registrantToRegister: { name: 'Ada Attendee', email: 'ada@example.com' },
})

const localModeBanner = 'Video runs in local mode: set STREAM_API_KEY and STREAM_API_SECRET to broadcast through Stream'

let baseUrl: string
/** The owner in the studio, signed in on a desktop in Paris (the `admin` fixture). */
let host: Page
/** The registrant, on a desktop in Tokyo. */
let attendee: Page
let joinToken: string
let laterJoinToken: string

test.beforeAll(async ({ testApp, adminSession, webinar, registrant, admin, openContext }) => {
  baseUrl = testApp.url
  joinToken = registrant.joinToken
  const later = await adminSession.api<Webinar>('POST', '/api/webinars', {
    title: 'Quarterly roadmap preview',
    startTime: new Date(Date.now() + 3 * 24 * 60 * 60_000).toISOString(),
    timezone: 'America/New_York',
    durationMinutes: 60,
    settings: { joinAheadSeconds: 600 },
  })
  laterJoinToken = (await registerWithJoinLink(testApp, later.slug, { name: 'Ada Attendee', email: 'ada.later@example.com' })).joinToken

  await admin.context.grantPermissions(['camera', 'microphone'], { origin: baseUrl })
  host = admin.page
  attendee = await (await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Asia/Tokyo' })).newPage()
  await host.goto(`${baseUrl}/studio/${webinar.id}`)
})

test.describe.serial('the live room', () => {
  test('counts down to the room opening, on the visitor’s clock and the webinar’s', async () => {
    // The personal link, as the confirmation mail carries it.
    await attendee.goto(`${baseUrl}/join/${laterJoinToken}`)
    await attendee.getByText('The room opens in').first().waitFor()
    await attendee.getByText(/your time \(Asia\/Tokyo\)/).first().waitFor()
    await attendee.getByText(/in America\/New_York/).first().waitFor()
    await screenshot(attendee, 'room-01-countdown')
  })

  test('opens the studio in the backstage, with the local preview and the local-mode banner', async () => {
    await host.getByRole('heading', { name: 'Launch week live Q&A' }).waitFor()
    await host.getByText(localModeBanner).waitFor()
    await host.getByText('Backstage', { exact: true }).waitFor()
    // The fake camera plays; without one the studio says "No camera found" instead.
    await expect.poll(() => host.locator('video').evaluate((video: HTMLVideoElement) => video.readyState), { timeout: 10_000 }).toBeGreaterThan(1)
    await host.getByRole('button', { name: 'Turn camera off' }).waitFor()
    await screenshot(host, 'room-02-studio-backstage')
  })

  test('lets the attendee into the waiting room while the host is backstage', async () => {
    await attendee.goto(`${baseUrl}/join/${joinToken}`)
    await attendee.getByText('The room is open').waitFor()
    await attendee.getByRole('link', { name: 'Join now' }).click()
    await attendee.getByRole('heading', { name: 'The host will start soon' }).waitFor()
    await host.getByText('0 viewers').waitFor()
    await attendee.getByText('Starting soon').waitFor()
    await screenshot(attendee, 'room-03-attendee-waiting')
  })

  test('switches the attendee to the live room within 2 s of the host starting, without a reload', async () => {
    const navigations: string[] = []
    attendee.on('framenavigated', (frame) => {
      if (frame === attendee.mainFrame()) navigations.push(frame.url())
    })
    await host.getByRole('button', { name: 'Start webinar' }).click()
    const confirm = host.getByRole('alertdialog')
    await confirm.getByText('Start the webinar now?').waitFor()
    await screenshot(host, 'room-04a-studio-start-confirm')
    await confirm.getByRole('button', { name: 'Start webinar' }).click()
    await host.getByRole('button', { name: 'End webinar' }).waitFor()
    const liveAt = Date.now()
    await attendee.getByText('The webinar is live').waitFor({ timeout: 2000 })
    expect(Date.now() - liveAt).toBeLessThan(2000)
    expect(navigations).toEqual([])
    // The operator's banner is for the studio only; the attendee is in the call, and the host sees them.
    await expect(attendee.getByText(localModeBanner).count()).resolves.toBe(0)
    await host.getByText('1 viewer', { exact: true }).waitFor()
    await host.getByLabel('Time on air').waitFor()
    await screenshot(host, 'room-04-studio-live')
    await screenshot(attendee, 'room-05-attendee-live')
  })

  test('carries chat both ways', async () => {
    await attendee.getByRole('textbox', { name: 'Message' }).fill('Hello from Tokyo!')
    await attendee.getByRole('button', { name: 'Send message' }).click()
    await host.getByRole('list', { name: 'Chat messages' }).getByText('Hello from Tokyo!').waitFor()

    await host.getByRole('textbox', { name: 'Message' }).fill('Welcome, everyone. We start with the roadmap.')
    await host.getByRole('button', { name: 'Send message' }).click()
    await attendee.getByRole('list', { name: 'Chat messages' }).getByText('Welcome, everyone. We start with the roadmap.').waitFor()
    await expect.poll(() => attendee.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('')
    await screenshot(attendee, 'room-06-attendee-chat')
  })

  test('lets the attendee ask, the host answer, and the attendee read the answer', async () => {
    await attendee.getByRole('tab', { name: /Q&A/ }).click()
    await attendee.getByLabel('Ask the host a question').fill('Will the API support webhooks for polls?')
    await attendee.getByRole('button', { name: 'Ask question' }).click()
    await attendee.getByRole('list', { name: 'Questions' }).getByText('Will the API support webhooks for polls?').waitFor()

    await host.getByRole('tab', { name: /Q&A/ }).click()
    const question = host.getByRole('list', { name: 'Questions' }).getByRole('listitem').filter({ hasText: 'Will the API support webhooks for polls?' })
    await question.waitFor()
    await question.getByRole('button', { name: 'Pin' }).click()
    await question.getByText('Pinned').waitFor()
    await question.getByRole('button', { name: 'Answer' }).click()
    await question.getByLabel('Answer').fill('Yes: poll events arrive in the next release.')
    await screenshot(host, 'room-07-studio-answering')
    await question.getByRole('button', { name: 'Post answer' }).click()
    await question.getByText('Yes: poll events arrive in the next release.').waitFor()

    const asked = attendee.getByRole('list', { name: 'Questions' }).getByRole('listitem').filter({ hasText: 'Will the API support webhooks for polls?' })
    await asked.getByText('Yes: poll events arrive in the next release.').waitFor()
    await asked.getByText('Answered').waitFor()
    await asked.getByText('Pinned').waitFor()
    await screenshot(attendee, 'room-08-attendee-answered')
  })

  test('runs a poll: the host opens it, the attendee votes once and sees the shared results', async () => {
    await host.getByRole('tab', { name: /Polls/ }).click()
    await host.getByRole('button', { name: 'New poll' }).click()
    await host.getByLabel('Poll question').fill('Which topic next?')
    await host.getByLabel('Option 1').fill('Pricing')
    await host.getByLabel('Option 2').fill('Integrations')
    await host.getByRole('button', { name: 'Save as draft' }).click()
    const hostPoll = host.getByRole('list', { name: 'Polls' }).getByRole('listitem').filter({ hasText: 'Which topic next?' }).first()
    await hostPoll.getByRole('button', { name: 'Open poll' }).click()
    await hostPoll.getByRole('button', { name: 'Share results' }).click()
    await hostPoll.getByText('Attendees see these results.').waitFor()

    await attendee.getByRole('tab', { name: /Polls/ }).click()
    await attendee.getByLabel('Integrations').check()
    await attendee.getByRole('button', { name: 'Vote' }).click()
    await attendee.getByRole('list', { name: 'Results of “Which topic next?”' }).getByText('100% · 1').waitFor()
    await host.getByRole('list', { name: 'Results of “Which topic next?”' }).getByText('100% · 1').waitFor()
    await screenshot(attendee, 'room-09-attendee-poll')
    await screenshot(host, 'room-10-studio-poll')
  })

  test('reads well on a phone', async () => {
    await attendee.setViewportSize(phone)
    await attendee.getByRole('tab', { name: /Chat/ }).click()
    await screenshot(attendee, 'room-11-attendee-phone')
    await attendee.setViewportSize(desktop)
  })

  test('ends for everyone after the host confirms', async () => {
    await host.getByRole('button', { name: 'End webinar' }).click()
    const dialog = host.getByRole('alertdialog')
    await dialog.getByText('End the webinar for everyone?').waitFor()
    await screenshot(host, 'room-12-studio-end-confirm')
    await dialog.getByRole('button', { name: 'End webinar' }).click()
    await host.getByText('This webinar has ended').waitFor()
    await attendee.getByRole('heading', { name: 'This webinar has ended' }).waitFor({ timeout: 3000 })
    await screenshot(host, 'room-13-studio-ended')
    await screenshot(attendee, 'room-14-attendee-ended')
  })
})

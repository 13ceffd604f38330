import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { chromiumLaunchOptions, fakeMediaArgs } from './support/chromium.ts'
import { expect, registerWithJoinLink, test } from './support/fixtures.ts'
import { desktop, screenshot } from './support/pages.ts'

// Chat moderation as the people involved live it, in Chromium against the real app: the owner in the studio
// deletes a spam message, mutes its author, sets slow mode and removes them; a second moderator (an admin in
// another studio) hears of each action; the attendees see the message vanish, the muted notice, slow mode and
// the removal. The webinar's page then lists it all in its Moderation card.

test.use({
  testFile: import.meta.url,
  launchOptions: chromiumLaunchOptions(fakeMediaArgs),
  webinarToCreate: {
    title: 'Community call',
    startTime: new Date(Date.now() + 5 * 60_000).toISOString(),
    timezone: 'Europe/Paris',
    durationMinutes: 60,
    settings: { joinAheadSeconds: 3600 },
  },
  registrantToRegister: { name: 'Ada Attendee', email: 'ada@example.com' },
})

/** Where the pictures a person looks at go (besides e2e/screenshots). */
const shotsDir = '/tmp/moderation-shots'
mkdirSync(shotsDir, { recursive: true })
const shot = (target: Page | Locator, name: string) => target.screenshot({ path: path.join(shotsDir, `${name}.png`), animations: 'disabled' })

const spam = 'Buy cheap watches at spam.example, best prices today only!!!'

let baseUrl: string
let webinarId: string
/** The owner, in the studio. */
let host: Page
/** An admin in a studio of their own: the other moderator. */
let moderator: Page
let ada: Page
let bob: Page

const chatOf = (page: Page) => page.getByRole('list', { name: 'Chat messages' })
const sidePanelOf = (page: Page) => page.getByRole('complementary', { name: 'Chat, questions and polls' })

async function enterRoom(page: Page, joinPath: string) {
  await page.goto(`${baseUrl}${joinPath}`)
  await page.getByRole('link', { name: 'Join now' }).click()
  await page.getByRole('textbox', { name: 'Message' }).waitFor()
}

async function moderate(message: string, item: string) {
  const line = chatOf(host).getByRole('listitem').filter({ hasText: message })
  await line.hover()
  await line.getByRole('button', { name: /^Moderate the message from/ }).click()
  await host.getByRole('menuitem', { name: item }).click()
}

test.beforeAll(async ({ testApp, adminSession, webinar, registrant, admin, openContext }) => {
  baseUrl = testApp.url
  webinarId = webinar.id
  host = admin.page
  await admin.context.grantPermissions(['camera', 'microphone'], { origin: baseUrl })

  const password = 'moderator password 1'
  await adminSession.api('POST', '/api/users', { email: 'ana@example.com', name: 'Ana Admin', password, role: 'admin' })
  const moderatorContext = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris' })
  await moderatorContext.grantPermissions(['camera', 'microphone'], { origin: baseUrl })
  moderator = await moderatorContext.newPage()
  await moderator.goto(`${baseUrl}/login`)
  await moderator.getByLabel('E-mail address').fill('ana@example.com')
  await moderator.getByLabel('Password').fill(password)
  await moderator.getByRole('button', { name: 'Sign in' }).click()
  await moderator.waitForURL(`${baseUrl}/admin/webinars`)

  const bobRegistrant = await registerWithJoinLink(testApp, webinar.slug, { name: 'Bob Spammer', email: 'bob@example.com' })
  ada = await (await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/London' })).newPage()
  bob = await (await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Berlin' })).newPage()

  await host.goto(`${baseUrl}/studio/${webinar.id}`)
  await moderator.goto(`${baseUrl}/studio/${webinar.id}`)
  await host.getByRole('heading', { name: 'Community call' }).waitFor()
  await enterRoom(ada, registrant.joinPath)
  await enterRoom(bob, bobRegistrant.joinPath)
})

test.describe.serial('chat moderation', () => {
  test('gives moderators a menu on each attendee’s message', async () => {
    await ada.getByRole('textbox', { name: 'Message' }).fill('Hello from London!')
    await ada.getByRole('button', { name: 'Send message' }).click()
    await bob.getByRole('textbox', { name: 'Message' }).fill(spam)
    await bob.getByRole('button', { name: 'Send message' }).click()
    await chatOf(host).getByText(spam).waitFor()
    await chatOf(ada).getByText(spam).waitFor()

    // Attendees have no such menu.
    await expect(ada.getByRole('button', { name: /^Moderate the message/ })).toHaveCount(0)
    const line = chatOf(host).getByRole('listitem').filter({ hasText: spam })
    await line.hover()
    await line.getByRole('button', { name: 'Moderate the message from Bob Spammer' }).click()
    const menu = host.getByRole('menu')
    await expect(menu.getByRole('menuitem')).toHaveText(['Delete for everyone', 'Mute in chat', 'Remove from webinar…'])
    await screenshot(host, 'moderation-01-studio-message-menu')
    await shot(host, 'studio-message-menu')
    await host.keyboard.press('Escape')
  })

  test('deletes a message for everyone: it vanishes for the attendees, the other moderator is told', async () => {
    await moderate(spam, 'Delete for everyone')
    await expect(chatOf(host).getByText(spam)).toHaveCount(0)
    await expect(chatOf(ada).getByText(spam)).toHaveCount(0)
    await expect(chatOf(bob).getByText(spam)).toHaveCount(0)
    await chatOf(ada).getByText('Hello from London!').waitFor()
    await moderator.getByText('Olive Owner deleted a message from Bob Spammer').waitFor()
  })

  test('mutes an attendee: they are told instead of typing, the moderators see who is muted', async () => {
    await bob.getByRole('textbox', { name: 'Message' }).fill('Why was that deleted?')
    await bob.getByRole('button', { name: 'Send message' }).click()
    await chatOf(host).getByText('Why was that deleted?').waitFor()

    await moderate('Why was that deleted?', 'Mute in chat')
    await host.getByText('Bob Spammer is muted in the chat.').waitFor()
    await sidePanelOf(host).getByRole('button', { name: /^Muted 1/ }).waitFor()
    await chatOf(host).getByRole('listitem').filter({ hasText: 'Why was that deleted?' }).getByText('Muted', { exact: true }).waitFor()
    await moderator.getByText('Olive Owner muted Bob Spammer in the chat').waitFor()
    await sidePanelOf(moderator).getByRole('button', { name: /^Muted 1/ }).waitFor()

    await bob.getByText('A moderator muted you in this chat.').waitFor()
    await expect(bob.getByRole('textbox', { name: 'Message' })).toHaveCount(0)
    await screenshot(bob, 'moderation-02-attendee-muted')
    await shot(sidePanelOf(bob), 'attendee-chat-muted')
  })

  test('sets slow mode live: the attendees’ chat boxes say it, and a message too soon is refused with the wait', async () => {
    await sidePanelOf(host).getByLabel('Slow mode').selectOption('60')
    await ada.getByText('Slow mode: one message every 60 s.').waitFor()
    await moderator.getByText('Olive Owner set slow mode to one message every 60 s').waitFor()
    await expect(sidePanelOf(moderator).getByLabel('Slow mode')).toHaveValue('60')
    // Ada wrote under a minute ago: the server counts from that message.
    await ada.getByRole('textbox', { name: 'Message' }).fill('Is there a replay?')
    await ada.getByRole('button', { name: 'Send message' }).click()
    await expect(sidePanelOf(ada).getByRole('alert')).toHaveText(/^Slow mode is on: one message every 60 s\. Wait \d+ more seconds? before sending another\.$/)
    // Hosts are never slowed.
    await host.getByRole('textbox', { name: 'Message' }).fill('The replay goes out by e-mail tomorrow.')
    await host.getByRole('button', { name: 'Send message' }).click()
    await host.getByRole('textbox', { name: 'Message' }).fill('Questions go to the Q&A tab, please.')
    await host.getByRole('button', { name: 'Send message' }).click()
    await chatOf(ada).getByText('Questions go to the Q&A tab, please.').waitFor()
    await screenshot(host, 'moderation-03-studio-chat')
    await shot(sidePanelOf(host), 'studio-chat-panel')
    await shot(sidePanelOf(ada), 'attendee-chat-slow-mode')
  })

  test('removes an attendee after saying what it does: they are out of the room at once', async () => {
    await moderate('Why was that deleted?', 'Remove from webinar…')
    const dialog = host.getByRole('alertdialog', { name: 'Remove Bob Spammer from the webinar?' })
    await dialog.getByText(/their personal link stops working/).waitFor()
    await shot(dialog, 'studio-remove-dialog')
    await dialog.getByRole('button', { name: 'Remove from webinar' }).click()
    await host.getByText('Bob Spammer was removed from the webinar.').waitFor()
    await bob.getByRole('heading', { name: 'You were removed from this webinar' }).waitFor()
    await moderator.getByText('Olive Owner removed Bob Spammer from the webinar').waitFor()
    // The studios go on following the room after someone else's removal.
    await host.getByRole('textbox', { name: 'Message' }).fill('Back to the roadmap.')
    await host.getByRole('button', { name: 'Send message' }).click()
    await chatOf(moderator).getByText('Back to the roadmap.').waitFor()
    await chatOf(ada).getByText('Back to the roadmap.').waitFor()
    await screenshot(bob, 'moderation-04-attendee-removed')

    // The link from the mail no longer opens anything.
    await bob.reload()
    await bob.getByText('This link doesn’t work').waitFor()
  })

  test('lists every action on the webinar’s page, with when, who, what and whom', async () => {
    await host.goto(`${baseUrl}/admin/webinars/${webinarId}`)
    const card = host.getByRole('region', { name: 'Moderation' })
    const rows = card.getByRole('table').getByRole('row')
    await expect(rows).toHaveCount(5)
    await expect(rows.nth(1)).toContainText('Olive Owner')
    await expect(rows.nth(1)).toContainText('Deleted a message')
    await expect(rows.nth(1)).toContainText('Bob Spammer')
    await expect(rows.nth(2)).toContainText('Muted in the chat')
    await expect(rows.nth(3)).toContainText('Slow mode: one message every 60 s')
    await expect(rows.nth(4)).toContainText('Removed from the webinar')
    // Times carry the webinar's zone (Paris).
    await expect(rows.nth(1).getByRole('cell').first()).toHaveText(/GMT\+1|CET|CEST|GMT\+2/)
    await card.scrollIntoViewIfNeeded()
    await shot(card, 'admin-moderation-card')
    await screenshot(host, 'moderation-05-webinar-page')
  })
})

import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { MailboxMessage } from '@webinar/shared/mailbox'
import { chromiumLaunchOptions, fakeMediaArgs } from './support/chromium.ts'
import { expect, test } from './support/fixtures.ts'
import { expectShownAsText, watchHostileContext, writeCspReport } from './support/hostile.ts'
import { desktop, expectPath } from './support/pages.ts'

// Whatever people type is shown as the text it is, on every page, and never runs: an organiser schedules a
// webinar from the dashboard whose title and description are HTML and script, names a colleague and an API key
// the same way, an integrator adds questions to the registration form with that key, a person registers on the
// public page with a name and answers of the same kind, opens the link from the mail, and in the live room
// chat, questions, answers and a poll carry payloads too. Each page is checked for the payloads as readable
// text, for `window.__xss` (which a payload that ran would set), for dialogs, and for any element a payload
// would have made; the mail's HTML must carry them escaped. The Content Security Policy's reports are
// collected and printed, not failed on. Pictures of every page go to /tmp/xss-shots/.

test.use({
  testFile: import.meta.url,
  // A fake camera and microphone for the studio's local preview.
  launchOptions: chromiumLaunchOptions(fakeMediaArgs),
})

const img = '<img src=x onerror="window.__xss=(window.__xss||0)+1">'
const script = '<script>window.__xss=1</script>'
const svg = '"><svg onload=window.__xss=1>'
const jsUrl = 'javascript:window.__xss=1'
const alertImg = '<img src=x onerror=alert(document.domain)>'
const markdownLink = '[a link](javascript:window.__xss=1)'
const htmlLink = '<a href="javascript:window.__xss=1" class="xss-marker">html link</a>'
const boldTag = '<b class="xss-marker">bold tag</b>'
const iframeTag = '<iframe src="javascript:window.parent.__xss=1" class="xss-marker"></iframe>'
/** One word with no place to break: the layout must wrap it, not overflow. */
const longWord = `Unbroken${'W'.repeat(160)}`

const title = `XSS ${img} ${svg} ${script}`
const description = [
  `Plain line with **markdown bold**, _emphasis_ and ${markdownLink}.`,
  `${boldTag} ${htmlLink}`,
  img,
  script,
  svg,
  iframeTag,
  alertImg,
  jsUrl,
  longWord,
].join('\n')

const registrantName = `Eve ${img} ${svg}`
const registrantEmail = 'eve@example.com'
const answers = {
  company: `ACME ${img}`,
  about: `${script}\n${markdownLink}\n${htmlLink}`,
}
const form = {
  companyLabel: `Company ${svg}`,
  aboutLabel: `About you ${script}`,
  topicLabel: `Topic ${boldTag}`,
  topicOptions: [`Option ${svg}`, `Other ${jsUrl}`],
}
const colleague = { name: `Mallory ${svg} ${script}`, email: 'mallory@example.com', password: 'a temporary passphrase' }
const keyName = `Key ${img}`

const attendeeChat = `Chat ${img} ${script} ${jsUrl} ${longWord}`
const hostChat = `Host says ${svg} ${htmlLink}`
const question = `Question ${img} ${svg}?`
const answer = `Answer ${script} ${markdownLink}`
const poll = { question: `Poll ${img} ${svg}`, options: [`A ${img}`, `B ${svg} ${script}`, `C ${jsUrl}`] }

let baseUrl: string
/** The owner, signed in through the login page on a desktop in Paris. */
let organiser: Page
/** The registrant, on a desktop in Paris. */
let attendee: Page
let webinarId: string
let publicAddress: string
let joinLink: string
let apiKey: string
/** Dialogs opened in any page of the run: a payload that ran would open them. */
const dialogs: string[] = []

function openNav(target: Page, label: string): Promise<void> {
  return target.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click()
}

/** Tomorrow's date in Paris, as the Date field takes it. */
function tomorrowInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 24 * 3600_000))
}

/**
 * Opens a mail from the Mailbox list, then reads it through the Mailbox API as the page does (a mail opened
 * before comes from the page's cache, so the page's own request cannot be waited for).
 */
async function openMail(subject: string): Promise<MailboxMessage> {
  await organiser.getByRole('list', { name: 'Mail' }).getByRole('link').filter({ hasText: subject }).first().click()
  await organiser.waitForURL(/\/mailbox\/[0-9a-f-]{36}$/)
  const mailId = new URL(organiser.url()).pathname.split('/').at(-1)!
  const message = await organiser.evaluate(async (id) => (await fetch(`/api/mailbox/${id}`)).json() as Promise<MailboxMessage>, mailId)
  await organiser.getByRole('heading', { level: 1, name: message.subject }).waitFor()
  return message
}

/** The mail's HTML carries every payload escaped, and none as markup; its text part carries them as typed. */
function expectEscapedMail(message: MailboxMessage, typed: readonly string[]): void {
  for (const raw of ['<img src=x', '<script>window', '<svg onload', 'href="javascript:', 'class="xss-marker"', '<iframe src="javascript']) {
    expect(message.html, `raw ${raw} in the mail HTML`).not.toContain(raw)
  }
  expect(message.html).toContain('&lt;img src=x onerror=&quot;window.__xss=(window.__xss||0)+1&quot;&gt;')
  expect(message.html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;')
  expect(message.html).toContain('&quot;&gt;&lt;svg onload=window.__xss=1&gt;')
  for (const text of typed) expect(message.text).toContain(text)
}

test.beforeAll(async ({ testApp, adminSession, openContext, pageErrors }) => {
  baseUrl = testApp.url
  // Only this file's watcher reads the console: it reports CSP lines instead of failing on them.
  const organiserContext = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris', watchConsole: false })
  const attendeeContext = await openContext({ viewport: desktop, locale: 'en-US', timezoneId: 'Europe/Paris', watchConsole: false })
  await watchHostileContext(organiserContext, { pageErrors, dialogs })
  await watchHostileContext(attendeeContext, { pageErrors, dialogs })
  await organiserContext.grantPermissions(['camera', 'microphone'], { origin: baseUrl })
  organiser = await organiserContext.newPage()
  attendee = await attendeeContext.newPage()

  // The owner (made by the fixture, through the API) signs in through the login page.
  await organiser.goto(`${baseUrl}/admin/webinars`)
  await expectPath(organiser, /^\/login/)
  await organiser.getByLabel('E-mail address').fill(adminSession.owner.email)
  await organiser.getByLabel('Password').fill(adminSession.owner.password)
  await organiser.getByRole('button', { name: 'Sign in' }).click()
  await organiser.getByRole('heading', { name: 'No webinars yet' }).waitFor()
})

test.afterAll(() => {
  const report = writeCspReport()
  console.log(report.length > 0 ? `CSP reports (${report.length}):\n${report.join('\n')}` : 'No CSP report.')
})

test.describe.serial('hostile content is text everywhere', () => {
  test('the organiser schedules a webinar with HTML and script in its title and description', async () => {
    await organiser.getByRole('main').getByRole('link', { name: 'Schedule a webinar' }).click()
    await organiser.getByRole('heading', { name: 'Schedule a webinar' }).waitFor()
    await organiser.getByLabel('Title').fill(title)
    await organiser.getByLabel('Description').fill(description)
    await organiser.getByLabel('Date').fill(tomorrowInParis())
    await organiser.getByLabel('Start time').fill('14:00')
    await organiser.getByLabel('Time zone').selectOption('Europe/Paris')
    await organiser.getByLabel('Duration (minutes)').fill('60')
    await organiser.getByRole('button', { name: 'Schedule webinar' }).click()

    await organiser.getByRole('heading', { name: title }).waitFor()
    await organiser.getByText('Stream call ready').waitFor()
    webinarId = /\/admin\/webinars\/([0-9a-f-]{36})$/.exec(new URL(organiser.url()).pathname)![1]!
    await expectShownAsText(organiser, 'webinar-detail', [title], dialogs)

    await organiser.getByRole('link', { name: 'All webinars' }).click()
    await expectPath(organiser, '/admin/webinars')
    await organiser.getByRole('link', { name: title }).first().waitFor()
    await expectShownAsText(organiser, 'dashboard-list', [title], dialogs)
  })

  test('a colleague and an API key get hostile names; the key adds hostile questions to the form', async () => {
    await openNav(organiser, 'Users')
    await organiser.getByRole('button', { name: 'Add a person' }).click()
    const dialog = organiser.getByRole('dialog', { name: 'Add a person' })
    await dialog.getByLabel('Name').fill(colleague.name)
    await dialog.getByLabel('E-mail address').fill(colleague.email)
    await dialog.getByLabel('Temporary password').fill(colleague.password)
    await dialog.getByRole('button', { name: 'Add person' }).click()
    await dialog.waitFor({ state: 'detached' })
    await organiser.getByRole('list', { name: 'Staff' }).getByText(colleague.email).waitFor()
    await expectShownAsText(organiser, 'users', [colleague.name], dialogs)

    await openNav(organiser, 'API keys')
    await organiser.getByLabel('Key name').fill(keyName)
    await organiser.getByRole('button', { name: 'Create key' }).click()
    const secretDialog = organiser.getByRole('dialog', { name: `API key “${keyName}” is ready` })
    await secretDialog.waitFor()
    apiKey = await secretDialog.getByLabel('Your new API key').inputValue()
    await expectShownAsText(organiser, 'api-key-created', [keyName], dialogs)
    await secretDialog.getByRole('button', { name: 'I’ve stored it safely' }).click()
    await secretDialog.waitFor({ state: 'detached' })
    await organiser.getByRole('list', { name: 'API keys' }).getByText(keyName).waitFor()
    await expectShownAsText(organiser, 'api-keys', [keyName], dialogs)

    await openNav(organiser, 'Settings')
    await organiser.getByRole('heading', { name: 'Organisation' }).waitFor()
    await expectShownAsText(organiser, 'settings', [], dialogs)

    // The registration form's questions have no editor in the dashboard: an integrator sets them with the key.
    const response = await fetch(`${baseUrl}/api/webinars/${webinarId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        registrationForm: {
          fields: [
            { key: 'name', type: 'text', label: 'Full name', required: true },
            { key: 'email', type: 'email', label: 'E-mail', required: true },
            { key: 'company', type: 'text', label: form.companyLabel, placeholder: img, required: false },
            { key: 'about', type: 'textarea', label: form.aboutLabel, placeholder: svg, required: false },
            { key: 'topic', type: 'select', label: form.topicLabel, options: form.topicOptions, required: false },
          ],
        },
      }),
    })
    expect(response.status, await response.clone().text()).toBe(200)
  })

  test('a person registers on the public page the dashboard links, with a hostile name and answers', async () => {
    await openNav(organiser, 'Webinars')
    await organiser.getByRole('link', { name: title }).first().click()
    await expectPath(organiser, `/admin/webinars/${webinarId}`)
    // The public page's address opens in a new tab; the organiser looks, then shares the address.
    const opening = organiser.context().waitForEvent('page')
    await organiser.getByRole('link', { name: /\/w\// }).click()
    const publicTab = await opening
    await publicTab.getByRole('heading', { level: 1, name: title }).waitFor()
    publicAddress = publicTab.url()
    await expectShownAsText(publicTab, 'public-page-organiser', [title, ...description.split('\n'), form.companyLabel, form.aboutLabel, form.topicLabel], dialogs)
    await publicTab.close()

    await attendee.goto(publicAddress)
    await attendee.getByRole('heading', { level: 1, name: title }).waitFor()
    await attendee.getByLabel('Full name').fill(registrantName)
    await attendee.getByLabel('E-mail').fill(registrantEmail)
    await attendee.getByLabel(form.companyLabel).fill(answers.company)
    await attendee.getByLabel(form.aboutLabel).fill(answers.about)
    await attendee.getByLabel(form.topicLabel).selectOption(form.topicOptions[0]!)
    await expectShownAsText(attendee, 'public-page-filled', [title, form.companyLabel, form.aboutLabel, form.topicLabel], dialogs)
    await attendee.getByRole('button', { name: 'Register' }).click()
    await attendee.getByRole('heading', { name: 'You’re registered' }).waitFor()
    await attendee.getByText(registrantEmail).waitFor()
    // The calendar links carry the title and description as URL parameters, not as markup or a script URL.
    for (const name of [/^Google/, /^Outlook/]) {
      expect(await attendee.getByRole('link', { name }).getAttribute('href')).toMatch(/^https:\/\//)
    }
    await expectShownAsText(attendee, 'public-page-registered', [title], dialogs)
  })

  test('the confirmation mail in the Mailbox carries the payloads escaped, and its link opens the personal page', async () => {
    await openNav(organiser, 'Mailbox')
    await organiser.getByRole('heading', { name: 'Mailbox' }).waitFor()
    const subject = `You're registered: ${title}`
    await organiser.getByRole('list', { name: 'Mail' }).getByRole('link').filter({ hasText: subject }).waitFor()
    await expectShownAsText(organiser, 'mailbox-list', [subject], dialogs)

    const message = await openMail(subject)
    expectEscapedMail(message, [title, registrantName, img, script, svg])
    const preview = organiser.frameLocator('iframe[title^="E-mail preview"]')
    for (const text of [title, `Hi ${registrantName}`, img, script, svg, markdownLink]) await preview.getByText(text, { exact: false }).first().waitFor()
    await expectShownAsText(organiser, 'mail-confirmation', [subject], dialogs)

    const link = preview.getByRole('link', { name: 'Join the webinar' })
    const href = (await link.getAttribute('href'))!
    expect(href).toMatch(/^https?:\/\/[^/]+\/join\/[A-Za-z0-9_-]{43}$/)
    // The mail points at the app's PUBLIC_URL; the test app listens on a port of its own.
    joinLink = `${baseUrl}${new URL(href).pathname}`
    // Every link in the mail goes somewhere safe.
    for (const href of await preview.locator('a[href]').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''))) {
      expect(href).toMatch(/^(https?:|data:text\/calendar)/)
    }
    await organiser.getByRole('tab', { name: 'Plain text' }).click()
    await expectShownAsText(organiser, 'mail-confirmation-text', [title, registrantName], dialogs)

    // As from the mail client: the link opens in the registrant's browser.
    await attendee.goto(joinLink)
    await attendee.getByRole('heading', { level: 1, name: title }).waitFor()
    await attendee.getByText('Registered as').waitFor()
    await expectShownAsText(attendee, 'join-page', [title, registrantName], dialogs)
  })

  test('the host goes live from the studio and the attendee is taken into the room', async () => {
    await openNav(organiser, 'Webinars')
    await organiser.getByRole('link', { name: title }).first().click()
    await organiser.getByRole('link', { name: 'Open studio' }).click()
    await expectPath(organiser, `/studio/${webinarId}`)
    await organiser.getByText('Backstage', { exact: true }).waitFor()
    await expectShownAsText(organiser, 'studio-backstage', [title], dialogs)

    await organiser.getByRole('button', { name: 'Start webinar' }).click()
    const confirm = organiser.getByRole('alertdialog')
    await confirm.getByRole('button', { name: 'Start webinar' }).click()
    await organiser.getByRole('button', { name: 'End webinar' }).waitFor()
    await attendee.waitForURL(/\/join\/[A-Za-z0-9_-]{43}\/room$/)
    await attendee.getByText('The webinar is live').waitFor()
    await organiser.getByText('1 viewer', { exact: true }).waitFor()
    await expectShownAsText(attendee, 'room-live', [title], dialogs)
    await expectShownAsText(organiser, 'studio-live', [title], dialogs)
  })

  test('chat messages, questions and answers show as text on both sides', async () => {
    await attendee.getByRole('textbox', { name: 'Message' }).fill(attendeeChat)
    await attendee.getByRole('button', { name: 'Send message' }).click()
    await organiser.getByRole('list', { name: 'Chat messages' }).getByText(attendeeChat).waitFor()
    await organiser.getByRole('textbox', { name: 'Message' }).fill(hostChat)
    await organiser.getByRole('button', { name: 'Send message' }).click()
    await attendee.getByRole('list', { name: 'Chat messages' }).getByText(hostChat).waitFor()
    await expectShownAsText(attendee, 'room-chat', [attendeeChat, hostChat, registrantName], dialogs)
    await expectShownAsText(organiser, 'studio-chat', [attendeeChat, hostChat, registrantName], dialogs)

    await attendee.getByRole('tab', { name: /Q&A/ }).click()
    await attendee.getByLabel('Ask the host a question').fill(question)
    await attendee.getByRole('button', { name: 'Ask question' }).click()
    await attendee.getByRole('list', { name: 'Questions' }).getByText(question).waitFor()
    await organiser.getByRole('tab', { name: /Q&A/ }).click()
    const asked = organiser.getByRole('list', { name: 'Questions' }).getByRole('listitem').filter({ hasText: question })
    await asked.getByRole('button', { name: 'Answer' }).click()
    await asked.getByLabel('Answer').fill(answer)
    await asked.getByRole('button', { name: 'Post answer' }).click()
    await asked.getByText(answer).waitFor()
    await attendee.getByRole('list', { name: 'Questions' }).getByText(answer).waitFor()
    await expectShownAsText(attendee, 'room-questions', [question, answer], dialogs)
    await expectShownAsText(organiser, 'studio-questions', [question, answer, registrantName], dialogs)
  })

  test('a poll with hostile question and options shows as text, and the attendee votes by its label', async () => {
    await organiser.getByRole('tab', { name: /Polls/ }).click()
    await organiser.getByRole('button', { name: 'New poll' }).click()
    await organiser.getByLabel('Poll question').fill(poll.question)
    await organiser.getByRole('button', { name: 'Add option' }).click()
    for (const [index, option] of poll.options.entries()) await organiser.getByLabel(`Option ${index + 1}`, { exact: true }).fill(option)
    await organiser.getByRole('button', { name: 'Save as draft' }).click()
    const hostPoll = organiser.getByRole('list', { name: 'Polls' }).getByRole('listitem').filter({ hasText: poll.question }).first()
    await hostPoll.getByRole('button', { name: 'Open poll' }).click()
    await hostPoll.getByRole('button', { name: 'Share results' }).click()
    await hostPoll.getByText('Attendees see these results.').waitFor()

    await attendee.getByRole('tab', { name: /Polls/ }).click()
    await attendee.getByLabel(poll.options[1]!, { exact: true }).check()
    await attendee.getByRole('button', { name: 'Vote' }).click()
    const results = `Results of “${poll.question}”`
    await attendee.getByRole('list', { name: results }).getByText('100% · 1').waitFor()
    await organiser.getByRole('list', { name: results }).getByText('100% · 1').waitFor()
    await expectShownAsText(attendee, 'room-poll', [poll.question, ...poll.options], dialogs)
    await expectShownAsText(organiser, 'studio-poll', [poll.question, ...poll.options], dialogs)
  })

  test('the registrations list and its CSV export show the name and answers as typed', async () => {
    await organiser.getByRole('link', { name: 'Back to the webinar’s page' }).click()
    await expectPath(organiser, `/admin/webinars/${webinarId}`)
    await expectShownAsText(organiser, 'webinar-detail-live', [title], dialogs)
    await organiser.getByRole('tab', { name: 'Registrations' }).click()
    const row = organiser.getByRole('table', { name: 'Registrations' }).locator('tbody tr').filter({ hasText: registrantEmail })
    await row.getByText(registrantName, { exact: true }).waitFor()
    await expectShownAsText(organiser, 'registrations', [title, registrantName], dialogs)

    const downloading = organiser.waitForEvent('download')
    await organiser.getByRole('link', { name: 'Export CSV' }).click()
    const csv = await readFile(await (await downloading).path(), 'utf8')
    // CSV quotes a field with a double quote in it by doubling the quote.
    const quoted = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)
    expect(csv).toContain(quoted(registrantName))
    expect(csv).toContain(quoted(answers.company))
  })

  test('every mail of the run carries the payloads escaped', async () => {
    await openNav(organiser, 'Mailbox')
    const list = organiser.getByRole('list', { name: 'Mail' })
    await expect.poll(() => list.getByRole('link').filter({ hasText: title }).count(), { timeout: 15_000 }).toBeGreaterThan(1)
    await expectShownAsText(organiser, 'mailbox-list-after-live', [title], dialogs)
    const subjects = await list.getByRole('link').locator('p.truncate').filter({ hasText: title }).allInnerTexts()
    for (const [index, subject] of subjects.entries()) {
      const message = await openMail(subject)
      expectEscapedMail(message, [title])
      await expectShownAsText(organiser, `mail-${index + 1}`, [subject], dialogs)
      await organiser.getByRole('link', { name: 'Back to the mailbox' }).click()
      await list.waitFor()
    }
  })
})

import { accentShadesOf, defaultAccentColour } from '@webinar/shared/organisation'
import { replayLinkLabel } from '@webinar/shared/recordings'
import { formatWebinarTime } from './format-webinar-time.ts'
import { html, type SafeHtml } from './html-template.ts'

export type EmailKind =
  | 'confirmation'
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'waitlisted'
  | 'promoted'
  | 'reminder_24h'
  | 'reminder_1h'
  | 'live_now'
  | 'follow_up_attended'
  | 'follow_up_missed'
  | 'webinar_cancelled'
  | 'registration_cancelled'
  | 'link_again'
  | 'replay_ready'
  | 'speaker_invitation'
  | 'series_registered'
  | 'series_cancelled'

export const emailKinds: readonly EmailKind[] = [
  'confirmation',
  'pending',
  'approved',
  'rejected',
  'waitlisted',
  'promoted',
  'reminder_24h',
  'reminder_1h',
  'live_now',
  'follow_up_attended',
  'follow_up_missed',
  'webinar_cancelled',
  'registration_cancelled',
  'link_again',
  'replay_ready',
  'speaker_invitation',
  'series_registered',
  'series_cancelled',
]

/** How the organisation looks in mail (Settings → Organisation); none: the default accent and no logo. */
export interface MailBrand {
  accentColour: string
  /** Absolute: mail is read far from this server. */
  logoUrl: string | null
}

export interface EmailContext {
  organisationName: string
  brand?: MailBrand
  webinar: {
    title: string
    description: string
    startTime: Date
    endTime: Date
    /** IANA name, e.g. Europe/Paris. */
    timezone: string
    hostName: string
  }
  registrant: { name: string; email: string; timezone: string | null }
  links: {
    join: string
    cancel: string
    calendarIcs: string
    googleCalendar: string
    outlookCalendar: string
    publicPage: string
    replay: string | null
  }
  /** A series' mail: each occurrence with its start and the registrant's own link for it. */
  occurrences?: { startTime: Date; join: string }[]
}

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

/**
 * The content of a mail, written once and rendered twice (HTML and plain text), so the two parts can
 * never say different things.
 */
type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'when'; time: string; hostName: string }
  | { type: 'button'; label: string; url: string }
  | { type: 'link'; label: string; url: string }
  | { type: 'note'; text: string }
  | { type: 'calendar'; google: string; outlook: string; ics: string }
  | { type: 'about'; description: string }

interface EmailContent {
  subject: string
  heading: string
  /** The first lines, also used as the inbox preview. */
  intro: string
  blocks: Block[]
  /** The question in front of the cancel link; null for mails where cancelling makes no sense. */
  cancelPrompt: string | null
  /** Why the reader gets this mail (the footer); a registrant's by default. */
  reason?: string
}

export function renderEmail(kind: EmailKind, context: EmailContext): RenderedEmail {
  const content = composeEmail(kind, context)
  return {
    // A title with a line break must not turn into a broken or injected header.
    subject: content.subject.replace(/\s+/g, ' ').trim(),
    html: renderHtml(content, context),
    text: renderText(content, context),
  }
}

function composeEmail(kind: EmailKind, { organisationName, webinar, registrant, links, occurrences = [] }: EmailContext): EmailContent {
  const title = webinar.title
  const time = formatWebinarTime({ startTime: webinar.startTime, webinarTimeZone: webinar.timezone, registrantTimeZone: registrant.timezone })
  const when: Block = { type: 'when', time, hostName: webinar.hostName }
  const join: Block = { type: 'button', label: 'Join the webinar', url: links.join }
  const personal: Block = {
    type: 'note',
    text: `This link is personal: it lets you in as ${registrant.name}, so please don't share it.`,
  }
  const calendar: Block = { type: 'calendar', google: links.googleCalendar, outlook: links.outlookCalendar, ics: links.calendarIcs }
  const about: Block[] = webinar.description.trim() ? [{ type: 'about', description: webinar.description.trim() }] : []
  const replay: Block[] = links.replay ? [{ type: 'button', label: replayLinkLabel, url: links.replay }] : []
  const cantMakeIt = "Can't make it?"

  switch (kind) {
    case 'confirmation':
      return {
        subject: `You're registered: ${title}`,
        heading: `You're registered for ${title}`,
        intro: `Your seat is saved. Here is everything you need to join.`,
        blocks: [when, join, personal, calendar, ...about],
        cancelPrompt: cantMakeIt,
      }
    case 'pending':
      return {
        subject: `Registration received: ${title}`,
        heading: 'Your registration is awaiting approval',
        intro: `Thanks for registering for ${title}. The organiser reviews each registration; we'll e-mail you your personal join link as soon as yours is approved.`,
        blocks: [when],
        cancelPrompt: "Changed your mind?",
      }
    case 'approved':
      return {
        subject: `You're approved: ${title}`,
        heading: `You're approved for ${title}`,
        intro: 'Good news: your registration has been approved. Here is everything you need to join.',
        blocks: [when, join, personal, calendar, ...about],
        cancelPrompt: cantMakeIt,
      }
    case 'rejected':
      return {
        subject: `Your registration for ${title}`,
        heading: "Your registration wasn't approved",
        intro: `Thanks for your interest in ${title}. Unfortunately the organiser couldn't approve your registration this time.`,
        blocks: [],
        cancelPrompt: null,
      }
    case 'waitlisted':
      return {
        subject: `You're on the waitlist: ${title}`,
        heading: "You're on the waitlist",
        intro: `${title} is full right now, so we've put you on the waitlist. If a seat frees up, we'll e-mail you straight away with your join link.`,
        blocks: [when],
        cancelPrompt: 'No longer interested?',
      }
    case 'promoted':
      return {
        subject: `A seat opened up: you're in for ${title}`,
        heading: "Good news: you're in!",
        intro: `A seat freed up for ${title} and it's yours. Here is everything you need to join.`,
        blocks: [when, join, personal, calendar],
        cancelPrompt: cantMakeIt,
      }
    case 'reminder_24h':
      return {
        subject: `Tomorrow: ${title}`,
        heading: `${title} starts tomorrow`,
        intro: 'A quick reminder: the webinar you registered for starts tomorrow. See you there!',
        blocks: [when, join, personal],
        cancelPrompt: cantMakeIt,
      }
    case 'reminder_1h':
      return {
        subject: `Starting in 1 hour: ${title}`,
        heading: `${title} starts in 1 hour`,
        intro: 'Grab a coffee: the webinar you registered for starts in one hour.',
        blocks: [when, join, personal],
        cancelPrompt: cantMakeIt,
      }
    case 'live_now':
      return {
        subject: `We're live: ${title}`,
        heading: "We're live now!",
        intro: `${title} has just started. Come on in.`,
        blocks: [join, personal],
        cancelPrompt: cantMakeIt,
      }
    case 'follow_up_attended':
      return {
        subject: `Thanks for joining ${title}`,
        heading: 'Thanks for joining us!',
        intro: `Thank you for attending ${title}. We hope you enjoyed it.`,
        blocks: links.replay ? [{ type: 'paragraph', text: 'Want to watch a moment again? The replay is ready.' }, ...replay] : [],
        // After the webinar the link only stops further mail about it; "Can't make it?" would read oddly.
        cancelPrompt: 'No more e-mails about this webinar?',
      }
    case 'follow_up_missed':
      return {
        subject: `Sorry we missed you at ${title}`,
        heading: 'Sorry we missed you',
        intro: `We missed you at ${title}.`,
        // Without a replay nothing is promised: there may never be one.
        blocks: links.replay ? [{ type: 'paragraph', text: 'The good news: the replay is ready, so you can watch it whenever suits you.' }, ...replay] : [],
        cancelPrompt: 'No more e-mails about this webinar?',
      }
    case 'webinar_cancelled':
      return {
        subject: `Cancelled: ${title}`,
        heading: `${title} has been cancelled`,
        intro: `We're sorry: this webinar has been cancelled and will not take place. There is nothing you need to do.`,
        blocks: [when],
        cancelPrompt: null,
      }
    case 'link_again':
      // Someone registered again with this address: the same link again, never a new one, so that knowing
      // an address is not enough to cut its owner off.
      return {
        subject: `Your link for ${title}`,
        heading: 'Here is your link again',
        intro: `This address is already registered for ${title}, so here is your personal link once more. It is the same link as before: it keeps working.`,
        blocks: [when, join, personal, calendar],
        cancelPrompt: cantMakeIt,
      }
    case 'replay_ready':
      // Sent when the recording was ready only after the follow-up went out without it.
      return {
        subject: `The replay is ready: ${title}`,
        heading: 'The replay is ready',
        intro: `The recording of ${title} is ready, so you can watch it whenever suits you.`,
        blocks: [
          { type: 'button', label: replayLinkLabel, url: links.replay ?? links.join },
          { type: 'note', text: "The replay opens with your personal link, so please don't forward this e-mail." },
        ],
        cancelPrompt: 'No more e-mails about this webinar?',
      }
    case 'speaker_invitation':
      // To a guest panelist: `links.join` is their personal studio link, not a registrant's join link.
      return {
        subject: `You're invited to speak: ${title}`,
        heading: 'You are invited to speak',
        intro: `${webinar.hostName} invited you to join ${title} as a panelist. Your studio link takes you backstage, where you can check your camera and microphone and meet the other speakers before the start.`,
        blocks: [
          when,
          { type: 'button', label: 'Open your studio', url: links.join },
          { type: 'note', text: `This link is personal: it lets you on stage as ${registrant.name}, so please don't share it.` },
          ...about,
        ],
        cancelPrompt: null,
        reason: `You receive this e-mail because ${webinar.hostName} invited you to speak at ${webinar.title} with ${organisationName}.`,
      }
    case 'series_registered': {
      // `webinar` is the series (its title and host); each occurrence has its own link, so its own registration.
      const dates = occurrences.flatMap((occurrence): Block[] => [
        { type: 'when', time: formatWebinarTime({ startTime: occurrence.startTime, webinarTimeZone: webinar.timezone, registrantTimeZone: registrant.timezone }), hostName: webinar.hostName },
        { type: 'link', label: 'Join this session', url: occurrence.join },
      ])
      return {
        subject: `You're registered: ${title} (${occurrences.length} sessions)`,
        heading: `You're registered for ${title}`,
        intro: `You're registered for ${occurrences.length} upcoming ${occurrences.length === 1 ? 'session' : 'sessions'} of ${title}. Each session has its own join link below; each session's page also lets you add it to your calendar or cancel it.`,
        blocks: [...dates, { type: 'note', text: `These links are personal: they let you in as ${registrant.name}, so please don't share them.` }, ...about],
        cancelPrompt: null,
      }
    }
    case 'series_cancelled': {
      const dates = occurrences.map(
        (occurrence): Block => ({ type: 'paragraph', text: formatWebinarTime({ startTime: occurrence.startTime, webinarTimeZone: webinar.timezone, registrantTimeZone: registrant.timezone }) }),
      )
      return {
        subject: `Cancelled: ${title}`,
        heading: `${title} is cancelled`,
        intro: `${webinar.hostName} cancelled the series ${title}. ${occurrences.length === 1 ? 'This session you registered for' : `These ${occurrences.length} sessions you registered for`} will not take place, and your join links no longer work:`,
        blocks: [...dates, { type: 'paragraph', text: 'Sorry for the change of plans.' }],
        cancelPrompt: null,
      }
    }
    case 'registration_cancelled':
      return {
        subject: `Your registration for ${title} is cancelled`,
        heading: 'Your registration is cancelled',
        intro: `Your registration for ${title} is cancelled and your join link no longer works.`,
        blocks: [
          { type: 'paragraph', text: 'Changed your mind? You are welcome to register again.' },
          { type: 'link', label: 'Register again', url: links.publicPage },
        ],
        cancelPrompt: null,
      }
  }
}

function footerReason(content: EmailContent, title: string, organisationName: string): string {
  return content.reason ?? `You receive this e-mail because you registered for ${title} with ${organisationName}.`
}

const fontStack = '-apple-system, BlinkMacSystemFont, Segoe UI, Roboto, Helvetica, Arial, sans-serif'
const muted = '#6b7280'

/** The colours of one mail: the organisation's accent (buttons, links) and a tint of it (the time box). */
interface Palette {
  accent: string
  tint: string
}

function paletteOf(brand: MailBrand | undefined): Palette {
  const shades = accentShadesOf(brand?.accentColour ?? defaultAccentColour)
  return { accent: shades['600'], tint: shades['50'] }
}

/** What every mail has around its content: the organisation (logo and name), the heading, the greeting, the footer. */
interface Frame {
  organisationName: string
  brand: MailBrand | undefined
  subject: string
  heading: string
  intro: string
  recipientName: string
  blocks: Block[]
  footer: SafeHtml
}

function renderFrame({ organisationName, brand, subject, heading, intro, recipientName, blocks, footer }: Frame): string {
  const palette = paletteOf(brand)
  // The name stays under the logo: many mail clients show no images until asked, and the alt text alone is easy to miss.
  const logo = brand?.logoUrl
    ? html`<img src="${checkedUrl(brand.logoUrl)}" alt="${organisationName}" height="40" style="display:block;height:40px;width:auto;max-width:200px;border:0;margin:0 0 12px;">`
    : ''
  const body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f4f5;">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${intro}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:32px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border-radius:12px;border:1px solid #e4e4e7;">
<tr><td style="padding:32px;font-family:${fontStack};font-size:16px;line-height:1.5;color:#18181b;">
${logo}<p style="margin:0 0 8px;font-size:13px;font-weight:600;letter-spacing:0.04em;text-transform:uppercase;color:${palette.accent};">${organisationName}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;font-weight:700;color:#18181b;">${heading}</h1>
<p style="margin:0 0 16px;">Hi ${recipientName},</p>
<p style="margin:0 0 16px;">${intro}</p>
${blocks.map((block) => renderHtmlBlock(block, palette))}
</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;">
<tr><td style="padding:16px 32px;font-family:${fontStack};font-size:13px;line-height:1.5;color:${muted};">
${footer}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`
  return body.markup
}

function renderHtml(content: EmailContent, { organisationName, brand, webinar, registrant, links }: EmailContext): string {
  return renderFrame({
    organisationName,
    brand,
    subject: content.subject,
    heading: content.heading,
    intro: content.intro,
    recipientName: registrant.name,
    blocks: content.blocks,
    footer: html`${content.cancelPrompt === null ? '' : html`<p style="margin:0 0 8px;">${content.cancelPrompt} <a href="${checkedUrl(links.cancel)}" style="color:${muted};text-decoration:underline;">Cancel your registration</a></p>`}
<p style="margin:0;">${footerReason(content, webinar.title, organisationName)}</p>`,
  })
}

function renderHtmlBlock(block: Block, { accent, tint }: Palette): SafeHtml {
  switch (block.type) {
    case 'paragraph':
      return html`<p style="margin:0 0 16px;">${block.text}</p>`
    case 'when':
      return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 24px;"><tr><td style="padding:12px 16px;background-color:${tint};border-left:4px solid ${accent};border-radius:4px;">
<p style="margin:0;font-weight:600;">${block.time}</p>
<p style="margin:4px 0 0;font-size:14px;color:${muted};">Hosted by ${block.hostName}</p>
</td></tr></table>`
    case 'button':
      return html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;"><tr><td style="border-radius:8px;background-color:${accent};">
<a href="${checkedUrl(block.url)}" style="display:inline-block;padding:14px 28px;font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:8px;">${block.label}</a>
</td></tr></table>`
    case 'link':
      return html`<p style="margin:0 0 16px;"><a href="${checkedUrl(block.url)}" style="color:${accent};font-weight:600;">${block.label}</a></p>`
    case 'note':
      return html`<p style="margin:0 0 24px;font-size:13px;color:${muted};">${block.text}</p>`
    case 'calendar':
      return html`<p style="margin:0 0 24px;font-size:14px;">Add to your calendar:
<a href="${checkedUrl(block.google)}" style="color:${accent};">Google</a> ·
<a href="${checkedUrl(block.outlook)}" style="color:${accent};">Outlook</a> ·
<a href="${checkedUrl(block.ics)}" style="color:${accent};">Apple and others (.ics)</a></p>`
    case 'about':
      return html`<h2 style="margin:8px 0 8px;font-size:16px;font-weight:600;">About this webinar</h2>
<p style="margin:0 0 16px;color:#3f3f46;">${withLineBreaks(block.description)}</p>`
  }
}

function withLineBreaks(text: string): SafeHtml[] {
  return text.split(/\r?\n/).map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`))
}

function renderTextFrame(frame: { organisationName: string; heading: string; recipientName: string; intro: string; blocks: Block[]; footer: string[] }): string {
  const sections = [frame.organisationName, frame.heading, `Hi ${frame.recipientName},`, frame.intro, ...frame.blocks.map(renderTextBlock), '---', ...frame.footer]
  return `${sections.join('\n\n')}\n`
}

function renderText(content: EmailContent, { organisationName, webinar, registrant, links }: EmailContext): string {
  return renderTextFrame({
    organisationName,
    heading: content.heading,
    recipientName: registrant.name,
    intro: content.intro,
    blocks: content.blocks,
    footer: [
      ...(content.cancelPrompt === null ? [] : [`${content.cancelPrompt} Cancel your registration: ${links.cancel}`]),
      footerReason(content, webinar.title, organisationName),
    ],
  })
}

export interface PasswordResetEmailContext {
  organisationName: string
  brand?: MailBrand
  recipientName: string
  /** The page that sets the new password, the token in its fragment. */
  resetUrl: string
  validMinutes: number
}

/** To a staff member who asked to reset their password: the link, how long it works, and what to do if it was not them. */
export function renderPasswordResetEmail({ organisationName, brand, recipientName, resetUrl, validMinutes }: PasswordResetEmailContext): RenderedEmail {
  const subject = `Reset your password for ${organisationName}`.replace(/\s+/g, ' ').trim()
  const heading = 'Reset your password'
  const intro = 'Someone, hopefully you, asked to reset the password of your account. Choose a new one here:'
  const blocks: Block[] = [
    { type: 'button', label: 'Choose a new password', url: resetUrl },
    { type: 'note', text: `The link works once, for ${validMinutes} minutes. Setting a new password signs you out on every device.` },
    { type: 'paragraph', text: "Didn't ask for this? Ignore this e-mail: your password stays as it is." },
  ]
  const reason = `You receive this e-mail because a new password was asked for your staff account at ${organisationName}.`
  return {
    subject,
    html: renderFrame({ organisationName, brand, subject, heading, intro, recipientName, blocks, footer: html`<p style="margin:0;">${reason}</p>` }),
    text: renderTextFrame({ organisationName, heading, recipientName, intro, blocks, footer: [reason] }),
  }
}

function renderTextBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'note':
      return block.text
    case 'when':
      return `When: ${block.time}\nHosted by ${block.hostName}`
    case 'button':
    case 'link':
      return `${block.label}: ${block.url}`
    case 'calendar':
      return `Add to your calendar:\nGoogle: ${block.google}\nOutlook: ${block.outlook}\nApple and others (.ics): ${block.ics}`
    case 'about':
      return `About this webinar:\n${block.description}`
  }
}

/**
 * Escaping keeps a link from breaking out of its attribute, not from being `javascript:`; every link in a
 * mail is one we built or a recording URL, so anything but http(s) is a bug to surface, not to send.
 */
function checkedUrl(url: string): string {
  const protocol = URL.canParse(url) ? new URL(url).protocol : 'invalid'
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`A mail link must be an http(s) URL, got "${url}"`)
  return url
}

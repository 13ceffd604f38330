// The kinds of mail the server writes (server/src/email/render-email.ts), in the order a registrant meets them.
export const mailKindLabels: Record<string, string> = {
  confirmation: 'Confirmation',
  pending: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Not approved',
  waitlisted: 'Waitlisted',
  promoted: 'Off the waitlist',
  reminder_24h: 'Reminder (24 h)',
  reminder_1h: 'Reminder (1 h)',
  live_now: 'We’re live',
  follow_up_attended: 'Thanks for attending',
  follow_up_missed: 'Sorry we missed you',
  replay_ready: 'Replay ready',
  webinar_cancelled: 'Webinar cancelled',
  registration_cancelled: 'Registration cancelled',
  link_again: 'Link sent again',
  series_registered: 'Series: registered',
  series_cancelled: 'Series cancelled',
  speaker_invitation: 'Speaker invitation',
}

export const mailKinds = Object.keys(mailKindLabels)

/** A kind this page does not know yet still reads: "follow_up_x" → "Follow up x". */
export function mailKindLabel(kind: string): string {
  const known = mailKindLabels[kind]
  if (known) return known
  const words = kind.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

import type { AuditAction, AuditEntry } from '@webinar/shared/privacy'

export const auditActionLabels: Record<AuditAction, string> = {
  'person.exported': 'Exported their data',
  'person.erased': 'Erased them',
}

/** Who did it, in words: a staff member by name, the registrant from their own link, or someone since removed. */
export function actorOf(entry: AuditEntry): string {
  if (entry.actorKind === 'registrant') return 'The registrant, from their personal link'
  return entry.actorName ?? 'A removed staff member'
}

const countWords: Record<string, [string, string]> = {
  registrations: ['registration', 'registrations'],
  mails: ['mail', 'mails'],
  unsentMails: ['unsent mail stopped', 'unsent mails stopped'],
  chatMessages: ['chat message', 'chat messages'],
  questions: ['question', 'questions'],
  moderationActions: ['moderation record', 'moderation records'],
  roomEvents: ['room event', 'room events'],
  streamEvents: ['Stream webhook', 'Stream webhooks'],
  webhookDeliveries: ['webhook delivery', 'webhook deliveries'],
  jobs: ['queued job', 'queued jobs'],
}

/** The order counts are said in (the stored detail keeps none: PostgreSQL's jsonb sorts its keys its own way). */
const countOrder = Object.keys(countWords)
const rankOf = (key: string) => (countOrder.includes(key) ? countOrder.indexOf(key) : countOrder.length)

/** "2 registrations · 5 mails": what the entry covered, the counts that are not zero (registrations always). */
export function describeCounts(detail: Record<string, number>): string {
  return Object.entries(detail)
    .filter(([key, count]) => key === 'registrations' || count > 0)
    .sort(([a], [b]) => rankOf(a) - rankOf(b))
    .map(([key, count]) => {
      const [one, many] = countWords[key] ?? [key, key]
      return `${count} ${count === 1 ? one : many}`
    })
    .join(' · ')
}

import type { PersonExport, RegistrationExport } from '@webinar/shared/privacy'
import type { Database } from '../db/client.ts'
import { personDataRepository } from './person-data-repository.ts'

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null

/** Groups rows by the registration they belong to. */
function byRegistration<Row>(rows: Row[], registrationIdOf: (row: Row) => string | null): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>()
  for (const row of rows) {
    const id = registrationIdOf(row)
    if (id === null) continue
    grouped.set(id, [...(grouped.get(id) ?? []), row])
  }
  return grouped
}

/**
 * Everything held about the person at `email`, in every webinar: each registration with its answers (labelled as
 * the form has them), attendance, the mail it was sent, and what they wrote or voted in the room.
 */
export async function collectPersonData(db: Database, email: string, exportedAt: Date): Promise<PersonExport> {
  const found = await personDataRepository.listRegistrationsByEmail(db, email)
  const ids = found.map(({ registration }) => registration.id)
  const [formFields, totals, sessions, mail, chat, questions, votes] = await Promise.all([
    personDataRepository.listFormFields(db, [...new Set(found.map(({ webinar }) => webinar.id))]),
    personDataRepository.listAttendanceTotals(db, ids),
    personDataRepository.listAttendanceSessions(db, ids),
    personDataRepository.listMail(db, ids),
    personDataRepository.listChatMessages(db, ids),
    personDataRepository.listQuestions(db, ids),
    personDataRepository.listPollVotes(db, ids),
  ])
  const totalsOf = new Map(totals.map((row) => [row.registrationId, row]))
  const sessionsOf = byRegistration(sessions, (row) => row.registrationId)
  const mailOf = byRegistration(mail, (row) => row.registrationId)
  const chatOf = byRegistration(chat, (row) => row.authorId)
  const questionsOf = byRegistration(questions, (row) => row.authorId)
  const votesOf = byRegistration(votes, (row) => row.voterId)

  const registrations = found.map(({ registration, webinar }): RegistrationExport => {
    const labelOf = new Map((formFields.get(webinar.id) ?? []).map((field) => [field.key, field.label]))
    const total = totalsOf.get(registration.id)
    return {
      id: registration.id,
      webinar: { id: webinar.id, title: webinar.title, startTime: webinar.startTime.toISOString() },
      name: registration.name,
      email: registration.email,
      phone: registration.phone,
      answers: Object.entries(registration.answers).map(([key, value]) => ({ key, label: labelOf.get(key) ?? key, value })),
      status: registration.status,
      timezone: registration.timezone,
      source: registration.source,
      createdAt: registration.createdAt.toISOString(),
      attendance: {
        firstJoinedAt: isoOrNull(total?.firstJoinedAt ?? null),
        lastLeftAt: isoOrNull(total?.lastLeftAt ?? null),
        watchSeconds: total?.watchSeconds ?? 0,
        attended: total?.attended ?? false,
        sessions: (sessionsOf.get(registration.id) ?? []).map((session) => ({
          source: session.source,
          joinedAt: isoOrNull(session.joinedAt),
          leftAt: isoOrNull(session.leftAt),
        })),
      },
      mail: (mailOf.get(registration.id) ?? []).map((message) => ({
        kind: message.kind,
        subject: message.subject,
        status: message.status,
        sentAt: isoOrNull(message.sentAt),
        createdAt: message.createdAt.toISOString(),
        text: message.text,
      })),
      chatMessages: (chatOf.get(registration.id) ?? []).map((message) => ({ body: message.body, isHidden: message.isHidden, createdAt: message.createdAt.toISOString() })),
      questions: (questionsOf.get(registration.id) ?? []).map((question) => ({
        body: question.body,
        answer: question.answer,
        answeredAt: isoOrNull(question.answeredAt),
        upvotes: question.upvotes,
        createdAt: question.createdAt.toISOString(),
      })),
      pollVotes: (votesOf.get(registration.id) ?? []).map((vote) => ({
        poll: vote.question,
        option: vote.options[vote.optionIndex] ?? `Option ${vote.optionIndex + 1}`,
        createdAt: vote.createdAt.toISOString(),
      })),
    }
  })
  return { email, exportedAt: exportedAt.toISOString(), registrations }
}

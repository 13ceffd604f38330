import { Readable } from 'node:stream'
import type { Webinar } from '@webinar/shared/webinars'
import type { Database } from '../db/client.ts'
import { toCsv } from './csv.ts'
import { registrationRepository, type RegistrationCursor, type RegistrationWithAttendanceRow } from './registration-repository.ts'
import { toAttendanceView } from './registration-view.ts'

/** Rows read from the database at a time: memory holds one page, whatever the number of registrations. */
const pageSize = 1000

const fixedHeader = ['name', 'email', 'status', 'registered_at', 'timezone', 'source', 'first_joined_at', 'last_left_at', 'watch_seconds', 'attended']

type Question = Webinar['registrationForm']['fields'][number]

/**
 * A question's column is headed with its label, as the organiser wrote it and reads it in the spreadsheet. A label
 * that another column already has gets the question's key too, so no two columns share a header.
 */
function questionHeaders(questions: Question[]): string[] {
  const taken = new Set(fixedHeader)
  return questions.map((question) => {
    const label = question.label.trim()
    const header = taken.has(label) ? `${label} (${question.key})` : label
    taken.add(header)
    return header
  })
}

/** A ticked box reads "yes", like the attended column; a question left unanswered is an empty cell. */
function answerCell(answer: string | boolean | undefined): string {
  if (typeof answer === 'boolean') return answer ? 'yes' : 'no'
  return answer ?? ''
}

/**
 * Every registration of the webinar as CSV, in the order they came, with its attendance and one column per question
 * of its form, as a stream read page by page. The first page is read before the stream is handed back, so a
 * database that cannot be reached is an error answer rather than a cut-off download.
 */
export async function exportRegistrationsCsv({ db }: { db: Database }, webinar: Webinar): Promise<Readable> {
  const questions = webinar.registrationForm.fields.filter((field) => field.key !== 'name' && field.key !== 'email')
  const toCells = (row: RegistrationWithAttendanceRow) => {
    const attendance = toAttendanceView(row.attendance)
    return [
      row.name,
      row.email,
      row.status,
      row.createdAt.toISOString(),
      row.timezone ?? '',
      row.source,
      attendance.firstJoinedAt ?? '',
      attendance.lastLeftAt ?? '',
      String(attendance.watchSeconds),
      attendance.attended ? 'yes' : 'no',
      ...questions.map((question) => answerCell(row.answers[question.key])),
    ]
  }
  const header = [...fixedHeader, ...questionHeaders(questions)]
  const first = await registrationRepository.listPageAfter(db, webinar.id, null, pageSize)

  async function* lines() {
    yield toCsv([header])
    let page = first
    while (true) {
      if (page.rows.length > 0) yield toCsv(page.rows.map(toCells))
      if (!page.next) return
      const after: RegistrationCursor = page.next
      page = await registrationRepository.listPageAfter(db, webinar.id, after, pageSize)
    }
  }
  return Readable.from(lines())
}

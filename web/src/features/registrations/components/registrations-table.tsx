import type { Registration, RegistrationListItem } from '@webinar/shared/registrations'
import { formatDateTime } from '@webinar/shared/time-format'
import type { FormField, Webinar } from '@webinar/shared/webinars'
import { Globe } from 'lucide-react'
import { Card } from '@/components/ui/card'
import { cn } from '@/lib/cn'
import { registrationSourceLabels } from '../utils/registration-labels'
import { RegistrationActionsMenu } from './registration-actions-menu'
import { RegistrationAttendance } from './registration-attendance'
import { RegistrationStatusBadge } from './registration-status-badge'

function RegisteredAt({ registration }: { registration: Registration }) {
  return (
    <>
      <time dateTime={registration.createdAt} className="whitespace-nowrap">
        {formatDateTime(registration.createdAt)}
      </time>
      {registration.timezone ? (
        <span className="flex items-center gap-1 text-xs text-slate-500" title="The registrant’s time zone">
          <Globe className="size-3 shrink-0" aria-hidden />
          <span className="sr-only">Their time zone: </span>
          {registration.timezone}
        </span>
      ) : null}
    </>
  )
}

type Answer = Registration['answers'][string]

/** A ticked box reads Yes, an unticked one No; text as it was typed. */
function answerText(question: FormField, answer: Answer | undefined): string | undefined {
  if (answer === undefined || answer === '') return undefined
  if (question.type === 'checkbox' || question.type === 'consent' || typeof answer === 'boolean') return answer === true ? 'Yes' : 'No'
  return answer
}

function AnswerCell({ question, answer }: { question: FormField; answer: Answer | undefined }) {
  const text = answerText(question, answer)
  if (text === undefined) {
    return (
      <>
        <span aria-hidden className="text-slate-400">
          —
        </span>
        <span className="sr-only">No answer</span>
      </>
    )
  }
  return (
    <span title={text} className="line-clamp-3 break-words whitespace-pre-line">
      {text}
    </span>
  )
}

/** On a phone's card, the questions the registrant answered (an empty line for each of the others would be noise). */
function RegistrationAnswers({ questions, answers }: { questions: FormField[]; answers: Registration['answers'] }) {
  const answered = questions.filter((question) => answerText(question, answers[question.key]) !== undefined)
  if (answered.length === 0) return null
  return (
    <dl className="mt-2 space-y-1 text-sm">
      {answered.map((question) => (
        <div key={question.key} className="flex gap-1.5">
          <dt className="shrink-0 text-slate-500">{question.label}:</dt>
          <dd className="min-w-0 text-slate-800">
            <AnswerCell question={question} answer={answers[question.key]} />
          </dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * With answers, the table makes room for them: name and e-mail share a column, the source goes under the date, and
 * every column has a width of its own (47rem for the fixed ones, 11rem an answer). Past the screen's width it
 * scrolls sideways, with whose row it is kept in view on the left and its actions on the right.
 */
const fixedColumnsRem = 47
const answerColumnRem = 11
const stickyStart = 'sticky left-0 z-10 shadow-[1px_0_0_var(--color-slate-200)]'
const stickyEnd = 'sticky right-0 z-10 shadow-[-1px_0_0_var(--color-slate-200)]'

/**
 * Registrations as a table on wide screens and as cards on phones. Both are in the page; CSS shows one, and
 * the other is hidden from assistive technology too (display: none). The form's questions beyond name and
 * e-mail are columns of their own, headed with their labels.
 */
export function RegistrationsTable({
  registrations,
  formFields,
  webinarStatus,
  onReject,
}: {
  registrations: RegistrationListItem[]
  /** The webinar's registration form: one column per question. */
  formFields: readonly FormField[]
  /** What each row's menu offers depends on it: nothing that needs a join link once the webinar is over. */
  webinarStatus: Webinar['status']
  onReject: (registration: Registration) => void
}) {
  const questions = formFields.filter((field) => field.key !== 'name' && field.key !== 'email')
  const hasQuestions = questions.length > 0
  return (
    <Card className="overflow-hidden">
      {/* With answers, the table may be wider than the screen: its box scrolls, and takes the focus so keys can scroll it.
          It is `relative` so that text for screen readers only (absolutely placed) stays inside it, not widening the page. */}
      <div
        role={hasQuestions ? 'region' : undefined}
        aria-label={hasQuestions ? 'Registrations, with answers' : undefined}
        tabIndex={hasQuestions ? 0 : undefined}
        className="relative hidden overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent-600 md:block"
      >
        <table
          aria-label="Registrations"
          className="w-full table-fixed text-left text-sm"
          style={hasQuestions ? { minWidth: `${fixedColumnsRem + questions.length * answerColumnRem}rem` } : undefined}
        >
          <thead className="border-b border-slate-200 bg-slate-50/80 text-xs font-medium tracking-wide text-slate-500 uppercase">
            <tr>
              {hasQuestions ? (
                <th scope="col" className={cn('w-56 bg-slate-50 py-3 pr-3 pl-6 font-medium', stickyStart)}>
                  Registrant
                </th>
              ) : (
                <>
                  <th scope="col" className="w-[22%] py-3 pr-3 pl-6 font-medium">
                    Name
                  </th>
                  <th scope="col" className="w-[24%] px-3 py-3 font-medium">
                    E-mail
                  </th>
                </>
              )}
              <th scope="col" className="w-28 px-3 py-3 font-medium">
                Status
              </th>
              <th scope="col" className={cn('px-3 py-3 font-medium', hasQuestions && 'w-52')}>
                Registered
              </th>
              {hasQuestions ? null : (
                <th scope="col" className="w-32 px-3 py-3 font-medium">
                  Source
                </th>
              )}
              <th scope="col" className="w-36 px-3 py-3 font-medium">
                Attendance
              </th>
              {questions.map((question) => (
                <th key={question.key} scope="col" className="px-3 py-3 font-medium" style={{ width: `${answerColumnRem}rem` }}>
                  <span className="line-clamp-2 break-words" title={question.label}>
                    {question.label}
                  </span>
                </th>
              ))}
              <th scope="col" className={cn('w-16 py-3 pr-6 pl-3', hasQuestions && [stickyEnd, 'bg-slate-50'])}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {registrations.map((registration) => (
              <tr key={registration.id} className="group align-top transition-colors hover:bg-slate-50/80">
                {hasQuestions ? (
                  <td className={cn('bg-white py-3.5 pr-3 pl-6 group-hover:bg-slate-50', stickyStart)}>
                    <span className="block font-medium break-words text-slate-900">{registration.name}</span>
                    <span className="block break-all text-slate-600">{registration.email}</span>
                  </td>
                ) : (
                  <>
                    <td className="py-3.5 pr-3 pl-6 font-medium break-words text-slate-900">{registration.name}</td>
                    <td className="px-3 py-3.5 break-all text-slate-600">{registration.email}</td>
                  </>
                )}
                <td className="px-3 py-3.5">
                  <RegistrationStatusBadge status={registration.status} />
                </td>
                <td className="px-3 py-3.5 text-slate-700">
                  <RegisteredAt registration={registration} />
                  {hasQuestions ? <span className="block text-xs text-slate-500">{registrationSourceLabels[registration.source]}</span> : null}
                </td>
                {hasQuestions ? null : <td className="px-3 py-3.5 text-slate-600">{registrationSourceLabels[registration.source]}</td>}
                <td className="px-3 py-3.5">
                  <RegistrationAttendance registration={registration} />
                </td>
                {questions.map((question) => (
                  <td key={question.key} className="px-3 py-3.5 text-slate-700">
                    <AnswerCell question={question} answer={registration.answers[question.key]} />
                  </td>
                ))}
                <td className={cn('py-2 pr-6 pl-3 text-right', hasQuestions && [stickyEnd, 'bg-white group-hover:bg-slate-50'])}>
                  <RegistrationActionsMenu registration={registration} webinarStatus={webinarStatus} onReject={onReject} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul role="list" aria-label="Registrations" className="divide-y divide-slate-100 md:hidden">
        {registrations.map((registration) => (
          <li key={registration.id} className="px-4 py-3.5">
            <div className="flex items-start gap-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium break-words text-slate-900">{registration.name}</p>
                <p className="text-sm break-all text-slate-600">{registration.email}</p>
              </div>
              <div className="-mt-1.5 -mr-1.5 shrink-0">
                <RegistrationActionsMenu registration={registration} webinarStatus={webinarStatus} onReject={onReject} />
              </div>
            </div>
            <div className="mt-2 flex flex-wrap items-center gap-x-2.5 gap-y-1 text-sm text-slate-600">
              <RegistrationStatusBadge status={registration.status} />
              <time dateTime={registration.createdAt}>{formatDateTime(registration.createdAt)}</time>
            </div>
            <RegistrationAttendance registration={registration} className="mt-1.5 text-sm" />
            <RegistrationAnswers questions={questions} answers={registration.answers} />
            <p className="mt-1 flex flex-wrap items-center gap-x-1.5 text-xs text-slate-500">
              <span>{registrationSourceLabels[registration.source]}</span>
              {registration.timezone ? (
                <>
                  <span aria-hidden>·</span>
                  <span className="inline-flex items-center gap-1" title="The registrant’s time zone">
                    <Globe className="size-3 shrink-0" aria-hidden />
                    <span className="sr-only">Their time zone: </span>
                    {registration.timezone}
                  </span>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  )
}

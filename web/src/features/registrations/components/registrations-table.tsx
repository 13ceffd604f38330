import type { Registration, RegistrationListItem } from '@webinar/shared/registrations'
import { formatDateTime } from '@webinar/shared/time-format'
import type { Webinar } from '@webinar/shared/webinars'
import { Globe } from 'lucide-react'
import { Card } from '@/components/ui/card'
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

/**
 * Registrations as a table on wide screens and as cards on phones. Both are in the page; CSS shows one, and
 * the other is hidden from assistive technology too (display: none).
 */
export function RegistrationsTable({
  registrations,
  webinarStatus,
  onReject,
}: {
  registrations: RegistrationListItem[]
  /** What each row's menu offers depends on it: nothing that needs a join link once the webinar is over. */
  webinarStatus: Webinar['status']
  onReject: (registration: Registration) => void
}) {
  return (
    <Card className="overflow-hidden">
      <table aria-label="Registrations" className="hidden w-full table-fixed text-left text-sm md:table">
        <thead className="border-b border-slate-200 bg-slate-50/80 text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="w-[22%] py-3 pr-3 pl-6 font-medium">
              Name
            </th>
            <th scope="col" className="w-[24%] px-3 py-3 font-medium">
              E-mail
            </th>
            <th scope="col" className="w-28 px-3 py-3 font-medium">
              Status
            </th>
            <th scope="col" className="px-3 py-3 font-medium">
              Registered
            </th>
            <th scope="col" className="w-32 px-3 py-3 font-medium">
              Source
            </th>
            <th scope="col" className="w-36 px-3 py-3 font-medium">
              Attendance
            </th>
            <th scope="col" className="w-16 py-3 pr-6 pl-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {registrations.map((registration) => (
            <tr key={registration.id} className="align-top transition-colors hover:bg-slate-50/80">
              <td className="py-3.5 pr-3 pl-6 font-medium break-words text-slate-900">{registration.name}</td>
              <td className="px-3 py-3.5 break-all text-slate-600">{registration.email}</td>
              <td className="px-3 py-3.5">
                <RegistrationStatusBadge status={registration.status} />
              </td>
              <td className="px-3 py-3.5 text-slate-700">
                <RegisteredAt registration={registration} />
              </td>
              <td className="px-3 py-3.5 text-slate-600">{registrationSourceLabels[registration.source]}</td>
              <td className="px-3 py-3.5">
                <RegistrationAttendance registration={registration} />
              </td>
              <td className="py-2 pr-6 pl-3 text-right">
                <RegistrationActionsMenu registration={registration} webinarStatus={webinarStatus} onReject={onReject} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

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

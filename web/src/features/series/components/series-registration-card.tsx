import type { PublicWebinar, RegisterBody, RegistrationReceipt } from '@webinar/shared/registrations'
import type { PublicSeries, SeriesRegistrationReceipt } from '@webinar/shared/series'
import { describeWebinarTime } from '@webinar/shared/time-format'
import { useQueryClient } from '@tanstack/react-query'
import { useId, useRef, useState } from 'react'
import { Card } from '@/components/ui/card'
import { ChoiceCard } from '@/components/ui/choice-card'
import { Field } from '@/components/ui/field'
import { Select } from '@/components/ui/select'
import { RegistrationForm } from '@/features/registration/components/registration-form'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { publicSeriesQueryKey } from '../api/get-public-series'
import { registerForSeries } from '../api/register-for-series'
import { publicWebinarOf, type PublicOccurrence } from '../utils/public-series'

/** How registering went: every upcoming session (one mail with a link each), or one session (its usual mail). */
export type SeriesRegistrationOutcome =
  | { kind: 'all'; receipt: SeriesRegistrationReceipt }
  | { kind: 'one'; receipt: RegistrationReceipt; webinar: PublicWebinar }

const registrationStatuses: readonly RegistrationReceipt['status'][] = ['approved', 'pending', 'waitlisted']

/** The status one registration got, in the words of a webinar's receipt (the least settled one when there are several). */
function statusOf(receipt: SeriesRegistrationReceipt): RegistrationReceipt['status'] {
  const statuses = receipt.occurrences.map((occurrence) => occurrence.status)
  return [...registrationStatuses].reverse().find((status) => statuses.includes(status)) ?? 'approved'
}

/**
 * Which sessions, then the series' registration form (the webinars' own form, sent to the series): every upcoming
 * session by default, or one picked from the list.
 */
export function SeriesRegistrationCard({
  slug,
  series,
  onRegistered,
}: {
  slug: string
  series: PublicSeries
  onRegistered: (outcome: SeriesRegistrationOutcome) => void
}) {
  const open = series.occurrences.filter((occurrence) => occurrence.isOpen)
  const [choice, setChoice] = useState<'all' | 'one'>('all')
  const [chosenId, setChosenId] = useState(open[0]?.webinarId ?? '')
  const chosen: PublicOccurrence | undefined = choice === 'one' ? open.find((occurrence) => occurrence.webinarId === chosenId) : undefined
  // The form speaks for the first open session when all are chosen: the same questions, and a waitlist only if every session is full.
  const webinar = publicWebinarOf(series, chosen ?? open[0]!, chosen ? {} : { willWaitlist: open.every((occurrence) => occurrence.willWaitlist) })
  // The series' answer, kept for the success screen (the form itself knows a webinar's receipt only).
  const seriesReceipt = useRef<SeriesRegistrationReceipt | null>(null)
  const ids = { choice: useId(), session: useId() }
  const viewerZone = viewerTimezone()
  const queryClient = useQueryClient()

  const send = async (body: RegisterBody): Promise<RegistrationReceipt> => {
    try {
      const receipt = await registerForSeries(slug, { ...body, occurrence: chosen ? chosen.webinarId : 'all' })
      seriesReceipt.current = receipt
      return { email: receipt.email, status: statusOf(receipt) }
    } catch (error) {
      // A session filled up or closed meanwhile: the page shows what is open now.
      void queryClient.invalidateQueries({ queryKey: publicSeriesQueryKey(slug) })
      throw error
    }
  }

  return (
    <Card className="px-5 py-6 sm:px-7 sm:py-7">
      <h2 className="text-lg font-semibold text-slate-900">Register</h2>
      <fieldset className="mt-4">
        <legend className="text-sm font-medium text-slate-800">Which sessions?</legend>
        <div className="mt-2 grid gap-3">
          <ChoiceCard
            label={`All upcoming sessions (${open.length})`}
            description="One e-mail with your personal link for each session."
            inputProps={{ name: ids.choice, value: 'all', checked: choice === 'all', onChange: () => setChoice('all') }}
          />
          <ChoiceCard
            label="One session"
            description="Pick the date that suits you; its link comes by e-mail."
            inputProps={{ name: ids.choice, value: 'one', checked: choice === 'one', onChange: () => setChoice('one') }}
          />
        </div>
      </fieldset>
      {choice === 'one' ? (
        <Field id={ids.session} label="Session" className="mt-4">
          {(control) => (
            <Select {...control} value={chosenId} onChange={(event) => setChosenId(event.target.value)}>
              {open.map((occurrence) => {
                const time = describeWebinarTime({ ...occurrence, timezone: series.timezone }, viewerZone)
                return (
                  <option key={occurrence.webinarId} value={occurrence.webinarId}>
                    {`${time.shortDate}, ${time.time}${occurrence.willWaitlist ? ' (full: waitlist)' : ''}`}
                  </option>
                )
              })}
            </Select>
          )}
        </Field>
      ) : null}
      <div className="mt-6 border-t border-slate-100 pt-6">
        <RegistrationForm
          slug={webinar.slug}
          webinar={webinar}
          send={send}
          onRegistered={(receipt) => {
            const answer = seriesReceipt.current
            onRegistered(chosen || !answer ? { kind: 'one', receipt, webinar } : { kind: 'all', receipt: answer })
          }}
        />
      </div>
    </Card>
  )
}

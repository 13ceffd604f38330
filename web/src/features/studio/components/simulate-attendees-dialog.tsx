import { SimulateAttendeesBody } from '@webinar/shared/simulation'
import { formatDuration } from '@webinar/shared/time-format'
import type { Webinar } from '@webinar/shared/webinars'
import { UsersRound } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogFormActions } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Select } from '@/components/ui/select'
import { TextField } from '@/components/ui/text-field'
import { useHostStreamCredentials } from '@/features/video/api/get-host-stream-credentials'
import { applyServerErrors } from '@/lib/form-errors'
import { limitsOf, schemaResolver } from '@/lib/form-validation'
import { useSimulateAttendees } from '../api/simulate-attendees'

interface SimulationValues {
  count: string
  overMinutes: string
}

const countLimits = limitsOf(SimulateAttendeesBody.properties.count)
const spans = [1, 3, 5]
const bodyOf = (values: SimulationValues) => ({ count: Number(values.count), overSeconds: Number(values.overMinutes) * 60 })
const resolver = schemaResolver<SimulationValues>(SimulateAttendeesBody, {
  bodyOf,
  fieldOf: (bodyField) => (bodyField === 'overSeconds' ? 'overMinutes' : bodyField),
  messages: { count: `Enter a number from ${countLimits.minimum} to ${countLimits.maximum}.` },
})

function SimulationForm({ webinarId, onDone }: { webinarId: string; onDone: () => void }) {
  const simulate = useSimulateAttendees()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<SimulationValues>({ defaultValues: { count: '25', overMinutes: '3' }, resolver })

  const submit = handleSubmit((values) => {
    setFormError(null)
    simulate.mutate(
      { webinarId, body: bodyOf(values) },
      {
        onSuccess: (answer) => {
          const made = answer.registered === 0 ? '' : ` (${answer.registered} registered for it)`
          toast.success(`${answer.count} simulated ${answer.count === 1 ? 'attendee comes' : 'attendees come'} and go over the next ${formatDuration(answer.overSeconds / 60)}${made}.`, {
            description: 'Watch the viewer count here, or the webinar’s Report tab.',
          })
          onDone()
        },
        // 409: the webinar ended meanwhile, or nobody is left to send in.
        onError: (error) => setFormError(applyServerErrors(error, setError, ['count'])),
      },
    )
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField
        label="Attendees"
        type="number"
        inputMode="numeric"
        min={countLimits.minimum}
        max={countLimits.maximum}
        step={1}
        hint="Approved registrants go first; the rest are registered as “Simulated attendee N” at example.invalid."
        error={errors.count?.message}
        className="sm:[&_input]:max-w-32"
        {...register('count')}
      />
      <Field label="Spread over" hint="They arrive mostly early; some step out and come back, some open a second tab, some leave.">
        {(control) => (
          <Select {...control} className="sm:max-w-48" {...register('overMinutes')}>
            {spans.map((minutes) => (
              <option key={minutes} value={minutes}>
                {formatDuration(minutes)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <DialogFormActions submitLabel="Start simulation" pendingLabel="Starting…" isPending={simulate.isPending} />
    </form>
  )
}

/**
 * Local mode has no audience (no Stream SFU to watch through): this fills the live call with registrants who come
 * and go, so the viewer count, attendance and the report can be seen working. Shown only in local mode, which the
 * studio's own Stream credentials say (the server has no such route with Stream).
 */
export function SimulateAttendeesButton({ webinar, className }: { webinar: Webinar; className?: string }) {
  const credentials = useHostStreamCredentials(webinar.id)
  const [isOpen, setIsOpen] = useState(false)
  if (webinar.status !== 'live' || credentials.data?.isLocalMode !== true) return null
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <Button variant="secondary" className={className} aria-label="Simulate attendees…" onClick={() => setIsOpen(true)}>
        <UsersRound className="size-4" aria-hidden />
        <span className="sm:hidden">Simulate…</span>
        <span className="max-sm:hidden">Simulate attendees…</span>
      </Button>
      <DialogContent
        title="Simulate attendees"
        description="Local mode only: nobody can watch without Stream, so registrants join and leave this call as viewers would. Attendance, the viewer count and the report follow as they would for real people."
      >
        <SimulationForm webinarId={webinar.id} onDone={() => setIsOpen(false)} />
      </DialogContent>
    </Dialog>
  )
}

import { useQueryClient } from '@tanstack/react-query'
import type { DeleteWebinarBody, Webinar } from '@webinar/shared/webinars'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import { ChoiceCard } from '@/components/ui/choice-card'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useDeleteWebinar } from '../api/delete-webinar'
import { webinarQueryKey } from '../api/get-webinar'

type Records = DeleteWebinarBody['records']

const recordChoices: { value: Records; label: string; description: string }[] = [
  {
    value: 'keep',
    label: 'Keep registrations and mail for reports',
    description: 'The webinar disappears from lists and its pages; who registered, their answers and the mail sent stay for reports and exports.',
  },
  {
    value: 'erase',
    label: 'Erase registrations and mail too',
    description: 'Everything about the webinar is deleted with it, for good.',
  },
]

/**
 * Asks before deleting, and what to do with the people's records: kept (the default, as reports and audits
 * usually need them) or erased with the webinar. Then the list of webinars, since this page is gone.
 */
export function DeleteWebinarDialog({ webinar, open, onOpenChange }: { webinar: Webinar; open: boolean; onOpenChange: (open: boolean) => void }) {
  const deleteWebinar = useDeleteWebinar()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [records, setRecords] = useState<Records>('keep')
  const close = () => {
    deleteWebinar.reset()
    setRecords('keep')
    onOpenChange(false)
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title={`Delete “${webinar.title}”?`}
      description={
        <>
          The webinar and its Stream call are deleted; this cannot be undone. Registrants are not told
          {webinar.status === 'scheduled' ? ': to let them know, cancel the webinar first' : ''}.
        </>
      }
      confirmLabel="Delete webinar"
      cancelLabel="Keep the webinar"
      pendingLabel="Deleting…"
      isPending={deleteWebinar.isPending}
      error={deleteWebinar.error ? errorMessageOf(deleteWebinar.error) : null}
      onConfirm={() =>
        deleteWebinar.mutate(
          { webinarId: webinar.id, records },
          {
            onSuccess: () => {
              toast.success(`“${webinar.title}” was deleted.`)
              // Forgotten once this page has gone (not before: it would ask for it again and show a 404), so that
              // going back shows "does not exist" rather than the webinar as it was.
              void Promise.resolve(navigate('/admin/webinars')).then(() =>
                queryClient.removeQueries({ queryKey: webinarQueryKey(webinar.id), exact: true }),
              )
            },
          },
        )
      }
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Registrations and mail</legend>
        <div className="mt-2 space-y-2.5">
          {recordChoices.map((choice) => (
            <ChoiceCard
              key={choice.value}
              label={choice.label}
              description={choice.description}
              tone={choice.value === 'erase' ? 'danger' : 'accent'}
              inputProps={{
                name: 'records',
                value: choice.value,
                checked: records === choice.value,
                disabled: deleteWebinar.isPending,
                onChange: () => setRecords(choice.value),
              }}
            />
          ))}
        </div>
      </fieldset>
    </ConfirmDialog>
  )
}

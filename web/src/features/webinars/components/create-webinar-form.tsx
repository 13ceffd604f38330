import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import { useCreateWebinar } from '../api/create-webinar'
import { newWebinarFormValues, webinarBodyOf, WebinarForm } from './webinar-form'

export function CreateWebinarForm() {
  const createWebinar = useCreateWebinar()
  const navigate = useNavigate()
  return (
    <WebinarForm
      initialValues={newWebinarFormValues()}
      submitLabel="Schedule webinar"
      pendingLabel="Scheduling…"
      cancelTo="/admin/webinars"
      onSubmit={async (values) => {
        const webinar = await createWebinar.mutateAsync(webinarBodyOf(values))
        toast.success(`“${webinar.title}” is scheduled.`)
        navigate(`/admin/webinars/${webinar.id}`)
      }}
    />
  )
}

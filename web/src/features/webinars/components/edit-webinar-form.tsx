import type { UpdateWebinarBody, Webinar } from '@webinar/shared/webinars'
import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import { useUpdateWebinar } from '../api/update-webinar'
import { webinarBodyOf, WebinarForm, webinarFormValuesOf, type WebinarFormDirtyFields, type WebinarFormValues } from './webinar-form'

/**
 * Only what changed is sent: the server refuses any schedule field on a live webinar, even an unchanged one,
 * and tells Stream only about real changes.
 */
function changesOf(values: WebinarFormValues, dirty: WebinarFormDirtyFields): UpdateWebinarBody {
  const body = webinarBodyOf(values)
  return {
    ...(dirty.title ? { title: body.title } : {}),
    ...(dirty.description ? { description: body.description } : {}),
    ...(dirty.date || dirty.time || dirty.timezone ? { startTime: body.startTime, timezone: body.timezone } : {}),
    ...(dirty.durationMinutes ? { durationMinutes: body.durationMinutes } : {}),
    ...(dirty.capacity ? { capacity: body.capacity } : {}),
    ...(dirty.approvalMode ? { approvalMode: body.approvalMode } : {}),
    ...(dirty.record || dirty.viewerMode || dirty.captions || dirty.chat || dirty.qna || dirty.handRaising || dirty.chatSlowModeSeconds || dirty.joinAheadMinutes
      ? { settings: body.settings }
      : {}),
    ...(dirty.attendedThresholdMinutes ? { attendedThresholdSeconds: body.attendedThresholdSeconds } : {}),
  }
}

export function EditWebinarForm({ webinar }: { webinar: Webinar }) {
  const updateWebinar = useUpdateWebinar()
  const navigate = useNavigate()
  const webinarPath = `/admin/webinars/${webinar.id}`
  return (
    <WebinarForm
      initialValues={webinarFormValuesOf(webinar)}
      submitLabel="Save changes"
      pendingLabel="Saving…"
      cancelTo={webinarPath}
      onSubmit={async (values, dirtyFields) => {
        const body = changesOf(values, dirtyFields)
        if (Object.keys(body).length > 0) {
          await updateWebinar.mutateAsync({ webinarId: webinar.id, body })
          toast.success('Your changes are saved.')
        }
        navigate(webinarPath)
      }}
    />
  )
}

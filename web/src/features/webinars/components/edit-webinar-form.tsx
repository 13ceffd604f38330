import type { Series, UpdateFollowingBody } from '@webinar/shared/series'
import { formatShortDate } from '@webinar/shared/time-format'
import type { UpdateWebinarBody, Webinar } from '@webinar/shared/webinars'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import { useSeries } from '@/features/series/api/get-series'
import { useUpdateFollowing } from '@/features/series/api/update-following'
import { EditScopeDialog, type EditScope } from '@/features/series/components/edit-scope-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useUpdateWebinar } from '../api/update-webinar'
import { wallClockIn } from '../utils/schedule'
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
    ...(isAnyDirty(dirty.registrationFields) ? { registrationForm: body.registrationForm } : {}),
  }
}

/** A list's dirty marks are a tree (an entry per item, a mark per input): changed if any mark is set. */
function isAnyDirty(marks: unknown): boolean {
  if (marks === true) return true
  return typeof marks === 'object' && marks !== null && Object.values(marks).some(isAnyDirty)
}

/** The inputs whose change a series holds for all its sessions: "this and following" can apply them. */
const followingInputs = new Set(['title', 'description', 'time', 'durationMinutes', 'capacity'])

/** The other inputs, named as a person would say them ("You also changed the date"). */
const thisSessionInputNames: Record<string, string> = {
  date: 'the date',
  timezone: 'the time zone',
  approvalMode: 'approval',
  attendedThresholdMinutes: 'when someone counts as attended',
  registrationFields: 'the registration form',
}

function changedInputsOf(dirty: WebinarFormDirtyFields): string[] {
  return Object.entries(dirty)
    .filter(([, marks]) => isAnyDirty(marks))
    .map(([input]) => input)
}

/** "the date", "the date and approval", "the date, approval and the room settings". */
function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** The changes in the terms of "this and following": the time of day as the series' clocks read it. */
function followingChangesOf(values: WebinarFormValues, dirty: WebinarFormDirtyFields, seriesTimezone: string): Omit<UpdateFollowingBody, 'fromWebinarId'> {
  const body = webinarBodyOf(values)
  return {
    ...(dirty.title ? { title: body.title } : {}),
    ...(dirty.description ? { description: body.description } : {}),
    ...(dirty.time ? { localTime: wallClockIn(body.startTime, seriesTimezone).time } : {}),
    ...(dirty.durationMinutes ? { durationMinutes: body.durationMinutes } : {}),
    ...(dirty.capacity ? { capacity: body.capacity } : {}),
  }
}

/** Why these changes cannot go to the following sessions; null when they can. */
function followingUnavailableReason(series: ReturnType<typeof useSeries>, changed: string[]): string | null {
  if (series.isPending) return 'Loading the series…'
  if (series.isError) return `The series could not be loaded: ${errorMessageOf(series.error)}`
  if (series.data.status !== 'active') return 'The series is cancelled: its sessions change one by one.'
  const others = changed.filter((input) => !followingInputs.has(input))
  if (others.length === changed.length) return 'Only the title, description, start time, duration and capacity can change for the following sessions.'
  if (others.length === 0) return null
  const names = [...new Set(others.map((input) => thisSessionInputNames[input] ?? 'the room settings'))]
  const undo = others.length === 1 ? 'that change' : 'those changes'
  return `You also changed ${listOf(names)}, which can change for this session only. Undo ${undo} to apply the rest to the following sessions.`
}

/** Sessions after this one that have not started: what "this and following" changes besides it. */
function followingCountOf(series: Series | undefined, webinarId: string): number {
  const occurrences = series?.occurrences ?? []
  const self = occurrences.find((occurrence) => occurrence.webinarId === webinarId)
  return self ? occurrences.filter((occurrence) => occurrence.date > self.date && occurrence.status === 'scheduled').length : 0
}

interface PendingSave {
  values: WebinarFormValues
  dirty: WebinarFormDirtyFields
  /** Settles the form's submission: its errors land at the inputs, as for any webinar. */
  settle: (error?: unknown) => void
}

/**
 * Changing a webinar. A session of a series asks first whether the change is for this session only (the webinar,
 * as any other) or for this and the following sessions (the series, from this session on).
 */
export function EditWebinarForm({ webinar }: { webinar: Webinar }) {
  const updateWebinar = useUpdateWebinar()
  const updateFollowing = useUpdateFollowing()
  const navigate = useNavigate()
  const webinarPath = `/admin/webinars/${webinar.id}`
  const series = useSeries(webinar.series?.id ?? '', { enabled: Boolean(webinar.series) })
  const [pendingSave, setPendingSave] = useState<PendingSave | null>(null)

  const saveThisSession = async (body: UpdateWebinarBody) => {
    await updateWebinar.mutateAsync({ webinarId: webinar.id, body })
    toast.success('Your changes are saved.')
    navigate(webinarPath)
  }

  const confirmScope = async (scope: EditScope) => {
    if (!pendingSave) return
    const { values, dirty, settle } = pendingSave
    if (scope === 'this') {
      // The dialog closes; the form shows how it went, as for any webinar.
      setPendingSave(null)
      updateFollowing.reset()
      await saveThisSession(changesOf(values, dirty)).then(() => settle(), settle)
      return
    }
    if (!webinar.series || !series.data) return
    try {
      const updated = await updateFollowing.mutateAsync({
        seriesId: webinar.series.id,
        body: { fromWebinarId: webinar.id, ...followingChangesOf(values, dirty, series.data.timezone) },
      })
      const count = followingCountOf(updated, webinar.id)
      toast.success(count === 0 ? 'Your changes are saved.' : `Saved for this session and the ${count === 1 ? 'one' : count} after it.`)
      setPendingSave(null)
      settle()
      navigate(webinarPath)
    } catch {
      // Said in the dialog (updateFollowing.error), where the choice can be made again.
    }
  }

  const cancelScope = () => {
    pendingSave?.settle()
    setPendingSave(null)
    updateFollowing.reset()
  }

  return (
    <>
      <WebinarForm
        initialValues={webinarFormValuesOf(webinar)}
        submitLabel="Save changes"
        pendingLabel="Saving…"
        cancelTo={webinarPath}
        onSubmit={async (values, dirtyFields) => {
          const body = changesOf(values, dirtyFields)
          if (Object.keys(body).length === 0) {
            navigate(webinarPath)
            return
          }
          if (!webinar.series) {
            await saveThisSession(body)
            return
          }
          // The submission waits for the choice: its button stays busy, and an error of "this session only" lands at the inputs.
          await new Promise<void>((resolve, reject) =>
            setPendingSave({ values, dirty: dirtyFields, settle: (error) => (error === undefined ? resolve() : reject(error)) }),
          )
        }}
      />
      {webinar.series ? (
        <EditScopeDialog
          // A new question each time: the choice starts again from "this session only".
          key={pendingSave ? 'asking' : 'idle'}
          open={pendingSave !== null}
          seriesTitle={webinar.series.title}
          sessionLabel={formatShortDate(webinar.startTime, webinar.timezone)}
          followingCount={followingCountOf(series.data, webinar.id)}
          followingUnavailable={pendingSave ? followingUnavailableReason(series, changedInputsOf(pendingSave.dirty)) : null}
          isPending={updateFollowing.isPending}
          error={updateFollowing.error ? errorMessageOf(updateFollowing.error) : null}
          onConfirm={(scope) => void confirmScope(scope)}
          onCancel={cancelScope}
        />
      ) : null}
    </>
  )
}

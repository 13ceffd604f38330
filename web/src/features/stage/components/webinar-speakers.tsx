import { InviteSpeakerBody, type Speaker } from '@webinar/shared/stage'
import { staffAdminRoles } from '@webinar/shared/users'
import type { Webinar } from '@webinar/shared/webinars'
import { Mic, UserPlus } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog, DialogContent, DialogFormActions } from '@/components/ui/dialog'
import { EmptyState } from '@/components/ui/empty-state'
import { Field } from '@/components/ui/field'
import { EmailField, NameField, withPersonTrimmed } from '@/components/ui/person-fields'
import { Select } from '@/components/ui/select'
import { PageLoading } from '@/components/ui/spinner'
import { useMe } from '@/features/auth/api/get-me'
import { useUsers } from '@/features/users/api/get-users'
import { errorMessageOf } from '@/lib/api-error'
import { applyServerErrors } from '@/lib/form-errors'
import { schemaResolver } from '@/lib/form-validation'
import { initialsOf } from '@/lib/initials'
import { useInviteSpeaker } from '../api/invite-speaker'
import { useRemoveSpeaker } from '../api/remove-speaker'
import { useSpeakers } from '../api/get-speakers'
import { speakerKindLabels } from '../utils/speaker-labels'

type PanelistValues = { name: string; email: string }

// The panelist's half of the invitation body: the form checks it with the server's own schema.
const PanelistInvitation = InviteSpeakerBody.anyOf[1]
const panelistResolver = schemaResolver<PanelistValues>(PanelistInvitation, {
  bodyOf: (values) => ({ kind: 'panelist', ...withPersonTrimmed(values) }),
  messages: {
    name: 'Enter their name.',
    email: ({ value }) => (value === '' ? 'Enter their e-mail address.' : 'Must be a valid e-mail address'),
  },
})

function InvitePanelistForm({ webinarId, onDone }: { webinarId: string; onDone: () => void }) {
  const invite = useInviteSpeaker()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<PanelistValues>({ defaultValues: { name: '', email: '' }, resolver: panelistResolver })
  const submit = handleSubmit((values) => {
    setFormError(null)
    invite.mutate(
      { webinarId, body: { kind: 'panelist', ...withPersonTrimmed(values) } },
      {
        onSuccess: (speaker) => {
          toast.success(`${speaker.name} is invited.`, { description: `Their personal studio link is on its way to ${speaker.email}.` })
          onDone()
        },
        onError: (error) => setFormError(applyServerErrors(error, setError, ['name', 'email'])),
      },
    )
  })
  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <NameField label="Name" autoComplete="off" error={errors.name?.message} {...register('name')} />
      <EmailField label="E-mail address" autoComplete="off" hint="Their personal studio link goes to this address." error={errors.email?.message} {...register('email')} />
      <DialogFormActions submitLabel="Send invitation" pendingLabel="Inviting…" isPending={invite.isPending} />
    </form>
  )
}

function AddCohostForm({ webinar, speakers, onDone }: { webinar: Webinar; speakers: Speaker[]; onDone: () => void }) {
  const users = useUsers()
  const invite = useInviteSpeaker()
  const [userId, setUserId] = useState('')
  const [formError, setFormError] = useState<string | null>(null)
  const taken = new Set([webinar.host.id, ...speakers.flatMap((speaker) => (speaker.userId ? [speaker.userId] : []))])
  const candidates = (users.data?.items ?? []).filter((user) => !taken.has(user.id))

  if (users.isPending) return <PageLoading label="Loading the staff…" />
  if (users.isError) return <Alert title="The staff list did not load">{errorMessageOf(users.error)}</Alert>
  if (candidates.length === 0) {
    return (
      <Alert tone="info" title="Nobody else to add">
        Everyone on the staff already runs this webinar. Add people on the Users page first, then make them co-hosts here.
      </Alert>
    )
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const chosen = userId || candidates[0]!.id
    setFormError(null)
    invite.mutate(
      { webinarId: webinar.id, body: { kind: 'cohost', userId: chosen } },
      {
        onSuccess: (speaker) => {
          toast.success(`${speaker.name} is a co-host.`, { description: 'They find this webinar in their list and can open its studio.' })
          onDone()
        },
        onError: (error) => setFormError(errorMessageOf(error)),
      },
    )
  }
  return (
    <form onSubmit={submit} className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <Field label="Staff member" hint="Co-hosts open the studio, start and end the webinar, and moderate the room; they cannot change the webinar.">
        {(control) => (
          <Select {...control} value={userId || candidates[0]!.id} onChange={(event) => setUserId(event.target.value)}>
            {candidates.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name} ({user.email})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <DialogFormActions submitLabel="Add co-host" pendingLabel="Adding…" isPending={invite.isPending} />
    </form>
  )
}

function RemoveSpeakerDialog({ webinarId, speaker, onClose }: { webinarId: string; speaker: Speaker | null; onClose: () => void }) {
  const remove = useRemoveSpeaker()
  const close = () => {
    remove.reset()
    onClose()
  }
  return (
    <ConfirmDialog
      open={speaker !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Remove ${speaker?.name ?? 'this speaker'}?`}
      description={
        speaker?.kind === 'cohost'
          ? 'Their access ends at once: they leave the call now and can no longer open this webinar or its studio. You can add them again later.'
          : 'Their access ends at once: they leave the call now and their personal studio link stops working. Inviting them again sends a new link.'
      }
      confirmLabel="Remove"
      pendingLabel="Removing…"
      isPending={remove.isPending}
      error={remove.error ? errorMessageOf(remove.error) : null}
      onConfirm={() => {
        if (!speaker) return
        remove.mutate(
          { webinarId, speakerId: speaker.id },
          {
            onSuccess: () => {
              toast.success(`${speaker.name} was removed.`)
              close()
            },
          },
        )
      }}
    />
  )
}

/**
 * The webinar's co-hosts and guest panelists, on its page. Its host and admins invite a co-host from the staff or a
 * panelist by name and e-mail (mailed a personal studio link), and remove them; co-hosts see who else speaks.
 */
export function WebinarSpeakers({ webinar }: { webinar: Webinar }) {
  const speakers = useSpeakers(webinar.id)
  const me = useMe().data?.user
  const isAdmin = me ? staffAdminRoles.includes(me.role) : false
  const canManage = isAdmin || me?.id === webinar.host.id
  const isOver = webinar.status === 'ended' || webinar.status === 'cancelled'
  const [openDialog, setOpenDialog] = useState<'cohost' | 'panelist' | null>(null)
  const [removing, setRemoving] = useState<Speaker | null>(null)
  const close = () => setOpenDialog(null)
  const items = speakers.data?.items ?? []

  return (
    <Card role="region" aria-label="Speakers" className="pb-2">
      <CardHeader title="Speakers" description="Co-hosts run the room with the host. Panelists join the stage from a personal studio link, without an account." />
      {canManage && !isOver ? (
        <div className="flex flex-wrap gap-2 px-5 pt-4 sm:px-6">
          <Button size="sm" onClick={() => setOpenDialog('panelist')}>
            <Mic className="size-4" aria-hidden />
            Invite a panelist
          </Button>
          {/* The staff list is for owners and admins: a host asks one of them to add a co-host. */}
          {isAdmin ? (
            <Button size="sm" variant="secondary" onClick={() => setOpenDialog('cohost')}>
              <UserPlus className="size-4" aria-hidden />
              Add a co-host
            </Button>
          ) : null}
        </div>
      ) : null}
      {speakers.isPending ? (
        <PageLoading label="Loading the speakers…" />
      ) : speakers.isError ? (
        <Alert className="mx-5 mt-4 sm:mx-6">{errorMessageOf(speakers.error)}</Alert>
      ) : items.length === 0 ? (
        <EmptyState variant="list" isInCard={false} className="py-8" title="No co-hosts or panelists yet">
          {canManage && !isOver ? 'The host speaks alone until you invite someone.' : 'The host speaks alone.'}
        </EmptyState>
      ) : (
        <ul aria-label="Co-hosts and panelists" className="mt-4 divide-y divide-slate-100 border-t border-slate-100">
          {items.map((speaker) => (
            <li key={speaker.id} className="flex items-center gap-3 px-5 py-3 sm:px-6">
              <span aria-hidden className="flex size-9 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-700">
                {initialsOf(speaker.name)}
              </span>
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                  <span className="truncate">{speaker.name}</span>
                  <Badge tone={speaker.kind === 'cohost' ? 'accent' : 'neutral'}>{speakerKindLabels[speaker.kind]}</Badge>
                </p>
                <p className="truncate text-sm text-slate-500">{speaker.email}</p>
              </div>
              {canManage ? (
                <Button size="sm" variant="danger-quiet" aria-label={`Remove ${speaker.name}`} onClick={() => setRemoving(speaker)}>
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {!isAdmin && canManage && !isOver ? (
        <p className="px-5 pt-3 text-xs text-slate-500 sm:px-6">To add a co-host from the staff, ask an owner or an admin.</p>
      ) : null}
      <Dialog open={openDialog !== null} onOpenChange={(open) => (open ? undefined : close())}>
        {openDialog === 'panelist' ? (
          <DialogContent title="Invite a panelist" description="They get an e-mail with a personal studio link: backstage before the start, on stage once you go live.">
            <InvitePanelistForm webinarId={webinar.id} onDone={close} />
          </DialogContent>
        ) : openDialog === 'cohost' ? (
          <DialogContent title="Add a co-host" description="A co-host runs this webinar’s room with the host.">
            <AddCohostForm webinar={webinar} speakers={items} onDone={close} />
          </DialogContent>
        ) : null}
      </Dialog>
      <RemoveSpeakerDialog webinarId={webinar.id} speaker={removing} onClose={() => setRemoving(null)} />
    </Card>
  )
}

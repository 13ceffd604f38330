import { useId, useState, type FormEvent } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { ChoiceCard } from '@/components/ui/choice-card'
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog'

export type EditScope = 'this' | 'following'

/**
 * Saving a change to one session of a series asks first what it is for: this session, or this one and the sessions
 * after it (and those the series creates later). "Following" is offered only for what the series itself holds (title,
 * description, time of day, duration, capacity); `followingUnavailable` says why when it is not.
 */
export function EditScopeDialog({
  open,
  seriesTitle,
  sessionLabel,
  followingCount,
  followingUnavailable,
  isPending,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean
  seriesTitle: string
  /** The session being changed, e.g. "Tue, Apr 6, 2027". */
  sessionLabel: string
  /** Sessions after this one that have not started, which "following" changes too. */
  followingCount: number
  /** Why "This and following sessions" cannot be chosen for these changes; null when it can. */
  followingUnavailable: string | null
  isPending: boolean
  error: string | null
  onConfirm: (scope: EditScope) => void
  onCancel: () => void
}) {
  const [scope, setScope] = useState<EditScope>('this')
  const name = useId()
  const chosen = followingUnavailable ? 'this' : scope
  const others = followingCount === 1 ? 'the one' : `the ${followingCount}`
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onConfirm(chosen)
  }
  return (
    <Dialog open={open} onOpenChange={(next) => (next || isPending ? undefined : onCancel())}>
      <DialogContent title="Which sessions should change?" description={`This session is part of the series “${seriesTitle}”.`} isDismissable={!isPending}>
        <form onSubmit={submit} className="space-y-5">
          <fieldset className="grid gap-3">
            <legend className="sr-only">Which sessions the changes apply to</legend>
            <ChoiceCard
              label="This session only"
              description={`Only the session of ${sessionLabel} changes; the other sessions stay as they are.`}
              inputProps={{ name, value: 'this', checked: chosen === 'this', onChange: () => setScope('this'), disabled: isPending }}
            />
            <div className={followingUnavailable ? 'opacity-70' : undefined}>
              <ChoiceCard
                label="This and following sessions"
                description={
                  followingUnavailable ??
                  `The session of ${sessionLabel} and ${others} after it change, and so do the sessions the series creates later.`
                }
                inputProps={{
                  name,
                  value: 'following',
                  checked: chosen === 'following',
                  onChange: () => setScope('following'),
                  disabled: isPending || followingUnavailable !== null,
                }}
              />
            </div>
          </fieldset>
          {error ? <Alert>{error}</Alert> : null}
          <div className="flex flex-col-reverse gap-3 pt-1 sm:flex-row sm:justify-end">
            <DialogClose asChild>
              <Button variant="secondary" disabled={isPending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" isPending={isPending} pendingLabel="Saving…">
              Save changes
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  )
}

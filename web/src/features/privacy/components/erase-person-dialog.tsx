import * as AlertDialog from '@radix-ui/react-alert-dialog'
import type { ErasedPerson } from '@webinar/shared/privacy'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { overlayClasses, panelClasses } from '@/components/ui/dialog'
import { TextField } from '@/components/ui/text-field'
import { errorMessageOf } from '@/lib/api-error'
import { useErasePerson } from '../api/erase-person'

/**
 * Asks before erasing someone, and has the address typed again: the erasure reaches every webinar and cannot be
 * taken back, so a slip of the mouse must not do it. Stays open while it runs and shows its error in place.
 */
export function ErasePersonDialog({ email, onClose, onErased }: { email: string | null; onClose: () => void; onErased: (erased: ErasedPerson, email: string) => void }) {
  const erase = useErasePerson()
  const [typed, setTyped] = useState('')
  const isConfirmed = email !== null && typed.trim().toLowerCase() === email.toLowerCase()
  const close = () => {
    erase.reset()
    setTyped('')
    onClose()
  }
  return (
    <AlertDialog.Root open={email !== null} onOpenChange={(open) => (open || erase.isPending ? undefined : close())}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClasses} />
        <AlertDialog.Content className={panelClasses}>
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">Erase this person’s data?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm leading-6 text-slate-600">
            Every registration of <strong className="font-medium break-all text-slate-900">{email}</strong>, in every webinar, is anonymised. This
            cannot be undone.
          </AlertDialog.Description>
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm leading-6 text-slate-600">
            <li>Their name, address, phone number and answers are erased.</li>
            <li>The mail sent to them is emptied; mail not sent yet never goes.</li>
            <li>Their name leaves the chat, questions and the room’s history, and Stream.</li>
            <li>Counts and reports stay as they are; the audit log records the erasure.</li>
          </ul>
          <form
            className="mt-5 space-y-4"
            noValidate
            onSubmit={(event) => {
              event.preventDefault()
              if (!email || !isConfirmed) return
              erase.mutate(email, {
                onSuccess: (erased) => {
                  onErased(erased, email)
                  close()
                },
              })
            }}
          >
            <TextField
              label="Type the e-mail address to confirm"
              hint="As shown above; upper or lower case does not matter."
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              disabled={erase.isPending}
              onChange={(event) => setTyped(event.target.value)}
            />
            {erase.error ? <Alert>{errorMessageOf(erase.error)}</Alert> : null}
            <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary" disabled={erase.isPending}>
                  Keep their data
                </Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" disabled={!isConfirmed} isPending={erase.isPending} pendingLabel="Erasing…">
                Erase this person
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}

import type { ErasedPerson } from '@webinar/shared/privacy'
import type { JoinView } from '@webinar/shared/registrations'
import { lazy, Suspense, useState } from 'react'
import { useEraseMyData } from '@/features/privacy/api/erase-my-data'
import { errorMessageOf } from '@/lib/api-error'

// The dialog (and the library behind it) is loaded when it is about to be asked for: most registrants never do,
// and the personal page is what they download first (bench B6).
const loadConfirmDialog = () => import('@/components/ui/confirm-dialog')
const ConfirmDialog = lazy(async () => ({ default: (await loadConfirmDialog()).ConfirmDialog }))

/**
 * Below the registration: the registrant cancels and has everything held about them erased, for every webinar they
 * registered for with this address (the link proves the address is theirs). Asks once, saying what happens.
 */
export function EraseMyData({ token, view, onErased }: { token: string; view: JoinView; onErased: (erased: ErasedPerson) => void }) {
  const [isAsking, setIsAsking] = useState(false)
  // Once asked, the dialog stays mounted, so that closing it animates as every dialog does.
  const [hasAsked, setHasAsked] = useState(false)
  const erase = useEraseMyData(token)
  return (
    <section aria-labelledby="your-data" className="mt-6 px-1 text-sm text-slate-600">
      <h2 id="your-data" className="sr-only">
        Your data
      </h2>
      <p>
        Want us to forget you?{' '}
        <button
          type="button"
          onPointerEnter={() => void loadConfirmDialog()}
          onFocus={() => void loadConfirmDialog()}
          onClick={() => {
            setIsAsking(true)
            setHasAsked(true)
          }}
          className="rounded font-medium text-accent-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
        >
          Cancel and erase my data
        </button>
      </p>
      {hasAsked ? (
        <Suspense fallback={null}>
          <ConfirmDialog
            open={isAsking}
            onOpenChange={(open) => {
              if (!open) erase.reset()
              setIsAsking(open)
            }}
            title="Cancel and erase your data?"
            description={
              <>
                Every registration under <strong className="font-medium break-all text-slate-900">{view.registration.email}</strong> is cancelled if
                the webinar is still ahead, and everything we hold about you is erased: your name, e-mail address, phone number and answers, the
                e-mails we sent you, and your name in chats and questions, for every webinar you registered for with this address.
              </>
            }
            confirmLabel="Cancel and erase my data"
            cancelLabel="Keep my registration"
            pendingLabel="Erasing…"
            isPending={erase.isPending}
            error={erase.error ? errorMessageOf(erase.error) : null}
            onConfirm={() => erase.mutate(undefined, { onSuccess: onErased })}
          >
            <p className="text-sm leading-6 text-slate-600">
              We won’t e-mail you about these webinars again and this link stops working. This cannot be undone; you’re welcome to register again
              later.
            </p>
          </ConfirmDialog>
        </Suspense>
      ) : null}
    </section>
  )
}

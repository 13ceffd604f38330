import * as AlertDialog from '@radix-ui/react-alert-dialog'
import type { ReactNode } from 'react'
import { Alert } from './alert'
import { Button } from './button'
import { overlayClasses, panelClasses } from './dialog'

/**
 * Asks before a consequential action (destructive ones in red, the default). Stays open while the action runs and shows its error, instead of
 * closing on click as AlertDialog.Action would: the person sees whether it worked.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel = 'Cancel',
  pendingLabel,
  isPending,
  error,
  onConfirm,
  confirmVariant = 'danger',
  children,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description: ReactNode
  confirmLabel: string
  /** The button that leaves things as they are; name it when "Cancel" would be ambiguous (e.g. cancelling a webinar). */
  cancelLabel?: string
  pendingLabel: string
  isPending: boolean
  error?: string | null
  onConfirm: () => void
  /** `primary` for an action that is not destructive but cannot be taken back (going live). */
  confirmVariant?: 'danger' | 'primary'
  /** A choice that goes with the action (e.g. what to keep), between the description and the buttons. */
  children?: ReactNode
}) {
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => (isPending ? undefined : onOpenChange(next))}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClasses} />
        <AlertDialog.Content className={panelClasses}>
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm leading-6 text-slate-600">{description}</AlertDialog.Description>
          {children ? <div className="mt-4">{children}</div> : null}
          {error ? <Alert className="mt-4">{error}</Alert> : null}
          <div className="mt-6 flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={isPending}>
                {cancelLabel}
              </Button>
            </AlertDialog.Cancel>
            <Button variant={confirmVariant} isPending={isPending} pendingLabel={pendingLabel} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}

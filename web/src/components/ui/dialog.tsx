import * as DialogPrimitive from '@radix-ui/react-dialog'
import { X } from 'lucide-react'
import { useRef, type ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Button } from './button'

export const Dialog = DialogPrimitive.Root
export const DialogTrigger = DialogPrimitive.Trigger
export const DialogClose = DialogPrimitive.Close

export const overlayClasses = 'fixed inset-0 z-40 bg-slate-900/40 backdrop-blur-[2px] data-[state=open]:animate-[fade-in_150ms_ease-out]'
export const panelClasses = cn(
  'fixed inset-x-0 bottom-0 z-50 max-h-[92dvh] overflow-y-auto rounded-t-2xl bg-white p-5 shadow-xl focus:outline-none data-[state=open]:animate-[dialog-in_160ms_ease-out]',
  'sm:inset-x-auto sm:top-1/2 sm:bottom-auto sm:left-1/2 sm:w-full sm:max-w-lg sm:-translate-x-1/2 sm:-translate-y-1/2 sm:rounded-2xl sm:p-6',
)

/**
 * A modal panel (Radix: focus trap, Escape, labelled by its title). A sheet from the bottom on phones,
 * a centred card on larger screens.
 */
export function DialogContent({
  title,
  description,
  children,
  className,
  isDismissable = true,
}: {
  title: string
  description?: ReactNode
  children: ReactNode
  className?: string
  /** False keeps the dialog open on outside clicks and Escape, for content that must not be lost by accident. */
  isDismissable?: boolean
}) {
  const preventDismiss = (event: Event) => {
    if (!isDismissable) event.preventDefault()
  }
  // Radix returns focus to a DialogTrigger; most dialogs here open from a plain button (their state is the page's),
  // so the element that had focus when the dialog opened gets it back, rather than the page's body.
  const opener = useRef<HTMLElement | null>(null)
  const rememberOpener = () => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
  }
  const returnFocus = (event: Event) => {
    if (!opener.current?.isConnected) return
    event.preventDefault()
    opener.current.focus()
  }
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className={overlayClasses} />
      <DialogPrimitive.Content
        className={cn(panelClasses, className)}
        onInteractOutside={preventDismiss}
        onEscapeKeyDown={preventDismiss}
        onOpenAutoFocus={rememberOpener}
        onCloseAutoFocus={returnFocus}
        {...(description ? {} : { 'aria-describedby': undefined })}
      >
        <div className="flex items-start justify-between gap-4">
          <DialogPrimitive.Title className="text-lg font-semibold text-slate-900">{title}</DialogPrimitive.Title>
          {isDismissable ? (
            <DialogPrimitive.Close className="-m-1.5 rounded-lg p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-600">
              <X className="size-5" aria-hidden />
              <span className="sr-only">Close</span>
            </DialogPrimitive.Close>
          ) : null}
        </div>
        {description ? (
          <DialogPrimitive.Description className="mt-1.5 text-sm leading-6 text-slate-600">{description}</DialogPrimitive.Description>
        ) : null}
        <div className="mt-5">{children}</div>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  )
}

/** The end of a form in a dialog: Cancel closes it, the submit button says what happens. Submit on top on phones. */
export function DialogFormActions({ submitLabel, pendingLabel, isPending }: { submitLabel: string; pendingLabel: string; isPending: boolean }) {
  return (
    <div className="flex flex-col-reverse gap-3 pt-1 sm:flex-row sm:justify-end">
      <DialogClose asChild>
        <Button variant="secondary" disabled={isPending}>
          Cancel
        </Button>
      </DialogClose>
      <Button type="submit" isPending={isPending} pendingLabel={pendingLabel}>
        {submitLabel}
      </Button>
    </div>
  )
}

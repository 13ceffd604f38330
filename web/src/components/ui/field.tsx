import { CircleAlert } from 'lucide-react'
import { useId, type ReactNode } from 'react'
import { cn } from '@/lib/cn'

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="flex items-start gap-1.5 text-sm text-red-700">
      <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>{children}</span>
    </p>
  )
}

/** What a control inside a `Field` needs to be labelled and described. */
export interface FieldControlProps {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
  'aria-required': true | undefined
}

/** The marker of a required field; the control itself says "required" to screen readers (aria-required). */
export function RequiredMark() {
  return (
    <span aria-hidden className="ml-0.5 text-red-600">
      *
    </span>
  )
}

/**
 * A label, hint and error around any control (select, textarea, …), wired like `TextField`: the hint or
 * the error is announced with the control.
 */
export function Field({
  id: givenId,
  label,
  isRequired = false,
  hint,
  error,
  className,
  children,
}: {
  /** The control's id, when something else must point at it; one is made up otherwise. */
  id?: string | undefined
  label: ReactNode
  isRequired?: boolean
  hint?: ReactNode
  error?: string | undefined
  className?: string
  children: (control: FieldControlProps) => ReactNode
}) {
  const generatedId = useId()
  const id = givenId ?? generatedId
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  // The error replaces the hint while there is one: they usually say the same thing, and two lines of small print is noise.
  const isHintShown = Boolean(hint) && !error
  return (
    <div className={cn('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {isRequired ? <RequiredMark /> : null}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? errorId : isHintShown ? hintId : undefined,
        'aria-required': isRequired || undefined,
      })}
      {isHintShown ? (
        <p id={hintId} className="text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
    </div>
  )
}

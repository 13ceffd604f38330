import { useId, type ComponentProps, type ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { FieldError, RequiredMark } from './field'

/** A checkbox with its label as a large tap target; its error is announced with it. */
export function CheckboxField({
  label,
  description,
  error,
  isRequired = false,
  className,
  id,
  ...inputProps
}: Omit<ComponentProps<'input'>, 'type'> & { label: ReactNode; description?: ReactNode; error?: string | undefined; isRequired?: boolean }) {
  const generatedId = useId()
  const inputId = id ?? generatedId
  const errorId = `${inputId}-error`
  const descriptionId = `${inputId}-description`
  const describedBy = [description ? descriptionId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={cn('space-y-1.5', className)}>
      <label
        htmlFor={inputId}
        className={cn(
          'flex cursor-pointer gap-3 rounded-xl p-3.5 ring-1 ring-inset transition-colors hover:bg-slate-50',
          'has-checked:bg-accent-50/60 has-checked:ring-accent-200',
          'has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent-600',
          // One ring colour or the other: the public pages join classes without merging them (lib/cn.ts).
          error ? 'ring-red-300' : 'ring-slate-200',
        )}
      >
        <input
          id={inputId}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-required={isRequired || undefined}
          aria-describedby={describedBy}
          className="mt-0.5 size-4 shrink-0 accent-accent-600 focus-visible:outline-none"
          {...inputProps}
        />
        <span className="text-sm leading-5">
          <span className="text-slate-800">
            {label}
            {isRequired ? <RequiredMark /> : null}
          </span>
          {description ? (
            <span id={descriptionId} className="mt-0.5 block text-xs leading-5 text-slate-600">
              {description}
            </span>
          ) : null}
        </span>
      </label>
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
    </div>
  )
}

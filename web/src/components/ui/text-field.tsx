import type { ComponentProps, ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Field } from './field'

export const inputClasses = cn(
  'block w-full rounded-lg border-0 bg-white px-3.5 py-2.5 text-base text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300',
  'placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-accent-600 focus-visible:outline-none sm:text-sm/6',
  'aria-invalid:ring-red-400 aria-invalid:focus:ring-red-500 disabled:bg-slate-50 disabled:text-slate-500',
)

type TextFieldProps = ComponentProps<'input'> & {
  label: string
  hint?: ReactNode
  error?: string | undefined
  isRequired?: boolean
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function TextField({ label, hint, error, isRequired, id, className, ...inputProps }: TextFieldProps) {
  return (
    <Field id={id} label={label} isRequired={isRequired} hint={hint} error={error} className={className}>
      {(control) => <input {...control} className={inputClasses} {...inputProps} />}
    </Field>
  )
}

import type { ComponentProps, ReactNode } from 'react'
import { cn } from '@/lib/cn'

/**
 * A radio button as a card, with what choosing it means under its label. The whole card is the label, so a
 * click anywhere picks it; `tone="danger"` marks a choice that destroys something.
 */
export function ChoiceCard({
  label,
  description,
  tone = 'accent',
  inputProps,
}: {
  label: ReactNode
  description: ReactNode
  tone?: 'accent' | 'danger'
  inputProps: ComponentProps<'input'>
}) {
  return (
    <label
      className={cn(
        'flex cursor-pointer gap-3 rounded-xl p-3.5 ring-1 ring-slate-300 ring-inset transition-colors hover:bg-slate-50',
        tone === 'danger'
          ? 'has-checked:bg-red-50 has-checked:ring-2 has-checked:ring-red-600'
          : 'has-checked:bg-accent-50 has-checked:ring-2 has-checked:ring-accent-600',
        'has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent-600',
      )}
    >
      <input type="radio" className="mt-0.5 size-4 shrink-0 accent-accent-600 focus-visible:outline-none" {...inputProps} />
      <span>
        <span className="block text-sm font-medium text-slate-900">{label}</span>
        <span className="mt-0.5 block text-xs leading-5 text-slate-600">{description}</span>
      </span>
    </label>
  )
}

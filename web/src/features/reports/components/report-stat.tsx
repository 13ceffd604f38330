import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'

/** Figures side by side as a description list, so each number is read with its name. */
export function StatList({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <dl aria-label={label} className={cn('grid gap-3', className)}>
      {children}
    </dl>
  )
}

/** One figure: its name, the number large, and what it means when that is not obvious. */
export function Stat({ label, value, note, className }: { label: string; value: ReactNode; note?: ReactNode; className?: string }) {
  return (
    <div className={cn('min-w-0 rounded-xl bg-slate-50 px-4 py-3.5 ring-1 ring-slate-900/5 ring-inset', className)}>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tracking-tight text-slate-900 tabular-nums sm:text-2xl">{value}</dd>
      {note ? <dd className="mt-0.5 text-xs leading-5 text-slate-500">{note}</dd> : null}
    </div>
  )
}

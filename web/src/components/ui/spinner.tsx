import { cn } from '@/lib/cn'

/** A size given in `className` (size-5) replaces the default one: the public pages join classes without merging them (lib/cn.ts). */
const hasSize = (className: string | undefined) => /(^|\s)size-/.test(className ?? '')

export function Spinner({ className, label }: { className?: string; label?: string }) {
  return (
    <svg
      className={cn(!hasSize(className) && 'size-4', 'animate-spin', className)}
      viewBox="0 0 24 24"
      fill="none"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      <circle className="opacity-25" cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="4" />
      <path className="opacity-90" fill="currentColor" d="M4 12a8 8 0 0 1 8-8v4a4 4 0 0 0-4 4H4z" />
    </svg>
  )
}

/** Shown while a page's code or first data arrive; says so to screen readers too. */
export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="flex min-h-48 items-center justify-center gap-3 py-16 text-sm text-slate-500">
      <Spinner className="size-5 text-accent-600" />
      <span>{label}</span>
    </div>
  )
}

import { CircleAlert, Info, TriangleAlert } from 'lucide-react'
import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'

const tones = {
  error: { box: 'bg-red-50 text-red-800 ring-red-200', icon: CircleAlert, iconClass: 'text-red-500' },
  warning: { box: 'bg-amber-50 text-amber-900 ring-amber-200', icon: TriangleAlert, iconClass: 'text-amber-500' },
  info: { box: 'bg-accent-50 text-indigo-900 ring-accent-200', icon: Info, iconClass: 'text-accent-500' },
} as const

/** Errors are announced as they appear (role="alert"); warnings and notes are read in place. */
export function Alert({
  tone = 'error',
  title,
  children,
  className,
}: {
  tone?: keyof typeof tones
  title?: string
  children?: ReactNode
  className?: string
}) {
  const { box, icon: Icon, iconClass } = tones[tone]
  return (
    <div role={tone === 'error' ? 'alert' : undefined} className={cn('flex gap-3 rounded-xl p-4 text-sm ring-1 ring-inset', box, className)}>
      <Icon className={cn('mt-0.5 size-5 shrink-0', iconClass)} aria-hidden />
      <div className="space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="leading-6">{children}</div> : null}
      </div>
    </div>
  )
}

import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { Card } from '@/components/ui/card'
import { cn } from '@/lib/cn'

const tones = {
  success: 'bg-emerald-50 text-emerald-600',
  waiting: 'bg-amber-50 text-amber-600',
  neutral: 'bg-slate-100 text-slate-500',
  accent: 'bg-accent-50 text-accent-600',
} as const

/** One state of a registration, said plainly: what it is, what it means, what can be done. */
export function StatusCard({
  icon: Icon,
  tone,
  title,
  children,
  footer,
}: {
  icon: LucideIcon
  tone: keyof typeof tones
  title: string
  children?: ReactNode
  footer?: ReactNode
}) {
  return (
    <Card className="px-5 py-7 sm:px-7">
      <div className={cn('flex size-12 items-center justify-center rounded-2xl', tones[tone])}>
        <Icon className="size-6" aria-hidden />
      </div>
      <h2 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">{title}</h2>
      {children ? <div className="mt-2 space-y-3 text-sm leading-6 text-slate-600">{children}</div> : null}
      {footer ? <div className="mt-6 border-t border-slate-100 pt-5">{footer}</div> : null}
    </Card>
  )
}

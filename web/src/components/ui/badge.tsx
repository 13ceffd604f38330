import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'

const tones = {
  neutral: 'bg-slate-100 text-slate-700 ring-slate-500/10',
  accent: 'bg-accent-50 text-accent-700 ring-accent-600/15',
  success: 'bg-emerald-50 text-emerald-700 ring-emerald-600/15',
} as const

export function Badge({ tone = 'neutral', children, className }: { tone?: keyof typeof tones; children: ReactNode; className?: string }) {
  return (
    <span className={cn('inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset', tones[tone], className)}>
      {children}
    </span>
  )
}

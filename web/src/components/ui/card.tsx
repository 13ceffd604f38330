import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

export function Card({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('rounded-2xl bg-white shadow-sm ring-1 ring-slate-900/5', className)} {...props} />
}

export function CardHeader({ title, description, className }: { title: string; description?: string; className?: string }) {
  return (
    <div className={cn('px-5 pt-5 sm:px-6 sm:pt-6', className)}>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
    </div>
  )
}

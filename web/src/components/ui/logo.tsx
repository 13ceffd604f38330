import { Video } from 'lucide-react'
import { cn } from '@/lib/cn'

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2.5 font-semibold tracking-tight text-slate-900', className)}>
      <span className="flex size-8 items-center justify-center rounded-lg bg-accent-600 text-white shadow-sm">
        <Video className="size-4.5" aria-hidden />
      </span>
      <span>Webinars</span>
    </span>
  )
}

import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'

/** One fact with a quiet icon tile beside it, as event pages list when, how long and where. */
export function InfoRow({ icon: Icon, tile, title, children }: { icon?: LucideIcon; tile?: ReactNode; title: ReactNode; children?: ReactNode }) {
  return (
    <div className="flex gap-3.5">
      {tile ??
        (Icon ? (
          <div aria-hidden className="flex size-12 shrink-0 items-center justify-center rounded-xl bg-white text-slate-500 ring-1 ring-slate-200">
            <Icon className="size-5" />
          </div>
        ) : null)}
      <div className="min-w-0 self-center">
        <div className="text-base font-medium text-slate-900">{title}</div>
        {children ? <div className="mt-0.5 text-sm leading-6 text-slate-600">{children}</div> : null}
      </div>
    </div>
  )
}

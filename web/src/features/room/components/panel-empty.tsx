import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'

/** The quiet empty state of a side-panel tab. */
export function PanelEmpty({ icon: Icon, title, children }: { icon: LucideIcon; title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      <div className="flex size-11 items-center justify-center rounded-2xl bg-accent-50 text-accent-600">
        <Icon className="size-5" aria-hidden />
      </div>
      <p className="mt-3 text-sm font-semibold text-slate-900">{title}</p>
      {children ? <p className="mt-1 max-w-xs text-sm leading-6 text-slate-600">{children}</p> : null}
    </div>
  )
}

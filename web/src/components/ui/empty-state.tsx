import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { Card } from './card'

export function EmptyState({ icon: Icon, title, children, action }: { icon: LucideIcon; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Card className="px-6 py-14 text-center sm:py-20">
      <div className="mx-auto flex size-14 items-center justify-center rounded-2xl bg-accent-50 text-accent-600">
        <Icon className="size-7" aria-hidden />
      </div>
      <h2 className="mt-5 text-lg font-semibold text-slate-900">{title}</h2>
      {children ? <div className="mx-auto mt-2 max-w-md text-sm leading-6 text-slate-600">{children}</div> : null}
      {action ? <div className="mt-6">{action}</div> : null}
    </Card>
  )
}

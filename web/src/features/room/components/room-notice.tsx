import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { Card } from '@/components/ui/card'

/** A calm full-page message for the room's in-between states (not approved, cancelled, ended, broken link). */
export function RoomNotice({ icon: Icon, title, children, action }: { icon: LucideIcon; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex min-h-dvh items-center justify-center bg-slate-100 px-4 py-12">
      <Card className="w-full max-w-lg px-6 py-10 text-center sm:px-10">
        <div className="mx-auto flex size-14 items-center justify-center rounded-2xl bg-accent-50 text-accent-600">
          <Icon className="size-7" aria-hidden />
        </div>
        <h1 className="mt-5 text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {children ? <div className="mx-auto mt-2 max-w-md text-sm leading-6 text-slate-600">{children}</div> : null}
        {action ? <div className="mt-6">{action}</div> : null}
      </Card>
    </div>
  )
}

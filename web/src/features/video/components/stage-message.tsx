import type { ReactNode } from 'react'
import { Spinner } from '@/components/ui/spinner'

/** A line on the dark stage while video is on its way. */
export function StageMessage({ children, isBusy = true }: { children: ReactNode; isBusy?: boolean }) {
  return (
    <div role="status" className="flex size-full min-h-64 items-center justify-center gap-2.5 rounded-2xl bg-slate-900 px-6 text-center text-sm text-slate-300">
      {isBusy ? <Spinner className="size-5" /> : null}
      <span>{children}</span>
    </div>
  )
}

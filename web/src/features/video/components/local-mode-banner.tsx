import { MonitorPlay } from 'lucide-react'

/** Said wherever video would play, so nobody mistakes the local preview for a broadcast. */
export function LocalModeBanner() {
  return (
    <p role="note" className="flex items-start gap-2.5 rounded-xl bg-amber-50 px-4 py-3 text-sm leading-6 text-amber-900 ring-1 ring-amber-200 ring-inset">
      <MonitorPlay className="mt-0.5 size-5 shrink-0 text-amber-500" aria-hidden />
      <span>
        Video runs in local mode: set <code className="font-mono text-[0.8125rem] font-semibold">STREAM_API_KEY</code> and{' '}
        <code className="font-mono text-[0.8125rem] font-semibold">STREAM_API_SECRET</code> to broadcast through Stream
      </span>
    </p>
  )
}

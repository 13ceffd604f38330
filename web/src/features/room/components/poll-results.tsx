import type { Poll } from '@webinar/shared/room'
import { Check } from 'lucide-react'
import { cn } from '@/lib/cn'

/** Votes per option as bars, with the reader's own choice marked. */
export function PollResults({ poll }: { poll: Poll }) {
  const results = poll.results ?? []
  const total = results.reduce((sum, votes) => sum + votes, 0)
  return (
    <div className="space-y-2">
      <ul className="space-y-2" aria-label={`Results of “${poll.question}”`}>
        {poll.options.map((option, index) => {
          const votes = results[index] ?? 0
          const percent = total === 0 ? 0 : Math.round((votes / total) * 100)
          return (
            <li key={option} className="relative overflow-hidden rounded-lg bg-slate-100 px-3 py-2 text-sm">
              <span aria-hidden className={cn('absolute inset-y-0 left-0 bg-accent-100 transition-[width]', poll.myVote === index && 'bg-accent-200')} style={{ width: `${percent}%` }} />
              <span className="relative flex items-center justify-between gap-3">
                <span className="flex min-w-0 items-center gap-1.5 font-medium text-slate-800">
                  {poll.myVote === index ? <Check className="size-4 shrink-0 text-accent-700" aria-label="Your vote" /> : null}
                  <span className="truncate">{option}</span>
                </span>
                <span className="shrink-0 text-slate-600 tabular-nums">
                  {percent}% · {votes}
                </span>
              </span>
            </li>
          )
        })}
      </ul>
      <p className="text-xs text-slate-500">
        {total} {total === 1 ? 'vote' : 'votes'}
      </p>
    </div>
  )
}

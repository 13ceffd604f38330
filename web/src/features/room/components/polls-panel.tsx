import type { Poll } from '@webinar/shared/room'
import { BarChart3, Plus } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { useUpdatePoll } from '../api/update-poll'
import { useVoteInPoll } from '../api/vote-in-poll'
import type { RoomAuth } from '../utils/room-auth'
import { CreatePollForm } from './create-poll-form'
import { PollResults } from './poll-results'

const statusLabels: Record<Poll['status'], string> = { draft: 'Draft', open: 'Open', closed: 'Closed' }

function PollStatus({ poll }: { poll: Poll }) {
  return <Badge tone={poll.status === 'open' ? 'success' : poll.status === 'draft' ? 'neutral' : 'accent'}>{statusLabels[poll.status]}</Badge>
}

function HostPollCard({ webinarId, poll }: { webinarId: string; poll: Poll }) {
  const updatePoll = useUpdatePoll(webinarId)
  const change = (changes: Parameters<typeof updatePoll.mutate>[0]['changes']) =>
    updatePoll.mutate({ pollId: poll.id, changes }, { onError: (error) => toast.error(errorMessageOf(error)) })
  return (
    <li className="space-y-3 rounded-xl bg-white p-3.5 ring-1 ring-slate-900/10">
      <div className="flex items-start justify-between gap-3">
        <p className="text-sm font-semibold text-slate-900">{poll.question}</p>
        <PollStatus poll={poll} />
      </div>
      {poll.status === 'draft' ? (
        <ul className="list-inside list-disc text-sm text-slate-700">
          {poll.options.map((option) => (
            <li key={option}>{option}</li>
          ))}
        </ul>
      ) : (
        <PollResults poll={poll} />
      )}
      <div className="flex flex-wrap gap-1.5">
        {poll.status === 'draft' ? (
          <Button size="sm" onClick={() => change({ status: 'open' })} isPending={updatePoll.isPending}>
            Open poll
          </Button>
        ) : null}
        {poll.status === 'open' ? (
          <Button size="sm" variant="secondary" onClick={() => change({ status: 'closed' })} isPending={updatePoll.isPending}>
            Close poll
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={() => change({ areResultsShared: !poll.areResultsShared })} disabled={updatePoll.isPending}>
          {poll.areResultsShared ? 'Stop sharing results' : 'Share results'}
        </Button>
      </div>
      {poll.areResultsShared ? <p className="text-xs text-slate-500">Attendees see these results.</p> : null}
    </li>
  )
}

function AttendeePollCard({ webinarId, auth, poll }: { webinarId: string; auth: RoomAuth; poll: Poll }) {
  const [choice, setChoice] = useState<number | null>(null)
  const vote = useVoteInPoll(webinarId, auth)
  const hasVoted = poll.myVote !== null
  const canVote = poll.status === 'open' && !hasVoted
  return (
    <li className="space-y-3 rounded-xl bg-white p-3.5 ring-1 ring-slate-900/10">
      <div className="flex items-start justify-between gap-3">
        <p className="text-sm font-semibold text-slate-900">{poll.question}</p>
        <PollStatus poll={poll} />
      </div>
      {canVote ? (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            if (choice !== null) vote.mutate({ pollId: poll.id, optionIndex: choice })
          }}
          className="space-y-2"
        >
          <fieldset className="space-y-1.5">
            <legend className="sr-only">{poll.question}</legend>
            {poll.options.map((option, index) => (
              <label
                key={option}
                className={cn(
                  'flex cursor-pointer items-center gap-2.5 rounded-lg px-3 py-2 text-sm ring-1 ring-slate-200 ring-inset hover:bg-slate-50',
                  choice === index && 'bg-accent-50 ring-indigo-300',
                )}
              >
                <input type="radio" name={`poll-${poll.id}`} checked={choice === index} onChange={() => setChoice(index)} className="accent-accent-600" />
                {option}
              </label>
            ))}
          </fieldset>
          {vote.error ? (
            <p role="alert" className="text-sm text-red-700">
              {errorMessageOf(vote.error)}
            </p>
          ) : null}
          <Button type="submit" size="sm" disabled={choice === null} isPending={vote.isPending} pendingLabel="Voting…">
            Vote
          </Button>
        </form>
      ) : poll.results ? (
        <PollResults poll={poll} />
      ) : (
        <p className="text-sm text-slate-600">
          {hasVoted ? `Thanks for voting: you chose “${poll.options[poll.myVote ?? 0]}”.` : 'This poll is closed.'} The host may share the results.
        </p>
      )}
    </li>
  )
}

export function PollsPanel({ webinarId, auth, polls }: { webinarId: string; auth: RoomAuth; polls: Poll[] }) {
  const isHost = auth.kind === 'host'
  const [isCreating, setIsCreating] = useState(false)
  // Newest first: the poll that matters now is on top.
  const ordered = [...polls].reverse()
  return (
    <div className="h-full min-h-0 space-y-3 overflow-y-auto p-3">
      {isHost ? (
        isCreating ? (
          <CreatePollForm webinarId={webinarId} onCreated={() => setIsCreating(false)} />
        ) : (
          <Button variant="secondary" size="sm" className="w-full" onClick={() => setIsCreating(true)}>
            <Plus className="size-4" aria-hidden /> New poll
          </Button>
        )
      ) : null}
      {ordered.length === 0 ? (
        <EmptyState variant="panel" icon={BarChart3} title="No polls yet">
          {isHost ? 'Prepare a poll now and open it when the moment comes.' : 'When the host opens a poll, you vote here.'}
        </EmptyState>
      ) : (
        <ul aria-label="Polls" className="space-y-2.5">
          {ordered.map((poll) =>
            isHost ? <HostPollCard key={poll.id} webinarId={webinarId} poll={poll} /> : <AttendeePollCard key={poll.id} webinarId={webinarId} auth={auth} poll={poll} />,
          )}
        </ul>
      )}
    </div>
  )
}

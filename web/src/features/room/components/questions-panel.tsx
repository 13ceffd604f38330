import { messageMaxLength, type Question } from '@webinar/shared/room'
import { CheckCircle2, Eye, EyeOff, MessageCircleQuestion, Pin, PinOff, Reply, ThumbsUp } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { Textarea } from '@/components/ui/textarea'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { useAnswerQuestion } from '../api/answer-question'
import { useAskQuestion } from '../api/ask-question'
import { useModerateQuestion } from '../api/moderate-question'
import { useUpvoteQuestion } from '../api/upvote-question'
import type { RoomAuth } from '../utils/room-auth'
import { sortQuestions } from '../utils/room-cache'

function AnswerForm({ webinarId, question, onDone }: { webinarId: string; question: Question; onDone: () => void }) {
  const [answer, setAnswer] = useState(question.answer ?? '')
  const answerQuestion = useAnswerQuestion(webinarId)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    answerQuestion.mutate({ questionId: question.id, answer: answer.trim() }, { onSuccess: onDone })
  }
  return (
    <form onSubmit={submit} className="mt-3 space-y-2">
      <label htmlFor={`answer-${question.id}`} className="sr-only">
        Answer
      </label>
      <Textarea
        id={`answer-${question.id}`}
        value={answer}
        onChange={(event) => setAnswer(event.target.value)}
        rows={2}
        className="min-h-16"
        placeholder="Type the answer attendees will read…"
        maxLength={2000}
        autoFocus
      />
      {answerQuestion.error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessageOf(answerQuestion.error)}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" size="sm" isPending={answerQuestion.isPending} pendingLabel="Saving…" disabled={!answer.trim()}>
          Post answer
        </Button>
      </div>
    </form>
  )
}

function QuestionCard({ webinarId, auth, question }: { webinarId: string; auth: RoomAuth; question: Question }) {
  const isHost = auth.kind === 'host'
  const [isAnswering, setIsAnswering] = useState(false)
  const upvote = useUpvoteQuestion(webinarId, auth)
  const moderate = useModerateQuestion(webinarId)
  const onModerateError = (error: unknown) => toast.error(errorMessageOf(error))

  return (
    <li className={cn('rounded-xl bg-white p-3.5 ring-1 ring-slate-900/10', question.isPinned && 'ring-indigo-300', question.isHidden && 'opacity-60')}>
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
            <span className="font-semibold text-slate-700">{question.authorName}</span>
            {question.isPinned ? (
              <Badge tone="accent" className="gap-1">
                <Pin className="size-3" aria-hidden /> Pinned
              </Badge>
            ) : null}
            {question.isAnswered ? (
              <Badge tone="success" className="gap-1">
                <CheckCircle2 className="size-3" aria-hidden /> Answered
              </Badge>
            ) : null}
            {question.isHidden ? <Badge>Hidden</Badge> : null}
          </p>
          <p className="mt-1 text-sm leading-6 break-words whitespace-pre-wrap text-slate-900">{question.body}</p>
        </div>
        {isHost ? (
          <span className="inline-flex shrink-0 items-center gap-1 rounded-lg px-2 py-1 text-sm font-medium text-slate-600" title="Upvotes">
            <ThumbsUp className="size-4" aria-hidden />
            <span aria-label={`${question.upvotes} upvotes`}>{question.upvotes}</span>
          </span>
        ) : (
          <Button
            variant="secondary"
            size="sm"
            className={cn('shrink-0', question.hasMyVote && 'bg-accent-50 text-accent-700 ring-accent-200')}
            aria-pressed={question.hasMyVote}
            aria-label={question.hasMyVote ? `You upvoted this question (${question.upvotes})` : `Upvote this question (${question.upvotes})`}
            disabled={question.hasMyVote}
            isPending={upvote.isPending}
            onClick={() => upvote.mutate(question.id, { onError: (error) => toast.error(errorMessageOf(error)) })}
          >
            <ThumbsUp className="size-4" aria-hidden />
            {question.upvotes}
          </Button>
        )}
      </div>
      {question.answer && !isAnswering ? (
        <div className="mt-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm leading-6 text-emerald-900">
          <p className="text-xs font-semibold tracking-wide text-emerald-700 uppercase">Answer</p>
          <p className="break-words whitespace-pre-wrap">{question.answer}</p>
        </div>
      ) : null}
      {isHost && isAnswering ? <AnswerForm webinarId={webinarId} question={question} onDone={() => setIsAnswering(false)} /> : null}
      {isHost && !isAnswering ? (
        <div className="mt-3 flex flex-wrap gap-1.5">
          {!question.isHidden ? (
            <Button variant="secondary" size="sm" onClick={() => setIsAnswering(true)}>
              <Reply className="size-4" aria-hidden />
              {question.answer ? 'Edit answer' : 'Answer'}
            </Button>
          ) : null}
          {!question.isHidden ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => moderate.mutate({ questionId: question.id, changes: { isPinned: !question.isPinned } }, { onError: onModerateError })}
              disabled={moderate.isPending}
            >
              {question.isPinned ? <PinOff className="size-4" aria-hidden /> : <Pin className="size-4" aria-hidden />}
              {question.isPinned ? 'Unpin' : 'Pin'}
            </Button>
          ) : null}
          <Button
            variant="ghost"
            size="sm"
            onClick={() => moderate.mutate({ questionId: question.id, changes: { isHidden: !question.isHidden } }, { onError: onModerateError })}
            disabled={moderate.isPending}
          >
            {question.isHidden ? <Eye className="size-4" aria-hidden /> : <EyeOff className="size-4" aria-hidden />}
            {question.isHidden ? 'Show' : 'Hide'}
          </Button>
        </div>
      ) : null}
    </li>
  )
}

function AskForm({ webinarId, auth }: { webinarId: string; auth: RoomAuth }) {
  const [draft, setDraft] = useState('')
  const ask = useAskQuestion(webinarId, auth)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body = draft.trim()
    if (body) ask.mutate(body, { onSuccess: () => setDraft('') })
  }
  return (
    <form onSubmit={submit} className="space-y-2 border-b border-slate-200 p-3">
      <label htmlFor="ask-question" className="block text-sm font-medium text-slate-800">
        Ask the host a question
      </label>
      <Textarea
        id="ask-question"
        rows={2}
        className="min-h-16"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        maxLength={messageMaxLength}
        placeholder="What would you like to know?"
      />
      {ask.error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessageOf(ask.error)}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" size="sm" isPending={ask.isPending} pendingLabel="Sending…" disabled={!draft.trim()}>
          Ask question
        </Button>
      </div>
    </form>
  )
}

export function QuestionsPanel({ webinarId, auth, questions, isEnabled }: { webinarId: string; auth: RoomAuth; questions: Question[]; isEnabled: boolean }) {
  const sorted = sortQuestions(questions)
  return (
    <div className="flex h-full min-h-0 flex-col">
      {auth.kind === 'attendee' && isEnabled ? <AskForm webinarId={webinarId} auth={auth} /> : null}
      <div className="min-h-0 flex-1 overflow-y-auto p-3">
        {sorted.length === 0 ? (
          <EmptyState variant="panel" icon={MessageCircleQuestion} title="No questions yet">
            {!isEnabled
              ? 'Questions are turned off for this webinar.'
              : auth.kind === 'host'
                ? 'Questions from attendees appear here, the most upvoted first.'
                : 'Ask the first one: others can upvote it.'}
          </EmptyState>
        ) : (
          <ul aria-label="Questions" className="space-y-2.5">
            {sorted.map((question) => (
              <QuestionCard key={question.id} webinarId={webinarId} auth={auth} question={question} />
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}

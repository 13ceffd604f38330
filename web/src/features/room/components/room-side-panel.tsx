import type { RoomState } from '@webinar/shared/room'
import { BarChart3, MessageCircleQuestion, MessageSquare } from 'lucide-react'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import type { RoomConnection } from '../hooks/use-room-events'
import type { RoomAuth } from '../utils/room-auth'
import { ChatPanel } from './chat-panel'
import { PollsPanel } from './polls-panel'
import { QuestionsPanel } from './questions-panel'

function Count({ value }: { value: number }) {
  if (value === 0) return null
  return <span className="rounded-full bg-slate-900/5 px-1.5 text-xs text-slate-600 tabular-nums">{value}</span>
}

/** Chat, Q&A and polls beside the video, for hosts and attendees alike (each sees their own controls). */
export function RoomSidePanel({ webinarId, auth, state, connection }: { webinarId: string; auth: RoomAuth; state: RoomState; connection: RoomConnection }) {
  const openPolls = state.polls.filter((poll) => poll.status === 'open').length
  const visibleQuestions = state.questions.filter((question) => !question.isHidden).length
  return (
    <Tabs defaultValue="chat" className="flex h-full min-h-0 flex-col overflow-hidden rounded-2xl bg-slate-50 ring-1 ring-slate-900/5">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-3 py-2.5">
        <TabsList className="w-full">
          <TabsTrigger value="chat" className="flex-1 px-2">
            <MessageSquare className="size-4" aria-hidden /> Chat
          </TabsTrigger>
          <TabsTrigger value="questions" className="flex-1 px-2">
            <MessageCircleQuestion className="size-4" aria-hidden /> Q&amp;A <Count value={visibleQuestions} />
          </TabsTrigger>
          <TabsTrigger value="polls" className="flex-1 px-2">
            <BarChart3 className="size-4" aria-hidden /> Polls <Count value={openPolls} />
          </TabsTrigger>
        </TabsList>
      </div>
      {connection === 'reconnecting' ? (
        <p role="status" className="bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
          Reconnecting to the room… new messages appear as soon as it is back.
        </p>
      ) : null}
      <TabsContent value="chat" className="min-h-0 flex-1 data-[state=inactive]:hidden">
        <ChatPanel webinarId={webinarId} auth={auth} state={state} />
      </TabsContent>
      <TabsContent value="questions" className="min-h-0 flex-1 data-[state=inactive]:hidden">
        <QuestionsPanel webinarId={webinarId} auth={auth} questions={state.questions} isEnabled={state.settings.qna} />
      </TabsContent>
      <TabsContent value="polls" className="min-h-0 flex-1 data-[state=inactive]:hidden">
        <PollsPanel webinarId={webinarId} auth={auth} polls={state.polls} />
      </TabsContent>
    </Tabs>
  )
}

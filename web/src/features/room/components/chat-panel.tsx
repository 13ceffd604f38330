import { messageMaxLength, type ChatMessage } from '@webinar/shared/room'
import { formatClock } from '@webinar/shared/time-format'
import { EyeOff, MessageSquare, Send } from 'lucide-react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { inputClasses } from '@/components/ui/text-field'
import { errorMessageOf } from '@/lib/api-client'
import { cn } from '@/lib/cn'
import { useHideChatMessage } from '../api/hide-chat-message'
import { useSendChatMessage } from '../api/send-chat-message'
import type { RoomAuth } from '../utils/room-auth'

function ChatLine({ message, onHide, isHiding }: { message: ChatMessage; onHide?: () => void; isHiding?: boolean }) {
  return (
    <li className="group flex gap-3 rounded-xl px-2 py-2 hover:bg-slate-50">
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="font-semibold text-slate-900">{message.authorName}</span>
          {message.isFromHost ? <span className="rounded-full bg-accent-50 px-2 py-0.5 text-xs font-medium text-accent-700">Host</span> : null}
          <time dateTime={message.createdAt} className="text-xs text-slate-500">
            {formatClock(message.createdAt)}
          </time>
        </p>
        <p className="mt-0.5 text-sm leading-6 break-words whitespace-pre-wrap text-slate-700">{message.body}</p>
      </div>
      {onHide ? (
        <Button
          variant="ghost"
          size="sm"
          className="shrink-0 opacity-70 group-hover:opacity-100"
          onClick={onHide}
          isPending={isHiding}
          aria-label={`Hide the message from ${message.authorName}`}
          title="Hide for everyone"
        >
          <EyeOff className="size-4" aria-hidden />
        </Button>
      ) : null}
    </li>
  )
}

export function ChatPanel({ webinarId, auth, messages, isEnabled }: { webinarId: string; auth: RoomAuth; messages: ChatMessage[]; isEnabled: boolean }) {
  const [draft, setDraft] = useState('')
  const sendMessage = useSendChatMessage(webinarId, auth)
  const hideMessage = useHideChatMessage(webinarId)
  const listRef = useRef<HTMLUListElement>(null)
  const isHost = auth.kind === 'host'

  // Follow the conversation: the newest line stays in view as messages arrive.
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' })
  }, [messages.length])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body = draft.trim()
    if (!body) return
    sendMessage.mutate(body, { onSuccess: () => setDraft('') })
  }

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="min-h-0 flex-1 overflow-y-auto px-2 py-2">
        {messages.length === 0 ? (
          <EmptyState variant="panel" icon={MessageSquare} title="No messages yet">
            {isEnabled ? 'Say hello: everyone in the room sees the chat.' : 'Chat is turned off for this webinar.'}
          </EmptyState>
        ) : (
          <ul ref={listRef} aria-label="Chat messages" className="space-y-0.5">
            {messages.map((message) => (
              <ChatLine
                key={message.id}
                message={message}
                onHide={isHost ? () => hideMessage.mutate(message.id) : undefined}
                isHiding={hideMessage.isPending && hideMessage.variables === message.id}
              />
            ))}
          </ul>
        )}
      </div>
      {isEnabled ? (
        <form onSubmit={submit} className="border-t border-slate-200 p-3">
          {sendMessage.error ? (
            <p role="alert" className="mb-2 text-sm text-red-700">
              {errorMessageOf(sendMessage.error)}
            </p>
          ) : null}
          <div className="flex gap-2">
            <label htmlFor="chat-message" className="sr-only">
              Message
            </label>
            <input
              id="chat-message"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              maxLength={messageMaxLength}
              placeholder="Write a message…"
              autoComplete="off"
              className={cn(inputClasses, 'min-w-0 flex-1')}
            />
            <Button type="submit" isPending={sendMessage.isPending} disabled={!draft.trim()} aria-label="Send message">
              <Send className="size-4" aria-hidden />
              <span className="hidden sm:inline">Send</span>
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  )
}

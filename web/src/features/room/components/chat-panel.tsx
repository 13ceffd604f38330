import { messageMaxLength, type ChatMessage, type RoomState } from '@webinar/shared/room'
import { formatClock } from '@webinar/shared/time-format'
import { Hourglass, MessageSquare, MessageSquareOff, MicOff, MoreHorizontal, Send, Trash2, UserRoundX, Volume2, VolumeX } from 'lucide-react'
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu'
import { EmptyState } from '@/components/ui/empty-state'
import { inputClasses } from '@/components/ui/text-field'
import { useNow } from '@/hooks/use-now'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { useHideChatMessage } from '../api/hide-chat-message'
import { useRemoveAttendee } from '../api/remove-attendee'
import { useSendChatMessage } from '../api/send-chat-message'
import { useSetChatMute } from '../api/set-chat-mute'
import { useSetChatSlowMode } from '../api/set-chat-slow-mode'
import type { RoomAuth } from '../utils/room-auth'

/** An attendee a moderator acts on, by the name the chat shows. */
interface Attendee {
  registrationId: string
  name: string
}

/** Slow-mode intervals a moderator picks from in the studio (any other, set on the webinar's form, is kept). */
const slowModeChoices = [0, 5, 10, 30, 60, 120, 300]
const slowModeLabel = (seconds: number) => (seconds === 0 ? 'Off' : seconds < 120 ? `${seconds} s` : `${seconds / 60} min`)

function MessageMenu({
  message,
  isAuthorMuted,
  onDelete,
  onToggleMute,
  onRemove,
}: {
  message: ChatMessage
  isAuthorMuted: boolean
  onDelete: () => void
  onToggleMute: (author: Attendee) => void
  onRemove: (author: Attendee) => void
}) {
  const author = message.authorRegistrationId === null ? null : { registrationId: message.authorRegistrationId, name: message.authorName }
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="shrink-0 px-2 opacity-60 group-hover:opacity-100 focus-visible:opacity-100 data-[state=open]:bg-slate-100 data-[state=open]:opacity-100"
          aria-label={`Moderate the message from ${message.authorName}`}
        >
          <MoreHorizontal className="size-4" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="min-w-60">
        <DropdownMenuLabel className="truncate text-xs font-medium text-slate-500">{message.authorName}</DropdownMenuLabel>
        <DropdownMenuItem onSelect={onDelete}>
          <Trash2 className="size-4 text-slate-500" aria-hidden />
          Delete for everyone
        </DropdownMenuItem>
        {author ? (
          <>
            <DropdownMenuItem onSelect={() => onToggleMute(author)}>
              {isAuthorMuted ? <Volume2 className="size-4 text-slate-500" aria-hidden /> : <VolumeX className="size-4 text-slate-500" aria-hidden />}
              {isAuthorMuted ? 'Unmute in chat' : 'Mute in chat'}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => onRemove(author)} className="text-red-700 data-[highlighted]:bg-red-50 data-[highlighted]:text-red-800">
              <UserRoundX className="size-4" aria-hidden />
              Remove from webinar…
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  )
}

function ChatLine({ message, isAuthorMuted, menu }: { message: ChatMessage; isAuthorMuted: boolean; menu?: ReactNode }) {
  return (
    <li className="group flex gap-2 rounded-xl px-2 py-2 hover:bg-slate-50">
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="font-semibold text-slate-900">{message.authorName}</span>
          {message.isFromHost ? <span className="rounded-full bg-accent-50 px-2 py-0.5 text-xs font-medium text-accent-700">Host</span> : null}
          {isAuthorMuted ? <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">Muted</span> : null}
          <time dateTime={message.createdAt} className="text-xs text-slate-500">
            {formatClock(message.createdAt)}
          </time>
        </p>
        <p className="mt-0.5 text-sm leading-6 break-words whitespace-pre-wrap text-slate-700">{message.body}</p>
      </div>
      {menu}
    </li>
  )
}

/** The moderators' bar over the chat: slow mode, and who is muted (to unmute them). */
function ModerationBar({ webinarId, seconds, mutes, onUnmute }: { webinarId: string; seconds: number; mutes: Attendee[]; onUnmute: (attendee: Attendee) => void }) {
  const setSlowMode = useSetChatSlowMode(webinarId)
  const choices = slowModeChoices.includes(seconds) ? slowModeChoices : [...slowModeChoices, seconds].sort((a, b) => a - b)
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-3 py-2">
      <label className="flex items-center gap-2 text-xs font-medium text-slate-600">
        <Hourglass className="size-3.5 text-slate-400" aria-hidden />
        Slow mode
        <select
          value={seconds}
          disabled={setSlowMode.isPending}
          onChange={(event) =>
            setSlowMode.mutate(Number(event.target.value), {
              onError: (error) => toast.error(errorMessageOf(error)),
            })
          }
          className="h-8 rounded-lg border-0 bg-slate-50 py-0 pr-7 pl-2.5 text-xs font-medium text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-accent-600"
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {slowModeLabel(choice)}
            </option>
          ))}
        </select>
      </label>
      {mutes.length > 0 ? (
        <DropdownMenu modal={false}>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="sm" className="ml-auto h-8 px-2.5 text-xs">
              <MicOff className="size-3.5" aria-hidden />
              Muted <span className="rounded-full bg-slate-900/5 px-1.5 tabular-nums">{mutes.length}</span>
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            <DropdownMenuLabel className="text-xs font-medium text-slate-500">Muted in the chat</DropdownMenuLabel>
            {mutes.map((mute) => (
              <DropdownMenuItem key={mute.registrationId} onSelect={() => onUnmute(mute)}>
                <Volume2 className="size-4 text-slate-500" aria-hidden />
                <span className="min-w-0 flex-1 truncate">Unmute {mute.name}</span>
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      ) : null}
    </div>
  )
}

/** After their own message, an attendee in slow mode waits: the time left, counted down. */
function SlowModeWait({ until, onDone }: { until: number; onDone: () => void }) {
  const now = useNow(250)
  const secondsLeft = Math.ceil((until - now) / 1000)
  useEffect(() => {
    if (secondsLeft <= 0) onDone()
  }, [secondsLeft, onDone])
  if (secondsLeft <= 0) return null
  return <span className="tabular-nums">You can write again in {secondsLeft} s.</span>
}

/**
 * The room's chat, for attendees and moderators alike. Moderators (the host, co-hosts, admins) get a menu on each
 * message (delete for everyone, mute or unmute its author, remove them from the webinar) and, above the chat,
 * slow mode and who is muted. Attendees see slow mode and their own mute.
 */
export function ChatPanel({ webinarId, auth, state }: { webinarId: string; auth: RoomAuth; state: RoomState }) {
  const { chat: messages, isModerator } = state
  const isEnabled = state.settings.chat
  const slowModeSeconds = state.settings.chatSlowModeSeconds
  const [draft, setDraft] = useState('')
  const [waitUntil, setWaitUntil] = useState<number | null>(null)
  const [attendeeToRemove, setAttendeeToRemove] = useState<Attendee | null>(null)
  const sendMessage = useSendChatMessage(webinarId, auth)
  const hideMessage = useHideChatMessage(webinarId)
  const setChatMute = useSetChatMute(webinarId)
  const removeAttendee = useRemoveAttendee(webinarId)
  const listRef = useRef<HTMLUListElement>(null)
  const mutedIds = new Set(state.chatMutes.map((mute) => mute.registrationId))
  // Slow mode turned off meanwhile ends the wait.
  const isWaiting = waitUntil !== null && slowModeSeconds > 0 && !isModerator
  const clearWait = useCallback(() => setWaitUntil(null), [])

  // Follow the conversation: the newest line stays in view as messages arrive.
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' })
  }, [messages.length])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body = draft.trim()
    if (!body || isWaiting) return
    sendMessage.mutate(body, {
      onSuccess: () => {
        setDraft('')
        if (slowModeSeconds > 0 && !isModerator) setWaitUntil(Date.now() + slowModeSeconds * 1000)
      },
    })
  }

  const onError = (error: unknown) => toast.error(errorMessageOf(error))
  const toggleMute = (attendee: Attendee, isMuted: boolean) =>
    setChatMute.mutate(
      { ...attendee, isMuted },
      { onSuccess: () => toast.success(isMuted ? `${attendee.name} is muted in the chat.` : `${attendee.name} can write in the chat again.`), onError },
    )

  return (
    <div className="flex h-full min-h-0 flex-col">
      {isModerator && isEnabled ? (
        <ModerationBar webinarId={webinarId} seconds={slowModeSeconds} mutes={state.chatMutes} onUnmute={(attendee) => toggleMute(attendee, false)} />
      ) : null}
      <div className="min-h-0 flex-1 overflow-y-auto px-2 py-2">
        {messages.length === 0 ? (
          <EmptyState variant="panel" icon={MessageSquare} title="No messages yet">
            {isEnabled ? 'Say hello: everyone in the room sees the chat.' : 'Chat is turned off for this webinar.'}
          </EmptyState>
        ) : (
          <ul ref={listRef} aria-label="Chat messages" className="space-y-0.5">
            {messages.map((message) => {
              const isAuthorMuted = message.authorRegistrationId !== null && mutedIds.has(message.authorRegistrationId)
              return (
                <ChatLine
                  key={message.id}
                  message={message}
                  isAuthorMuted={isModerator && isAuthorMuted}
                  menu={
                    isModerator ? (
                      <MessageMenu
                        message={message}
                        isAuthorMuted={isAuthorMuted}
                        onDelete={() => hideMessage.mutate(message.id, { onError })}
                        onToggleMute={(author) => toggleMute(author, !isAuthorMuted)}
                        onRemove={(author) => {
                          removeAttendee.reset()
                          setAttendeeToRemove(author)
                        }}
                      />
                    ) : undefined
                  }
                />
              )
            })}
          </ul>
        )}
      </div>
      {!isEnabled ? null : state.isMutedInChat ? (
        <p role="status" className="flex items-start gap-2.5 border-t border-slate-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <MessageSquareOff className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            <strong className="font-semibold">A moderator muted you in this chat.</strong> You can still read it, ask questions and vote.
          </span>
        </p>
      ) : (
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
            <Button type="submit" isPending={sendMessage.isPending} disabled={!draft.trim() || isWaiting} aria-label="Send message">
              <Send className="size-4" aria-hidden />
              <span className="hidden sm:inline">Send</span>
            </Button>
          </div>
          {slowModeSeconds > 0 ? (
            <p role="status" className="mt-2 flex items-center gap-1.5 text-xs text-slate-600">
              <Hourglass className="size-3.5 shrink-0 text-slate-400" aria-hidden />
              <span>
                Slow mode: one message every {slowModeSeconds} s{isModerator ? ' for attendees (not for you).' : '.'}{' '}
                {isWaiting ? <SlowModeWait until={waitUntil} onDone={clearWait} /> : null}
              </span>
            </p>
          ) : null}
        </form>
      )}
      <ConfirmDialog
        open={attendeeToRemove !== null}
        onOpenChange={(open) => (open ? undefined : setAttendeeToRemove(null))}
        title={`Remove ${attendeeToRemove?.name ?? 'this attendee'} from the webinar?`}
        description={
          <>
            They leave the room and the video at once and cannot come back: their personal link stops working and their seat is freed. They get no
            e-mail about it. Their messages stay in the chat unless you delete them.
          </>
        }
        confirmLabel="Remove from webinar"
        pendingLabel="Removing…"
        isPending={removeAttendee.isPending}
        error={removeAttendee.error ? errorMessageOf(removeAttendee.error) : null}
        onConfirm={() => {
          if (!attendeeToRemove) return
          removeAttendee.mutate(attendeeToRemove.registrationId, {
            onSuccess: () => {
              toast.success(`${attendeeToRemove.name} was removed from the webinar.`)
              setAttendeeToRemove(null)
            },
          })
        }}
      />
    </div>
  )
}


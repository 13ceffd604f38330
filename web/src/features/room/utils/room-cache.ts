import type { ChatMessage, Poll, Question, RoomState } from '@webinar/shared/room'
import type { WebinarStatus } from '@webinar/shared/webinars'

// Events, answers to one's own actions and refetched state all land in the same cached RoomState: every
// change here is keyed by id, so one arriving twice (an answer, then its event) changes nothing the second time.

export function addChatMessage(state: RoomState, message: ChatMessage): RoomState {
  if (state.chat.some((existing) => existing.id === message.id)) return state
  return { ...state, chat: [...state.chat, message] }
}

export function removeChatMessage(state: RoomState, id: string): RoomState {
  return { ...state, chat: state.chat.filter((message) => message.id !== id) }
}

/**
 * A question as broadcast carries no per-person vote (`hasMyVote` is false for everyone): keep the one we know,
 * unless the update comes from our own upvote.
 */
export function upsertQuestion(state: RoomState, question: Question, { isOwnAnswer = false } = {}): RoomState {
  const existing = state.questions.find((candidate) => candidate.id === question.id)
  const merged = existing ? { ...question, hasMyVote: isOwnAnswer ? question.hasMyVote || existing.hasMyVote : existing.hasMyVote } : question
  return {
    ...state,
    questions: existing ? state.questions.map((candidate) => (candidate.id === question.id ? merged : candidate)) : [...state.questions, merged],
  }
}

/** Hosts keep hidden questions (to show them again); attendees never see them. */
export function hideQuestion(state: RoomState, id: string, isHost: boolean): RoomState {
  return {
    ...state,
    questions: isHost
      ? state.questions.map((question) => (question.id === id ? { ...question, isHidden: true, isPinned: false } : question))
      : state.questions.filter((question) => question.id !== id),
  }
}

/**
 * A poll as broadcast has no `myVote`, and results only once shared. Keep our own vote; hosts keep the results
 * they already had rather than losing them to an unshared broadcast.
 */
export function upsertPoll(state: RoomState, poll: Poll, { isHost }: { isHost: boolean }): RoomState {
  const existing = state.polls.find((candidate) => candidate.id === poll.id)
  const merged: Poll = {
    ...poll,
    myVote: poll.myVote ?? existing?.myVote ?? null,
    results: poll.results ?? (isHost ? (existing?.results ?? null) : null),
  }
  return {
    ...state,
    polls: existing ? state.polls.map((candidate) => (candidate.id === poll.id ? merged : candidate)) : [...state.polls, merged],
  }
}

export function setWebinarStatus(state: RoomState, status: WebinarStatus): RoomState {
  return state.webinarStatus === status ? state : { ...state, webinarStatus: status }
}

export function setSlowMode(state: RoomState, seconds: number): RoomState {
  return state.settings.chatSlowModeSeconds === seconds ? state : { ...state, settings: { ...state.settings, chatSlowModeSeconds: seconds } }
}

/** An attendee muted or unmuted in the chat (event `chat.mute_changed`, or a moderator's own action). */
export interface ChatMuteChange {
  registrationId: string
  name: string
  isMuted: boolean
}

/**
 * Moderators keep the list of who is muted; an attendee hears only of their own mute (the event reaches no one
 * else), so for them it is their `isMutedInChat`.
 */
export function setChatMute(state: RoomState, change: ChatMuteChange): RoomState {
  if (!state.isModerator) return state.isMutedInChat === change.isMuted ? state : { ...state, isMutedInChat: change.isMuted }
  const others = state.chatMutes.filter((mute) => mute.registrationId !== change.registrationId)
  return { ...state, chatMutes: change.isMuted ? [...others, { registrationId: change.registrationId, name: change.name }] : others }
}

export function setCaptioning(state: RoomState, isOn: boolean): RoomState {
  return state.isCaptioning === isOn ? state : { ...state, isCaptioning: isOn }
}

/** Questions as hosts and attendees read them: pinned first, then the most upvoted, then the oldest. */
export function sortQuestions(questions: Question[]): Question[] {
  return [...questions].sort(
    (a, b) => Number(b.isPinned) - Number(a.isPinned) || b.upvotes - a.upvotes || Date.parse(a.createdAt) - Date.parse(b.createdAt),
  )
}

import type { ChatMessage, ChatSlowMode, Poll, Question, RoomState } from '@webinar/shared/room'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction } from '../db/transaction.ts'
import { AppError, conflict, forbidden, notFound } from '../errors.ts'
import type { RecordModeration } from '../moderation/moderation-log.ts'
import { registrationRepository } from '../registrations/registration-repository.ts'
import type { RegistrationService } from '../registrations/registration-service.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import type { RoomHub } from './room-hub.ts'
import { roomRepository, type ChatMessageRow, type PollRow, type QuestionRow, type RoomAdmission } from './room-repository.ts'

/**
 * Who acts in a room: the host side (the webinar's host, a co-host or an admin: its moderators), an approved
 * registrant, or a guest panelist (a speaker: on stage, not a moderator).
 */
export interface RoomActor {
  kind: 'staff' | 'registrant' | 'speaker'
  id: string
  name: string
  webinarId: string
}

/** Who runs the room (the host side): moderates the chat, answers and hides questions, runs polls. */
export const isModerator = (actor: RoomActor) => actor.kind === 'staff'

/** What the moderation log keeps of a deleted message: enough to know what it was, not a copy of it all. */
const excerptLength = 80
const excerptOf = (body: string) => (body.length > excerptLength ? `${body.slice(0, excerptLength - 1)}…` : body)

// Attendees' open event streams are checked in batches of this many registrations per query.
const admissionBatchSize = 1000

export interface RoomServiceDependencies {
  db: Database
  pool: pg.Pool
  hub: RoomHub
  clock: Clock
  /** The moderation log (moderation/): each moderator's action, in the transaction of the action. */
  recordModeration: RecordModeration
  /** Removing an attendee is the registrations domain's rejection (the seat, Stream's block, the link). */
  registrations: Pick<RegistrationService, 'changeStatus'>
}

export function createRoomService({ db, pool, hub, clock, recordModeration, registrations }: RoomServiceDependencies) {
  async function loadWebinar(webinarId: string) {
    const row = await webinarRepository.findRowById(db, webinarId)
    if (!row) throw notFound('Webinar')
    return row
  }

  function requireModerator(actor: RoomActor) {
    if (!isModerator(actor)) throw forbidden('Only the webinar’s moderators (its host, co-hosts and admins) can do this.')
  }

  /** The moderator as the moderation log names them. */
  const moderatorOf = (actor: RoomActor) => ({ name: actor.name, userId: actor.kind === 'staff' ? actor.id : null })

  async function requireOpenRoom(webinarId: string, feature: 'chat' | 'qna') {
    const webinar = await loadWebinar(webinarId)
    if (!webinar.settings[feature]) throw conflict(feature === 'chat' ? 'Chat is turned off for this webinar.' : 'Questions are turned off for this webinar.')
    if (webinar.status === 'cancelled') throw conflict('This webinar was cancelled.')
    if (webinar.status === 'ended') throw conflict(feature === 'chat' ? 'This webinar has ended: the chat is closed.' : 'This webinar has ended: questions are closed.')
    return webinar
  }

  /** After the end the room is a record: it can be read, not changed. */
  async function requireNotEnded(webinarId: string) {
    const webinar = await loadWebinar(webinarId)
    if (webinar.status === 'ended') throw conflict('This webinar has ended: the room is read-only.')
  }

  /** A registration of this webinar, for a moderator to act on. */
  async function loadRegistrant(webinarId: string, registrationId: string) {
    const registration = await registrationRepository.findById(db, registrationId)
    if (!registration || registration.webinarId !== webinarId) throw notFound('Registration')
    return registration
  }

  /**
   * A muted attendee does not post; with slow mode on, an attendee's next message waits until the interval since
   * their last one has passed. Read from the database under a lock on the author, so it holds across instances
   * and for two messages sent at once.
   */
  async function refuseMutedOrTooSoon(transactionDb: Database, actor: RoomActor, slowModeSeconds: number) {
    if (await roomRepository.isChatMuted(transactionDb, actor.webinarId, actor.id)) {
      throw forbidden('A moderator muted you in this chat: you can still read it, but not write.')
    }
    if (slowModeSeconds === 0) return
    await roomRepository.lockChatAuthor(transactionDb, actor.id)
    const latest = await roomRepository.findLatestChatMessageAt(transactionDb, actor.webinarId, actor.id)
    if (!latest) return
    const waitMs = latest.getTime() + slowModeSeconds * 1000 - clock.now().getTime()
    if (waitMs <= 0) return
    const waitSeconds = Math.ceil(waitMs / 1000)
    throw new AppError(
      'slow_mode',
      `Slow mode is on: one message every ${slowModeSeconds} s. Wait ${waitSeconds} more second${waitSeconds === 1 ? '' : 's'} before sending another.`,
    )
  }

  function toChat(row: ChatMessageRow): ChatMessage {
    return {
      id: row.id,
      authorName: row.authorName,
      isFromHost: row.authorKind === 'staff',
      authorRegistrationId: row.authorKind === 'registrant' ? row.authorId : null,
      body: row.body,
      createdAt: row.createdAt.toISOString(),
    }
  }

  function toQuestion(row: QuestionRow, hasMyVote = false): Question {
    return {
      id: row.id,
      authorName: row.authorName,
      body: row.body,
      answer: row.answer,
      isAnswered: row.answeredAt !== null,
      isPinned: row.isPinned,
      isHidden: row.isHidden,
      upvotes: row.upvotes,
      hasMyVote,
      createdAt: row.createdAt.toISOString(),
    }
  }

  async function pollResults(database: Database, pollId: string, optionCount: number): Promise<number[]> {
    const rows = await roomRepository.countPollVotes(database, pollId)
    const results = Array.from({ length: optionCount }, () => 0)
    for (const row of rows) results[row.optionIndex] = row.votes
    return results
  }

  async function toPoll(row: PollRow, viewer: RoomActor | 'broadcast', database: Database = db): Promise<Poll> {
    const canSeeResults = viewer !== 'broadcast' ? isModerator(viewer) || row.areResultsShared : row.areResultsShared
    let myVote: number | null = null
    if (viewer !== 'broadcast' && !isModerator(viewer)) {
      myVote = (await roomRepository.findPollVote(database, row.id, viewer.id)) ?? null
    }
    return {
      id: row.id,
      question: row.question,
      options: row.options,
      status: row.status,
      areResultsShared: row.areResultsShared,
      results: canSeeResults ? await pollResults(database, row.id, row.options.length) : null,
      myVote,
    }
  }

  async function broadcastPoll(transactionDb: Database, row: PollRow) {
    await hub.publish(transactionDb, row.webinarId, 'poll.updated', await toPoll(row, 'broadcast', transactionDb))
  }

  return {
    /** When the webinar ends: open polls close (everyone in the room sees it), so no vote lands after the end. */
    async closeAfterEnd(webinarId: string): Promise<void> {
      await runInTransaction(pool, async ({ db: tx }) => {
        const closed = await roomRepository.closeOpenPolls(tx, webinarId)
        for (const poll of closed) await broadcastPoll(tx, poll)
      })
    },

    async state(actor: RoomActor): Promise<RoomState> {
      const webinar = await loadWebinar(actor.webinarId)
      const lastEventId = await hub.latestId(actor.webinarId)
      const chatRows = await roomRepository.listVisibleChat(db, actor.webinarId, 200)
      const questionRows = await roomRepository.listQuestions(db, actor.webinarId, { isHiddenIncluded: isModerator(actor) })
      const myVotes = new Set(await roomRepository.listQuestionIdsVotedBy(db, actor.id))
      const pollRows = await roomRepository.listPolls(db, actor.webinarId, { isDraftIncluded: isModerator(actor) })
      return {
        webinarStatus: webinar.status,
        settings: { chat: webinar.settings.chat, qna: webinar.settings.qna, chatSlowModeSeconds: webinar.settings.chatSlowModeSeconds },
        isModerator: isModerator(actor),
        isMutedInChat: actor.kind === 'registrant' && (await roomRepository.isChatMuted(db, actor.webinarId, actor.id)),
        chatMutes: isModerator(actor) ? await roomRepository.listChatMutes(db, actor.webinarId) : [],
        isCaptioning: webinar.isCaptioning,
        chat: chatRows.reverse().map(toChat),
        questions: questionRows.map((row) => toQuestion(row, myVotes.has(row.id))),
        polls: await Promise.all(pollRows.map((row) => toPoll(row, actor))),
        lastEventId,
      }
    },

    /** Hosts and speakers post freely; attendees unless muted, and at slow mode's pace. */
    async postMessage(actor: RoomActor, body: string): Promise<ChatMessage> {
      const webinar = await requireOpenRoom(actor.webinarId, 'chat')
      return runInTransaction(pool, async ({ db: tx }) => {
        if (actor.kind === 'registrant') await refuseMutedOrTooSoon(tx, actor, webinar.settings.chatSlowModeSeconds)
        const row = await roomRepository.insertChatMessage(tx, {
          webinarId: actor.webinarId,
          authorKind: actor.kind,
          authorId: actor.id,
          authorName: actor.name,
          body: body.trim(),
          // Slow mode measures from here: the injected clock, not the database's.
          createdAt: clock.now(),
        })
        const message = toChat(row)
        await hub.publish(tx, actor.webinarId, 'chat.message', message)
        return message
      })
    },

    /**
     * Deletes a message for everyone (a moderator's "hide"): gone from every chat at once, kept in the moderation log
     * by its author and an excerpt. Deleting one already deleted changes nothing.
     */
    async hideMessage(actor: RoomActor, messageId: string): Promise<void> {
      requireModerator(actor)
      await runInTransaction(pool, async ({ db: tx }) => {
        const hidden = await roomRepository.hideChatMessage(tx, actor.webinarId, messageId)
        if (!hidden) {
          if (await roomRepository.findChatMessage(tx, actor.webinarId, messageId)) return
          throw notFound('Message')
        }
        await hub.publish(tx, actor.webinarId, 'chat.hidden', { id: messageId })
        await recordModeration(tx, {
          webinarId: actor.webinarId,
          action: 'chat.message_deleted',
          actor: moderatorOf(actor),
          target: { name: hidden.authorName, registrationId: hidden.authorKind === 'registrant' ? hidden.authorId : null },
          detail: { messageId, excerpt: excerptOf(hidden.body) },
        })
      })
    },

    /**
     * Mutes or unmutes an attendee in the chat. They (and the moderators) hear of it at once; muting someone muted
     * already, or unmuting someone who is not, changes and records nothing.
     */
    async setChatMute(actor: RoomActor, registrationId: string, isMuted: boolean): Promise<void> {
      requireModerator(actor)
      await requireNotEnded(actor.webinarId)
      const registration = await loadRegistrant(actor.webinarId, registrationId)
      await runInTransaction(pool, async ({ db: tx }) => {
        const isChanged = isMuted
          ? await roomRepository.insertChatMute(tx, { webinarId: actor.webinarId, registrationId, mutedByName: actor.name, createdAt: clock.now() })
          : await roomRepository.deleteChatMute(tx, actor.webinarId, registrationId)
        if (!isChanged) return
        await hub.publish(tx, actor.webinarId, 'chat.mute_changed', { registrationId, name: registration.name, isMuted }, { audience: { registrationId } })
        await recordModeration(tx, {
          webinarId: actor.webinarId,
          action: isMuted ? 'chat.muted' : 'chat.unmuted',
          actor: moderatorOf(actor),
          target: { name: registration.name, registrationId },
        })
      })
    },

    /** Changes slow mode live (the webinar's setting): every chat box shows it at once. */
    async setSlowMode(actor: RoomActor, seconds: number): Promise<ChatSlowMode> {
      requireModerator(actor)
      await runInTransaction(pool, async ({ db: tx }) => {
        const webinar = await webinarRepository.lockById(tx, actor.webinarId)
        if (!webinar) throw notFound('Webinar')
        if (webinar.status === 'ended' || webinar.status === 'cancelled') throw conflict(`This webinar has ${webinar.status === 'ended' ? 'ended' : 'been cancelled'}: its chat is closed.`)
        const previousSeconds = webinar.settings.chatSlowModeSeconds
        if (previousSeconds === seconds) return
        // Slow mode is the room's alone: Stream's call does not hear of it (no call sync).
        await webinarRepository.update(tx, actor.webinarId, { settings: { ...webinar.settings, chatSlowModeSeconds: seconds } }, false)
        await hub.publish(tx, actor.webinarId, 'chat.slow_mode', { seconds })
        await recordModeration(tx, {
          webinarId: actor.webinarId,
          action: 'chat.slow_mode_changed',
          actor: moderatorOf(actor),
          detail: { seconds, previousSeconds },
        })
      })
      return { seconds }
    },

    /**
     * Removes an attendee from the webinar: their registration is rejected without a mail (the seat frees, Stream
     * blocks them through the call-access job), their link is retired, their open event streams end (told why
     * first), and the moderation log keeps it. All in one transaction.
     */
    async removeAttendee(actor: RoomActor, registrationId: string): Promise<void> {
      requireModerator(actor)
      const registration = await loadRegistrant(actor.webinarId, registrationId)
      if (registration.status !== 'approved') throw conflict(`This registration is ${registration.status}: it is not in the room.`)
      await registrations.changeStatus(actor.webinarId, registrationId, 'rejected', {
        isMailed: false,
        isLinkRetired: true,
        alsoInTransaction: async ({ db: tx }, removed) => {
          await hub.publish(tx, actor.webinarId, 'attendee.removed', { registrationId }, { audience: { registrationId } })
          await recordModeration(tx, {
            webinarId: actor.webinarId,
            action: 'attendee.removed',
            actor: moderatorOf(actor),
            target: { name: removed.name, registrationId },
          })
        },
      })
    },

    /** Whether these registrations may still be in their rooms (for attendees' open event streams), by id. */
    async findAdmissions(registrationIds: string[]): Promise<Map<string, RoomAdmission>> {
      const admissions = new Map<string, RoomAdmission>()
      for (let start = 0; start < registrationIds.length; start += admissionBatchSize) {
        for (const admission of await roomRepository.listRoomAdmissions(db, registrationIds.slice(start, start + admissionBatchSize))) {
          admissions.set(admission.registrationId, admission)
        }
      }
      return admissions
    },

    async ask(actor: RoomActor, body: string): Promise<Question> {
      await requireOpenRoom(actor.webinarId, 'qna')
      return runInTransaction(pool, async ({ db: tx }) => {
        const row = await roomRepository.insertQuestion(tx, { webinarId: actor.webinarId, authorKind: actor.kind, authorId: actor.id, authorName: actor.name, body: body.trim() })
        const question = toQuestion(row)
        await hub.publish(tx, actor.webinarId, 'question.updated', question)
        return question
      })
    },

    /** One upvote per person and question: the vote's primary key makes a second one a 409. */
    async upvote(actor: RoomActor, questionId: string): Promise<Question> {
      await requireNotEnded(actor.webinarId)
      return runInTransaction(pool, async ({ db: tx }) => {
        const question = await roomRepository.findQuestion(tx, actor.webinarId, questionId)
        if (!question || question.isHidden) throw notFound('Question')
        if (!(await roomRepository.insertQuestionVote(tx, questionId, actor.id))) throw conflict('You already upvoted this question.')
        const updated = await roomRepository.incrementUpvotes(tx, questionId)
        await hub.publish(tx, actor.webinarId, 'question.updated', toQuestion(updated))
        return toQuestion(updated, true)
      })
    },

    async moderateQuestion(actor: RoomActor, questionId: string, changes: { answer?: string; isHidden?: boolean; isPinned?: boolean }) {
      requireModerator(actor)
      return runInTransaction(pool, async ({ db: tx }) => {
        const updated = await roomRepository.moderateQuestion(tx, actor.webinarId, questionId, {
          ...changes,
          ...(changes.answer !== undefined ? { answer: changes.answer.trim() || null } : {}),
        })
        if (!updated) throw notFound('Question')
        // Attendees learn that a question was hidden, never its text again.
        if (updated.isHidden) await hub.publish(tx, actor.webinarId, 'question.hidden', { id: updated.id })
        else await hub.publish(tx, actor.webinarId, 'question.updated', toQuestion(updated))
        return toQuestion(updated)
      })
    },

    async createPoll(actor: RoomActor, question: string, options: string[]): Promise<Poll> {
      requireModerator(actor)
      if (new Set(options.map((option) => option.trim())).size !== options.length) {
        throw new AppError('validation_failed', 'options must be different.', { options: 'must be different' })
      }
      const row = await roomRepository.insertPoll(db, { webinarId: actor.webinarId, question: question.trim(), options: options.map((option) => option.trim()) })
      return toPoll(row, actor)
    },

    async updatePoll(actor: RoomActor, pollId: string, changes: { status?: 'open' | 'closed'; areResultsShared?: boolean }): Promise<Poll> {
      requireModerator(actor)
      return runInTransaction(pool, async ({ db: tx }) => {
        const row = await roomRepository.updatePoll(tx, actor.webinarId, pollId, changes)
        if (!row) throw notFound('Poll')
        await broadcastPoll(tx, row)
        return toPoll(row, actor, tx)
      })
    },

    async vote(actor: RoomActor, pollId: string, optionIndex: number): Promise<Poll> {
      if (isModerator(actor)) throw forbidden('Hosts run polls; attendees vote.')
      await requireNotEnded(actor.webinarId)
      return runInTransaction(pool, async ({ db: tx }) => {
        const poll = await roomRepository.findPoll(tx, actor.webinarId, pollId)
        if (!poll || poll.status === 'draft') throw notFound('Poll')
        if (poll.status !== 'open') throw conflict('This poll is closed.')
        if (optionIndex >= poll.options.length) throw new AppError('validation_failed', 'optionIndex is not an option of this poll.', { optionIndex: 'is not an option' })
        if (!(await roomRepository.insertPollVote(tx, pollId, actor.id, optionIndex))) throw conflict('You already voted in this poll.')
        if (poll.areResultsShared) await broadcastPoll(tx, poll)
        return toPoll(poll, actor, tx)
      })
    },
  }
}

export type RoomService = ReturnType<typeof createRoomService>

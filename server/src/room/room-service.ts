import type { ChatMessage, Poll, Question, RoomState } from '@webinar/shared/room'
import type pg from 'pg'
import type { Database } from '../db/client.ts'
import { runInTransaction } from '../db/transaction.ts'
import { AppError, conflict, forbidden, notFound } from '../errors.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import type { RoomHub } from './room-hub.ts'
import { roomRepository, type ChatMessageRow, type PollRow, type QuestionRow } from './room-repository.ts'

/** Who acts in a room: the host side (the webinar's host or an admin) or an approved registrant. */
export interface RoomActor {
  kind: 'staff' | 'registrant'
  id: string
  name: string
  webinarId: string
}

const isHostSide = (actor: RoomActor) => actor.kind === 'staff'

export function createRoomService({ db, pool, hub }: { db: Database; pool: pg.Pool; hub: RoomHub }) {
  async function loadWebinar(webinarId: string) {
    const row = await webinarRepository.findRowById(db, webinarId)
    if (!row) throw notFound('Webinar')
    return row
  }

  function requireHost(actor: RoomActor) {
    if (!isHostSide(actor)) throw forbidden('Only the host can do this.')
  }

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

  function toChat(row: ChatMessageRow): ChatMessage {
    return { id: row.id, authorName: row.authorName, isFromHost: row.authorKind === 'staff', body: row.body, createdAt: row.createdAt.toISOString() }
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
    const canSeeResults = viewer !== 'broadcast' ? isHostSide(viewer) || row.areResultsShared : row.areResultsShared
    let myVote: number | null = null
    if (viewer !== 'broadcast' && !isHostSide(viewer)) {
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
      const questionRows = await roomRepository.listQuestions(db, actor.webinarId, { isHiddenIncluded: isHostSide(actor) })
      const myVotes = new Set(await roomRepository.listQuestionIdsVotedBy(db, actor.id))
      const pollRows = await roomRepository.listPolls(db, actor.webinarId, { isDraftIncluded: isHostSide(actor) })
      return {
        webinarStatus: webinar.status,
        settings: { chat: webinar.settings.chat, qna: webinar.settings.qna },
        isCaptioning: webinar.isCaptioning,
        chat: chatRows.reverse().map(toChat),
        questions: questionRows.map((row) => toQuestion(row, myVotes.has(row.id))),
        polls: await Promise.all(pollRows.map((row) => toPoll(row, actor))),
        lastEventId,
      }
    },

    async postMessage(actor: RoomActor, body: string): Promise<ChatMessage> {
      await requireOpenRoom(actor.webinarId, 'chat')
      return runInTransaction(pool, async ({ db: tx }) => {
        const row = await roomRepository.insertChatMessage(tx, { webinarId: actor.webinarId, authorKind: actor.kind, authorId: actor.id, authorName: actor.name, body: body.trim() })
        const message = toChat(row)
        await hub.publish(tx, actor.webinarId, 'chat.message', message)
        return message
      })
    },

    async hideMessage(actor: RoomActor, messageId: string): Promise<void> {
      requireHost(actor)
      await runInTransaction(pool, async ({ db: tx }) => {
        if (!(await roomRepository.hideChatMessage(tx, actor.webinarId, messageId))) throw notFound('Message')
        await hub.publish(tx, actor.webinarId, 'chat.hidden', { id: messageId })
      })
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
      requireHost(actor)
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
      requireHost(actor)
      if (new Set(options.map((option) => option.trim())).size !== options.length) {
        throw new AppError('validation_failed', 'options must be different.', { options: 'must be different' })
      }
      const row = await roomRepository.insertPoll(db, { webinarId: actor.webinarId, question: question.trim(), options: options.map((option) => option.trim()) })
      return toPoll(row, actor)
    },

    async updatePoll(actor: RoomActor, pollId: string, changes: { status?: 'open' | 'closed'; areResultsShared?: boolean }): Promise<Poll> {
      requireHost(actor)
      return runInTransaction(pool, async ({ db: tx }) => {
        const row = await roomRepository.updatePoll(tx, actor.webinarId, pollId, changes)
        if (!row) throw notFound('Poll')
        await broadcastPoll(tx, row)
        return toPoll(row, actor, tx)
      })
    },

    async vote(actor: RoomActor, pollId: string, optionIndex: number): Promise<Poll> {
      if (isHostSide(actor)) throw forbidden('Hosts run polls; attendees vote.')
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

import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { chatMessages, chatMutes, pollVotes, polls, questionVotes, questions, registrations } from '../db/schema.ts'

export type ChatMessageRow = typeof chatMessages.$inferSelect
export type QuestionRow = typeof questions.$inferSelect
export type PollRow = typeof polls.$inferSelect

interface Authored {
  webinarId: string
  authorKind: 'staff' | 'registrant' | 'speaker'
  authorId: string
  authorName: string
  body: string
}

/** Whether a registration may still be in its webinar's room, and which version of its link it holds. */
export interface RoomAdmission {
  registrationId: string
  isApproved: boolean
  joinTokenVersion: number
}

/** The room's chat, questions and polls; the `db` may be a transaction's. */
export const roomRepository = {
  // Chat

  /** The latest visible messages, newest first. */
  async listVisibleChat(db: Database, webinarId: string, limit: number): Promise<ChatMessageRow[]> {
    return db
      .select()
      .from(chatMessages)
      .where(and(eq(chatMessages.webinarId, webinarId), eq(chatMessages.isHidden, false)))
      .orderBy(desc(chatMessages.createdAt))
      .limit(limit)
  },
  async insertChatMessage(db: Database, message: Authored & { createdAt: Date }): Promise<ChatMessageRow> {
    const [row] = await db.insert(chatMessages).values(message).returning()
    return row!
  },
  async findChatMessage(db: Database, webinarId: string, messageId: string): Promise<ChatMessageRow | undefined> {
    const [row] = await db.select().from(chatMessages).where(and(eq(chatMessages.id, messageId), eq(chatMessages.webinarId, webinarId)))
    return row
  },
  /** Hides a visible message; undefined when the webinar has no such message or it was hidden already. */
  async hideChatMessage(db: Database, webinarId: string, messageId: string): Promise<ChatMessageRow | undefined> {
    const [row] = await db
      .update(chatMessages)
      .set({ isHidden: true })
      .where(and(eq(chatMessages.id, messageId), eq(chatMessages.webinarId, webinarId), eq(chatMessages.isHidden, false)))
      .returning()
    return row
  },
  /** When this author last posted in the chat (hidden messages count: deleting one does not shorten slow mode). */
  async findLatestChatMessageAt(db: Database, webinarId: string, authorId: string): Promise<Date | undefined> {
    const [row] = await db
      .select({ createdAt: chatMessages.createdAt })
      .from(chatMessages)
      .where(and(eq(chatMessages.authorId, authorId), eq(chatMessages.webinarId, webinarId)))
      .orderBy(desc(chatMessages.createdAt))
      .limit(1)
    return row?.createdAt
  },
  /**
   * Makes one author's posts take turns until the transaction ends, so that two messages sent at once (to two
   * instances) cannot both pass slow mode.
   */
  async lockChatAuthor(db: Database, authorId: string): Promise<void> {
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`chat-author:${authorId}`}, 0))`)
  },

  // Chat mutes

  /** False when they were muted already. */
  async insertChatMute(db: Database, mute: { webinarId: string; registrationId: string; mutedByName: string; createdAt: Date }): Promise<boolean> {
    const inserted = await db.insert(chatMutes).values(mute).onConflictDoNothing().returning({ registrationId: chatMutes.registrationId })
    return inserted.length > 0
  },
  /** False when they were not muted. */
  async deleteChatMute(db: Database, webinarId: string, registrationId: string): Promise<boolean> {
    const deleted = await db
      .delete(chatMutes)
      .where(and(eq(chatMutes.webinarId, webinarId), eq(chatMutes.registrationId, registrationId)))
      .returning({ registrationId: chatMutes.registrationId })
    return deleted.length > 0
  },
  async isChatMuted(db: Database, webinarId: string, registrationId: string): Promise<boolean> {
    const [row] = await db
      .select({ registrationId: chatMutes.registrationId })
      .from(chatMutes)
      .where(and(eq(chatMutes.webinarId, webinarId), eq(chatMutes.registrationId, registrationId)))
    return row !== undefined
  },
  /** Who is muted in the webinar's chat and still in its room, by name, the longest muted first. */
  async listChatMutes(db: Database, webinarId: string): Promise<{ registrationId: string; name: string }[]> {
    return db
      .select({ registrationId: chatMutes.registrationId, name: registrations.name })
      .from(chatMutes)
      .innerJoin(registrations, eq(registrations.id, chatMutes.registrationId))
      .where(and(eq(chatMutes.webinarId, webinarId), eq(registrations.status, 'approved')))
      .orderBy(asc(chatMutes.createdAt))
  },

  // Who may still be in the room

  /** For attendees' open event streams: each of these registrations' status and link version, in one read. */
  async listRoomAdmissions(db: Database, registrationIds: string[]): Promise<RoomAdmission[]> {
    if (registrationIds.length === 0) return []
    const rows = await db
      .select({ registrationId: registrations.id, status: registrations.status, joinTokenVersion: registrations.joinTokenVersion })
      .from(registrations)
      .where(inArray(registrations.id, registrationIds))
    return rows.map((row) => ({ registrationId: row.registrationId, isApproved: row.status === 'approved', joinTokenVersion: row.joinTokenVersion }))
  },

  // Questions

  /** Pinned first, then the most upvoted, then the oldest. */
  async listQuestions(db: Database, webinarId: string, options: { isHiddenIncluded: boolean }): Promise<QuestionRow[]> {
    return db
      .select()
      .from(questions)
      .where(and(eq(questions.webinarId, webinarId), options.isHiddenIncluded ? undefined : eq(questions.isHidden, false)))
      .orderBy(desc(questions.isPinned), desc(questions.upvotes), asc(questions.createdAt))
  },
  async listQuestionIdsVotedBy(db: Database, voterId: string): Promise<string[]> {
    const rows = await db.select({ questionId: questionVotes.questionId }).from(questionVotes).where(eq(questionVotes.voterId, voterId))
    return rows.map((row) => row.questionId)
  },
  async findQuestion(db: Database, webinarId: string, questionId: string): Promise<QuestionRow | undefined> {
    const [row] = await db.select().from(questions).where(and(eq(questions.id, questionId), eq(questions.webinarId, webinarId)))
    return row
  },
  async insertQuestion(db: Database, question: Authored): Promise<QuestionRow> {
    const [row] = await db.insert(questions).values(question).returning()
    return row!
  },
  /** Records one person's upvote; false when they had already voted (the vote's primary key). */
  async insertQuestionVote(db: Database, questionId: string, voterId: string): Promise<boolean> {
    const inserted = await db.insert(questionVotes).values({ questionId, voterId }).onConflictDoNothing().returning()
    return inserted.length > 0
  },
  async incrementUpvotes(db: Database, questionId: string): Promise<QuestionRow> {
    const [row] = await db
      .update(questions)
      .set({ upvotes: sql`${questions.upvotes} + 1` })
      .where(eq(questions.id, questionId))
      .returning()
    return row!
  },
  /** An answer (null clears it) is stamped answered now. Undefined when the webinar has no such question. */
  async moderateQuestion(
    db: Database,
    webinarId: string,
    questionId: string,
    changes: { answer?: string | null; isHidden?: boolean; isPinned?: boolean },
  ): Promise<QuestionRow | undefined> {
    const [row] = await db
      .update(questions)
      .set({
        ...(changes.answer !== undefined ? { answer: changes.answer, answeredAt: sql`now()` } : {}),
        ...(changes.isHidden !== undefined ? { isHidden: changes.isHidden } : {}),
        ...(changes.isPinned !== undefined ? { isPinned: changes.isPinned } : {}),
      })
      .where(and(eq(questions.id, questionId), eq(questions.webinarId, webinarId)))
      .returning()
    return row
  },

  // Polls

  async listPolls(db: Database, webinarId: string, options: { isDraftIncluded: boolean }): Promise<PollRow[]> {
    return db
      .select()
      .from(polls)
      .where(and(eq(polls.webinarId, webinarId), options.isDraftIncluded ? undefined : sql`${polls.status} <> 'draft'`))
      .orderBy(asc(polls.createdAt))
  },
  async findPoll(db: Database, webinarId: string, pollId: string): Promise<PollRow | undefined> {
    const [row] = await db.select().from(polls).where(and(eq(polls.id, pollId), eq(polls.webinarId, webinarId)))
    return row
  },
  async insertPoll(db: Database, poll: { webinarId: string; question: string; options: string[] }): Promise<PollRow> {
    const [row] = await db.insert(polls).values(poll).returning()
    return row!
  },
  /** Undefined when the webinar has no such poll. */
  async updatePoll(db: Database, webinarId: string, pollId: string, changes: { status?: 'open' | 'closed'; areResultsShared?: boolean }): Promise<PollRow | undefined> {
    const [row] = await db
      .update(polls)
      .set(changes)
      .where(and(eq(polls.id, pollId), eq(polls.webinarId, webinarId)))
      .returning()
    return row
  },
  /** Closes the webinar's open polls; returns them as closed. */
  async closeOpenPolls(db: Database, webinarId: string): Promise<PollRow[]> {
    return db
      .update(polls)
      .set({ status: 'closed' })
      .where(and(eq(polls.webinarId, webinarId), eq(polls.status, 'open')))
      .returning()
  },
  /** Records one person's vote; false when they had already voted (the vote's primary key). */
  async insertPollVote(db: Database, pollId: string, voterId: string, optionIndex: number): Promise<boolean> {
    const inserted = await db.insert(pollVotes).values({ pollId, voterId, optionIndex }).onConflictDoNothing().returning()
    return inserted.length > 0
  },
  /** The option this person voted for, if they voted. */
  async findPollVote(db: Database, pollId: string, voterId: string): Promise<number | undefined> {
    const [vote] = await db.select().from(pollVotes).where(and(eq(pollVotes.pollId, pollId), eq(pollVotes.voterId, voterId)))
    return vote?.optionIndex
  },
  /** Votes per option index (options nobody chose are missing). */
  async countPollVotes(db: Database, pollId: string): Promise<{ optionIndex: number; votes: number }[]> {
    return db
      .select({ optionIndex: pollVotes.optionIndex, votes: sql<number>`count(*)::int` })
      .from(pollVotes)
      .where(eq(pollVotes.pollId, pollId))
      .groupBy(pollVotes.optionIndex)
  },
}

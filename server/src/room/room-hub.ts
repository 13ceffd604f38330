import type pg from 'pg'
import type { Database } from '../db/client.ts'
import { roomEventRepository, type RoomEventRow } from './room-event-repository.ts'

export interface RoomEvent {
  id: number
  webinarId: string
  type: string
  payload: unknown
  createdAt: string
}

type Listener = (event: RoomEvent) => void

const channel = 'room_events'

function toRoomEvent(row: RoomEventRow): RoomEvent {
  return { id: row.id, webinarId: row.webinarId, type: row.type, payload: row.payload, createdAt: row.createdAt.toISOString() }
}

/**
 * Room events across instances. Each event is a row (so a reconnecting client catches up from its
 * Last-Event-ID) and a NOTIFY carrying only its id (payloads may exceed NOTIFY's 8 kB). Every instance
 * LISTENs on one connection, reads each new event once, and fans it out to its own SSE clients.
 */
export function createRoomHub({ db, pool, logger }: { db: Database; pool: pg.Pool; logger: { warn: (o: object, m: string) => void } }) {
  const listeners = new Map<string, Set<Listener>>()
  let client: pg.PoolClient | undefined
  let isStopping = false

  async function deliver(eventId: number) {
    const row = await roomEventRepository.findById(db, eventId)
    if (!row) return
    const event = toRoomEvent(row)
    for (const listener of listeners.get(event.webinarId) ?? []) listener(event)
  }

  async function listen(): Promise<void> {
    client = await pool.connect()
    client.on('notification', (message) => {
      const id = Number(message.payload)
      if (Number.isFinite(id)) deliver(id).catch((error: unknown) => logger.warn({ err: error }, 'room event delivery failed'))
    })
    client.on('error', (error) => {
      logger.warn({ err: error }, 'room event connection lost; reconnecting')
      client?.release(true)
      client = undefined
      if (!isStopping) setTimeout(() => listen().catch(() => {}), 1000)
    })
    await client.query(`listen ${channel}`)
  }

  return {
    start: listen,
    async stop() {
      isStopping = true
      listeners.clear()
      if (client) {
        await client.query(`unlisten ${channel}`).catch(() => {})
        client.release()
        client = undefined
      }
    },
    /** Records the event and announces it; call inside the transaction of the change (NOTIFY fires on commit). */
    async publish(database: Database, webinarId: string, type: string, payload: unknown): Promise<number> {
      const id = await roomEventRepository.insert(database, { webinarId, type, payload })
      await roomEventRepository.notify(database, channel, String(id))
      return id
    },
    async since(webinarId: string, lastEventId: number, limit = 1000): Promise<RoomEvent[]> {
      return (await roomEventRepository.listSince(db, webinarId, lastEventId, limit)).map(toRoomEvent)
    },
    async latestId(webinarId: string): Promise<number> {
      return roomEventRepository.findLatestId(db, webinarId)
    },
    subscribe(webinarId: string, listener: Listener): () => void {
      const set = listeners.get(webinarId) ?? new Set()
      set.add(listener)
      listeners.set(webinarId, set)
      return () => {
        set.delete(listener)
        if (set.size === 0) listeners.delete(webinarId)
      }
    },
    subscriberCount(webinarId: string): number {
      return listeners.get(webinarId)?.size ?? 0
    },
  }
}

export type RoomHub = ReturnType<typeof createRoomHub>

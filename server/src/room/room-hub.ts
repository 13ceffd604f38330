import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Database } from '../db/client.ts'
import * as schema from '../db/schema.ts'
import { roomEventRepository, type RoomAudience, type RoomEventRow } from './room-event-repository.ts'

export type { RoomAudience } from './room-event-repository.ts'

export interface RoomEvent {
  id: number
  webinarId: string
  type: string
  payload: unknown
  /** Who may receive it; each event stream sends only what its participant may see. */
  audience: RoomAudience
  createdAt: string
}

type Listener = (event: RoomEvent) => void

const channel = 'room_events'
// A NOTIFY's payload must stay under 8000 bytes: an event that fits travels whole, a larger one as its id alone.
const maxNotifyBytes = 7900

/** What a NOTIFY on the channel carries: the event's row as JSON, or its id (to be read). */
function readNotification(payload: string | undefined): { id: number; row?: RoomEventRow } | undefined {
  if (!payload) return undefined
  if (!payload.startsWith('{')) {
    const id = Number(payload)
    return Number.isSafeInteger(id) ? { id } : undefined
  }
  try {
    const row = JSON.parse(payload) as Omit<RoomEventRow, 'createdAt'> & { createdAt: string }
    return Number.isSafeInteger(row.id) ? { id: row.id, row: { ...row, createdAt: new Date(row.createdAt) } } : undefined
  } catch {
    // Not one of ours (anyone connected may NOTIFY on the channel): nothing to send.
    return undefined
  }
}

function toRoomEvent(row: RoomEventRow): RoomEvent {
  return { id: row.id, webinarId: row.webinarId, type: row.type, payload: row.payload, audience: row.audience ?? 'everyone', createdAt: row.createdAt.toISOString() }
}

/** Whether a participant receives an event: moderators all of them, an attendee what is for everyone or for them. */
export function isInAudience(audience: RoomAudience, participant: { isModerator: boolean; registrationId: string | null }): boolean {
  if (audience === 'everyone' || participant.isModerator) return true
  return audience !== 'moderators' && audience.registrationId === participant.registrationId
}

/** Waits between attempts to LISTEN again after the connection is lost: doubling, capped. */
const reconnectDelayMs = { first: 250, max: 10_000 }

/**
 * Room events across instances. Each event is a row (so a reconnecting client catches up from its
 * Last-Event-ID) and a NOTIFY carrying the row itself, so that no instance has to read it back before sending it
 * on (or only its id when it is too large for a NOTIFY's 8 kB: then it is read). Every instance LISTENs on one
 * connection of its own and fans new events out to its SSE clients, in id order.
 *
 * The LISTEN connection outlives database restarts: when it is lost, the hub connects and LISTENs again with
 * backoff, then reads what was committed meanwhile (NOTIFYs sent while nobody listened are gone) for the rooms
 * that have clients here, so an open event stream misses nothing.
 */
export function createRoomHub({
  db,
  pool,
  logger,
}: {
  db: Database
  pool: pg.Pool
  logger: { warn: (o: object, m: string) => void; info: (o: object, m: string) => void }
}) {
  const listeners = new Map<string, Set<Listener>>()
  let connection: pg.Client | undefined
  // The notified events are read on the LISTEN connection itself: it is this hub's alone, so a message never queues
  // for the pool behind the requests of a busy room (attendees arriving, their presence, their posts).
  let connectionDb: Database | undefined
  let isStopping = false
  let reconnectTimer: NodeJS.Timeout | undefined
  let failedAttempts = 0
  // The highest event id delivered here, or known at start-up; ids are one sequence over all rooms.
  let deliveredUpTo = 0
  // Set when events may have been missed (the connection was lost, a read failed): rooms with clients here
  // catch up from this id once the hub listens again; cleared when that catch-up has succeeded.
  let missedSince: number | undefined
  // Notified events (or the ids of those to read) wait here and go out in batches, one batch at a time, so clients
  // get events in id order (reading each on its own, a later event could overtake an earlier one, which the stream
  // would then skip).
  const pending = new Map<number, RoomEventRow | undefined>()
  let isDelivering = false

  function fanOut(row: RoomEventRow) {
    deliveredUpTo = Math.max(deliveredUpTo, row.id)
    const event = toRoomEvent(row)
    for (const listener of listeners.get(event.webinarId) ?? []) listener(event)
  }

  async function deliverPending() {
    if (isDelivering) return
    isDelivering = true
    try {
      while (pending.size > 0) {
        const batch = [...pending]
        pending.clear()
        const ids = batch.map(([id]) => id)
        try {
          const toRead = batch.flatMap(([id, row]) => (row ? [] : [id]))
          const read = toRead.length > 0 ? await roomEventRepository.findByIds(connectionDb ?? db, toRead) : []
          const rows = [...batch.flatMap(([, row]) => (row ? [row] : [])), ...read].sort((a, b) => a.id - b.id)
          for (const row of rows) fanOut(row)
        } catch (error) {
          // Read them again with the catch-up that follows listening anew.
          missedSince = Math.min(missedSince ?? Infinity, Math.min(...ids) - 1)
          logger.warn({ err: error }, 'room event delivery failed; catching up after reconnecting')
          connection?.end().catch(() => {})
        }
      }
    } finally {
      isDelivering = false
    }
  }

  /** Reads what rooms with clients here missed while nobody listened (a NOTIFY sent then is gone). */
  async function catchUp() {
    if (missedSince === undefined) return
    const since = missedSince
    const latest = await roomEventRepository.findLatestIdOfAll(db)
    for (const webinarId of [...listeners.keys()]) {
      for (const row of await roomEventRepository.listSince(db, webinarId, since, 1000)) fanOut(row)
    }
    deliveredUpTo = Math.max(deliveredUpTo, latest)
    if (missedSince === since) missedSince = undefined
  }

  function onConnectionLost(client: pg.Client, error?: Error) {
    // A connection being set up reports its failure to connect(); one already replaced has been handled.
    if (client !== connection) return
    connection = undefined
    connectionDb = undefined
    missedSince ??= deliveredUpTo
    client.removeAllListeners('notification')
    client.end().catch(() => {})
    if (isStopping) return
    logger.warn({ err: error }, 'room events: lost the LISTEN connection; reconnecting')
    scheduleReconnect()
  }

  async function connect(): Promise<void> {
    // A connection of its own, not the pool's: it is held for good, and its life (reconnecting) is the hub's.
    const client = new pg.Client(pool.options)
    // Without an 'error' listener a lost connection would be thrown to the process and stop it.
    client.on('error', (error) => onConnectionLost(client, error))
    client.on('end', () => onConnectionLost(client))
    client.on('notification', (message) => {
      const notified = readNotification(message.payload)
      if (!notified) return
      pending.set(notified.id, notified.row)
      void deliverPending()
    })
    try {
      await client.connect()
      await client.query(`listen ${channel}`)
    } catch (error) {
      await client.end().catch(() => {})
      throw error
    }
    connection = client
    connectionDb = drizzle(client, { schema }) as unknown as Database
  }

  function scheduleReconnect() {
    if (isStopping || reconnectTimer) return
    const delay = Math.min(reconnectDelayMs.max, reconnectDelayMs.first * 2 ** failedAttempts)
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined
      connect()
        .then(async () => {
          failedAttempts = 0
          logger.info({}, 'room events: listening again')
          await catchUp().catch((error: unknown) => {
            // Listening, but the read failed: start over, so the catch-up is tried again.
            logger.warn({ err: error }, 'room events: catching up failed; reconnecting')
            connection?.end().catch(() => {})
          })
        })
        .catch((error: unknown) => {
          if (isStopping) return
          failedAttempts++
          logger.warn({ err: error }, 'room events: cannot LISTEN yet; retrying')
          scheduleReconnect()
        })
    }, delay)
  }

  return {
    /** Starts listening; fails if the database cannot be reached at start-up. */
    async start() {
      await connect()
      deliveredUpTo = Math.max(deliveredUpTo, await roomEventRepository.findLatestIdOfAll(db))
    },
    async stop() {
      isStopping = true
      clearTimeout(reconnectTimer)
      reconnectTimer = undefined
      listeners.clear()
      const client = connection
      connection = undefined
      connectionDb = undefined
      if (client) {
        client.removeAllListeners('notification')
        await client.end().catch(() => {})
      }
    },
    /**
     * Records the event and announces it; call inside the transaction of the change (NOTIFY fires on commit).
     * `audience` narrows who receives it (everyone by default): event streams and their replay both filter on it.
     */
    async publish(database: Database, webinarId: string, type: string, payload: unknown, { audience = 'everyone' }: { audience?: RoomAudience } = {}): Promise<number> {
      const row = await roomEventRepository.insertAndNotify(database, channel, maxNotifyBytes, { webinarId, type, payload, audience })
      return row.id
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

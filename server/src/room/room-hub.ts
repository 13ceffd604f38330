import pg from 'pg'
import type { Database } from '../db/client.ts'
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
 * Last-Event-ID) and a NOTIFY carrying only its id (payloads may exceed NOTIFY's 8 kB). Every instance
 * LISTENs on one connection of its own, reads new events in id order, and fans them out to its SSE clients.
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
  let isStopping = false
  let reconnectTimer: NodeJS.Timeout | undefined
  let failedAttempts = 0
  // The highest event id delivered here, or known at start-up; ids are one sequence over all rooms.
  let deliveredUpTo = 0
  // Set when events may have been missed (the connection was lost, a read failed): rooms with clients here
  // catch up from this id once the hub listens again; cleared when that catch-up has succeeded.
  let missedSince: number | undefined
  // Notified ids wait here and are read in batches, one batch at a time, so clients get events in id order
  // (reading each on its own, a later event could overtake an earlier one, which the stream would then skip).
  const pendingIds = new Set<number>()
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
      while (pendingIds.size > 0) {
        const ids = [...pendingIds]
        pendingIds.clear()
        try {
          for (const row of await roomEventRepository.findByIds(db, ids)) fanOut(row)
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
      const id = Number(message.payload)
      if (!Number.isFinite(id)) return
      pendingIds.add(id)
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
      const id = await roomEventRepository.insert(database, { webinarId, type, payload, audience })
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

import type { Database } from '../db/client.ts'
import { joinLinkRepository, type JoinLinkTargetRow } from './join-link-repository.ts'

/** Batches at the database at once, per instance: the pool's 10 connections serve everything else too. */
const maxBatchesInFlight = 2
/** Hashes in one statement at most (one array parameter). */
const maxBatchSize = 500

/** The registration (with webinar and host) whose current link has this hash; undefined when none has. */
export type JoinLinkLookup = (joinTokenHash: string) => Promise<JoinLinkTargetRow | undefined>

interface Waiting {
  resolve: (row: JoinLinkTargetRow | undefined) => void
  reject: (error: unknown) => void
}

/**
 * Finds personal links in batches: the lookups asked for while the previous batches are at the database (or in
 * the same turn of the event loop) go together in one statement (`join_token_hash = any($1)`). In a join storm
 * thousands of registrants open their links at once; one round trip for dozens of them spares the database a
 * statement each and the app a query's overhead each, which was most of what such a request cost.
 * Nothing is kept between lookups: each is answered by a statement that started after it was asked, so a link
 * re-issued, a registration cancelled or erased a moment before is seen as it is now, on every instance.
 */
export function createJoinLinkLookup(db: Database): JoinLinkLookup {
  let waiting = new Map<string, Waiting[]>()
  let inFlight = 0
  let isSendScheduled = false

  function send(): void {
    isSendScheduled = false
    while (inFlight < maxBatchesInFlight && waiting.size > 0) {
      let batch = waiting
      if (waiting.size <= maxBatchSize) waiting = new Map()
      else {
        batch = new Map([...waiting].slice(0, maxBatchSize))
        for (const hash of batch.keys()) waiting.delete(hash)
      }
      inFlight++
      joinLinkRepository
        .findTargets(db, [...batch.keys()])
        .then(
          (rows) => {
            const byHash = new Map(rows.map((row) => [row.registration.joinTokenHash, row]))
            for (const [hash, waiters] of batch) for (const waiter of waiters) waiter.resolve(byHash.get(hash))
          },
          (error: unknown) => {
            for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error)
          },
        )
        .finally(() => {
          inFlight--
          send()
        })
    }
  }

  return (joinTokenHash) =>
    new Promise((resolve, reject) => {
      const waiters = waiting.get(joinTokenHash)
      if (waiters) waiters.push({ resolve, reject })
      else waiting.set(joinTokenHash, [{ resolve, reject }])
      // Sent once this turn's other requests have been read (they join the batch), or when a batch comes back.
      if (!isSendScheduled && inFlight < maxBatchesInFlight) {
        isSendScheduled = true
        setImmediate(send)
      }
    })
}

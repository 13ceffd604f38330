/**
 * Work that arrives many times at once (Stream's webhooks of a busy webinar, attendees arriving in a room), done
 * in groups: a piece that arrives while a group is in the database waits for the next group, which takes
 * everything that waited (up to `maxGroupSize`). Alone, a piece goes at once; under load a group costs a few
 * statements however many pieces it holds, instead of a few per piece, and one group at a time holds at most one of
 * the pool's connections. Each caller gets its own result, or its own failure: when a group fails, its pieces are
 * tried again one by one, so one bad piece (or a deadlock with another instance) fails no other.
 */
export function createGroupCommit<Item, Result>(
  run: (items: Item[]) => Promise<Result[]>,
  { maxGroupSize, lingerMs, busyForMs = 50 }: { maxGroupSize: number; lingerMs: number; busyForMs?: number },
) {
  const waiting: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = []
  let isRunning = false
  let lastEndedAt = Number.NEGATIVE_INFINITY

  async function runOneByOne(group: typeof waiting) {
    for (const entry of group) {
      try {
        entry.resolve((await run([entry.item]))[0]!)
      } catch (error) {
        entry.reject(error)
      }
    }
  }

  async function runGroup(group: typeof waiting) {
    let results: Result[]
    try {
      results = await run(group.map((entry) => entry.item))
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error)
      else await runOneByOne(group)
      return
    }
    group.forEach((entry, index) => entry.resolve(results[index]!))
  }

  async function drain() {
    isRunning = true
    try {
      while (waiting.length > 0) {
        // Answered together, the senders of a group send their next ones together too, but a little apart: under
        // load (a group ended moments ago), the group waits a moment for the rest of them, as PostgreSQL's
        // commit_delay does, rather than going with the first few and leaving the others to wait for a whole group.
        // Alone (nothing for a while), a piece goes at once.
        const isBusy = performance.now() - lastEndedAt < busyForMs
        if (isBusy && waiting.length < maxGroupSize) await new Promise((resolve) => setTimeout(resolve, lingerMs))
        await runGroup(waiting.splice(0, maxGroupSize))
        lastEndedAt = performance.now()
      }
    } finally {
      isRunning = false
    }
  }

  return {
    /** Adds a piece to the next group; settles when its group is done. */
    add(item: Item): Promise<Result> {
      return new Promise((resolve, reject) => {
        waiting.push({ item, resolve, reject })
        if (!isRunning) void drain()
      })
    },
  }
}

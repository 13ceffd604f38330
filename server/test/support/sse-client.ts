export interface ReceivedEvent {
  id: number
  type: string
  data: unknown
}

/** A minimal Server-Sent Events reader over fetch, for tests and benchmarks. */
export function openEventStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const events: ReceivedEvent[] = []
  const waiters: { predicate: (event: ReceivedEvent) => boolean; resolve: (event: ReceivedEvent) => void }[] = []
  const ready = (async () => {
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal })
    if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}: ${await response.text()}`)
    return response
  })()
  const done = ready
    .then(async (response) => {
      const decoder = new TextDecoder()
      let buffer = ''
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let boundary: number
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary)
          buffer = buffer.slice(boundary + 2)
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => line && !line.startsWith(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
          )
          if (fields.data === undefined) continue
          const event = { id: Number(fields.id), type: fields.event ?? 'message', data: JSON.parse(fields.data) }
          events.push(event)
          for (const waiter of [...waiters]) {
            if (waiter.predicate(event)) {
              waiters.splice(waiters.indexOf(waiter), 1)
              waiter.resolve(event)
            }
          }
        }
      }
    })
    .catch(() => {})
  return {
    events,
    ready,
    /** Settles when the stream ends, whichever side ended it. */
    ended: done,
    /** Resolves with the first event (already received or future) that matches. */
    next(predicate: (event: ReceivedEvent) => boolean, timeoutMs = 5000): Promise<ReceivedEvent> {
      const seen = events.find(predicate)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching event in time')), timeoutMs)
        waiters.push({ predicate, resolve: (event) => (clearTimeout(timer), resolve(event)) })
      })
    },
    close: async () => {
      controller.abort()
      await done
    },
  }
}

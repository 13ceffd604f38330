import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'
import { ApiError } from './api-error'

// The public pages' data, without react-query: a registrant's first page load pays for every byte (bench B6),
// and these pages need little of it. The same rules as the app's query client (app/providers.tsx) where they
// matter to a visitor: asked for again whenever a page shows it (shown meanwhile if already there), failures
// other than 4xx retried twice after 1 s and 2 s, one request at a time per key, and what is read is shared by
// every component showing the same key.

/** Where a query stands, told apart as react-query's results are: `data` is there once `isSuccess`. */
export type PublicQuery<T> = { refetch: () => Promise<void> } & (
  | { isPending: true; isError: false; isSuccess: false; data: undefined; error: null }
  | { isPending: false; isError: true; isSuccess: false; data: T | undefined; error: unknown }
  | { isPending: false; isError: false; isSuccess: true; data: T; error: null }
)

interface Snapshot<T> {
  status: 'pending' | 'error' | 'success'
  data: T | undefined
  error: unknown
}

interface Entry<T> {
  snapshot: Snapshot<T>
  listeners: Set<() => void>
  load?: () => Promise<T>
  running?: Promise<void>
  /** Which request is the latest: an older one's answer (or failure) is dropped. */
  requestCount: number
}

const entries = new Map<string, Entry<unknown>>()

function entryOf<T>(key: string): Entry<T> {
  let entry = entries.get(key)
  if (!entry) {
    entry = { snapshot: { status: 'pending', data: undefined, error: null }, listeners: new Set(), requestCount: 0 }
    entries.set(key, entry)
  }
  return entry as Entry<T>
}

function publish<T>(entry: Entry<T>, change: Partial<Snapshot<T>>): void {
  entry.snapshot = { ...entry.snapshot, ...change }
  for (const listener of entry.listeners) listener()
}

/** A 4xx will not change by asking again; network blips and 5xx might (as app/providers.tsx decides). */
const isWorthRetrying = (error: unknown, failureCount: number) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2

/**
 * Reads the entry, unless a request is already on its way: then that one's answer is the one awaited. Asked
 * explicitly (`isFresh`: a refetch, an invalidation), a new request is made anyway, since the reason to ask may
 * have come after the one on its way was sent, and its answer replaces the older one's.
 */
function run<T>(entry: Entry<T>, load: () => Promise<T>, { isFresh = false }: { isFresh?: boolean } = {}): Promise<void> {
  entry.load = load
  if (entry.running && !isFresh) return entry.running
  const request = (entry.requestCount += 1)
  const isLatest = () => request === entry.requestCount
  const running: Promise<void> = (async () => {
    for (let failureCount = 0; ; failureCount += 1) {
      try {
        const data = await load()
        if (isLatest()) publish(entry, { status: 'success', data, error: null })
        return
      } catch (error) {
        if (!isLatest()) return
        if (!isWorthRetrying(error, failureCount)) {
          // What was read before stays, as react-query keeps it: the page decides what to show.
          publish(entry, { status: 'error', error })
          return
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** failureCount, 30_000)))
      }
    }
  })().finally(() => {
    if (entry.running === running) entry.running = undefined
  })
  entry.running = running
  return running
}

/**
 * What `load` answers for `key`, read when the component shows (and every `refetchIntervalMs` while it says so).
 * Two components with the same key share one request and one answer.
 */
export function usePublicQuery<T>(
  key: string,
  load: () => Promise<T>,
  { isEnabled = true, refetchIntervalMs }: { isEnabled?: boolean; refetchIntervalMs?: (data: T | undefined) => number | false } = {},
): PublicQuery<T> {
  const entry = entryOf<T>(key)
  const subscribe = useCallback(
    (listener: () => void) => {
      entry.listeners.add(listener)
      return () => void entry.listeners.delete(listener)
    },
    [entry],
  )
  const snapshot = useSyncExternalStore(subscribe, () => entry.snapshot)
  // The latest `load` is the one used, without asking again at every render.
  const latestLoad = useRef(load)
  useLayoutEffect(() => {
    latestLoad.current = load
  })
  useEffect(() => {
    if (isEnabled) void run(entry, () => latestLoad.current())
  }, [entry, isEnabled, latestLoad])
  const intervalMs = isEnabled ? (refetchIntervalMs?.(snapshot.data) ?? false) : false
  useEffect(() => {
    if (intervalMs === false) return
    const timer = setInterval(() => void run(entry, () => latestLoad.current()), intervalMs)
    return () => clearInterval(timer)
  }, [entry, intervalMs, latestLoad])
  return {
    isPending: snapshot.status === 'pending',
    isError: snapshot.status === 'error',
    isSuccess: snapshot.status === 'success',
    data: snapshot.data,
    error: snapshot.error,
    refetch: () => run(entry, () => latestLoad.current(), { isFresh: true }),
  } as PublicQuery<T>
}

/** Puts an answer in place (a change the server answered with), for every component showing `key`. */
export function setPublicQueryData<T>(key: string, update: (current: T | undefined) => T | undefined): void {
  const entry = entryOf<T>(key)
  const data = update(entry.snapshot.data)
  if (data !== undefined) publish(entry, { status: 'success', data, error: null })
}

/** Reads `key` again now if a component shows it; otherwise the next one to show it will. */
export function invalidatePublicQuery(key: string): Promise<void> {
  const entry = entries.get(key)
  return entry?.load && entry.listeners.size > 0 ? run(entry, entry.load, { isFresh: true }) : Promise.resolve()
}

/** Forgets every answer (between tests, as each test's app gets a query client of its own). */
export function forgetPublicQueries(): void {
  entries.clear()
}

export interface PublicMutation<Variables, Result> {
  isPending: boolean
  isError: boolean
  error: unknown
  mutate: (variables: Variables, callbacks?: { onSuccess?: (result: Result) => void; onError?: (error: unknown) => void }) => void
  /** Forgets the last outcome (a dialog closed on an error). */
  reset: () => void
}

/** A change sent by the page (registering, cancelling): its progress and outcome, and `onSettled` after each. */
export function usePublicMutation<Variables, Result>(
  send: (variables: Variables) => Promise<Result>,
  { onSuccess, onSettled }: { onSuccess?: (result: Result) => void; onSettled?: () => void } = {},
): PublicMutation<Variables, Result> {
  const [state, setState] = useState<{ status: 'idle' | 'pending' | 'error' | 'success'; error: unknown }>({ status: 'idle', error: null })
  return {
    isPending: state.status === 'pending',
    isError: state.status === 'error',
    error: state.error,
    mutate: (variables, callbacks) => {
      setState({ status: 'pending', error: null })
      send(variables).then(
        (result) => {
          setState({ status: 'success', error: null })
          onSuccess?.(result)
          callbacks?.onSuccess?.(result)
          onSettled?.()
        },
        (error: unknown) => {
          setState({ status: 'error', error })
          callbacks?.onError?.(error)
          onSettled?.()
        },
      )
    },
    reset: () => setState({ status: 'idle', error: null }),
  }
}

import '@stream-io/video-react-sdk/dist/css/styles.css'
import type { StreamCredentials } from '@webinar/shared/webinars'
import { createContext, use, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react'
import { StreamCall, StreamTheme, StreamVideo, StreamVideoClient, type Call } from '../stream-sdk'

export type StreamRole = 'host' | 'viewer'
export type TokenProvider = () => Promise<string>

export type JoinStatus = 'idle' | 'loading' | 'ready' | 'joining' | 'joined' | 'failed'

/**
 * One client and one call per person and webinar, shared by every render of the page. React's StrictMode
 * mounts, unmounts and mounts again: the session outlives that by a tick (the tear-down is deferred and
 * cancelled by the second mount), so `join` runs once and a real unmount still leaves and disconnects.
 */
export interface StreamSession {
  client: StreamVideoClient
  call: Call
  role: StreamRole
  getStatus: () => { status: JoinStatus; error: unknown }
  subscribe: (listener: () => void) => () => void
  /** Joins the pre-provisioned call (never creates it); a second call is ignored, as `call.join()` twice throws. */
  join: () => void
}

interface SessionEntry extends StreamSession {
  references: number
  teardownTimer: ReturnType<typeof setTimeout> | undefined
  hasStarted: boolean
  start: () => void
}

const sessions = new Map<string, SessionEntry>()

function sessionKey(credentials: StreamCredentials, role: StreamRole): string {
  return [role, credentials.apiKey, credentials.userId, credentials.callType, credentials.callId].join(':')
}

function createSession(credentials: StreamCredentials, role: StreamRole, tokenProvider: TokenProvider): SessionEntry {
  const client = new StreamVideoClient({
    apiKey: credentials.apiKey,
    user: { id: credentials.userId, name: credentials.userName },
    // The first token comes with the credentials; the provider asks our API again when it expires.
    token: credentials.token,
    tokenProvider,
  })
  const call = client.call(credentials.callType, credentials.callId)
  const listeners = new Set<() => void>()
  let snapshot: { status: JoinStatus; error: unknown } = { status: 'idle', error: null }
  const setStatus = (status: JoinStatus, error: unknown = null) => {
    snapshot = { status, error }
    for (const listener of listeners) listener()
  }
  let hasJoined = false

  const entry: SessionEntry = {
    client,
    call,
    role,
    references: 0,
    teardownTimer: undefined,
    hasStarted: false,
    getStatus: () => snapshot,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    join: () => {
      if (hasJoined) return
      hasJoined = true
      setStatus('joining')
      call.join({ create: false }).then(
        () => setStatus('joined'),
        (error: unknown) => setStatus('failed', error),
      )
    },
    start: () => {
      if (entry.hasStarted) return
      entry.hasStarted = true
      // The host goes straight into the backstage; a viewer first reads the call (live? HLS?) and joins once it is live.
      if (role === 'host') {
        entry.join()
        return
      }
      setStatus('loading')
      call.get().then(
        () => setStatus('ready'),
        (error: unknown) => setStatus('failed', error),
      )
    },
  }
  return entry
}

function acquireSession(credentials: StreamCredentials, role: StreamRole, tokenProvider: TokenProvider): SessionEntry {
  const key = sessionKey(credentials, role)
  let entry = sessions.get(key)
  if (!entry) {
    entry = createSession(credentials, role, tokenProvider)
    sessions.set(key, entry)
  }
  return entry
}

function retainSession(entry: SessionEntry) {
  entry.references += 1
  if (entry.teardownTimer) clearTimeout(entry.teardownTimer)
  entry.teardownTimer = undefined
  entry.start()
}

function releaseSession(key: string, entry: SessionEntry) {
  entry.references -= 1
  if (entry.references > 0) return
  entry.teardownTimer = setTimeout(() => {
    if (entry.references > 0) return
    sessions.delete(key)
    // Leaving a call that was never joined throws; disconnecting must happen either way.
    void Promise.resolve()
      .then(() => entry.call.leave())
      .catch(() => {})
      .finally(() => void entry.client.disconnectUser().catch(() => {}))
  }, 0)
}

const StreamSessionContext = createContext<StreamSession | null>(null)

export function useStreamSession(): StreamSession {
  const session = use(StreamSessionContext)
  if (!session) throw new Error('useStreamSession is used outside StreamVideoProvider')
  return session
}

export function useJoinStatus(session: StreamSession) {
  return useSyncExternalStore(session.subscribe, session.getStatus)
}

/**
 * Connects to Stream with the credentials our API issued and puts the webinar's call in context. The SDK's
 * components below it (layouts, controls, state hooks) work on that call.
 */
export function StreamVideoProvider({
  credentials,
  role,
  tokenProvider,
  children,
}: {
  credentials: StreamCredentials
  role: StreamRole
  tokenProvider: TokenProvider
  children: ReactNode
}) {
  const key = sessionKey(credentials, role)
  // Keyed on the identity of the call and the person, not on the token: a refreshed token keeps the session.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const session = useMemo(() => acquireSession(credentials, role, tokenProvider), [key])
  useEffect(() => {
    retainSession(session as SessionEntry)
    return () => releaseSession(key, session as SessionEntry)
  }, [key, session])

  return (
    <StreamSessionContext value={session}>
      <StreamVideo client={session.client}>
        <StreamCall call={session.call}>
          <StreamTheme className="h-full">{children}</StreamTheme>
        </StreamCall>
      </StreamVideo>
    </StreamSessionContext>
  )
}

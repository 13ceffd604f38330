import '@stream-io/video-react-sdk/dist/css/styles.css'
import type { StreamCredentials } from '@webinar/shared/webinars'
import { createContext, use, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react'
import { StreamCall, StreamTheme, StreamVideo, StreamVideoClient, type Call } from '../stream-sdk'

/** How this person is in the call: a host (host, co-host, admin), a panelist (speaker), or a viewer. */
export type StreamRole = 'host' | 'speaker' | 'viewer'
export type TokenProvider = () => Promise<string>

export type JoinStatus = 'idle' | 'loading' | 'ready' | 'joining' | 'joined' | 'failed'

/**
 * One person's presence in one call: the SDK's client, the call object and where joining it stands. The client comes
 * from the SDK's own registry (`StreamVideoClient.getOrCreateInstance`, one per API key and user), so React's
 * StrictMode, which renders twice and mounts, unmounts and mounts again, gets the same client and session back.
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
  callCid: string
  /** Set once the session has left its call and is letting its client go: it is never used again. */
  isClosed: boolean
  teardownTimer: ReturnType<typeof setTimeout> | undefined
  hasStarted: boolean
  start: () => void
}

/** The session each client of the SDK's registry serves (one at a time). */
const sessions = new WeakMap<StreamVideoClient, SessionEntry>()

function sessionKey(credentials: StreamCredentials, role: StreamRole): string {
  return [role, credentials.apiKey, credentials.userId, credentials.callType, credentials.callId].join(':')
}

function createSession(client: StreamVideoClient, credentials: StreamCredentials, role: StreamRole): SessionEntry {
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
    callCid: `${credentials.callType}:${credentials.callId}`,
    isClosed: false,
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
      // Hosts and panelists go straight into the backstage; a viewer first reads the call (live? HLS?) and joins once it is live.
      if (role !== 'viewer') {
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
  sessions.set(client, entry)
  return entry
}

function acquireSession(credentials: StreamCredentials, role: StreamRole, tokenProvider: TokenProvider): SessionEntry {
  const options = {
    apiKey: credentials.apiKey,
    user: { id: credentials.userId, name: credentials.userName },
    // The first token comes with the credentials; the provider asks our API again when it expires.
    token: credentials.token,
    tokenProvider,
  }
  const client = StreamVideoClient.getOrCreateInstance(options)
  const entry = sessions.get(client)
  if (!entry) return createSession(client, credentials, role)
  if (!entry.isClosed && entry.callCid === `${credentials.callType}:${credentials.callId}`) return entry
  // The registry still hands out a client this app has let go: its disconnect is under way (the SDK forgets it only
  // once the socket has closed, and never when its connection had failed), or it holds a token for another call
  // (our tokens name one call). Start afresh: the SDK makes the new client the registered one.
  return createSession(new StreamVideoClient(options), credentials, role)
}

/** Mounted: a teardown scheduled by StrictMode's rehearsal unmount is called off, and the session starts (once). */
function retainSession(entry: SessionEntry) {
  clearTimeout(entry.teardownTimer)
  entry.teardownTimer = undefined
  entry.start()
}

/**
 * Unmounted: leave the call and disconnect, one tick later, so that StrictMode's immediate remount can call it off.
 * `disconnectUser` also takes the client out of the SDK's registry, so the next visit gets a new one.
 */
function releaseSession(entry: SessionEntry) {
  clearTimeout(entry.teardownTimer)
  entry.teardownTimer = setTimeout(() => {
    entry.isClosed = true
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
    retainSession(session)
    return () => releaseSession(session)
  }, [session])

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

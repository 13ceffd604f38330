import { useSyncExternalStore, type ReactNode } from 'react'
import { vi } from 'vitest'

// A stand-in for features/video/stream-sdk.ts: records what the app asks of Stream and lets a test move the
// call between backstage and live, as Stream's coordinator would.

/** A participant as the layouts' filters see one: who, in which roles, publishing what. */
export interface FakeParticipant {
  userId: string
  name: string
  roles: string[]
  publishedTracks: number[]
}

export interface FakeClosedCaption {
  speaker_id: string
  start_time: string
  text: string
  user: { id: string; name?: string }
}

interface CallState {
  isLive: boolean
  /** Stream's approximate count (the SFU's), which includes everyone. */
  participantCount: number
  /** The session's `participants_count_by_role`. */
  countByRole: Record<string, number>
  participants: FakeParticipant[]
  hlsPlaylistUrl: string | null
  closedCaptions: FakeClosedCaption[]
}

const initialCallState = (): CallState => ({
  isLive: false,
  participantCount: 1,
  countByRole: { host: 1 },
  participants: [{ userId: 'staff_olive', name: 'Olive Owner', roles: ['host'], publishedTracks: [1, 2] }],
  hlsPlaylistUrl: null,
  closedCaptions: [],
})

let callState: CallState = initialCallState()
const listeners = new Set<() => void>()

export function setFakeCallState(change: Partial<CallState>) {
  callState = { ...callState, ...change }
  for (const listener of listeners) listener()
}

function useFakeCallState<T>(select: (state: CallState) => T): T {
  return select(
    useSyncExternalStore(
      (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      () => callState,
    ),
  )
}

/** The call's camera or microphone, as the SDK's device managers: picked, turned on and off. */
export interface FakeDevice {
  select: ReturnType<typeof vi.fn>
  enable: ReturnType<typeof vi.fn>
  disable: ReturnType<typeof vi.fn>
}

export interface FakeCall {
  type: string
  id: string
  join: ReturnType<typeof vi.fn>
  leave: ReturnType<typeof vi.fn>
  get: ReturnType<typeof vi.fn>
  requestPermissions: ReturnType<typeof vi.fn>
  camera: FakeDevice
  microphone: FakeDevice
}

const fakeDevice = (): FakeDevice => ({ select: vi.fn(async () => {}), enable: vi.fn(async () => {}), disable: vi.fn(async () => {}) })

export interface FakeClientOptions {
  apiKey: string
  user: { id: string; name: string }
  token?: string
  tokenProvider: () => Promise<string>
}

export const createdClients: FakeStreamVideoClient[] = []

/** Like the SDK's registry: one client per API key and user, forgotten when it disconnects. */
const registeredClients = new Map<string, FakeStreamVideoClient>()
const registryKey = (options: FakeClientOptions) => `${options.apiKey}/${options.user.id}`

export class FakeStreamVideoClient {
  static getOrCreateInstance(options: FakeClientOptions): FakeStreamVideoClient {
    return registeredClients.get(registryKey(options)) ?? new FakeStreamVideoClient(options)
  }

  readonly options: FakeClientOptions
  readonly calls: FakeCall[] = []
  readonly disconnectUser = vi.fn(async () => {
    // As the SDK does: the client leaves the registry once its socket has closed, a moment later.
    await Promise.resolve()
    if (registeredClients.get(registryKey(this.options)) === this) registeredClients.delete(registryKey(this.options))
  })
  readonly call = vi.fn((type: string, id: string): FakeCall => {
    const call: FakeCall = {
      type,
      id,
      join: vi.fn(async () => {}),
      leave: vi.fn(async () => {}),
      get: vi.fn(async () => ({})),
      requestPermissions: vi.fn(async () => ({})),
      camera: fakeDevice(),
      microphone: fakeDevice(),
    }
    this.calls.push(call)
    return call
  })

  constructor(options: FakeClientOptions) {
    this.options = options
    createdClients.push(this)
    registeredClients.set(registryKey(options), this)
  }
}

export function resetFakeStream() {
  createdClients.length = 0
  registeredClients.clear()
  callState = initialCallState()
}

const passThrough = ({ children }: { children?: ReactNode }) => <>{children}</>

export const fakeStreamSdk = {
  CallingState: { JOINED: 'joined' },
  StreamVideoClient: FakeStreamVideoClient,
  StreamVideo: passThrough,
  StreamCall: passThrough,
  StreamTheme: passThrough,
  // Lays out a tile per participant that passes the app's filter, as the SDK's layouts do.
  SpeakerLayout: ({ filterParticipants }: { filterParticipants?: (participant: FakeParticipant) => boolean }) => {
    const participants = useFakeCallState((state) => state.participants)
    return (
      <ul data-testid="speaker-layout" aria-label="Participants on screen">
        {participants.filter(filterParticipants ?? (() => true)).map((participant) => (
          <li key={participant.userId}>{participant.name}</li>
        ))}
      </ul>
    )
  },
  ToggleAudioPublishingButton: () => <button type="button">Microphone</button>,
  ToggleVideoPublishingButton: () => <button type="button">Camera</button>,
  ScreenShareButton: () => <button type="button">Share screen</button>,
  RecordCallButton: () => <button type="button">Record</button>,
  DeviceSettings: () => <button type="button">Device settings</button>,
  useCallStateHooks: () => ({
    useIsCallLive: () => useFakeCallState((state) => state.isLive),
    useParticipantCount: () => useFakeCallState((state) => state.participantCount),
    useParticipants: () => useFakeCallState((state) => state.participants),
    useCallSession: () => ({ participants_count_by_role: useFakeCallState((state) => state.countByRole) }),
    useCallClosedCaptions: () => useFakeCallState((state) => state.closedCaptions),
    useCallEgress: () => {
      const url = useFakeCallState((state) => state.hlsPlaylistUrl)
      return url ? { hls: { playlist_url: url } } : { hls: undefined }
    },
  }),
}

/** EventSource for jsdom (which has none): tests push the room's Server-Sent Events through it. */
export class FakeEventSource {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  static instances: FakeEventSource[] = []
  readonly url: string
  readyState = FakeEventSource.CONNECTING
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  private readonly handlers = new Map<string, ((event: MessageEvent<string>) => void)[]>()

  constructor(url: string) {
    this.url = url
    FakeEventSource.instances.push(this)
  }

  addEventListener(type: string, handler: (event: MessageEvent<string>) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler])
  }

  close() {
    this.readyState = FakeEventSource.CLOSED
  }

  emit(type: string, data: unknown, id: number) {
    const event = new MessageEvent<string>(type, { data: JSON.stringify(data), lastEventId: String(id) })
    for (const handler of this.handlers.get(type) ?? []) handler(event)
  }
}

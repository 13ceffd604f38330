/** A settings tree as Stream sends it (CallSettingsResponse) or takes it (CallSettingsRequest). */
export type SettingsTree = Record<string, unknown>

const defaultLayout = { name: 'spotlight', external_app_url: '', external_css_url: '' }

/**
 * Every field CallSettingsResponse requires, with the values a fresh Stream app shows for its `default` type.
 * Call types and calls override parts of it; what they leave alone reads like this.
 */
export function defaultCallSettings(): SettingsTree {
  return {
    audio: {
      access_request_enabled: false,
      opus_dtx_enabled: true,
      redundant_coding_enabled: true,
      mic_default_on: true,
      speaker_default_on: true,
      default_device: 'speaker',
      hifi_audio_enabled: false,
    },
    backstage: { enabled: false, join_ahead_time_seconds: 0 },
    broadcasting: {
      enabled: false,
      hls: { auto_on: false, enabled: false, quality_tracks: ['720p'], layout: { ...defaultLayout } },
      rtmp: { enabled: false, quality: '720p', layout: { ...defaultLayout } },
    },
    geofencing: { names: [] },
    recording: { audio_only: false, mode: 'available', quality: '720p', layout: { ...defaultLayout } },
    individual_recording: { mode: 'disabled' },
    raw_recording: { mode: 'disabled' },
    frame_recording: { mode: 'disabled', capture_interval_in_seconds: 5 },
    ring: { incoming_call_timeout_ms: 15000, auto_cancel_timeout_ms: 15000, missed_call_timeout_ms: 15000 },
    screensharing: { enabled: true, access_request_enabled: false },
    transcription: { mode: 'available', closed_caption_mode: 'available', language: 'auto' },
    video: {
      enabled: true,
      access_request_enabled: false,
      target_resolution: { width: 1280, height: 720, bitrate: 1500000 },
      camera_default_on: true,
      camera_facing: 'front',
    },
    thumbnails: { enabled: false },
    limits: { max_participants_exclude_roles: [] },
    session: { inactivity_timeout_seconds: 30 },
    encryption: { mode: 'disabled' },
  }
}

/** Every field NotificationSettingsResponse requires, all off (the emulator sends no push notifications). */
export function defaultNotificationSettings(): SettingsTree {
  const event = () => ({ enabled: false, apns: { title: '', body: '' }, fcm: {} })
  return {
    enabled: false,
    call_live_started: event(),
    session_started: event(),
    call_notification: event(),
    call_ring: event(),
    call_missed: event(),
  }
}

function isPlainObject(value: unknown): value is SettingsTree {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * `override` laid over `base` the way Stream applies partial settings: objects merge field by field, anything
 * else (values, lists) replaces; absent and null fields leave the base alone. Neither input is changed.
 */
export function mergeSettings(base: SettingsTree, override: unknown): SettingsTree {
  const merged: SettingsTree = structuredClone(base)
  if (!isPlainObject(override)) return merged
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined || value === null) continue
    const current = merged[key]
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeSettings(current, value) : structuredClone(value)
  }
  return merged
}

export function readBackstage(settings: SettingsTree): { enabled: boolean; joinAheadSeconds: number } {
  const backstage = isPlainObject(settings.backstage) ? settings.backstage : {}
  return {
    enabled: backstage.enabled === true,
    joinAheadSeconds: typeof backstage.join_ahead_time_seconds === 'number' ? backstage.join_ahead_time_seconds : 0,
  }
}

function section(settings: SettingsTree, ...path: string[]): SettingsTree {
  let current: unknown = settings
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined
  return isPlainObject(current) ? current : {}
}

/** HLS may start only when broadcasting and its HLS are both on (BroadcastSettings, HLSSettings). */
export function isHlsEnabled(settings: SettingsTree): boolean {
  return section(settings, 'broadcasting').enabled === true && section(settings, 'broadcasting', 'hls').enabled === true
}

type FeatureMode = 'available' | 'disabled' | 'auto-on'

const readMode = (value: unknown): FeatureMode => (value === 'disabled' || value === 'auto-on' ? value : 'available')

/** RecordSettings.mode: `disabled` refuses starting a recording. */
export function recordingMode(settings: SettingsTree): FeatureMode {
  return readMode(section(settings, 'recording').mode)
}

/** TranscriptionSettings.closed_caption_mode: `disabled` refuses captions, `auto-on` starts them with the session. */
export function closedCaptionMode(settings: SettingsTree): FeatureMode {
  return readMode(section(settings, 'transcription').closed_caption_mode)
}

// What a user may ask for in a call, and the settings section whose `access_request_enabled` lets them
// (video-client's `RequestPermissionRequestPermissionsEnum` and `PermissionsContext.canRequest`).
const accessRequestSections = { 'send-audio': 'audio', 'send-video': 'video', screenshare: 'screensharing' } as const

export type RequestablePermission = keyof typeof accessRequestSections

export const requestablePermissions = Object.keys(accessRequestSections) as RequestablePermission[]

export const isRequestablePermission = (value: unknown): value is RequestablePermission =>
  typeof value === 'string' && Object.hasOwn(accessRequestSections, value)

/** Where the call's settings say whether `permission` may be asked for, e.g. `audio.access_request_enabled`. */
export const accessRequestSettingOf = (permission: RequestablePermission) => `${accessRequestSections[permission]}.access_request_enabled`

/** AudioSettings, VideoSettings, ScreensharingSettings `access_request_enabled`: off (the default) refuses the request. */
export function isAccessRequestEnabled(settings: SettingsTree, permission: RequestablePermission): boolean {
  return section(settings, accessRequestSections[permission]).access_request_enabled === true
}

/** LimitsSettings: 0 (or none) means no participant limit. */
export function readLimits(settings: SettingsTree): { maxParticipants: number; excludedRoles: string[]; isOwnerExcluded: boolean } {
  const limits = section(settings, 'limits')
  const excluded = Array.isArray(limits.max_participants_exclude_roles) ? limits.max_participants_exclude_roles : []
  return {
    maxParticipants: typeof limits.max_participants === 'number' && limits.max_participants > 0 ? limits.max_participants : 0,
    excludedRoles: excluded.filter((role): role is string => typeof role === 'string'),
    isOwnerExcluded: limits.max_participants_exclude_owner === true,
  }
}

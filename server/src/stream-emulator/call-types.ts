import { defaultCallSettings, defaultNotificationSettings, mergeSettings, type SettingsTree } from './call-settings.ts'
import { iso, requireCallType, type EmulatorState, type StoredCall, type StoredCallType } from './emulator-state.ts'
import { readObject, readString, type Fields } from './request-fields.ts'
import type { EmulatedRoles } from './roles.ts'
import { inputError } from './stream-errors.ts'

interface BuiltInCallType {
  name: string
  grants: Record<string, string[]>
  settings: SettingsTree
}

const everyoneJoins = ['join-call', 'read-call', 'send-audio', 'send-video', 'screenshare', 'create-reaction']
const hosts = [
  ...everyoneJoins,
  'join-backstage',
  'update-call',
  'update-call-settings',
  'update-call-permissions',
  'start-broadcast-call',
  'stop-broadcast-call',
  'start-record-call',
  'stop-record-call',
  'end-call',
  'mute-users',
  'kick-user',
  'block-users',
]

/**
 * What the built-in call roles may do in a call type nobody configured: the `default` type's grants. A new call
 * type starts with these and the request's grants replace them role by role ("When you create a call type, it
 * comes with a default set of configurations. You can override or extend that":
 * https://getstream.io/video/docs/api/call_types/permissions/), so a role left out keeps its default.
 */
function defaultGrants(): Record<string, string[]> {
  return { user: everyoneJoins, call_member: everyoneJoins, moderator: hosts, host: hosts, admin: hosts }
}

/** The call types every Stream app starts with, so a fresh emulator answers listCallTypes like a fresh app. */
function builtInCallTypes(): BuiltInCallType[] {
  return [
    {
      name: 'default',
      grants: defaultGrants(),
      settings: {},
    },
    {
      name: 'development',
      grants: { user: hosts, call_member: hosts, moderator: hosts, host: hosts, admin: hosts },
      settings: {},
    },
    {
      name: 'livestream',
      grants: { user: ['join-call', 'read-call', 'create-reaction'], call_member: ['join-call', 'read-call'], moderator: hosts, host: hosts, admin: hosts },
      settings: {
        backstage: { enabled: true },
        broadcasting: { enabled: true, hls: { enabled: true } },
        audio: { mic_default_on: false },
        video: { camera_default_on: false },
      },
    },
    {
      name: 'audio_room',
      grants: { user: ['join-call', 'read-call', 'create-reaction'], call_member: ['join-call', 'read-call'], moderator: hosts, host: hosts, admin: hosts },
      settings: { backstage: { enabled: true }, video: { enabled: false, camera_default_on: false } },
    },
  ]
}

/**
 * Stream's call types: the built-in ones and those the server creates, their settings and the capabilities their
 * grants give each role (checked against Stream's capability list and its roles). What a caller may do with a
 * call follows in call-access.ts.
 */
export function createCallTypes(state: EmulatorState, roles: EmulatedRoles) {
  const { callTypes, now, knownCapabilities } = state

  function readGrants(operation: string, body: Fields): Record<string, string[]> | undefined {
    const grants = readObject(operation, body, 'grants')
    if (!grants) return undefined
    const read: Record<string, string[]> = {}
    for (const [role, capabilities] of Object.entries(grants)) {
      // Grants may name only roles that exist (the docs: "you need to create the customrole beforehand").
      roles.requireExistingRole(operation, role, `grants.${role}`)
      // An empty list is valid: the role gets nothing.
      if (!Array.isArray(capabilities) || capabilities.some((capability) => typeof capability !== 'string')) {
        throw inputError(operation, `grants.${role} must be a list of capabilities`, { [`grants.${role}`]: 'must be a list of strings' })
      }
      const unknown = capabilities.filter((capability: string) => !knownCapabilities.has(capability))
      if (unknown.length > 0) {
        throw inputError(operation, `grants.${role} names unknown capabilities: ${unknown.join(', ')}`, {
          [`grants.${role}`]: `unknown capabilities: ${unknown.join(', ')}`,
        })
      }
      read[role] = [...new Set(capabilities as string[])]
    }
    return read
  }

  function callTypeResponse(callType: StoredCallType) {
    return {
      name: callType.name,
      grants: callType.grants,
      settings: callType.settings,
      notification_settings: callType.notificationSettings,
      ...(callType.externalStorage !== undefined ? { external_storage: callType.externalStorage } : {}),
      created_at: iso(callType.createdAt),
      updated_at: iso(callType.updatedAt),
    }
  }

  /** The call's settings: its type's, with the call's `settings_override` laid over them. */
  function effectiveSettings(call: StoredCall): SettingsTree {
    const callType = callTypes.get(call.type)
    return mergeSettings(callType?.settings ?? defaultCallSettings(), call.settingsOverride)
  }

  return {
    effectiveSettings,

    /** What the call type grants `role`: nothing for a role it does not name. */
    grantsOf(callType: string, role: string): Set<string> {
      return new Set(callTypes.get(callType)?.grants[role] ?? [])
    },

    seedBuiltInCallTypes() {
      const at = now()
      for (const builtIn of builtInCallTypes()) {
        callTypes.set(builtIn.name, {
          name: builtIn.name,
          grants: builtIn.grants,
          settings: mergeSettings(defaultCallSettings(), builtIn.settings),
          notificationSettings: defaultNotificationSettings(),
          createdAt: at,
          updatedAt: at,
        })
      }
    },

    listCallTypes() {
      return { call_types: Object.fromEntries([...callTypes.values()].map((callType) => [callType.name, callTypeResponse(callType)])) }
    },

    createCallType(body: Fields) {
      const operation = 'CreateCallType'
      const name = readString(operation, body, 'name')
      if (!name) throw inputError(operation, 'name is a required field', { name: 'is a required field' })
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
        throw inputError(operation, 'name may only contain letters, digits, _ and - (at most 64)', { name: 'invalid call type name' })
      }
      if (callTypes.has(name)) throw inputError(operation, `call type with name ${name} already exists`)
      const at = now()
      const externalStorage = readString(operation, body, 'external_storage')
      const callType: StoredCallType = {
        name,
        grants: { ...defaultGrants(), ...readGrants(operation, body) },
        settings: mergeSettings(defaultCallSettings(), readObject(operation, body, 'settings')),
        notificationSettings: mergeSettings(defaultNotificationSettings(), readObject(operation, body, 'notification_settings')),
        ...(externalStorage !== undefined ? { externalStorage } : {}),
        createdAt: at,
        updatedAt: at,
      }
      callTypes.set(name, callType)
      return callTypeResponse(callType)
    },

    getCallType(name: string) {
      return callTypeResponse(requireCallType(state, 'GetCallType', name))
    },

    updateCallType(name: string, body: Fields) {
      const operation = 'UpdateCallType'
      const callType = requireCallType(state, operation, name)
      const grants = readGrants(operation, body)
      // Grants are replaced role by role: roles the request does not name keep theirs.
      if (grants) callType.grants = { ...callType.grants, ...grants }
      callType.settings = mergeSettings(callType.settings, readObject(operation, body, 'settings'))
      callType.notificationSettings = mergeSettings(callType.notificationSettings, readObject(operation, body, 'notification_settings'))
      const externalStorage = readString(operation, body, 'external_storage')
      if (externalStorage !== undefined) callType.externalStorage = externalStorage
      callType.updatedAt = now()
      return callTypeResponse(callType)
    },

    deleteCallType(name: string) {
      requireCallType(state, 'DeleteCallType', name)
      callTypes.delete(name)
      return {}
    },
  }
}

export type EmulatedCallTypes = ReturnType<typeof createCallTypes>

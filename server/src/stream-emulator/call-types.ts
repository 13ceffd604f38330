import { defaultCallSettings, defaultNotificationSettings, mergeSettings, readBackstage, type SettingsTree } from './call-settings.ts'
import { cidOf, iso, requireCallType, type EmulatorState, type StoredCall, type StoredCallType } from './emulator-state.ts'
import { readObject, readString, type Fields } from './request-fields.ts'
import { inputError, notAllowed } from './stream-errors.ts'

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

/** The call types every Stream app starts with, so a fresh emulator answers listCallTypes like a fresh app. */
function builtInCallTypes(): BuiltInCallType[] {
  return [
    {
      name: 'default',
      grants: { user: everyoneJoins, call_member: everyoneJoins, host: hosts, admin: hosts },
      settings: {},
    },
    {
      name: 'development',
      grants: { user: hosts, call_member: hosts, host: hosts, admin: hosts },
      settings: {},
    },
    {
      name: 'livestream',
      grants: { user: ['join-call', 'read-call', 'create-reaction'], call_member: ['join-call', 'read-call'], host: hosts, admin: hosts },
      settings: {
        backstage: { enabled: true },
        broadcasting: { enabled: true, hls: { enabled: true } },
        audio: { mic_default_on: false },
        video: { camera_default_on: false },
      },
    },
    {
      name: 'audio_room',
      grants: { user: ['join-call', 'read-call', 'create-reaction'], call_member: ['join-call', 'read-call'], host: hosts, admin: hosts },
      settings: { backstage: { enabled: true }, video: { enabled: false, camera_default_on: false } },
    },
  ]
}

const adminRoles = new Set(['admin'])

/**
 * Stream's call types: the built-in ones and those the server creates, their settings and the capabilities their
 * grants give each role (checked against Stream's capability list), and the join rules those grants imply.
 */
export function createCallTypes(state: EmulatorState) {
  const { callTypes, now, knownCapabilities } = state

  function readGrants(operation: string, body: Fields): Record<string, string[]> | undefined {
    const grants = readObject(operation, body, 'grants')
    if (!grants) return undefined
    const read: Record<string, string[]> = {}
    for (const [role, capabilities] of Object.entries(grants)) {
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

  function capabilitiesOf(callType: string, role: string): Set<string> {
    if (adminRoles.has(role)) return new Set(knownCapabilities)
    return new Set(callTypes.get(callType)?.grants[role] ?? [])
  }

  return {
    effectiveSettings,

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

    /** Refuses a join the way Stream refuses a client: no `join-call`, or backstage without `join-backstage` outside the join-ahead window. */
    checkJoinRules(call: StoredCall, role: string) {
      const operation = 'JoinCall'
      const cid = cidOf(call.type, call.id)
      const capabilities = capabilitiesOf(call.type, role)
      if (!capabilities.has('join-call')) throw notAllowed(operation, `role ${role} may not join calls of type ${call.type}`)
      if (call.backstage && !capabilities.has('join-backstage')) {
        const { joinAheadSeconds } = readBackstage(effectiveSettings(call))
        const opensAt = call.startsAt && joinAheadSeconds > 0 ? call.startsAt.getTime() - joinAheadSeconds * 1000 : undefined
        if (opensAt === undefined || now().getTime() < opensAt) {
          throw notAllowed(operation, `call ${cid} is in backstage and role ${role} may not join backstage`)
        }
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
        grants: readGrants(operation, body) ?? {},
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

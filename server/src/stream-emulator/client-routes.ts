import type { ClientOperation, OperationInput } from './api-operations.ts'
import { requestablePermissions } from './call-settings.ts'
import type { EmulatedVideo } from './emulated-video.ts'
import type { StreamContract, ValidationIssue } from './openapi-contract.ts'
import { isFields, readBoolean, type Fields } from './request-fields.ts'
import { tokenRoleIn, type UserTokenClaims } from './tokens.ts'

type ClientInput = OperationInput & { caller: UserTokenClaims }

// JoinCallRequest as the browser SDK sends it (video-client's `Call.doJoinRequest` adds `location` and `e2ee`). The
// server-side document has no schema for it; `data` is a CallRequest, checked against that schema.
const joinCallFields = new Set([
  'create',
  'data',
  'e2ee',
  'hint_high_scale_livestream_publisher',
  'location',
  'members_limit',
  'migrating_from',
  'migrating_from_list',
  'notify',
  'ring',
  'video',
])

function checkJoinCallBody(body: Fields, contract: StreamContract): ValidationIssue[] {
  const issues: ValidationIssue[] = Object.keys(body)
    .filter((field) => !joinCallFields.has(field))
    .map((field) => ({ field, message: 'is not a known field' }))
  if (body.create !== undefined && typeof body.create !== 'boolean') issues.push({ field: 'create', message: 'must be of type boolean' })
  if (body.data !== undefined) {
    issues.push(...contract.validateSchema('CallRequest', body.data, 'strict').map((issue) => ({ ...issue, field: issue.field ? `data.${issue.field}` : 'data' })))
  }
  return issues
}

// RequestPermissionRequest as video-client sends it (`Call.requestPermissions`: `{ permissions }`, each one of
// RequestPermissionRequestPermissionsEnum). The server-side document has no such operation.
function checkRequestPermissionBody(body: Fields): ValidationIssue[] {
  const issues: ValidationIssue[] = Object.keys(body)
    .filter((field) => field !== 'permissions')
    .map((field) => ({ field, message: 'is not a known field' }))
  const { permissions } = body
  if (permissions === undefined || permissions === null) issues.push({ field: 'permissions', message: 'is a required field' })
  else if (!Array.isArray(permissions)) issues.push({ field: 'permissions', message: 'must be of type array' })
  else {
    // An empty request asks for nothing: refusing it is the emulator's choice (video-client's check lets one through).
    if (permissions.length === 0) issues.push({ field: 'permissions', message: 'must name at least one permission' })
    const allowed = requestablePermissions.map((permission) => JSON.stringify(permission)).join(', ')
    permissions.forEach((permission: unknown, index) => {
      if (typeof permission !== 'string' || !(requestablePermissions as string[]).includes(permission)) {
        issues.push({ field: `permissions[${index}]`, message: `must be one of ${allowed}` })
      }
    })
  }
  return issues
}

/**
 * The browser SDK's side of Stream (its coordinator API, `{baseURL}/call/{type}/{id}…` with baseURL
 * `https://video.stream-io-api.com/video`; paths as in video-client's `Call`), for the calls it makes that map onto
 * the emulator's state. Each acts as the calling user: their role in the call (see CallAccess) must hold the
 * capability Stream asks for, else 403 (code 17); a blocked user may do nothing. Answers carry the caller's
 * `own_capabilities`. Then each does what the server-side operation does.
 *
 * Capabilities asked for (https://getstream.io/video/docs/api/call_types/permissions/, the OwnCapability enum):
 * get → read-call; join → join-call (and the join rules); getOrCreate → read-call, or create-call for a new call;
 * update → update-call (+ update-call-settings with settings_override); go_live and stop_live → update-call, and
 * go_live also the start capability of each egress it starts (start-broadcast-call, start-record-call,
 * start-closed-captions-call); start/stop_recording → start/stop-record-call; start/stop_broadcasting →
 * start/stop-broadcast-call; start/stop_closed_captions → start/stop-closed-captions-call; mark_ended → end-call;
 * block and unblock → block-users; kick → kick-user; mute_users → mute-users; user_permissions → update-call-permissions;
 * request_permission → read-call (asking needs no capability of the kind asked for, only the call).
 */
export function clientOperations(video: EmulatedVideo): ClientOperation[] {
  const call = '/video/call/:type/:id'

  const type = (input: ClientInput) => input.params.type!
  const id = (input: ClientInput) => input.params.id!
  /** The role the caller's token gives them in this call, if it names it. */
  const tokenRoleOf = (input: ClientInput) => tokenRoleIn(input.caller, `${type(input)}:${id(input)}`)

  /** The caller's access to the call (404 for an unknown call, 403 for a blocked caller). */
  const accessOf = (operationId: string, input: ClientInput) => video.callerAccess(operationId, type(input), id(input), input.caller.userId, tokenRoleOf(input))

  /** A call the caller creates (GetOrCreateCall, or JoinCall with `create`), when their role holds create-call. */
  const createAsCaller = (operationId: string, input: ClientInput, body: Fields) =>
    video.createCallAs(operationId, type(input), id(input), input.caller.userId, tokenRoleOf(input), body)

  /** The server-side operation, after the caller's role proved to hold `capabilities`. */
  const acting =
    (operationId: string, capabilities: (input: ClientInput) => string[], act: (input: ClientInput) => object) =>
    (input: ClientInput) => {
      accessOf(operationId, input).require(...capabilities(input))
      return act(input)
    }

  /** The answer carries the caller's own capabilities (GetCall, UpdateCall, GetOrCreateCall, JoinCall). */
  const withOwnCapabilities = (operationId: string, input: ClientInput, answer: object) => ({
    ...answer,
    own_capabilities: [...accessOf(operationId, input).capabilities],
  })

  const operation = (
    operationId: string,
    method: ClientOperation['method'],
    path: string,
    successStatus: 200 | 201,
    hasBody: boolean,
    run: ClientOperation['run'],
    extra: Pick<ClientOperation, 'bodySchemaOf' | 'checkBody'> = {},
  ): ClientOperation => ({ surface: 'client', operationId, method, url: `${call}${path}`, successStatus, hasBody, run, ...extra })

  return [
    operation('GetCall', 'GET', '', 200, false, (input) => {
      accessOf('GetCall', input).require('read-call')
      return withOwnCapabilities('GetCall', input, video.getCall(type(input), id(input)))
    }),

    operation('GetOrCreateCall', 'POST', '', 201, true, (input) => {
      const operationId = 'GetOrCreateCall'
      if (!video.callExists(type(input), id(input))) return withOwnCapabilities(operationId, input, createAsCaller(operationId, input, input.body))
      accessOf(operationId, input).require('read-call')
      return withOwnCapabilities(operationId, input, video.getOrCreateCall(type(input), id(input), input.body))
    }),

    operation(
      'JoinCall',
      'POST',
      '/join',
      201,
      true,
      (input) => {
        const operationId = 'JoinCall'
        let created = false
        if (!video.callExists(type(input), id(input)) && readBoolean(operationId, input.body, 'create')) {
          createAsCaller(operationId, input, { data: isFields(input.body.data) ? input.body.data : {} })
          created = true
        }
        const access = accessOf(operationId, input)
        access.checkJoin()
        const membersLimit = typeof input.body.members_limit === 'number' ? input.body.members_limit : undefined
        return {
          ...video.getCall(type(input), id(input), membersLimit),
          created,
          own_capabilities: [...access.capabilities],
          // There is no SFU behind the emulator: the browser SDK gets this far and no further (local presence stands in).
          credentials: {
            server: { url: `${input.baseUrl}/sfu/unavailable`, ws_endpoint: `${input.baseUrl.replace(/^http/, 'ws')}/sfu/unavailable`, edge_name: 'stream-api-emulator' },
            token: 'the-stream-api-emulator-has-no-sfu',
            ice_servers: [],
          },
          stats_options: { enable_rtc_stats: false, reporting_interval_ms: 0 },
        }
      },
      { checkBody: checkJoinCallBody },
    ),

    operation('UpdateCall', 'PATCH', '', 200, true, (input) => {
      const needed = isFields(input.body.settings_override) ? ['update-call', 'update-call-settings'] : ['update-call']
      accessOf('UpdateCall', input).require(...needed)
      return withOwnCapabilities('UpdateCall', input, video.updateCall(type(input), id(input), input.body))
    }),

    operation(
      'GoLive',
      'POST',
      '/go_live',
      201,
      true,
      acting(
        'GoLive',
        ({ body }) => [
          'update-call',
          ...(body.start_hls === true ? ['start-broadcast-call'] : []),
          ...(body.start_recording === true || body.start_composite_recording === true ? ['start-record-call'] : []),
          ...(body.start_closed_caption === true ? ['start-closed-captions-call'] : []),
        ],
        (input) => video.goLive(type(input), id(input), input.body, input.baseUrl),
      ),
    ),
    operation('StopLive', 'POST', '/stop_live', 201, true, acting('StopLive', () => ['update-call'], (input) => video.stopLive(type(input), id(input), input.body))),
    operation(
      'StartRecording',
      'POST',
      '/start_recording',
      201,
      true,
      acting('StartRecording', () => ['start-record-call'], (input) => video.startRecording(type(input), id(input), 'composite')),
    ),
    operation(
      'StopRecording',
      'POST',
      '/stop_recording',
      201,
      true,
      acting('StopRecording', () => ['stop-record-call'], (input) => video.stopRecording(type(input), id(input), 'composite')),
    ),
    operation(
      'StartHLSBroadcasting',
      'POST',
      '/start_broadcasting',
      201,
      false,
      acting('StartHLSBroadcasting', () => ['start-broadcast-call'], (input) => video.startHlsBroadcasting(type(input), id(input), input.baseUrl)),
    ),
    operation(
      'StopHLSBroadcasting',
      'POST',
      '/stop_broadcasting',
      201,
      false,
      acting('StopHLSBroadcasting', () => ['stop-broadcast-call'], (input) => video.stopHlsBroadcasting(type(input), id(input))),
    ),
    operation(
      'StartClosedCaptions',
      'POST',
      '/start_closed_captions',
      201,
      true,
      acting('StartClosedCaptions', () => ['start-closed-captions-call'], (input) => video.startClosedCaptions(type(input), id(input))),
    ),
    operation(
      'StopClosedCaptions',
      'POST',
      '/stop_closed_captions',
      201,
      true,
      acting('StopClosedCaptions', () => ['stop-closed-captions-call'], (input) => video.stopClosedCaptions(type(input), id(input))),
    ),
    operation('EndCall', 'POST', '/mark_ended', 201, false, acting('EndCall', () => ['end-call'], (input) => video.endCall(type(input), id(input)))),
    operation(
      'BlockUser',
      'POST',
      '/block',
      201,
      true,
      acting('BlockUser', () => ['block-users'], (input) => video.blockUser(type(input), id(input), input.body, input.caller.userId)),
    ),
    operation('UnblockUser', 'POST', '/unblock', 201, true, acting('UnblockUser', () => ['block-users'], (input) => video.unblockUser(type(input), id(input), input.body))),
    operation(
      'KickUser',
      'POST',
      '/kick',
      201,
      true,
      acting('KickUser', () => ['kick-user'], (input) => video.kickUser(type(input), id(input), input.body, input.caller.userId)),
    ),
    operation('MuteUsers', 'POST', '/mute_users', 201, true, acting('MuteUsers', () => ['mute-users'], (input) => video.muteUsers(type(input), id(input), input.body))),
    operation(
      'UpdateUserPermissions',
      'POST',
      '/user_permissions',
      201,
      true,
      acting('UpdateUserPermissions', () => ['update-call-permissions'], (input) => video.updateUserPermissions(type(input), id(input), input.body)),
    ),
    operation(
      'RequestPermission',
      'POST',
      '/request_permission',
      201,
      true,
      acting('RequestPermission', () => ['read-call'], (input) => video.requestPermission(type(input), id(input), input.caller.userId, input.body)),
      { checkBody: checkRequestPermissionBody },
    ),
  ]
}

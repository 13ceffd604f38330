import type { ServerOperation } from './api-operations.ts'
import type { EmulatedVideo } from './emulated-video.ts'

/**
 * The emulated operations of Stream's server-side API, by their operationId in Stream's OpenAPI document (the
 * list in scripts/derive-stream-openapi.mjs must name each). Server tokens may do anything: no permission is
 * checked here, only what Stream checks of any caller.
 */
export function serverOperations(video: EmulatedVideo): ServerOperation[] {
  const call = '/api/v2/video/call/:type/:id'
  const membersLimit = (query: Record<string, unknown>) => {
    const limit = Number(query.members_limit)
    return Number.isInteger(limit) && limit >= 0 ? limit : undefined
  }
  const operation = (
    operationId: string,
    method: ServerOperation['method'],
    url: string,
    successStatus: 200 | 201,
    hasBody: boolean,
    run: ServerOperation['run'],
  ): ServerOperation => ({ surface: 'server', operationId, method, url, successStatus, hasBody, run })

  return [
    operation('GetOrCreateCall', 'POST', call, 201, true, ({ params, body }) => video.getOrCreateCall(params.type!, params.id!, body)),
    operation('GetCall', 'GET', call, 200, false, ({ params, query }) => video.getCall(params.type!, params.id!, membersLimit(query))),
    operation('UpdateCall', 'PATCH', call, 200, true, ({ params, body }) => video.updateCall(params.type!, params.id!, body)),
    operation('UpdateCallMembers', 'POST', `${call}/members`, 201, true, ({ params, body }) => video.updateCallMembers(params.type!, params.id!, body)),
    operation('GoLive', 'POST', `${call}/go_live`, 201, true, ({ params, body, baseUrl }) => video.goLive(params.type!, params.id!, body, baseUrl)),
    operation('StopLive', 'POST', `${call}/stop_live`, 201, true, ({ params, body }) => video.stopLive(params.type!, params.id!, body)),
    operation('EndCall', 'POST', `${call}/mark_ended`, 201, false, ({ params }) => video.endCall(params.type!, params.id!)),
    operation('DeleteCall', 'POST', `${call}/delete`, 201, true, ({ params, body }) => video.deleteCall(params.type!, params.id!, body)),
    operation('ListRecordings', 'GET', `${call}/recordings`, 200, false, ({ params }) => video.listRecordings(params.type!, params.id!)),
    operation('StartRecording', 'POST', `${call}/recordings/:recording_type/start`, 201, true, ({ params }) =>
      video.startRecording(params.type!, params.id!, params.recording_type!),
    ),
    operation('StopRecording', 'POST', `${call}/recordings/:recording_type/stop`, 201, true, ({ params }) =>
      video.stopRecording(params.type!, params.id!, params.recording_type!),
    ),
    operation('StartHLSBroadcasting', 'POST', `${call}/start_broadcasting`, 201, false, ({ params, baseUrl }) =>
      video.startHlsBroadcasting(params.type!, params.id!, baseUrl),
    ),
    operation('StopHLSBroadcasting', 'POST', `${call}/stop_broadcasting`, 201, false, ({ params }) => video.stopHlsBroadcasting(params.type!, params.id!)),
    operation('StartClosedCaptions', 'POST', `${call}/start_closed_captions`, 201, true, ({ params }) => video.startClosedCaptions(params.type!, params.id!)),
    operation('StopClosedCaptions', 'POST', `${call}/stop_closed_captions`, 201, true, ({ params }) => video.stopClosedCaptions(params.type!, params.id!)),
    operation('BlockUser', 'POST', `${call}/block`, 201, true, ({ params, body }) => video.blockUser(params.type!, params.id!, body)),
    operation('UnblockUser', 'POST', `${call}/unblock`, 201, true, ({ params, body }) => video.unblockUser(params.type!, params.id!, body)),
    operation('KickUser', 'POST', `${call}/kick`, 201, true, ({ params, body }) => video.kickUser(params.type!, params.id!, body)),
    operation('MuteUsers', 'POST', `${call}/mute_users`, 201, true, ({ params, body }) => video.muteUsers(params.type!, params.id!, body)),
    operation('UpdateUserPermissions', 'POST', `${call}/user_permissions`, 201, true, ({ params, body }) =>
      video.updateUserPermissions(params.type!, params.id!, body),
    ),
    operation('ListCallTypes', 'GET', '/api/v2/video/calltypes', 200, false, () => video.listCallTypes()),
    operation('CreateCallType', 'POST', '/api/v2/video/calltypes', 201, true, ({ body }) => video.createCallType(body)),
    operation('GetCallType', 'GET', '/api/v2/video/calltypes/:name', 200, false, ({ params }) => video.getCallType(params.name!)),
    operation('UpdateCallType', 'PUT', '/api/v2/video/calltypes/:name', 201, true, ({ params, body }) => video.updateCallType(params.name!, body)),
    operation('DeleteCallType', 'DELETE', '/api/v2/video/calltypes/:name', 200, false, ({ params }) => video.deleteCallType(params.name!)),
    operation('ListRoles', 'GET', '/api/v2/roles', 200, false, () => video.listRoles()),
    operation('CreateRole', 'POST', '/api/v2/roles', 201, true, ({ body }) => video.createRole(body)),
    operation('UpdateUsers', 'POST', '/api/v2/users', 201, true, ({ body }) => video.upsertUsers(body)),
  ]
}

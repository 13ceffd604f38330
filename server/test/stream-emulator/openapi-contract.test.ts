import { createSigner } from 'fast-jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadStreamContract } from '../../src/stream-emulator/openapi-contract.ts'
import { startStandaloneStreamEmulator, type StandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { withoutNulls } from './openapi-schemas.ts'

const keys = { apiKey: 'contract-test-key', apiSecret: 'contract-test-secret-0123456789abcdef' }
const serverToken = createSigner({ key: keys.apiSecret, algorithm: 'HS256', noTimestamp: true })({ server: true })

describe('answers that satisfy Stream’s response schemas', () => {
  let stream: StandaloneStreamEmulator
  beforeAll(async () => {
    stream = await startStandaloneStreamEmulator(keys)
  })
  afterAll(() => stream.close())

  // Raw HTTP rather than the SDK: the SDK turns dates into Date objects, and the wire is what is checked here.
  async function send(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${stream.url}${path}?api_key=${keys.apiKey}`, {
      method,
      headers: { authorization: serverToken, 'stream-auth-type': 'jwt', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    return { status: response.status, json: await response.json() }
  }

  it('for every emulated operation, and for errors', async () => {
    const contract = loadStreamContract()
    const call = '/api/v2/video/call/webinar/wbn_schema'
    const steps: Array<[method: string, path: string, body: unknown, status: number, schema: string]> = [
      ['GET', '/api/v2/roles', undefined, 200, 'ListRolesResponse'],
      ['POST', '/api/v2/roles', { name: 'viewer' }, 201, 'CreateRoleResponse'],
      [
        'POST',
        '/api/v2/video/calltypes',
        { name: 'webinar', grants: { host: ['join-call'] }, settings: { backstage: { enabled: true }, broadcasting: { enabled: true, hls: { enabled: true, quality_tracks: ['720p'] } } } },
        201,
        'CreateCallTypeResponse',
      ],
      ['GET', '/api/v2/video/calltypes/webinar', undefined, 200, 'GetCallTypeResponse'],
      ['PUT', '/api/v2/video/calltypes/webinar', { grants: { viewer: ['join-call'] } }, 201, 'UpdateCallTypeResponse'],
      ['GET', '/api/v2/video/calltypes', undefined, 200, 'ListCallTypeResponse'],
      ['POST', '/api/v2/users', { users: { staff_1: { id: 'staff_1', name: 'Host', custom: { team: 'a' } }, reg_1: { id: 'reg_1' } } }, 201, 'UpdateUsersResponse'],
      ['POST', call, { data: { created_by_id: 'staff_1', starts_at: '2031-01-01T10:00:00Z', members: [{ user_id: 'staff_1', role: 'host' }] } }, 201, 'GetOrCreateCallResponse'],
      ['GET', call, undefined, 200, 'GetCallResponse'],
      ['PATCH', call, { custom: { title: 'T' } }, 200, 'UpdateCallResponse'],
      ['POST', `${call}/members`, { update_members: [{ user_id: 'reg_1', role: 'viewer' }], remove_members: ['staff_2'] }, 201, 'UpdateCallMembersResponse'],
      ['POST', `${call}/go_live`, { start_hls: true, start_recording: true }, 201, 'GoLiveResponse'],
      ['POST', `${call}/stop_broadcasting`, undefined, 201, 'StopHLSBroadcastingResponse'],
      ['POST', `${call}/start_broadcasting`, undefined, 201, 'StartHLSBroadcastingResponse'],
      ['POST', `${call}/recordings/composite/stop`, {}, 201, 'StopRecordingResponse'],
      ['POST', `${call}/recordings/composite/start`, {}, 201, 'StartRecordingResponse'],
      ['POST', `${call}/start_closed_captions`, { language: 'en' }, 201, 'StartClosedCaptionsResponse'],
      ['POST', `${call}/stop_closed_captions`, {}, 201, 'StopClosedCaptionsResponse'],
      ['POST', `${call}/user_permissions`, { user_id: 'reg_1', grant_permissions: ['send-audio'] }, 201, 'UpdateUserPermissionsResponse'],
      ['POST', `${call}/mute_users`, { mute_all_users: true, audio: true }, 201, 'MuteUsersResponse'],
      ['POST', `${call}/block`, { user_id: 'reg_1' }, 201, 'BlockUserResponse'],
      ['POST', `${call}/unblock`, { user_id: 'reg_1' }, 201, 'UnblockUserResponse'],
      ['POST', `${call}/kick`, { user_id: 'reg_1', block: false }, 201, 'KickUserResponse'],
      ['POST', `${call}/stop_live`, {}, 201, 'StopLiveResponse'],
      ['POST', `${call}/mark_ended`, undefined, 201, 'EndCallResponse'],
      ['GET', `${call}/recordings`, undefined, 200, 'ListRecordingsResponse'],
      ['POST', `${call}/delete`, { hard: false }, 201, 'DeleteCallResponse'],
      ['DELETE', '/api/v2/video/calltypes/webinar', undefined, 200, 'Response'],
      ['GET', call, undefined, 404, 'APIError'],
      ['POST', '/api/v2/video/calltypes', { nme: 'typo' }, 400, 'APIError'],
    ]
    for (const [method, path, body, status, schema] of steps) {
      const answer = await send(method, path, body)
      expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.json)}`).toBe(status)
      expect(contract.validateSchema(schema, withoutNulls(answer.json), 'lenient'), `${method} ${path}`).toEqual([])
    }
  })
})

describe('reading Stream’s OpenAPI document (the committed subset)', () => {
  const contract = loadStreamContract()

  it('is loaded once per process', () => {
    expect(loadStreamContract()).toBe(contract)
  })

  it('accepts date-times as RFC 3339 strings or numbers, and nothing else', () => {
    expect(contract.validateRequestBody('UpdateCall', { starts_at: '2031-01-01T10:00:00.123+01:00' })).toEqual([])
    expect(contract.validateRequestBody('UpdateCall', { starts_at: 1_924_000_000_000_000_000 })).toEqual([])
    expect(contract.validateRequestBody('UpdateCall', { starts_at: '2031-01-01 10:00' })).toEqual([
      { field: 'starts_at', message: 'must be an RFC 3339 date-time or a number' },
    ])
    expect(contract.validateRequestBody('UpdateCall', { starts_at: true })).toEqual([
      { field: 'starts_at', message: 'must be of type number or string' },
    ])
  })

  it('knows OpenAPI’s number formats and `nullable`', () => {
    expect(contract.validateRequestBody('GetOrCreateCall', { members_limit: 10 })).toEqual([])
    expect(contract.validateRequestBody('GetOrCreateCall', { members_limit: 2.5 })).toEqual([{ field: 'members_limit', message: 'must be of type integer' }])
    expect(contract.validateRequestBody('GetOrCreateCall', { data: { settings_override: { backstage: { join_ahead_time_seconds: 2 ** 31 } } } })).toEqual([
      { field: 'data.settings_override.backstage.join_ahead_time_seconds', message: 'must be a valid int32' },
    ])
    // GetOrCreateCallRequest is declared nullable: null is a valid value for it.
    expect(contract.validateSchema('GetOrCreateCallRequest', null, 'strict')).toEqual([])
    expect(contract.validateSchema('CallRequest', null, 'strict')).toEqual([{ field: '', message: 'must be of type object' }])
  })

  it('refuses unknown fields at every depth in strict mode only', () => {
    const typo = { data: { settings_override: { recording: { mode: 'available', qualty: '720p' } } } }
    expect(contract.validateRequestBody('GetOrCreateCall', typo)).toEqual([
      { field: 'data.settings_override.recording.qualty', message: 'is not a known field' },
    ])
    expect(contract.validateSchema('GetOrCreateCallRequest', typo, 'lenient')).toEqual([])
    // Free-form maps stay free-form.
    expect(contract.validateRequestBody('GetOrCreateCall', { data: { custom: { anything: { goes: [1] } } } })).toEqual([])
    expect(contract.validateRequestBody('CreateCallType', { name: 'x', grants: { any_role: ['join-call'] } })).toEqual([])
  })

  it('names the operation a path belongs to', () => {
    expect(contract.operationIdFor('POST', '/api/v2/video/call/webinar/abc/go_live')).toBe('GoLive')
    expect(contract.operationIdFor('patch', '/api/v2/video/call/webinar/abc')).toBe('UpdateCall')
    expect(contract.operationIdFor('GET', '/api/v2/nothing')).toBeUndefined()
    // Operations the emulator does not answer are named too, literal paths before templated ones.
    expect(contract.operationIdFor('POST', '/api/v2/video/call/webinar/abc/start_transcription')).toBe('StartTranscription')
    expect(contract.operationIdFor('GET', '/api/v2/usergroups/search')).toBe('SearchUserGroups')
    expect(contract.operationIdFor('GET', '/api/v2/usergroups/ug_1')).toBe('GetUserGroup')
  })
})

describe('bodies that are not JSON objects', () => {
  let stream: StandaloneStreamEmulator
  beforeAll(async () => {
    stream = await startStandaloneStreamEmulator(keys)
  })
  afterAll(() => stream.close())

  // Refused before any schema sees them, the way Stream refuses them.
  async function createCallTypeWith(body: string) {
    return fetch(`${stream.url}/api/v2/video/calltypes?api_key=${keys.apiKey}`, {
      method: 'POST',
      headers: { authorization: serverToken, 'stream-auth-type': 'jwt', 'content-type': 'application/json' },
      body,
    })
  }

  it('are a 400 input error', async () => {
    const notAnObject = await createCallTypeWith('[1, 2]')
    expect(notAnObject.status).toBe(400)
    expect(((await notAnObject.json()) as { message: string }).message).toContain('JSON object')
    const notJson = await createCallTypeWith('{"name":')
    expect(notJson.status).toBe(400)
    expect(((await notJson.json()) as { code: number }).code).toBe(4)
  })
})

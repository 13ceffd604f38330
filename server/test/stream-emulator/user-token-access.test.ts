import { createSigner } from 'fast-jwt'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startStandaloneStreamEmulator, type StandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { callTypeGrants, hostRole, viewerRole } from '../../src/video/video-service.ts'
import { streamCallers } from './stream-callers.ts'

// What a person holding a token can do with a webinar's call, on the browser SDK's paths, with the project's own
// grants (host: the host list; viewer, created through CreateRole: join-call and read-call; user and call_member:
// nothing). Tokens are minted as the project mints them (the node-sdk's generateCallToken / generateUserToken).

const keys = { apiKey: 'access-test-key', apiSecret: 'access-test-secret-0123456789abcdef' }
const webinarSettings = {
  backstage: { enabled: true },
  recording: { mode: 'available' as const },
  broadcasting: { enabled: true, hls: { enabled: true, quality_tracks: ['720p' as const] } },
  transcription: { mode: 'available' as const, closed_caption_mode: 'available' as const, language: 'auto' as const },
}

let stream: StandaloneStreamEmulator
let callers: ReturnType<typeof streamCallers>
beforeAll(async () => {
  stream = await startStandaloneStreamEmulator(keys)
  callers = streamCallers(keys, stream.url)
})
afterAll(() => stream.close())

const cidA = 'webinar:wbn_a'
let hostToken: string
let viewerToken: string

beforeEach(async () => {
  stream.emulator.reset()
  const { server } = callers
  // Every custom role the project's grants name (viewer, and whichever it adds) is created first, as the app does.
  const { roles } = await server.listRoles()
  for (const name of Object.keys(callTypeGrants)) if (!roles.some((role) => role.name === name)) await server.createRole({ name })
  await server.video.createCallType({ name: 'webinar', grants: callTypeGrants, settings: webinarSettings } as never)
  await server.upsertUsers([{ id: 'staff_1', name: 'Hannah Host' }, { id: 'reg_member' }])
  for (const id of ['wbn_a', 'wbn_b']) {
    await server.video.call('webinar', id).getOrCreate({ data: { created_by_id: 'staff_1', members: [{ user_id: 'staff_1', role: hostRole }] } })
  }
  hostToken = callers.callToken('staff_1', [cidA], hostRole)
  viewerToken = callers.callToken('reg_1', [cidA], viewerRole)
})

const asUser = (token: string, method: string, id: string, path = '', body?: unknown) => callers.asUser(token, method, 'webinar', id, path, body)
const goLiveAsServer = (id: string) => callers.server.video.call('webinar', id).goLive({})

describe('with the project’s grants', () => {
  it('a plain user token can neither join nor read a call (403, code 17)', async () => {
    await goLiveAsServer('wbn_a')
    const plain = callers.userToken('reg_plain')
    for (const answer of [await asUser(plain, 'POST', 'wbn_a', '/join', { create: false }), await asUser(plain, 'GET', 'wbn_a')]) {
      expect(answer.status).toBe(403)
      expect(answer.body).toMatchObject({ code: 17, StatusCode: 403 })
    }
  })

  it('a viewer’s call token for call A cannot join call B, and joins A once it is live, without publishing', async () => {
    await goLiveAsServer('wbn_b')
    const other = await asUser(viewerToken, 'POST', 'wbn_b', '/join', { create: false })
    expect(other.status).toBe(403)
    expect(other.body.code).toBe(17)

    const inBackstage = await asUser(viewerToken, 'POST', 'wbn_a', '/join', { create: false })
    expect(inBackstage.status).toBe(403)
    expect(inBackstage.body.message).toContain('backstage')

    await goLiveAsServer('wbn_a')
    const joined = await asUser(viewerToken, 'POST', 'wbn_a', '/join', { create: false, location: 'emulator' })
    expect(joined.status).toBe(201)
    expect(joined.body).toMatchObject({ created: false, call: { cid: cidA }, credentials: { ice_servers: [] } })
    // There is no publish call to refuse: what a viewer may publish is what their capabilities say.
    expect(joined.body.own_capabilities).toEqual(['join-call', 'read-call'])
    expect((await asUser(viewerToken, 'GET', 'wbn_a')).status).toBe(200)
  })

  it('a viewer’s token can do nothing a host does (403, code 17 for each)', async () => {
    await goLiveAsServer('wbn_a')
    const attempts: Array<[method: string, path: string, body?: unknown]> = [
      ['POST', '/go_live', { start_hls: true }],
      ['POST', '/stop_live', {}],
      ['POST', '/start_recording'],
      ['POST', '/stop_recording'],
      ['POST', '/start_broadcasting', {}],
      ['POST', '/stop_broadcasting', {}],
      ['POST', '/start_closed_captions', {}],
      ['POST', '/stop_closed_captions', {}],
      ['POST', '/mark_ended'],
      ['PATCH', '', { custom: { title: 'mine now' } }],
      ['POST', '/block', { user_id: 'reg_2' }],
      ['POST', '/unblock', { user_id: 'reg_2' }],
      ['POST', '/kick', { user_id: 'reg_2' }],
      ['POST', '/mute_users', { user_ids: ['staff_1'], audio: true }],
      ['POST', '/user_permissions', { user_id: 'reg_1', grant_permissions: ['send-audio', 'send-video'] }],
    ]
    for (const [method, path, body] of attempts) {
      const answer = await asUser(viewerToken, method, 'wbn_a', path, body)
      expect(answer.status, `${method} ${path}`).toBe(403)
      expect(answer.body.code, `${method} ${path}`).toBe(17)
    }
    const state = stream.emulator.getCall('webinar', 'wbn_a')!
    expect(state).toMatchObject({ recording: false, captioning: false, ended: false, blocked_user_ids: [], egress: { broadcasting: false } })
  })

  it('a blocked user cannot join, whatever their token', async () => {
    await goLiveAsServer('wbn_a')
    await callers.server.video.call('webinar', 'wbn_a').blockUser({ user_id: 'reg_1' })
    const refused = await asUser(viewerToken, 'POST', 'wbn_a', '/join', { create: false })
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ code: 17 })
    expect(refused.body.message).toContain('blocked')
  })

  it('a host’s token can do each of them', async () => {
    const host = (method: string, path: string, body?: unknown) => asUser(hostToken, method, 'wbn_a', path, body)
    const joined = await host('POST', '/join', { create: false })
    expect(joined.status).toBe(201)
    expect(joined.body.own_capabilities).toEqual(expect.arrayContaining(['join-backstage', 'send-audio', 'send-video', 'screenshare', 'start-broadcast-call']))
    expect((await host('GET', '')).status).toBe(200)
    expect((await host('PATCH', '', { custom: { title: 'Renamed' }, settings_override: { backstage: { join_ahead_time_seconds: 300 } } })).status).toBe(200)

    const live = await host('POST', '/go_live', { start_hls: true, start_recording: true, start_closed_caption: true })
    expect(live.status).toBe(201)
    expect(live.body.call).toMatchObject({ backstage: false, recording: true, captioning: true, egress: { broadcasting: true } })
    const steps: Array<[method: string, path: string, body?: unknown]> = [
      ['POST', '/stop_recording'],
      ['POST', '/start_recording'],
      ['POST', '/stop_broadcasting', {}],
      ['POST', '/start_broadcasting', {}],
      ['POST', '/stop_closed_captions', {}],
      ['POST', '/start_closed_captions', {}],
      ['POST', '/user_permissions', { user_id: 'reg_1', grant_permissions: ['send-audio'] }],
      ['POST', '/mute_users', { mute_all_users: true, audio: true }],
      ['POST', '/block', { user_id: 'reg_2' }],
      ['POST', '/unblock', { user_id: 'reg_2' }],
      ['POST', '/kick', { user_id: 'reg_3', block: true }],
      ['POST', '/stop_live', {}],
      ['POST', '/mark_ended'],
    ]
    for (const [method, path, body] of steps) expect((await host(method, path, body)).status, `${method} ${path}`).toBe(201)

    const state = stream.emulator.getCall('webinar', 'wbn_a')!
    expect(state).toMatchObject({ ended: true, blocked_user_ids: ['reg_3'], custom: { title: 'Renamed' }, join_ahead_time_seconds: 300 })
    // The host granted the viewer audio: it shows in the viewer's own capabilities.
    expect((await asUser(viewerToken, 'GET', 'wbn_a')).body.own_capabilities).toEqual(['join-call', 'read-call', 'send-audio'])
    expect(stream.emulator.validationFailures()).toEqual([])
  })
})

describe('the caller’s role in a call', () => {
  it('comes from their membership when their token does not name the call', async () => {
    await callers.server.video.call('webinar', 'wbn_b').updateCallMembers({ update_members: [{ user_id: 'reg_member' }] })
    await goLiveAsServer('wbn_b')
    // A member without a role is a call_member, to whom the project grants nothing.
    expect((await asUser(callers.userToken('reg_member'), 'POST', 'wbn_b', '/join', {})).status).toBe(403)
    await callers.server.video.call('webinar', 'wbn_b').updateCallMembers({ update_members: [{ user_id: 'reg_member', role: viewerRole }] })
    expect((await asUser(callers.userToken('reg_member'), 'POST', 'wbn_b', '/join', {})).status).toBe(201)
    // The host of A holds a host call token for A only; in B they are still its host member.
    expect((await asUser(hostToken, 'POST', 'wbn_b', '/join', {})).body.own_capabilities).toContain('end-call')
  })

  it('may create a call by joining it only with create-call', async () => {
    const created = await asUser(hostToken, 'POST', 'wbn_new', '/join', { create: true, data: { custom: { title: 'New' } } })
    expect(created.status).toBe(403)
    await callers.server.video.updateCallType({ name: 'webinar', grants: { host: [...callTypeGrants.host, 'create-call'] } })
    const newToken = callers.callToken('staff_1', ['webinar:wbn_new'], hostRole)
    const joined = await asUser(newToken, 'POST', 'wbn_new', '/join', { create: true, data: { custom: { title: 'New' } } })
    expect(joined.status).toBe(201)
    expect(joined.body).toMatchObject({ created: true, call: { created_by: { id: 'staff_1' }, custom: { title: 'New' } } })
    expect((await asUser(newToken, 'POST', 'wbn_never', '/join', { create: false })).body).toMatchObject({ code: 16 })
  })
})

describe('authentication of the browser SDK’s requests', () => {
  it('takes user tokens only, refuses server tokens there and user tokens on the server’s paths (401)', async () => {
    const serverToken = createSigner({ key: keys.apiSecret, algorithm: 'HS256', noTimestamp: true })({ server: true })
    const asServer = await asUser(serverToken, 'GET', 'wbn_a')
    expect(asServer.status).toBe(401)
    expect(asServer.body.code).toBe(5)

    const onServerPath = await fetch(`${stream.url}/api/v2/video/call/webinar/wbn_a?api_key=${keys.apiKey}`, {
      headers: { authorization: hostToken, 'stream-auth-type': 'jwt' },
    })
    expect(onServerPath.status).toBe(401)

    const wrongKey = await fetch(`${stream.url}/video/call/webinar/wbn_a?api_key=someone-else`, { headers: { authorization: hostToken, 'stream-auth-type': 'jwt' } })
    expect(wrongKey.status).toBe(401)
    expect(((await wrongKey.json()) as { code: number }).code).toBe(2)

    const expired = callers.server.generateCallToken({ user_id: 'staff_1', call_cids: [cidA], role: hostRole, iat: 1_000_000, exp: 1_000_060 })
    expect((await asUser(expired, 'GET', 'wbn_a')).body).toMatchObject({ code: 40, StatusCode: 401 })
    const forged = streamCallers({ ...keys, apiSecret: 'not-the-secret-at-all' }, stream.url).callToken('staff_1', [cidA], hostRole)
    expect((await asUser(forged, 'GET', 'wbn_a')).body).toMatchObject({ code: 43, StatusCode: 401 })
  })

  it('logs the requests, applies faults, and checks bodies like the server’s', async () => {
    const typo = await asUser(hostToken, 'POST', 'wbn_a', '/go_live', { start_hsl: true })
    expect(typo.status).toBe(400)
    expect(typo.body).toMatchObject({ code: 4 })
    const badJoin = await asUser(hostToken, 'POST', 'wbn_a', '/join', { create: 'yes', data: { startz_at: 1 } })
    expect(badJoin.status).toBe(400)
    expect(badJoin.body.message).toContain('data.startz_at')

    stream.emulator.injectFaults({ failNext: 1, status: 503 })
    expect((await asUser(hostToken, 'GET', 'wbn_a')).status).toBe(503)
    expect((await asUser(hostToken, 'GET', 'wbn_a')).status).toBe(200)
    expect((await asUser(hostToken, 'POST', 'wbn_a', '/reaction', { type: 'like' })).body).toMatchObject({ code: 16 })

    expect(stream.emulator.listRequests().slice(-5).map((request) => `${request.operation} ${request.path} ${request.status}`)).toEqual([
      'GoLive /video/call/webinar/wbn_a/go_live 400',
      'JoinCall /video/call/webinar/wbn_a/join 400',
      'GetCall /video/call/webinar/wbn_a 503',
      'GetCall /video/call/webinar/wbn_a 200',
      'null /video/call/webinar/wbn_a/reaction 404',
    ])
    stream.emulator.reset()
  })
})

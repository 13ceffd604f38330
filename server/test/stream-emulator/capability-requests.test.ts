import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { PresentParticipant } from '../../src/stream-emulator/call-sessions.ts'
import { loadStreamContract } from '../../src/stream-emulator/openapi-contract.ts'
import type { StandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { openEventStream, type ReceivedEvent } from '../support/sse-client.ts'
import { withoutNulls } from './openapi-schemas.ts'
import { streamCallers } from './stream-callers.ts'
import { startEmulatorWithReceiver } from './webhook-receiver.ts'

// Raising a hand and bringing someone on stage, and guest panelists coming and going, as the emulator answers them:
// the browser SDK's request_permission (asking, announced as call.permission_request, only for what the call's
// settings let users ask for), grants and revocations by the server (UpdateUserPermissions), membership removed,
// and local presence reporting who is there and what each may do, at once.

const keys = { apiKey: 'capability-test-key', apiSecret: 'capability-test-secret-0123456789abcdef' }

// The grants of the app's call type (server/src/video/video-service.ts): hosts run the call, viewers (call tokens)
// watch, speakers (guest panelists, by membership) publish without running it; `user` and `call_member` get nothing.
const hostCapabilities = [
  'join-call',
  'join-backstage',
  'read-call',
  'send-audio',
  'send-video',
  'screenshare',
  'update-call',
  'update-call-settings',
  'update-call-permissions',
  'end-call',
  'mute-users',
  'kick-user',
  'block-users',
]
const viewerCapabilities = ['join-call', 'read-call']
const speakerCapabilities = ['join-call', 'join-backstage', 'read-call', 'send-audio', 'send-video', 'screenshare']
const grants = { host: hostCapabilities, viewer: viewerCapabilities, speaker: speakerCapabilities, user: [], call_member: [] }
// Stream's AudioSettingsRequest requires default_device.
const handRaising = { audio: { access_request_enabled: true, default_device: 'speaker' as const }, video: { access_request_enabled: true } }

let setup: Awaited<ReturnType<typeof startEmulatorWithReceiver>>
let stream: StandaloneStreamEmulator
let receiver: typeof setup.receiver
let callers: ReturnType<typeof streamCallers>
beforeAll(async () => {
  setup = await startEmulatorWithReceiver(keys)
  ;({ stream, receiver } = setup)
  callers = streamCallers(keys, stream.url)
})
afterAll(() => setup.close())

const cid = 'webinar:wbn_stage'
let hostToken: string
let viewerToken: string

async function createCallType(settings: object) {
  await callers.server.video.createCallType({ name: 'webinar', grants, settings: { backstage: { enabled: true }, ...settings } } as never)
}

async function createCall(settingsOverride?: object) {
  await callers.server.video.call('webinar', 'wbn_stage').getOrCreate({
    data: { created_by_id: 'staff_1', members: [{ user_id: 'staff_1', role: 'host' }], ...(settingsOverride ? { settings_override: settingsOverride } : {}) },
  } as never)
}

beforeEach(async () => {
  setup.reset()
  await callers.server.createRole({ name: 'viewer' })
  await callers.server.createRole({ name: 'speaker' })
  await callers.server.upsertUsers([
    { id: 'staff_1', name: 'Hannah Host' },
    { id: 'reg_1', name: 'Ada Lovelace' },
    { id: 'guest_1', name: 'Grace Hopper' },
  ])
  hostToken = callers.callToken('staff_1', [cid], 'host')
  viewerToken = callers.callToken('reg_1', [cid], 'viewer')
  // A delivery of the previous test may still be on its way: it lands before this test looks.
  await stream.emulator.whenWebhooksDelivered()
  receiver.clear()
})

const call = () => callers.server.video.call('webinar', 'wbn_stage')
const asUser = (token: string, method: string, path = '', body?: unknown) => callers.asUser(token, method, 'webinar', 'wbn_stage', path, body)
const requestPermission = (token: string, body: unknown) => asUser(token, 'POST', '/request_permission', body)
const openPresence = (token: string) => openEventStream(`${stream.url}/local/calls/webinar/wbn_stage/presence`, { authorization: token })

async function webhooksOfType(type: string) {
  await stream.emulator.whenWebhooksDelivered()
  return receiver.received.filter(({ event }) => event.type === type).map(({ event }) => event)
}

interface PresenceData {
  participant_count: number
  participants_count_by_role: Record<string, number>
  participants: PresentParticipant[]
}

/** The first `participants` event, received or to come, from the `from`th event of the connection on, that `holds`. */
async function presenceWhere(connection: ReturnType<typeof openPresence>, holds: (data: PresenceData) => boolean, from = 0): Promise<PresenceData> {
  const event = await connection.next(
    (candidate: ReceivedEvent) => candidate.type === 'participants' && connection.events.indexOf(candidate) >= from && holds(candidate.data as PresenceData),
  )
  return event.data as PresenceData
}

const participantOf = (data: PresenceData, userId: string) => data.participants.find((participant) => participant.user_id === userId)

describe('asking to publish (request_permission)', () => {
  it('announces a viewer’s raised hand as call.permission_request, answers { duration }, and grants nothing', async () => {
    await createCallType(handRaising)
    await createCall()
    await call().goLive({})

    const asked = await requestPermission(viewerToken, { permissions: ['send-audio', 'send-video'] })
    expect(asked.status).toBe(201)
    expect(Object.keys(asked.body)).toEqual(['duration'])
    expect(asked.body.duration).toMatch(/^\d+(\.\d+)?ms$/)

    const [request, ...more] = await webhooksOfType('call.permission_request')
    expect(more).toEqual([])
    expect(request).toMatchObject({ call_cid: cid, user: { id: 'reg_1', name: 'Ada Lovelace' }, permissions: ['send-audio', 'send-video'] })
    expect(loadStreamContract().validateSchema('PermissionRequestEvent', withoutNulls(request), 'lenient')).toEqual([])

    // Asking is not being granted.
    expect((await asUser(viewerToken, 'GET')).body.own_capabilities).toEqual(viewerCapabilities)
    expect(stream.emulator.validationFailures()).toEqual([])
  })

  it('is refused (400, code 4) when the call’s settings do not let users ask for one of the permissions, and nothing is announced', async () => {
    await createCallType({ audio: { access_request_enabled: true, default_device: 'speaker' } })
    await createCall()

    const video = await requestPermission(viewerToken, { permissions: ['send-video'] })
    expect(video.status).toBe(400)
    expect(video.body).toMatchObject({ code: 4, StatusCode: 400 })
    expect(video.body.message).toContain('video.access_request_enabled')
    // One permission that may not be asked for refuses the whole request.
    const mixed = await requestPermission(viewerToken, { permissions: ['send-audio', 'screenshare'] })
    expect(mixed.status).toBe(400)
    expect(mixed.body.message).toContain('screensharing.access_request_enabled')
    expect(mixed.body.message).not.toContain('send-audio')

    expect(await webhooksOfType('call.permission_request')).toEqual([])
    expect((await requestPermission(viewerToken, { permissions: ['send-audio'] })).status).toBe(201)
  })

  it('follows settings_override at creation and update over the type’s settings, which call answers show', async () => {
    await createCallType({})
    await createCall({ video: { access_request_enabled: true } })

    const created = (await call().get()).call.settings
    expect(created.video.access_request_enabled).toBe(true)
    expect(created.audio.access_request_enabled).toBe(false)
    expect(created.screensharing.access_request_enabled).toBe(false)
    expect((await requestPermission(viewerToken, { permissions: ['send-video'] })).status).toBe(201)
    expect((await requestPermission(viewerToken, { permissions: ['send-audio'] })).status).toBe(400)

    const updated = await call().update({
      settings_override: { audio: { access_request_enabled: true, default_device: 'speaker' }, screensharing: { access_request_enabled: true } },
    })
    expect(updated.call.settings).toMatchObject({
      audio: { access_request_enabled: true },
      video: { access_request_enabled: true },
      screensharing: { access_request_enabled: true, enabled: true },
    })
    expect((await asUser(viewerToken, 'GET')).body).toMatchObject({ call: { settings: { screensharing: { access_request_enabled: true } } } })
    expect((await requestPermission(viewerToken, { permissions: ['send-audio', 'send-video', 'screenshare'] })).status).toBe(201)

    // The call's override wins over a later change of its type; a call without one follows the type.
    const changedType = await callers.server.video.updateCallType({ name: 'webinar', settings: { video: { access_request_enabled: false } } })
    expect(changedType.settings.video.access_request_enabled).toBe(false)
    expect((await callers.server.video.getCallType({ name: 'webinar' })).settings.video.access_request_enabled).toBe(false)
    expect((await requestPermission(viewerToken, { permissions: ['send-video'] })).status).toBe(201)
    await callers.server.video.call('webinar', 'wbn_plain').getOrCreate({ data: { created_by_id: 'staff_1' } })
    const plainViewer = callers.callToken('reg_1', ['webinar:wbn_plain'], 'viewer')
    const refused = await callers.asUser(plainViewer, 'POST', 'webinar', 'wbn_plain', '/request_permission', { permissions: ['send-video'] })
    expect(refused.body).toMatchObject({ code: 4 })
    await callers.server.video.updateCallType({ name: 'webinar', settings: { video: { access_request_enabled: true } } })
    expect((await callers.asUser(plainViewer, 'POST', 'webinar', 'wbn_plain', '/request_permission', { permissions: ['send-video'] })).status).toBe(201)
    expect(stream.emulator.validationFailures()).toEqual([])
  })

  it('refuses unknown permissions and malformed bodies (400, code 4), an unknown call (404), and a caller who may not read the call (403)', async () => {
    await createCallType(handRaising)
    await createCall()

    const unknown = await requestPermission(viewerToken, { permissions: ['send-audio', 'send-smoke'] })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ code: 4, exception_fields: { 'permissions[1]': 'must be one of "send-audio", "send-video", "screenshare"' } })
    for (const body of [{}, { permissions: 'send-audio' }, { permissions: [] }, { permissions: ['send-audio'], reason: 'please' }]) {
      const answer = await requestPermission(viewerToken, body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.code, JSON.stringify(body)).toBe(4)
    }
    expect(stream.emulator.validationFailures()).toHaveLength(5)

    const elsewhere = await callers.asUser(viewerToken, 'POST', 'webinar', 'wbn_never', '/request_permission', { permissions: ['send-audio'] })
    expect(elsewhere).toMatchObject({ status: 404, body: { code: 16 } })
    // A plain user token: the `user` role, to which the app grants nothing, not even read-call.
    const stranger = await requestPermission(callers.userToken('reg_2'), { permissions: ['send-audio'] })
    expect(stranger).toMatchObject({ status: 403, body: { code: 17 } })
    await call().blockUser({ user_id: 'reg_1' })
    const blocked = await requestPermission(viewerToken, { permissions: ['send-audio'] })
    expect(blocked).toMatchObject({ status: 403, body: { code: 17 } })
    expect(blocked.body.message).toContain('blocked')
    expect(await webhooksOfType('call.permission_request')).toEqual([])
  })
})

describe('granting and revoking', () => {
  beforeEach(async () => {
    await createCallType(handRaising)
    await createCall()
    await call().goLive({})
  })

  it('an attendee’s call token cannot grant itself (403, code 17), and nothing changes', async () => {
    const answer = await asUser(viewerToken, 'POST', '/user_permissions', { user_id: 'reg_1', grant_permissions: ['send-audio', 'send-video'] })
    expect(answer.status).toBe(403)
    expect(answer.body).toMatchObject({ code: 17, StatusCode: 403 })
    expect(answer.body.message).toContain('update-call-permissions')
    expect((await asUser(viewerToken, 'GET')).body.own_capabilities).toEqual(viewerCapabilities)
    expect(await webhooksOfType('call.permissions_updated')).toEqual([])
  })

  it('a grant by the server adds to the user’s own capabilities (call.permissions_updated), and a revoke takes them away', async () => {
    const room = openPresence(viewerToken)
    const studio = openPresence(hostToken)
    await Promise.all([room.ready, studio.ready])
    const viewerBefore = participantOf(await presenceWhere(studio, (data) => participantOf(data, 'reg_1') !== undefined), 'reg_1')
    expect(viewerBefore).toMatchObject({ role: 'viewer', can_publish: false, capabilities: viewerCapabilities })

    await call().updateUserPermissions({ user_id: 'reg_1', grant_permissions: ['send-audio', 'send-video'] })
    const onStage = [...viewerCapabilities, 'send-audio', 'send-video']
    expect((await asUser(viewerToken, 'GET')).body.own_capabilities).toEqual(onStage)
    // Every open connection sees it at once, the attendee's own too.
    for (const connection of [studio, room]) {
      const seen = await presenceWhere(connection, (data) => participantOf(data, 'reg_1')?.can_publish === true)
      expect(participantOf(seen, 'reg_1')).toMatchObject({ role: 'viewer', capabilities: onStage })
    }

    const beforeRevoke = studio.events.length
    await call().updateUserPermissions({ user_id: 'reg_1', revoke_permissions: ['send-audio', 'send-video'] })
    expect((await asUser(viewerToken, 'GET')).body.own_capabilities).toEqual(viewerCapabilities)
    const offStage = await presenceWhere(studio, (data) => participantOf(data, 'reg_1')?.can_publish === false, beforeRevoke)
    expect(participantOf(offStage, 'reg_1')!.capabilities).toEqual(viewerCapabilities)

    // The events carry what the user may do in the call they are in, under the role their call token gives them.
    const updates = await webhooksOfType('call.permissions_updated')
    expect(updates.map((event) => [(event.user as { id: string }).id, event.own_capabilities])).toEqual([
      ['reg_1', onStage],
      ['reg_1', viewerCapabilities],
    ])
    await Promise.all([room.close(), studio.close()])
  })
})

describe('local presence', () => {
  it('carries every connection: name, role, session, join time, capabilities and whether they may publish', async () => {
    await createCallType(handRaising)
    await createCall()
    await call().goLive({})
    await callers.server.upsertUsers([{ id: 'reg_2' }])
    const studio = openPresence(hostToken)
    await studio.ready
    const room = openPresence(viewerToken)
    await room.ready
    const unnamed = openPresence(callers.callToken('reg_2', [cid], 'viewer'))
    await unnamed.ready

    const data = await presenceWhere(studio, (candidate) => candidate.participant_count === 3)
    const connected = stream.emulator.getCall('webinar', 'wbn_stage')!.participants
    const sessionOf = (userId: string) => connected.find((participant) => participant.userId === userId)!
    expect(data).toEqual({
      participant_count: 3,
      participants_count_by_role: { host: 1, viewer: 2 },
      participants: [
        {
          user_id: 'staff_1',
          name: 'Hannah Host',
          role: 'host',
          user_session_id: sessionOf('staff_1').userSessionId,
          joined_at: sessionOf('staff_1').joinedAt,
          can_publish: true,
          capabilities: hostCapabilities,
        },
        {
          user_id: 'reg_1',
          name: 'Ada Lovelace',
          role: 'viewer',
          user_session_id: sessionOf('reg_1').userSessionId,
          joined_at: sessionOf('reg_1').joinedAt,
          can_publish: false,
          capabilities: viewerCapabilities,
        },
        {
          user_id: 'reg_2',
          name: null,
          role: 'viewer',
          user_session_id: sessionOf('reg_2').userSessionId,
          joined_at: sessionOf('reg_2').joinedAt,
          can_publish: false,
          capabilities: viewerCapabilities,
        },
      ],
    })

    // A change of the call (call.updated) is told to open connections too.
    const beforeUpdate = studio.events.length
    await call().update({ custom: { title: 'Renamed' } })
    expect(await presenceWhere(studio, () => true, beforeUpdate)).toEqual(data)
    await Promise.all([unnamed.close(), room.close(), studio.close()])
  })
})

describe('removing a guest panelist', () => {
  it('takes their membership away at once, refuses their joins (403, code 17), and a kick takes their connection out', async () => {
    await createCallType(handRaising)
    await createCall()
    await call().updateCallMembers({ update_members: [{ user_id: 'guest_1', role: 'speaker' }] })
    // A plain user token: their role comes from their membership. Speakers may join backstage.
    const guestToken = callers.userToken('guest_1')
    const studio = openPresence(hostToken)
    await studio.ready
    const guest = openPresence(guestToken)
    await guest.ready
    const onStage = await presenceWhere(studio, (data) => participantOf(data, 'guest_1') !== undefined)
    expect(participantOf(onStage, 'guest_1')).toMatchObject({ name: 'Grace Hopper', role: 'speaker', can_publish: true, capabilities: speakerCapabilities })
    expect((await asUser(guestToken, 'POST', '/join', { create: false })).status).toBe(201)

    await call().updateCallMembers({ remove_members: ['guest_1'] })
    // Still connected until kicked, but a plain `user` now, who may do nothing.
    const removed = await presenceWhere(studio, (data) => participantOf(data, 'guest_1')?.role === 'user')
    expect(participantOf(removed, 'guest_1')).toMatchObject({ can_publish: false, capabilities: [] })
    for (const answer of [await asUser(guestToken, 'POST', '/join', { create: false }), await asUser(guestToken, 'GET')]) {
      expect(answer.status).toBe(403)
      expect(answer.body).toMatchObject({ code: 17 })
      expect(answer.body.message).toMatch(/role user/)
    }
    const again = await fetch(`${stream.url}/local/calls/webinar/wbn_stage/presence`, { headers: { authorization: guestToken } })
    expect(again.status).toBe(403)
    expect(await again.json()).toMatchObject({ code: 17 })

    const beforeKick = studio.events.length
    await call().kickUser({ user_id: 'guest_1' })
    expect((await guest.next((event) => event.type === 'removed')).data).toEqual({ reason: 'kicked' })
    const after = await presenceWhere(studio, (data) => participantOf(data, 'guest_1') === undefined, beforeKick)
    expect(after).toMatchObject({ participant_count: 1, participants: [{ user_id: 'staff_1' }] })
    expect((await call().get()).members.map((member) => member.user_id)).toEqual(['staff_1'])

    await stream.emulator.whenWebhooksDelivered()
    const guestEvents = receiver.received
      .map(({ event }) => event)
      .filter((event) => ['call.member_removed', 'call.kicked_user', 'call.session_participant_left'].includes(event.type))
    expect(guestEvents.map((event) => event.type)).toEqual(['call.member_removed', 'call.kicked_user', 'call.session_participant_left'])

    // Made a panelist again, they may join again.
    await call().updateCallMembers({ update_members: [{ user_id: 'guest_1', role: 'speaker' }] })
    expect((await asUser(guestToken, 'POST', '/join', { create: false })).status).toBe(201)
    await studio.close()
  })
})

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { StandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { openEventStream } from '../support/sse-client.ts'
import { failureOf, streamCallers } from './stream-callers.ts'
import { startEmulatorWithReceiver } from './webhook-receiver.ts'

// Blocking, unblocking and kicking through the real node-sdk: the call's blocked_user_ids, Stream's webhooks, and
// whoever is in the call taken out of it (local presence connections closed, as Stream's SFU drops them).

const keys = { apiKey: 'moderation-test-key', apiSecret: 'moderation-test-secret-0123456789abcdef' }

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
beforeEach(async () => {
  setup.reset()
  await callers.server.createRole({ name: 'viewer' })
  await callers.server.video.createCallType({ name: 'webinar', grants: { viewer: ['join-call', 'read-call'], user: [], call_member: [] } })
  await callers.server.upsertUsers([{ id: 'staff_1' }])
  await callers.server.video.call('webinar', 'mod').getOrCreate({ data: { created_by_id: 'staff_1', members: [{ user_id: 'staff_1', role: 'host' }] } })
  await stream.emulator.whenWebhooksDelivered()
  receiver.clear()
})

const call = () => callers.server.video.call('webinar', 'mod')
const presenceOf = (userId: string) =>
  openEventStream(`${stream.url}/local/calls/webinar/mod/presence`, { authorization: callers.callToken(userId, ['webinar:mod'], 'viewer') })

async function eventsReceived() {
  await stream.emulator.whenWebhooksDelivered()
  return receiver.received.map(({ event }) => [event.type, (event.user as { id?: string } | undefined)?.id ?? (event.participant as { user: { id: string } } | undefined)?.user.id])
}

describe('blocking', () => {
  it('lists the user in blocked_user_ids, takes them out of the call, and keeps them out until unblocked', async () => {
    const connection = presenceOf('reg_1')
    await connection.ready
    await call().blockUser({ user_id: 'reg_1' })
    expect((await connection.next((event) => event.type === 'removed')).data).toEqual({ reason: 'blocked' })
    expect((await call().get()).call.blocked_user_ids).toEqual(['reg_1'])
    expect(stream.emulator.getCall('webinar', 'mod')!.participants).toEqual([])

    const refused = await fetch(`${stream.url}/local/calls/webinar/mod/presence`, { headers: { authorization: callers.callToken('reg_1', ['webinar:mod'], 'viewer') } })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ code: 17 })

    await call().unblockUser({ user_id: 'reg_1' })
    await call().unblockUser({ user_id: 'reg_1' }) // not blocked any more: harmless, not announced again
    expect((await call().get()).call.blocked_user_ids).toEqual([])
    expect(stream.emulator.joinParticipant('webinar', 'mod', 'reg_1', { role: 'viewer' }).role).toBe('viewer')
    expect(await eventsReceived()).toEqual([
      ['call.session_started', undefined],
      ['call.session_participant_joined', 'reg_1'],
      ['call.blocked_user', 'reg_1'],
      ['call.session_participant_left', 'reg_1'],
      ['call.unblocked_user', 'reg_1'],
      ['call.session_participant_joined', 'reg_1'],
    ])
    await connection.close()
  })

  it('needs a user_id and a call that exists', async () => {
    expect(await failureOf(call().blockUser({} as never))).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(await failureOf(callers.server.video.call('webinar', 'nope').blockUser({ user_id: 'x' }))).toMatchObject({ code: 16 })
  })
})

describe('kicking', () => {
  it('takes every connection of the user out of the call, and lets them back unless blocked', async () => {
    const first = presenceOf('reg_1')
    const second = presenceOf('reg_1')
    const other = presenceOf('reg_2')
    await Promise.all([first.ready, second.ready, other.ready])
    await call().kickUser({ user_id: 'reg_1', kicked_by_id: 'staff_1' })
    for (const connection of [first, second]) expect((await connection.next((event) => event.type === 'removed')).data).toEqual({ reason: 'kicked' })
    await other.next((event) => event.type === 'participants' && (event.data as { participant_count: number }).participant_count === 1)
    expect(stream.emulator.getCall('webinar', 'mod')!.participants.map((participant) => participant.userId)).toEqual(['reg_2'])
    expect((await call().get()).call.blocked_user_ids).toEqual([])
    // Kicked, not blocked: they may come back.
    expect(stream.emulator.joinParticipant('webinar', 'mod', 'reg_1', { role: 'viewer' }).role).toBe('viewer')

    await call().kickUser({ user_id: 'reg_2', block: true })
    expect((await other.next((event) => event.type === 'removed')).data).toEqual({ reason: 'blocked' })
    expect((await call().get()).call.blocked_user_ids).toEqual(['reg_2'])
    const kicked = receiver.received.find(({ event }) => event.type === 'call.kicked_user')!.event
    expect(kicked).toMatchObject({ user: { id: 'reg_1' }, kicked_by_user: { id: 'staff_1' } })
    expect((await eventsReceived()).filter(([type]) => type !== 'call.session_participant_joined' && type !== 'call.session_started')).toEqual([
      ['call.kicked_user', 'reg_1'],
      ['call.session_participant_left', 'reg_1'],
      ['call.session_participant_left', 'reg_1'],
      ['call.blocked_user', 'reg_2'],
      ['call.kicked_user', 'reg_2'],
      ['call.session_participant_left', 'reg_2'],
    ])
    await Promise.all([first.close(), second.close(), other.close()])
  })
})

describe('deleting a call with people in it', () => {
  it('closes their presence connections with `ended`', async () => {
    await call().goLive({})
    const connection = presenceOf('reg_1')
    await connection.ready
    await call().delete({})
    await connection.next((event) => event.type === 'ended')
    await connection.close()
  })
})

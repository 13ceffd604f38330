import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { StreamApiError } from '../../src/stream-emulator/stream-errors.ts'
import { startStandaloneStreamEmulator, type StandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { streamCallers } from './stream-callers.ts'

// Every join is checked as Stream checks a client's (`joinParticipant` is how tests and local mode join): grants,
// backstage and its join-ahead window, blocked users, ended calls, the participant limit.

const keys = { apiKey: 'join-test-key', apiSecret: 'join-test-secret-0123456789abcdef' }

let nowMs = Date.parse('2031-03-01T09:00:00Z')
let stream: StandaloneStreamEmulator
let client: ReturnType<typeof streamCallers>['server']
beforeAll(async () => {
  stream = await startStandaloneStreamEmulator({ ...keys, now: () => new Date(nowMs) })
  client = streamCallers(keys, stream.url).server
})
afterAll(() => stream.close())
beforeEach(async () => {
  stream.emulator.reset()
  await client.createRole({ name: 'viewer' })
  await client.createRole({ name: 'late_viewer' })
  await client.video.createCallType({
    name: 'webinar',
    grants: { viewer: ['join-call', 'read-call'], late_viewer: ['join-call', 'join-ended-call'], user: [], call_member: [] },
    settings: { backstage: { enabled: true } },
  })
  await client.upsertUsers([{ id: 'staff_1' }, { id: 'reg_member' }])
})

/** The refusal `join` throws, as the StreamApiError the emulator answers with. */
function refusalOf(join: () => unknown): StreamApiError {
  try {
    join()
  } catch (error) {
    if (error instanceof StreamApiError) return error
    throw error
  }
  throw new Error('expected the join to be refused')
}

const join = (id: string, userId: string, role?: string) => () => stream.emulator.joinParticipant('webinar', id, userId, role ? { role } : {})

describe('joining a call', () => {
  it('needs join-call for the role a token gives, else the membership role, else the app role', async () => {
    const call = client.video.call('webinar', 'grants')
    await call.getOrCreate({ data: { created_by_id: 'staff_1', members: [{ user_id: 'staff_1', role: 'host' }, { user_id: 'reg_member', role: 'viewer' }] } })
    await call.goLive({})

    const plainUser = refusalOf(join('grants', 'someone'))
    expect(plainUser).toMatchObject({ statusCode: 403, code: 17 })
    expect(plainUser.message).toContain('role user')
    expect(refusalOf(join('grants', 'someone', 'call_member')).code).toBe(17)
    expect(stream.emulator.joinParticipant('webinar', 'grants', 'someone', { role: 'viewer' }).role).toBe('viewer')
    expect(stream.emulator.joinParticipant('webinar', 'grants', 'reg_member').role).toBe('viewer')
    expect(stream.emulator.joinParticipant('webinar', 'grants', 'staff_1').role).toBe('host')
  })

  it('in backstage needs join-backstage, until join_ahead_time_seconds before starts_at opens it', async () => {
    const startsAt = new Date(nowMs + 3600_000)
    const call = client.video.call('webinar', 'early')
    await call.getOrCreate({ data: { created_by_id: 'staff_1', starts_at: startsAt, settings_override: { backstage: { enabled: true, join_ahead_time_seconds: 600 } } } })
    expect(refusalOf(join('early', 'reg_1', 'viewer')).message).toContain('backstage')
    expect(stream.emulator.joinParticipant('webinar', 'early', 'staff_1', { role: 'host' }).role).toBe('host')
    nowMs = startsAt.getTime() - 600_000
    expect(stream.emulator.joinParticipant('webinar', 'early', 'reg_1', { role: 'viewer' }).role).toBe('viewer')
  })

  it('is refused to a blocked user until unblocked', async () => {
    const call = client.video.call('webinar', 'blocked')
    await call.getOrCreate({ data: { created_by_id: 'staff_1' } })
    await call.goLive({})
    await call.blockUser({ user_id: 'reg_1' })
    expect(refusalOf(join('blocked', 'reg_1', 'viewer'))).toMatchObject({ statusCode: 403, code: 17 })
    await call.unblockUser({ user_id: 'reg_1' })
    expect(stream.emulator.joinParticipant('webinar', 'blocked', 'reg_1', { role: 'viewer' }).role).toBe('viewer')
  })

  it('is refused once the call has ended, unless the role has join-ended-call', async () => {
    const call = client.video.call('webinar', 'ended')
    await call.getOrCreate({ data: { created_by_id: 'staff_1' } })
    await call.goLive({})
    await call.end()
    const refusal = refusalOf(join('ended', 'reg_1', 'viewer'))
    expect(refusal).toMatchObject({ statusCode: 403, code: 17 })
    expect(refusal.message).toContain('has ended')
    expect(stream.emulator.joinParticipant('webinar', 'ended', 'reg_2', { role: 'late_viewer' }).role).toBe('late_viewer')
  })

  it('is refused when the call is full, not counting excluded roles or the owner when asked', async () => {
    const call = client.video.call('webinar', 'full')
    await call.getOrCreate({
      data: {
        created_by_id: 'staff_1',
        settings_override: { limits: { max_participants: 2, max_participants_exclude_roles: ['host'], max_participants_exclude_owner: true } },
      },
    })
    await call.goLive({})
    stream.emulator.joinParticipant('webinar', 'full', 'staff_1', { role: 'viewer' }) // the owner: not counted
    stream.emulator.joinParticipant('webinar', 'full', 'cohost', { role: 'host' }) // an excluded role: not counted
    stream.emulator.joinParticipant('webinar', 'full', 'reg_1', { role: 'viewer' })
    stream.emulator.joinParticipant('webinar', 'full', 'reg_2', { role: 'viewer' })
    const refusal = refusalOf(join('full', 'reg_3', 'viewer'))
    expect(refusal).toMatchObject({ statusCode: 403, code: 17 })
    expect(refusal.message).toContain('CALL_PARTICIPANT_LIMIT_REACHED')
    // Hosts still get in; a seat that frees up takes the next viewer.
    expect(stream.emulator.joinParticipant('webinar', 'full', 'cohost_2', { role: 'host' }).role).toBe('host')
    stream.emulator.leaveParticipant('webinar', 'full', 'reg_1')
    expect(stream.emulator.joinParticipant('webinar', 'full', 'reg_3', { role: 'viewer' }).role).toBe('viewer')
  })

  it('of an unknown call is Stream’s 404 (code 16)', () => {
    expect(refusalOf(join('never', 'reg_1', 'viewer'))).toMatchObject({ statusCode: 404, code: 16 })
  })
})

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startStandaloneStreamEmulator, type StandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { failureOf, streamCallers } from './stream-callers.ts'

// Roles, the call types that grant them capabilities, users and call members, through the real node-sdk: every
// role named must exist, every member must be an existing user, as Stream has it.

const keys = { apiKey: 'roles-test-key', apiSecret: 'roles-test-secret-0123456789abcdef' }

let stream: StandaloneStreamEmulator
let client: ReturnType<typeof streamCallers>['server']
beforeAll(async () => {
  stream = await startStandaloneStreamEmulator(keys)
  client = streamCallers(keys, stream.url).server
})
afterAll(() => stream.close())
beforeEach(() => stream.emulator.reset())

describe('roles', () => {
  it('lists the built-in roles of a fresh app, and creates custom ones once', async () => {
    const { roles } = await client.listRoles()
    expect(roles.map((role) => role.name)).toEqual(
      expect.arrayContaining(['user', 'admin', 'moderator', 'host', 'call_member', 'guest', 'anonymous', 'channel_member']),
    )
    expect(roles.every((role) => role.custom === false)).toBe(true)

    const { role } = await client.createRole({ name: 'viewer' })
    expect(role).toMatchObject({ name: 'viewer', custom: true, scopes: [] })
    expect((await client.listRoles()).roles.map((listed) => listed.name)).toContain('viewer')

    expect(await failureOf(client.createRole({ name: 'viewer' }))).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(await failureOf(client.createRole({ name: 'host' }))).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(await failureOf(client.createRole({ name: 'has spaces' }))).toMatchObject({ code: 4 })
    expect(stream.emulator.validationFailures()).toEqual([])
  })

  it('are forgotten on reset, back to the built-in ones', async () => {
    await client.createRole({ name: 'viewer' })
    stream.emulator.reset()
    expect((await client.listRoles()).roles.map((role) => role.name)).not.toContain('viewer')
  })
})

describe('call type grants', () => {
  it('refuse a role that is neither built in nor created, on create and on update', async () => {
    const created = await failureOf(client.video.createCallType({ name: 'webinar', grants: { viewer: ['join-call'] } }))
    expect(created).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(created.message).toContain('grants.viewer')
    expect(created.message).toContain('does not exist')

    await client.video.createCallType({ name: 'webinar', grants: { host: ['join-call'] } })
    expect(await failureOf(client.video.updateCallType({ name: 'webinar', grants: { viewer: ['join-call'] } }))).toMatchObject({ code: 4 })

    await client.createRole({ name: 'viewer' })
    expect((await client.video.updateCallType({ name: 'webinar', grants: { viewer: ['join-call'] } })).grants.viewer).toEqual(['join-call'])
  })

  it('take an empty list as "nothing", and keep Stream’s defaults for built-in roles a new type leaves out', async () => {
    const created = await client.video.createCallType({ name: 'webinar', grants: { user: [], call_member: [] } })
    expect(created.grants.user).toEqual([])
    expect(created.grants.call_member).toEqual([])
    // "When you create a call type, it comes with a default set of configurations. You can override or extend that."
    expect(created.grants.host).toEqual(expect.arrayContaining(['join-call', 'join-backstage', 'end-call']))
    expect(created.grants.admin).toEqual(expect.arrayContaining(['join-call', 'update-call']))
  })
})

describe('users', () => {
  it('take only an existing role', async () => {
    const failure = await failureOf(client.upsertUsers([{ id: 'ann', role: 'viewer' }]))
    expect(failure).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    await client.createRole({ name: 'viewer' })
    expect((await client.upsertUsers([{ id: 'ann', role: 'viewer' }])).users.ann?.role).toBe('viewer')
    expect((await client.upsertUsers([{ id: 'bob', role: 'admin' }])).users.bob?.role).toBe('admin')
  })
})

describe('call members and creators', () => {
  beforeEach(async () => {
    await client.createRole({ name: 'viewer' })
    await client.video.createCallType({ name: 'webinar', grants: { viewer: ['join-call', 'read-call'] } })
  })

  it('must be existing users: a call is not created for members or a creator never upserted', async () => {
    await client.upsertUsers([{ id: 'staff_1' }])
    const call = client.video.call('webinar', 'wbn_members')
    const members = await failureOf(
      call.getOrCreate({ data: { created_by_id: 'staff_1', members: [{ user_id: 'staff_1', role: 'host' }, { user_id: 'ghost_1' }, { user_id: 'ghost_2' }] } }),
    )
    expect(members).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(members.message).toContain('The following users are not existing users: ghost_1, ghost_2')

    const creator = await failureOf(call.getOrCreate({ data: { created_by_id: 'ghost_1' } }))
    expect(creator).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(creator.message).toContain('ghost_1')
    expect(stream.emulator.getCall('webinar', 'wbn_members')).toBeUndefined()

    // A creator given as a user object is upserted, as Stream does with one.
    const created = await call.getOrCreate({ data: { created_by: { id: 'new_host', name: 'New Host' } } })
    expect(created.call.created_by).toMatchObject({ id: 'new_host', name: 'New Host' })
  })

  it('must have an existing role', async () => {
    await client.upsertUsers([{ id: 'staff_1' }, { id: 'reg_1' }])
    const call = client.video.call('webinar', 'wbn_roles')
    const failure = await failureOf(call.getOrCreate({ data: { created_by_id: 'staff_1', members: [{ user_id: 'reg_1', role: 'watcher' }] } }))
    expect(failure).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(failure.message).toContain('data.members[0].role')

    await call.getOrCreate({ data: { created_by_id: 'staff_1', members: [{ user_id: 'staff_1', role: 'host' }] } })
    expect(await failureOf(call.updateCallMembers({ update_members: [{ user_id: 'reg_1', role: 'watcher' }] }))).toMatchObject({ code: 4 })
  })

  it('are added, changed and removed with UpdateCallMembers, and show in the call with their roles', async () => {
    await client.upsertUsers([{ id: 'staff_1' }, { id: 'staff_2' }, { id: 'reg_1' }])
    const call = client.video.call('webinar', 'wbn_update')
    await call.getOrCreate({ data: { created_by_id: 'staff_1', members: [{ user_id: 'staff_1', role: 'host' }] } })

    const updated = await call.updateCallMembers({
      update_members: [
        { user_id: 'staff_2', role: 'host' },
        { user_id: 'reg_1', role: 'viewer', custom: { seat: 7 } },
      ],
    })
    expect(updated.members.map((member) => [member.user_id, member.role])).toEqual([
      ['staff_2', 'host'],
      ['reg_1', 'viewer'],
    ])
    await call.updateCallMembers({ update_members: [{ user_id: 'reg_1', custom: { seat: 8 } }], remove_members: ['staff_1', 'never_a_member'] })

    const { members } = await call.get()
    expect(members.map((member) => [member.user_id, member.role, member.custom])).toEqual([
      ['staff_2', 'host', {}],
      ['reg_1', 'viewer', { seat: 8 }],
    ])
    const refused = await failureOf(call.updateCallMembers({ update_members: [{ user_id: 'ghost' }] }))
    expect(refused.message).toContain('not existing users: ghost')
    expect(await failureOf(client.video.call('webinar', 'nope').updateCallMembers({ remove_members: ['x'] }))).toMatchObject({ code: 16 })
    expect(stream.emulator.validationFailures()).toEqual([])
  })
})

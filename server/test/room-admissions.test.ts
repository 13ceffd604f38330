import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAttendeeAdmissions, type AdmittedStream } from '../src/room/attendee-admissions.ts'
import type { RoomAdmission } from '../src/room/room-repository.ts'
import { roomRepository } from '../src/room/room-repository.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'

let testApp: TestApp
let ownerCookie: string
let webinar: { id: string; slug: string }

beforeAll(async () => {
  testApp = await createTestApp()
  ownerCookie = await setUpOwner(testApp.app)
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: { cookie: ownerCookie, ...csrfHeaders },
    payload: { title: 'Admissions', startTime: new Date(Date.now() + 3600_000).toISOString(), timezone: 'UTC', durationMinutes: 60 },
  })
  webinar = created.json()
})
afterAll(() => testApp.close())

async function register(name: string): Promise<string> {
  const email = `${name.toLowerCase()}@example.com`
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${webinar.slug}/registrations`, payload: { name, email } })
  expect(response.statusCode, response.body).toBe(201)
  const { rows } = await testApp.database.pool.query<{ id: string }>('select id from registrations where webinar_id = $1 and email = $2', [webinar.id, email])
  return rows[0]!.id
}

/** The check's read, as the room service makes it: the registrations' rows in PostgreSQL. */
async function findAdmissions(registrationIds: string[]): Promise<Map<string, RoomAdmission>> {
  const admissions = await roomRepository.listRoomAdmissions(testApp.database.db, registrationIds)
  return new Map(admissions.map((admission) => [admission.registrationId, admission]))
}

function streamOf(registrationId: string, ended: string[], name: string): AdmittedStream {
  return { registrationId, joinTokenVersion: 1, end: () => ended.push(name) }
}

describe('the periodic check of attendees’ open event streams', () => {
  it('leaves alone an admitted attendee whose stream opened while the check was reading', async () => {
    const ann = await register('Ann')
    const bob = await register('Bob')
    const ended: string[] = []
    const admissions = createAttendeeAdmissions({ findAdmissions, logger: { warn: () => {} } })
    admissions.watch(streamOf(ann, ended, 'Ann'))

    const checking = admissions.check()
    // Bob's stream opens while the check's read (which did not ask about Bob) is in flight.
    admissions.watch(streamOf(bob, ended, 'Bob'))
    await checking
    expect(ended).toEqual([])

    // The next check reads Bob too, and still ends nobody.
    await admissions.check()
    expect(ended).toEqual([])
  })

  it('ends the streams of an attendee declined or whose link was retired, and only theirs', async () => {
    const cid = await register('Cid')
    const dee = await register('Dee')
    const eli = await register('Eli')
    const ended: string[] = []
    const admissions = createAttendeeAdmissions({ findAdmissions, logger: { warn: () => {} } })
    admissions.watch(streamOf(cid, ended, 'Cid'))
    admissions.watch(streamOf(dee, ended, 'Dee'))
    const stopWatchingEli = admissions.watch(streamOf(eli, ended, 'Eli'))
    await testApp.database.pool.query(`update registrations set status = 'rejected' where id = $1`, [cid])
    await testApp.database.pool.query('update registrations set join_token_version = join_token_version + 1 where id = $1', [dee])
    // Eli's stream closed (Eli left): a closed stream is not ended again.
    await testApp.database.pool.query(`update registrations set status = 'cancelled' where id = $1`, [eli])
    stopWatchingEli()
    await admissions.check()
    expect(ended.sort()).toEqual(['Cid', 'Dee'])
  })

  it('ends nothing when the read fails: a database blip is not a removal', async () => {
    const fay = await register('Fay')
    const ended: string[] = []
    const warnings: string[] = []
    const admissions = createAttendeeAdmissions({
      findAdmissions: () => testApp.database.pool.query('select * from no_such_table').then(() => new Map()),
      logger: { warn: (_object, message) => warnings.push(message) },
    })
    admissions.watch(streamOf(fay, ended, 'Fay'))
    await admissions.check()
    expect(ended).toEqual([])
    expect(warnings).toHaveLength(1)
  })
})

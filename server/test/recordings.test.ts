import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Webinar } from '@webinar/shared/webinars'
import { createJobQueue, type JobQueue } from '../src/jobs/job-queue.ts'
import { createRecordingService, type RecordingReady, type RecordingServiceDependencies } from '../src/recordings/recording-service.ts'
import { joinTokenMailedTo, mailAsDelivered } from './support/mail.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// Recordings from Stream's `call.recording_ready` webhook and from Stream's list of the call's recordings, on one
// row per file; the replay behind a registrant's link; "the replay is ready" to those whose follow-up went without
// it. The emulator makes a recording ready when told, as Stream does some time after a recorded call ends.
//
// The webhook service does not call the recording service yet (another change wires `call.recording_ready` to
// `recordFromWebhook`): here the event Stream sent, as the app stored it, is handed to a recording service over
// the app's database and job queue, as that line will.

let testApp: TestApp
let ownerCookie: string
let jobs: JobQueue
const readyHeard: RecordingReady[] = []
let failNextHook = false
/** Moves the app's clock on (the replay's list from Stream is kept for a while by that clock). */
let clockSkewMs = 0

function recordingServiceFor(overrides: Partial<RecordingServiceDependencies> = {}) {
  return createRecordingService({
    db: testApp.database.db,
    pool: testApp.database.pool,
    video: testApp.video,
    jobs,
    outbox: testApp.outbox,
    clock: { now: () => new Date() },
    logger: { warn: () => {} },
    onRecordingReady: async (transaction, ready) => {
      // In the storing transaction: what fails here takes the recording back with it.
      await transaction.executeSql('select 1')
      if (failNextHook) {
        failNextHook = false
        throw new Error('the outgoing webhook could not be written')
      }
      readyHeard.push(ready)
    },
    ...overrides,
  })
}
let recordings: ReturnType<typeof recordingServiceFor>

beforeAll(async () => {
  // Follow-ups go out as soon as a webinar ends, so that a recording can come before or after them at will.
  testApp = await createTestApp({ clock: { now: () => new Date(Date.now() + clockSkewMs) }, env: { FOLLOW_UP_DELAY_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '10000', REGISTRATIONS_PER_IP_PER_MINUTE: '10000' } })
  ownerCookie = await setUpOwner(testApp.app)
  jobs = createJobQueue({ connectionString: testApp.database.url, retryDelaySeconds: 1, logger: { error: () => {}, warn: () => {} } })
  await jobs.start()
  recordings = recordingServiceFor()
})
afterAll(async () => {
  await jobs?.stop()
  await testApp?.close()
})

const asOwner = { cookie: '', ...csrfHeaders }
async function api<T>(method: 'GET' | 'POST', url: string, payload?: object): Promise<T> {
  const response = await testApp.app.inject({ method, url, headers: { ...asOwner, cookie: ownerCookie }, ...(payload ? { payload } : {}) })
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300)
  return response.json() as T
}

let sequence = 0
async function createWebinar(title: string): Promise<Webinar> {
  return api<Webinar>('POST', '/api/webinars', { title: `${title} ${++sequence}`, startTime: new Date(Date.now() + 86_400_000).toISOString(), timezone: 'UTC', durationMinutes: 30 })
}

async function register(webinar: Webinar, name: string): Promise<{ email: string; token: string }> {
  const email = `${name.toLowerCase()}-${++sequence}@example.com`
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${webinar.slug}/registrations`, payload: { name, email } })
  expect(response.statusCode, response.body).toBe(201)
  return { email, token: await joinTokenMailedTo(testApp, email) }
}

const start = (webinar: Webinar) => api('POST', `/api/webinars/${webinar.id}/start`)
const end = (webinar: Webinar) => api('POST', `/api/webinars/${webinar.id}/end`)

/** Stream makes the call's recording ready (its egress has finished); the webhook reaches the app. */
async function makeRecordingReady(webinar: Webinar) {
  const recording = testApp.emulator.makeRecordingReady(webinar.streamCallType, webinar.streamCallId)
  await testApp.emulator.whenWebhooksDelivered()
  return recording
}

/** The `call.recording_ready` event of the file, as the app received and stored it from Stream. */
async function storedReadyEvent(filename: string): Promise<Record<string, unknown>> {
  const { rows } = await testApp.database.pool.query<{ payload: Record<string, unknown> }>(
    `select payload from stream_webhook_events where type = 'call.recording_ready' and payload -> 'call_recording' ->> 'filename' = $1`,
    [filename],
  )
  expect(rows).toHaveLength(1)
  return rows[0]!.payload
}

/**
 * The app's own recording service stores what Stream's webhook brings as it comes: these tests then drive a service
 * of their own (with a hook they watch) from the same event, on a webinar whose recordings the app has forgotten.
 */
async function forgetStoredRecordings(webinarId: string) {
  await testApp.database.pool.query('delete from recordings where webinar_id = $1', [webinarId])
}

async function storedRecordings(webinarId: string) {
  const { rows } = await testApp.database.pool.query('select * from recordings where webinar_id = $1 order by created_at', [webinarId])
  return rows as { id: string; filename: string; url: string; stream_session_id: string | null; started_at: Date; ended_at: Date }[]
}

async function mailsOf(webinarId: string, kind: string) {
  const { rows } = await testApp.database.pool.query<{ to_email: string; text: string }>(
    'select to_email, text from email_messages where webinar_id = $1 and kind = $2 order by to_email',
    [webinarId, kind],
  )
  return rows
}

async function followUpsOf(webinarId: string) {
  const { rows } = await testApp.database.pool.query<{ to_email: string; text: string }>(
    `select to_email, text from email_messages where webinar_id = $1 and kind like 'follow_up_%' order by to_email`,
    [webinarId],
  )
  return rows
}

describe('recordings in', () => {
  it('stores the recording of call.recording_ready as Stream sends it, once however often it comes', async () => {
    const webinar = await createWebinar('Webhook recording')
    await start(webinar)
    await end(webinar)
    const recording = await makeRecordingReady(webinar)
    const event = await storedReadyEvent(recording.filename)
    // The app applied the webhook itself: the recording is stored and the event marked processed.
    expect((await storedRecordings(webinar.id)).map((row) => row.filename)).toEqual([recording.filename])
    const { rows: processed } = await testApp.database.pool.query(
      `select 1 from stream_webhook_events where type = 'call.recording_ready' and processed_at is not null and payload -> 'call_recording' ->> 'filename' = $1`,
      [recording.filename],
    )
    expect(processed).toHaveLength(1)
    await forgetStoredRecordings(webinar.id)

    expect(await recordings.recordFromWebhook(event)).toBe(true)
    expect(await recordings.recordFromWebhook(event)).toBe(true)
    const rows = await storedRecordings(webinar.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ filename: recording.filename, url: recording.url, stream_session_id: recording.session_id })
    expect(rows[0]!.started_at.toISOString()).toBe(recording.start_time)
    expect(rows[0]!.ended_at.toISOString()).toBe(recording.end_time)
    expect(readyHeard.filter((ready) => ready.webinarId === webinar.id).map((ready) => ready.recording.filename)).toEqual([recording.filename])

    const listed = await api<{ items: { filename: string; url: string; durationSeconds: number | null }[]; streamError: string | null }>(
      'GET',
      `/api/webinars/${webinar.id}/recordings`,
    )
    expect(listed.streamError).toBeNull()
    expect(listed.items).toEqual([
      expect.objectContaining({
        filename: recording.filename,
        url: recording.url,
        durationSeconds: Math.round((Date.parse(recording.end_time) - Date.parse(recording.start_time)) / 1000),
      }),
    ])
  })

  it('ignores what is not a recording of a known webinar’s call', async () => {
    const webinar = await createWebinar('Not ours')
    const recording = { filename: 'rec.mp4', url: 'https://cdn.example.test/rec.mp4', start_time: new Date().toISOString(), end_time: new Date().toISOString(), session_id: 's' }
    const event = { type: 'call.recording_ready', created_at: new Date().toISOString(), call_cid: webinar.streamCallCid, call_recording: recording }
    expect(await recordings.recordFromWebhook({ ...event, call_cid: 'webinar:unknown' })).toBe(false)
    expect(await recordings.recordFromWebhook({ ...event, type: 'call.recording_started' })).toBe(false)
    expect(await recordings.recordFromWebhook({ ...event, call_recording: { ...recording, url: 'javascript:alert(1)' } })).toBe(false)
    expect(await recordings.recordFromWebhook({ ...event, call_recording: { ...recording, recording_type: 'individual' } })).toBe(false)
    expect(await recordings.recordFromWebhook({ ...event, call_recording: { ...recording, filename: 42 } })).toBe(false)
    expect(await storedRecordings(webinar.id)).toEqual([])
  })

  it('finds a recording whose webhook was lost through the checks after the end, which are scheduled once', async () => {
    const webinar = await createWebinar('Lost webhook')
    await start(webinar)
    await end(webinar)
    // Stream's webhook never arrives: none is sent while the recording becomes ready.
    await testApp.emulator.whenWebhooksDelivered()
    testApp.emulator.setWebhookUrl(undefined)
    const recording = testApp.emulator.makeRecordingReady(webinar.streamCallType, webinar.streamCallId)
    testApp.emulator.setWebhookUrl(`${testApp.url}/api/stream/webhooks`)
    const { rows: events } = await testApp.database.pool.query(`select 1 from stream_webhook_events where payload -> 'call_recording' ->> 'filename' = $1`, [recording.filename])
    expect(events).toEqual([])

    // Ending scheduled the checks (+1, +5, +15, +60 minutes); scheduling again adds none.
    await recordings.scheduleChecks(webinar.id)
    const { rows: checks } = await testApp.database.pool.query<{ start_after: Date; created_on: Date }>(
      `select start_after, created_on from pgboss.job where name = 'recording-check' and data ->> 'webinarId' = $1 order by start_after`,
      [webinar.id],
    )
    expect(checks.map((check) => Math.round((check.start_after.getTime() - check.created_on.getTime()) / 60_000))).toEqual([1, 5, 15, 60])

    // What a check does when its time comes.
    expect(await recordings.checkWithStream(webinar.id)).toBe(1)
    expect(await recordings.checkWithStream(webinar.id)).toBe(0)
    expect((await storedRecordings(webinar.id)).map((row) => row.filename)).toEqual([recording.filename])
  })

  it('lands on one row when the webhook and the list bring the same recording at once, and tells of it once', async () => {
    const webinar = await createWebinar('Both sources')
    await start(webinar)
    await end(webinar)
    const recording = await makeRecordingReady(webinar)
    const event = await storedReadyEvent(recording.filename)
    await forgetStoredRecordings(webinar.id)
    // Two instances, as two processes would race.
    const other = recordingServiceFor()
    await Promise.all([recordings.recordFromWebhook(event), other.checkWithStream(webinar.id), recordings.checkWithStream(webinar.id), other.recordFromWebhook(event)])
    expect(await storedRecordings(webinar.id)).toHaveLength(1)
    expect(readyHeard.filter((ready) => ready.webinarId === webinar.id)).toHaveLength(1)
  })

  it('stores nothing when the transaction’s hook fails, so that the recording and what the hook writes go together', async () => {
    const webinar = await createWebinar('Hook fails')
    await start(webinar)
    await end(webinar)
    const recording = await makeRecordingReady(webinar)
    await forgetStoredRecordings(webinar.id)
    failNextHook = true
    await expect(recordings.recordFromWebhook(await storedReadyEvent(recording.filename))).rejects.toThrow(/outgoing webhook/)
    expect(await storedRecordings(webinar.id)).toEqual([])
    expect(await recordings.checkWithStream(webinar.id)).toBe(1)
    expect(readyHeard.filter((ready) => ready.webinarId === webinar.id)).toHaveLength(1)
  })
})

describe('the replay mail', () => {
  it('goes once to each approved registrant when the recording is ready after the follow-ups', async () => {
    const webinar = await createWebinar('Late recording')
    const ada = await register(webinar, 'Ada')
    const bob = await register(webinar, 'Bob')
    const cy = await register(webinar, 'Cy')
    expect((await testApp.app.inject({ method: 'POST', url: `/api/join/${cy.token}/cancel` })).statusCode).toBe(200)
    await start(webinar)
    await end(webinar)
    const followUps = await waitFor(async () => {
      const written = await followUpsOf(webinar.id)
      return written.length === 2 ? written : undefined
    })
    expect(followUps.every((mail) => !mail.text.includes('Watch the replay'))).toBe(true)

    const recording = await makeRecordingReady(webinar)
    expect(await recordings.recordFromWebhook(await storedReadyEvent(recording.filename))).toBe(true)
    // Storing the recording enqueued the fan-out; the app's worker sends it.
    const replayMails = await waitFor(async () => {
      const written = await mailsOf(webinar.id, 'replay_ready')
      return written.length === 2 ? written : undefined
    })
    expect(replayMails.map((mail) => mail.to_email)).toEqual([ada.email, bob.email])

    // Again and again (a check, the fan-out re-run): nobody gets it twice.
    await recordings.checkWithStream(webinar.id)
    expect(await recordings.announceReplay(webinar.id)).toBe(0)
    expect(await mailsOf(webinar.id, 'replay_ready')).toHaveLength(2)

    // The mail's link is the registrant's replay page, which plays the recording.
    const mail = await mailAsDelivered(testApp, ada.email, ['replay_ready'])
    const link = /(https?:\/\/\S+\/join\/([A-Za-z0-9_-]{43})\/replay)/.exec(mail.text)
    expect(link?.[1]).toBe(`${testApp.config.publicUrl}/join/${ada.token}/replay`)
    const replay = await testApp.app.inject({ method: 'GET', url: `/api/join/${ada.token}/replay` })
    expect(replay.json()).toMatchObject({ status: 'ready', parts: [{ url: recording.url }] })
  })

  it('is not sent when the recording was ready before the follow-ups, which carry it', async () => {
    const webinar = await createWebinar('Early recording')
    const dee = await register(webinar, 'Dee')
    await start(webinar)
    // Recorded while live: Stream hands the recording over when recording stops, before the end.
    const call = { type: webinar.streamCallType, id: webinar.streamCallId }
    const recording = testApp.emulator.makeRecordingReady(call.type, call.id)
    await testApp.emulator.whenWebhooksDelivered()
    expect(await recordings.recordFromWebhook(await storedReadyEvent(recording.filename))).toBe(true)
    await end(webinar)
    const [followUp] = await waitFor(async () => {
      const written = await followUpsOf(webinar.id)
      return written.length === 1 ? written : undefined
    })
    expect(followUp!.to_email).toBe(dee.email)
    expect(followUp!.text).toContain('Watch the replay: ')

    await recordings.checkWithStream(webinar.id)
    expect(await recordings.announceReplay(webinar.id)).toBe(0)
    // The fan-out job the recording enqueued has run too (it found nothing to send).
    await waitFor(async () => {
      const { rows } = await testApp.database.pool.query(`select 1 from pgboss.job where name = 'email-replay-ready' and data ->> 'webinarId' = $1 and state <> 'completed'`, [webinar.id])
      return rows.length === 0 ? true : undefined
    })
    expect(await mailsOf(webinar.id, 'replay_ready')).toEqual([])
  })
})

describe('the replay behind a personal link', () => {
  it('says when the webinar is not over, then that it is processing, then gives a fresh address from Stream', async () => {
    const webinar = await createWebinar('Fresh address')
    const eve = await register(webinar, 'Eve')
    const replay = async () => {
      const response = await testApp.app.inject({ method: 'GET', url: `/api/join/${eve.token}/replay` })
      expect(response.statusCode, response.body).toBe(200)
      return response.json()
    }
    expect(await replay()).toEqual({ status: 'webinar_not_over', parts: [] })
    await start(webinar)
    expect(await replay()).toEqual({ status: 'webinar_not_over', parts: [] })
    await end(webinar)
    expect(await replay()).toEqual({ status: 'processing', parts: [] })

    // The webhook's address has expired since; the replay asks Stream again and keeps the new one.
    const recording = await makeRecordingReady(webinar)
    const event = await storedReadyEvent(recording.filename)
    const expired = 'https://cdn.example.test/expired.mp4?Expires=1'
    await recordings.recordFromWebhook({ ...event, call_recording: { ...(event.call_recording as object), url: expired } })
    expect((await storedRecordings(webinar.id))[0]!.url).toBe(expired)
    // The "processing" answer above was read from Stream a moment ago: an empty list is asked again within seconds.
    clockSkewMs = 11_000
    const ready = await replay().finally(() => {
      clockSkewMs = 0
    })
    expect(ready).toMatchObject({ status: 'ready', parts: [{ url: recording.url, startedAt: recording.start_time, endedAt: recording.end_time }] })
    expect((await storedRecordings(webinar.id))[0]!.url).toBe(recording.url)
  })

  it('is refused to a cancelled registration and to an unknown link', async () => {
    const webinar = await createWebinar('Refused replay')
    const fay = await register(webinar, 'Fay')
    await start(webinar)
    await end(webinar)
    await makeRecordingReady(webinar)
    expect((await testApp.app.inject({ method: 'GET', url: `/api/join/${fay.token}/replay` })).statusCode).toBe(200)

    expect((await testApp.app.inject({ method: 'POST', url: `/api/join/${fay.token}/cancel` })).statusCode).toBe(200)
    const cancelled = await testApp.app.inject({ method: 'GET', url: `/api/join/${fay.token}/replay` })
    expect(cancelled.statusCode).toBe(403)
    expect(cancelled.json().error).toMatchObject({ code: 'forbidden', message: 'This registration is cancelled: it cannot watch the replay.' })
    expect(cancelled.body).not.toContain('.mp4')

    const unknown = await testApp.app.inject({ method: 'GET', url: `/api/join/${'A'.repeat(43)}/replay` })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('not_found')
  })

  it('answers with what is known, and says why, when Stream cannot be asked', async () => {
    const webinar = await createWebinar('Stream down')
    await start(webinar)
    await end(webinar)
    const recording = await makeRecordingReady(webinar)
    await recordings.recordFromWebhook(await storedReadyEvent(recording.filename))
    testApp.emulator.injectFaults({ failNext: 1, status: 503 })
    const listed = await api<{ items: { url: string }[]; streamError: string | null }>('GET', `/api/webinars/${webinar.id}/recordings`)
    testApp.emulator.clearFaults()
    expect(listed.items.map((item) => item.url)).toEqual([recording.url])
    expect(listed.streamError).toMatch(/Stream refused to list the call’s recordings \(HTTP 503\)/)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestedRange } from '../../src/stream-emulator/recording-media.ts'
import type { StandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { streamCallers } from './stream-callers.ts'
import { startEmulatorWithReceiver } from './webhook-receiver.ts'

// A ready recording's URL serves what Stream's CDN serves: an MP4 file as long as the recording, in byte ranges
// (how a browser's <video> asks). The browser test e2e/replay.spec.ts plays it in Chromium.

const keys = { apiKey: 'recording-media-test-key', apiSecret: 'recording-media-test-secret-0123456789abcdef' }

let setup: Awaited<ReturnType<typeof startEmulatorWithReceiver>>
let stream: StandaloneStreamEmulator
let client: ReturnType<typeof streamCallers>['server']
beforeAll(async () => {
  setup = await startEmulatorWithReceiver(keys)
  stream = setup.stream
  client = streamCallers(keys, stream.url).server
  await client.upsertUsers([{ id: 'staff_1' }])
  await client.video.createCallType({ name: 'webinar', settings: { backstage: { enabled: true } } })
})
afterAll(() => setup.close())

/** The boxes at the top level of an ISO BMFF file, and the movie's duration in seconds (mvhd). */
function describeMp4(file: Buffer) {
  const boxes: string[] = []
  let durationSeconds = Number.NaN
  for (let offset = 0; offset < file.length; ) {
    const size = file.readUInt32BE(offset)
    const type = file.toString('latin1', offset + 4, offset + 8)
    boxes.push(type)
    if (type === 'moov') {
      const mvhd = file.indexOf('mvhd', offset, 'latin1')
      durationSeconds = file.readUInt32BE(mvhd + 20) / file.readUInt32BE(mvhd + 16)
    }
    offset += size
  }
  return { boxes, durationSeconds }
}

describe('a recording’s URL', () => {
  it('serves an MP4 of the recording’s length, whole or in byte ranges', async () => {
    const call = client.video.call('webinar', 'recorded')
    await call.getOrCreate({ data: { created_by_id: 'staff_1' } })
    const recording = stream.emulator.makeRecordingReady('webinar', 'recorded')
    const seconds = Math.round((Date.parse(recording.end_time) - Date.parse(recording.start_time)) / 1000)
    expect(recording.url).toMatch(/\.mp4$/)

    const whole = await fetch(recording.url)
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-type')).toBe('video/mp4')
    expect(whole.headers.get('accept-ranges')).toBe('bytes')
    const file = Buffer.from(await whole.arrayBuffer())
    expect(describeMp4(file)).toEqual({ boxes: ['ftyp', 'moov', 'mdat'], durationSeconds: seconds })
    // H.264 Constrained Baseline (avc1 with its parameter sets): what every browser plays.
    expect(file.includes('avc1', 0, 'latin1') && file.includes('avcC', 0, 'latin1')).toBe(true)

    const part = await fetch(recording.url, { headers: { range: 'bytes=100-199' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${file.length}`)
    expect(Buffer.from(await part.arrayBuffer())).toEqual(file.subarray(100, 200))

    const tail = await fetch(recording.url, { headers: { range: 'bytes=-10' } })
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(file.subarray(file.length - 10))
    const beyond = await fetch(recording.url, { headers: { range: `bytes=${file.length}-` } })
    expect(beyond.status).toBe(416)
    expect(beyond.headers.get('content-range')).toBe(`bytes */${file.length}`)
  })

  it('is a 404 for a file the call does not have, and once the call is deleted', async () => {
    const call = client.video.call('webinar', 'to_delete')
    await call.getOrCreate({ data: { created_by_id: 'staff_1' } })
    const recording = stream.emulator.makeRecordingReady('webinar', 'to_delete')
    expect((await fetch(recording.url.replace(/[^/]+\.mp4$/, 'other.mp4'))).status).toBe(404)
    await call.delete({ hard: true })
    expect((await fetch(recording.url)).status).toBe(404)
  })

  it('reads the Range header as media players send it', () => {
    expect(requestedRange(undefined, 1000)).toBe('whole')
    expect(requestedRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 })
    expect(requestedRange('bytes=990-2000', 1000)).toEqual({ start: 990, end: 999 })
    expect(requestedRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 })
    expect(requestedRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 })
    expect(requestedRange('bytes=5-4', 1000)).toBe('unsatisfiable')
    expect(requestedRange('bytes=1000-', 1000)).toBe('unsatisfiable')
    expect(requestedRange('bytes=0-1,5-6', 1000)).toBe('whole')
    expect(requestedRange('items=0-1', 1000)).toBe('whole')
  })
})

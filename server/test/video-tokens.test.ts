import jwt from 'jsonwebtoken'
import { describe, expect, it } from 'vitest'
import { createVideoService } from '../src/video/video-service.ts'

const apiSecret = 'token-test-secret'
const now = new Date('2031-06-01T10:00:00Z')
const video = createVideoService({ apiKey: 'k', apiSecret, timeoutMs: 1000, callType: 'webinar', clock: { now: () => now } })
const decode = (token: string) => jwt.verify(token, apiSecret, { algorithms: ['HS256'], clockTimestamp: now.getTime() / 1000 }) as Record<string, unknown>

describe('viewer tokens', () => {
  it('name one call, give the viewer role, and expire after the scheduled end', () => {
    const scheduledEnd = new Date('2031-06-01T12:00:00Z')
    const { token, expiresAt } = video.mintViewerToken({
      streamUserId: 'reg_123',
      ref: { callType: 'webinar', callId: 'wbn_a' },
      scheduledEnd,
      graceSeconds: 1800,
    })
    const claims = decode(token)
    expect(claims).toMatchObject({ user_id: 'reg_123', role: 'viewer', call_cids: ['webinar:wbn_a'] })
    expect(expiresAt.toISOString()).toBe('2031-06-01T12:30:00.000Z')
    expect((claims.exp as number) * 1000).toBeGreaterThan(scheduledEnd.getTime())
    expect(claims.iat as number).toBeLessThanOrEqual(now.getTime() / 1000)
  })

  it('cannot be verified with another secret', () => {
    const { token } = video.mintViewerToken({ streamUserId: 'reg_1', ref: { callType: 'webinar', callId: 'wbn_b' }, scheduledEnd: new Date('2031-06-01T11:00:00Z') })
    expect(() => jwt.verify(token, 'another-secret')).toThrow()
  })
})

import { createRequire } from 'node:module'
import { StreamClient } from '@stream-io/node-sdk'
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

describe('tokens are the ones the node-sdk would sign', () => {
  // The node-sdk signs (and Stream's examples verify) with jsonwebtoken: the copy it depends on, not ours.
  const sdkJwt = createRequire(createRequire(import.meta.url).resolve('@stream-io/node-sdk'))('jsonwebtoken') as typeof jwt
  const sdk = new StreamClient('k', apiSecret)
  const nowSeconds = now.getTime() / 1000
  const claimsStreamReads = ['user_id', 'iat', 'exp', 'call_cids', 'role']
  const decodeAsSdk = (token: string) => sdkJwt.verify(token, apiSecret, { algorithms: ['HS256'], clockTimestamp: nowSeconds }) as Record<string, unknown>

  const cases: { name: string; ours: { token: string; expiresAt: Date }; sdkToken: (claims: Record<string, unknown>) => string }[] = [
    {
      name: 'viewer (call token, role viewer)',
      ours: video.mintViewerToken({ streamUserId: 'reg_9f', ref: { callType: 'webinar', callId: 'wbn_c' }, scheduledEnd: new Date('2031-06-01T11:00:00Z') }),
      sdkToken: (claims) => sdk.generateCallToken({ user_id: 'reg_9f', call_cids: ['webinar:wbn_c'], role: 'viewer', iat: claims.iat as number, exp: claims.exp as number }),
    },
    {
      name: 'host (call token, role host)',
      ours: video.mintHostToken({ streamUserId: 'staff_1', ref: { callType: 'webinar', callId: 'wbn_d' } }),
      sdkToken: (claims) => sdk.generateCallToken({ user_id: 'staff_1', call_cids: ['webinar:wbn_d'], role: 'host', iat: claims.iat as number, exp: claims.exp as number }),
    },
    {
      name: 'speaker (user token, no role)',
      ours: video.mintSpeakerToken({ streamUserId: 'speaker_é"\\', validitySeconds: 600 }),
      sdkToken: (claims) => sdk.generateUserToken({ user_id: 'speaker_é"\\', iat: claims.iat as number, exp: claims.exp as number }),
    },
  ]

  it.each(cases)('$name: accepted by the node-sdk’s jsonwebtoken, the same claims, the same bytes', ({ ours, sdkToken }) => {
    const claims = decodeAsSdk(ours.token)
    const sdkClaims = decodeAsSdk(sdkToken(claims))
    // Field by field, then nothing else on either side.
    for (const field of claimsStreamReads) expect(claims[field], field).toEqual(sdkClaims[field])
    expect(Object.keys(claims).sort()).toEqual(Object.keys(sdkClaims).sort())
    expect(Object.keys(claims).every((field) => claimsStreamReads.includes(field))).toBe(true)
    expect(sdkJwt.decode(ours.token, { complete: true })?.header).toEqual({ alg: 'HS256', typ: 'JWT' })
    expect(ours.token).toBe(sdkToken(claims))
    expect(ours.expiresAt.getTime()).toBe((claims.exp as number) * 1000)
    expect(() => sdkJwt.verify(ours.token, 'another-secret')).toThrow()
  })
})

import { createHmac, timingSafeEqual } from 'node:crypto'
import { streamTestKeys, type TestApp } from '../../server/test/support/test-app.ts'

// Asking the Stream emulator directly, as any Stream client would (its REST API with a server token), and reading
// Stream tokens: what the tests check the app's answers against, without going through the app's own code.

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url')

function sign(content: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(content).digest()
}

/** An HS256 JWT of `claims`, signed with the test app's Stream secret. */
export function signStreamToken(claims: Record<string, unknown>, secret = streamTestKeys.apiSecret): string {
  const content = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`
  return `${content}.${base64url(sign(content, secret))}`
}

/** The claims of a Stream token, once its HS256 signature checks out with `secret`; throws otherwise. */
export function verifyStreamToken(token: string, secret = streamTestKeys.apiSecret): Record<string, unknown> {
  const [header, payload, signature] = token.split('.')
  if (!header || !payload || !signature) throw new Error('not a JWT')
  if ((JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string }).alg !== 'HS256') throw new Error('not signed with HS256')
  const expected = sign(`${header}.${payload}`, secret)
  const actual = Buffer.from(signature, 'base64url')
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new Error('the signature does not match the secret')
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
}

export interface StreamCall {
  cid: string
  backstage: boolean
  ingress: { rtmp: { address: string } }
}

/** `GET /api/v2/video/call/{type}/{id}` on the test app's emulator, as Stream's own SDKs send it. */
export async function getStreamCall(testApp: TestApp, type: string, id: string): Promise<StreamCall> {
  const response = await fetch(`${testApp.streamUrl}/api/v2/video/call/${type}/${id}?api_key=${streamTestKeys.apiKey}`, {
    headers: { authorization: signStreamToken({ server: true }), 'stream-auth-type': 'jwt' },
  })
  if (!response.ok) throw new Error(`GET call ${type}:${id}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { call: StreamCall }).call
}

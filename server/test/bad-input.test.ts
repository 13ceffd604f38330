import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'

let testApp: TestApp
beforeAll(async () => {
  testApp = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' } })
})
afterAll(() => testApp.close())

const post = (payload: string, contentType = 'application/json') =>
  testApp.app.inject({ method: 'POST', url: '/api/setup', payload, headers: { 'content-type': contentType } })

describe('bad input gets a clear 4xx in the error shape, never a 500', () => {
  it('malformed JSON', async () => {
    const response = await post('{"email": ')
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'bad_request', message: 'The body is not valid JSON.' })
    expect(response.json().error.requestId).toBeTruthy()
  })

  it('missing fields are listed field by field', async () => {
    const response = await post('{}')
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('validation_failed')
    expect(response.json().error.fields).toEqual({ email: 'is required', name: 'is required', password: 'is required' })
  })

  it('wrong types are not coerced', async () => {
    const response = await post(JSON.stringify({ email: 'a@example.com', name: 42, password: 1234567890123 }))
    expect(response.statusCode).toBe(400)
    expect(Object.keys(response.json().error.fields).sort()).toEqual(['name', 'password'])
  })

  it('bad formats and lengths say what is expected', async () => {
    const response = await post(JSON.stringify({ email: 'not-an-email', name: 'N', password: 'short' }))
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields.email).toBe('must be a valid e-mail address')
    expect(response.json().error.fields.password).toMatch(/10/)
  })

  it('unknown fields are refused rather than silently dropped', async () => {
    const response = await post(JSON.stringify({ email: 'a@example.com', name: 'N', password: 'long enough pass', isAdmin: true }))
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields).toEqual({ isAdmin: 'is not a known field' })
  })

  it('oversized bodies get 413 in the error shape', async () => {
    const response = await post(JSON.stringify({ email: 'a@example.com', name: 'x'.repeat(5000), password: 'long enough pass' }))
    expect(response.statusCode).toBe(413)
    expect(response.json().error.code).toBe('payload_too_large')
  })

  it('a non-JSON content type is refused', async () => {
    const form = await post('email=a@example.com', 'application/x-www-form-urlencoded')
    expect(form.statusCode).toBe(415)
    expect(form.json().error.code).toBe('unsupported_media_type')
    const text = await post('{"email":"a@example.com"}', 'text/plain')
    expect(text.statusCode).toBe(400)
  })

  it('bad path parameters are a 400, unknown ids a 404', async () => {
    const { app } = testApp
    const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { email: 'o@example.com', name: 'O', password: 'long enough pass' } })
    const cookie = `session=${setup.cookies.find((candidate) => candidate.name === 'session')!.value}`
    const headers = { cookie, 'x-requested-with': 'webinar-app' }
    const badId = await app.inject({ method: 'DELETE', url: '/api/users/not-a-uuid', headers })
    expect(badId.statusCode).toBe(400)
    expect(badId.json().error.fields).toHaveProperty(['params.id'])
    const unknown = await app.inject({ method: 'DELETE', url: '/api/users/00000000-0000-4000-8000-000000000000', headers })
    expect(unknown.statusCode).toBe(404)
  })

  it('unknown API paths are a JSON 404', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.json().error.code).toBe('not_found')
  })
})

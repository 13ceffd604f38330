import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'

let testApp: TestApp
beforeAll(async () => {
  testApp = await createTestApp()
})
afterAll(() => testApp.close())

describe('health, readiness and docs', () => {
  it('is alive and ready once migrations are applied', async () => {
    const { app } = testApp
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' })
    const ready = await app.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json().status).toBe('ready')
    expect(ready.json().migrations.applied).toBe(ready.json().migrations.expected)
  })

  it('is not ready when migrations are missing', async () => {
    const { app, database } = testApp
    await database.pool.query('delete from drizzle.__drizzle_migrations')
    const ready = await app.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(503)
    expect(ready.json()).toMatchObject({ status: 'not_ready', database: true })
  })

  it('publishes an OpenAPI document generated from the shared schemas', async () => {
    const { app } = testApp
    const response = await app.inject({ method: 'GET', url: '/docs/json' })
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.openapi).toMatch(/^3\./)
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/setup', '/api/auth/login', '/api/users', '/api/api-keys/{id}']))
    expect(document.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'role']),
    )
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400)
  })

  it('sets security headers and request ids', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-me' } })
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    const policy = String(response.headers['content-security-policy'])
    expect(policy).toContain("default-src 'self'")
    expect(policy).toContain("script-src 'self';")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("object-src 'none'")
    // Only the SPA's origin and Stream's hosts: no blanket https:/wss: that would let injected code post anywhere.
    expect(policy).toMatch(/connect-src 'self' https:\/\/video\.stream-io-api\.com wss:\/\/video\.stream-io-api\.com/)
    expect(policy).not.toMatch(/ (https|wss):( |;|$)/)
    expect(response.headers['referrer-policy']).toBe('no-referrer')
    // Served over plain http here: nothing that would make a browser insist on https.
    expect(response.headers['strict-transport-security']).toBeUndefined()
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')
    const failed = await testApp.app.inject({ method: 'GET', url: '/api/missing', headers: { 'x-request-id': 'trace-me' } })
    expect(failed.json().error.requestId).toBe('trace-me')
  })
})

describe('behind HTTPS', () => {
  it('asks browsers to keep to https', async () => {
    const secure = await createTestApp({ env: { PUBLIC_URL: 'https://webinars.example.com' } })
    try {
      const response = await secure.app.inject({ method: 'GET', url: '/healthz' })
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/)
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests')
    } finally {
      await secure.close()
    }
  })
})

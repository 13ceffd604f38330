import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, csrfHeaders, sessionCookieOf, setUpOwner, type TestApp } from './support/test-app.ts'

let testApp: TestApp
let ownerCookie: string
beforeAll(async () => {
  testApp = await createTestApp()
  ownerCookie = await setUpOwner(testApp.app)
})
afterAll(() => testApp.close())

const asOwner = () => ({ cookie: ownerCookie, ...csrfHeaders })

describe('staff accounts', () => {
  it('lets the owner create an admin and a host; e-mails are unique in any case', async () => {
    const { app } = testApp
    const admin = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: asOwner(),
      payload: { email: 'Ada@Example.com', name: 'Ada Admin', password: 'admin password 1', role: 'admin' },
    })
    expect(admin.statusCode).toBe(201)
    expect(admin.json()).toMatchObject({ role: 'admin', name: 'Ada Admin' })
    expect(admin.json()).not.toHaveProperty('passwordHash')

    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: asOwner(),
      payload: { email: 'ada@example.COM', name: 'Other', password: 'admin password 1', role: 'host' },
    })
    expect(duplicate.statusCode).toBe(409)

    const adminLogin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ada@example.com', password: 'admin password 1' } })
    const host = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: sessionCookieOf(adminLogin), ...csrfHeaders },
      payload: { email: 'hugo@example.com', name: 'Hugo Host', password: 'host password 1', role: 'host' },
    })
    expect(host.statusCode).toBe(201)

    const list = await app.inject({ method: 'GET', url: '/api/users', headers: asOwner() })
    expect(list.json().items.map((user: { role: string }) => user.role)).toEqual(['owner', 'admin', 'host'])
  })

  it('does not let a host manage staff, nor anyone create an owner', async () => {
    const { app } = testApp
    const hostLogin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'hugo@example.com', password: 'host password 1' } })
    const hostList = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: sessionCookieOf(hostLogin) } })
    expect(hostList.statusCode).toBe(403)
    expect(hostList.json().error.code).toBe('forbidden')

    const owner2 = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: asOwner(),
      payload: { email: 'o2@example.com', name: 'O2', password: 'owner password 1', role: 'owner' },
    })
    expect(owner2.statusCode).toBe(400)
  })

  it('refuses a cookie-authenticated change without the CSRF header', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: ownerCookie },
      payload: { email: 'csrf@example.com', name: 'C', password: 'some password 1', role: 'host' },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json().error.message).toMatch(/x-requested-with/)
  })
})

describe('API keys', () => {
  it('shows the secret once, authenticates admin routes with it, and stops working once revoked', async () => {
    const { app, database } = testApp
    const created = await app.inject({ method: 'POST', url: '/api/api-keys', headers: asOwner(), payload: { name: 'CRM sync' } })
    expect(created.statusCode).toBe(201)
    const { secret, apiKey } = created.json()
    expect(secret).toMatch(/^wbk_/)
    expect(secret.startsWith(apiKey.prefix)).toBe(true)

    const { rows } = await database.pool.query('select secret_hash from api_keys where id = $1', [apiKey.id])
    expect(rows[0].secret_hash).not.toContain(secret)
    expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/)

    const list = await app.inject({ method: 'GET', url: '/api/api-keys', headers: asOwner() })
    expect(list.json().items).toHaveLength(1)
    expect(JSON.stringify(list.json())).not.toContain(secret)

    const bearer = { authorization: `Bearer ${secret}` }
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: bearer })
    expect(me.json()).toMatchObject({ via: 'api_key', user: { role: 'owner' } })
    // Integrators do not need the browser's CSRF header.
    const createdUser = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: bearer,
      payload: { email: 'via-key@example.com', name: 'Key User', password: 'some password 1', role: 'host' },
    })
    expect(createdUser.statusCode).toBe(201)
    const afterUse = await app.inject({ method: 'GET', url: '/api/api-keys', headers: asOwner() })
    expect(afterUse.json().items[0].lastUsedAt).not.toBeNull()

    const revoked = await app.inject({ method: 'DELETE', url: `/api/api-keys/${apiKey.id}`, headers: asOwner() })
    expect(revoked.statusCode).toBe(204)
    const refused = await app.inject({ method: 'GET', url: '/api/users', headers: bearer })
    expect(refused.statusCode).toBe(401)
    expect(refused.json().error.message).toMatch(/revoked/)
    const again = await app.inject({ method: 'DELETE', url: `/api/api-keys/${apiKey.id}`, headers: asOwner() })
    expect(again.statusCode).toBe(404)
  })

  it('refuses malformed keys and authorization headers with 401', async () => {
    const { app } = testApp
    for (const authorization of ['Bearer nonsense', 'Bearer wbk_' + 'a'.repeat(43), 'Basic abc', 'Bearer']) {
      const response = await app.inject({ method: 'GET', url: '/api/users', headers: { authorization } })
      expect(response.statusCode, authorization).toBe(401)
      expect(response.json().error.code).toBe('unauthenticated')
    }
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, csrfHeaders, owner, sessionCookieOf, type TestApp } from './support/test-app.ts'

let testApp: TestApp
beforeAll(async () => {
  testApp = await createTestApp({ env: { LOGIN_ATTEMPTS_PER_15_MINUTES: '3' } })
})
afterAll(() => testApp.close())

describe('first-run set-up', () => {
  it('says set-up is needed, creates exactly one owner under concurrency, then refuses with 409', async () => {
    const { app } = testApp
    expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needsSetup: true })

    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        app.inject({ method: 'POST', url: '/api/setup', payload: { ...owner, email: index === 0 ? owner.email : `other${index}@example.com` } }),
      ),
    )
    const statuses = attempts.map((response) => response.statusCode).sort()
    expect(statuses.filter((status) => status === 201)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(7)
    const conflictBody = attempts.find((response) => response.statusCode === 409)!.json()
    expect(conflictBody.error.code).toBe('conflict')

    const created = attempts.find((response) => response.statusCode === 201)!
    expect(created.json().user.role).toBe('owner')
    const cookie = created.cookies.find((candidate) => candidate.name === 'session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needsSetup: false })
  })
})

describe('sign-in', () => {
  it('signs in with the right password, in any e-mail case, and /api/me tells who it is', async () => {
    const { app } = testApp
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'OLIVE-X@example.com', password: 'x' } })
    expect(login.statusCode).toBe(401)

    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: (await firstOwnerEmail()).toUpperCase(), password: owner.password },
    })
    expect(ok.statusCode).toBe(200)
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionCookieOf(ok) } })
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({ user: { role: 'owner' }, via: 'session' })
  })

  it('gives the same 401 for a wrong password and an unknown e-mail, without saying which', async () => {
    const { app } = testApp
    const wrongPassword = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: await firstOwnerEmail(), password: 'not the password' },
    })
    const unknownEmail = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.com', password: 'whatever' } })
    expect(wrongPassword.statusCode).toBe(401)
    expect(unknownEmail.statusCode).toBe(401)
    expect(wrongPassword.json().error.message).toBe(unknownEmail.json().error.message)
    expect(wrongPassword.json().error.code).toBe('invalid_credentials')
  })

  it('rate-limits sign-in attempts per e-mail address and client', async () => {
    const { app } = testApp
    const attempt = () =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'target@example.com', password: 'guess' } })
    const statuses: number[] = []
    for (let index = 0; index < 5; index++) statuses.push((await attempt()).statusCode)
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401])
    expect(statuses.slice(3)).toEqual([429, 429])
    const limited = await attempt()
    expect(limited.json().error).toMatchObject({ code: 'rate_limited' })
    expect(limited.json().error.message).toMatch(/Too many sign-in attempts/)
  })

  it('does not let someone else’s failed attempts lock the owner out', async () => {
    const { app } = testApp
    // Set-up raced several owners in; whichever won is the owner.
    const email = await firstOwnerEmail()
    const fromAttacker = () =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.7', payload: { email, password: 'not it' } })
    const statuses: number[] = []
    for (let index = 0; index < 4; index++) statuses.push((await fromAttacker()).statusCode)
    expect(statuses).toEqual([401, 401, 401, 429])
    const fromOwner = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.20', payload: { email, password: owner.password } })
    expect(fromOwner.statusCode, fromOwner.body).toBe(200)
  })

  it('refuses /api/me without a session or with a forged one', async () => {
    const { app } = testApp
    expect((await app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401)
    const forged = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'session=eyJhbGciOiJIUzI1NiJ9.e30.forged' } })
    expect(forged.statusCode).toBe(401)
    expect(forged.json().error.code).toBe('unauthenticated')
  })

  it('logs out by clearing the cookie', async () => {
    const { app } = testApp
    const response = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: csrfHeaders })
    expect(response.statusCode).toBe(204)
    const cleared = response.cookies.find((candidate) => candidate.name === 'session')!
    expect(cleared.value).toBe('')
  })
})

async function firstOwnerEmail(): Promise<string> {
  const { rows } = await testApp.database.pool.query<{ email: string }>(`select email from users where role = 'owner'`)
  return rows[0]!.email
}

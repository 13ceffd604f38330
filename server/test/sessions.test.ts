import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEventStream } from './support/sse-client.ts'
import { waitFor } from './support/wait-for.ts'
import { createTestApp, csrfHeaders, owner, sessionCookieOf, setUpOwner, type TestApp } from './support/test-app.ts'

// A session is a row, named by the cookie's JWT: signing out, changing the password and removing the user end
// sessions on the server, so a copied cookie stops working then rather than after its seven days.

let testApp: TestApp
let ownerCookie: string
beforeAll(async () => {
  testApp = await createTestApp()
  ownerCookie = await setUpOwner(testApp.app)
})
afterAll(() => testApp.close())

describe('sessions end on the server', () => {
  const me = (cookie: string) => testApp.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })
  const signIn = async (email: string, password: string) => {
    const response = await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
    expect(response.statusCode, response.body).toBe(200)
    return sessionCookieOf(response)
  }
  const changePassword = (cookie: string, payload: object, headers: Record<string, string> = csrfHeaders) =>
    testApp.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie, ...headers }, payload })
  const host = { email: 'hal.host@example.com', name: 'Hal Host', password: 'hosting is fun 1' }

  beforeAll(async () => {
    const created = await testApp.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: ownerCookie, ...csrfHeaders }, payload: { ...host, role: 'host' } })
    expect(created.statusCode, created.body).toBe(201)
  })

  it('refuses a copied cookie once its session has signed out, and keeps the other sessions', async () => {
    const laptop = await signIn(host.email, host.password)
    const phone = await signIn(host.email, host.password)
    const copied = laptop
    expect((await me(copied)).statusCode).toBe(200)

    const logout = await testApp.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: laptop, ...csrfHeaders } })
    expect(logout.statusCode).toBe(204)
    expect(logout.cookies.find((candidate) => candidate.name === 'session')!.value).toBe('')

    const replayed = await me(copied)
    expect(replayed.statusCode).toBe(401)
    expect(replayed.json().error).toMatchObject({ code: 'unauthenticated', message: 'Your session has ended. Sign in again.' })
    expect((await me(phone)).statusCode).toBe(200)
  })

  it('ends a host’s open room event stream when that session signs out, and leaves the other session’s open', async () => {
    const laptop = await signIn(host.email, host.password)
    const phone = await signIn(host.email, host.password)
    const created = await testApp.app.inject({
      method: 'POST',
      url: '/api/webinars',
      headers: { cookie: laptop, ...csrfHeaders },
      payload: { title: 'Signed-out stream', startTime: new Date(Date.now() + 3600_000).toISOString(), timezone: 'UTC', durationMinutes: 60 },
    })
    expect(created.statusCode, created.body).toBe(201)
    const eventsUrl = `${testApp.url}/api/rooms/${created.json().id}/events`
    const onLaptop = openEventStream(eventsUrl, { cookie: laptop })
    const onPhone = openEventStream(eventsUrl, { cookie: phone })
    await Promise.all([onLaptop.ready, onPhone.ready])
    let laptopEndedAt: number | undefined
    void onLaptop.ended.then(() => (laptopEndedAt = Date.now()))

    const signedOutAt = Date.now()
    expect((await testApp.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: laptop, ...csrfHeaders } })).statusCode).toBe(204)
    await waitFor(async () => laptopEndedAt, 8000)
    expect(laptopEndedAt! - signedOutAt).toBeLessThan(7000)
    // The phone's session is still open: its stream carries on.
    const stillOpen = await Promise.race([onPhone.ended.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 200))])
    expect(stillOpen).toBe(true)
    await onPhone.close()
  })

  it('refuses to sign out without the CSRF header (a cross-site form), and the session goes on', async () => {
    const cookie = await signIn(host.email, host.password)
    const crossSite = await testApp.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })
    expect(crossSite.statusCode).toBe(403)
    expect(crossSite.json().error.code).toBe('forbidden')
    expect(crossSite.cookies.find((candidate) => candidate.name === 'session')).toBeUndefined()
    expect((await me(cookie)).statusCode).toBe(200)
  })

  it('ends every session of the account on a password change; the browser that changed it gets a fresh cookie', async () => {
    const changing = await signIn(host.email, host.password)
    const other = await signIn(host.email, host.password)

    const wrong = await changePassword(changing, { currentPassword: 'not my password', newPassword: 'a brand new password' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().error).toMatchObject({ code: 'validation_failed', fields: { currentPassword: 'is not right' } })
    const tooShort = await changePassword(changing, { currentPassword: host.password, newPassword: 'short' })
    expect(tooShort.statusCode).toBe(400)
    expect(tooShort.json().error.fields).toHaveProperty('newPassword')
    const withoutCsrf = await changePassword(changing, { currentPassword: host.password, newPassword: 'a brand new password' }, {})
    expect(withoutCsrf.statusCode).toBe(403)
    expect((await me(other)).statusCode).toBe(200)

    const changed = await changePassword(changing, { currentPassword: host.password, newPassword: 'a brand new password' })
    expect(changed.statusCode, changed.body).toBe(204)
    const fresh = sessionCookieOf(changed)
    expect(fresh).not.toBe(changing)

    expect((await me(other)).statusCode).toBe(401)
    // The changing session's old cookie is over too: a copy of it (often the reason to change a password) is refused.
    expect((await me(changing)).statusCode).toBe(401)
    expect((await me(fresh)).statusCode).toBe(200)

    const oldPassword = await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: host.email, password: host.password } })
    expect(oldPassword.statusCode).toBe(401)
    expect((await me(await signIn(host.email, 'a brand new password'))).statusCode).toBe(200)
    host.password = 'a brand new password'
  })

  it('changes passwords only in a browser session, not with an API key', async () => {
    const key = await testApp.app.inject({ method: 'POST', url: '/api/api-keys', headers: { cookie: ownerCookie, ...csrfHeaders }, payload: { name: 'CI' } })
    expect(key.statusCode, key.body).toBe(201)
    const withKey = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { authorization: `Bearer ${key.json().secret}` },
      payload: { currentPassword: owner.password, newPassword: 'changed by a key holder' },
    })
    expect(withKey.statusCode).toBe(403)
    expect((await me(ownerCookie)).statusCode).toBe(200)
  })

  it('ends the sessions of a removed user', async () => {
    const temp = { email: 'tim.temp@example.com', name: 'Tim Temp', password: 'temporary pass 1' }
    const created = await testApp.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: ownerCookie, ...csrfHeaders }, payload: { ...temp, role: 'admin' } })
    expect(created.statusCode).toBe(201)
    const tempCookie = await signIn(temp.email, temp.password)
    expect((await me(tempCookie)).statusCode).toBe(200)

    const removed = await testApp.app.inject({ method: 'DELETE', url: `/api/users/${created.json().id}`, headers: { cookie: ownerCookie, ...csrfHeaders } })
    expect(removed.statusCode).toBe(204)
    expect((await me(tempCookie)).statusCode).toBe(401)
    const { rows } = await testApp.database.pool.query('select 1 from sessions where user_id = $1', [created.json().id])
    expect(rows).toHaveLength(0)
  })

  it('refuses a cookie signed before sessions had rows (no session id in it)', async () => {
    const { rows } = await testApp.database.pool.query<{ id: string }>(`select id from users where role = 'owner'`)
    const legacy = await testApp.app.jwt.sign({ sub: rows[0]!.id })
    expect((await me(`session=${legacy}`)).statusCode).toBe(401)
  })
})

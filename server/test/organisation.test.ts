import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailTransport } from '../src/email/mail-transport.ts'
import { startSmtpServer, type SmtpTestServer } from './support/smtp-test-server.ts'
import { createTestApp, csrfHeaders, sessionCookieOf, setUpOwner, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// Settings → Organisation: the name, accent colour, logo and mail sender, who may change them, what the public
// sees of them, and that mail (rendered and sent) carries them. A real SMTP server receives the mail.

let smtp: SmtpTestServer
let mailer: ReturnType<typeof createMailTransport>
let testApp: TestApp
let owner: Record<string, string>
let admin: Record<string, string>
let host: Record<string, string>
let adminKey: Record<string, string>

/** A 1×1 transparent PNG, and the first bytes of the other formats (the server sniffs nothing more). */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(14)])
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1')

const defaultMailFrom = 'Webinars <webinars@example.com>'

beforeAll(async () => {
  smtp = await startSmtpServer()
  mailer = createMailTransport(smtp.url, { from: defaultMailFrom, timeoutMs: 3000 })
  testApp = await createTestApp({ mailer, env: { ORGANISATION_NAME: 'Configured Name' } })
  owner = { cookie: await setUpOwner(testApp.app), ...csrfHeaders }
  const staff = async (role: 'admin' | 'host', email: string) => {
    const created = await testApp.app.inject({ method: 'POST', url: '/api/users', headers: owner, payload: { email, name: role, password: `${role} password 1`, role } })
    expect(created.statusCode, created.body).toBe(201)
    const signedIn = await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: `${role} password 1` } })
    return { cookie: sessionCookieOf(signedIn), ...csrfHeaders }
  }
  admin = await staff('admin', 'admin@example.com')
  host = await staff('host', 'host@example.com')
  const key = await testApp.app.inject({ method: 'POST', url: '/api/api-keys', headers: admin, payload: { name: 'integration' } })
  adminKey = { authorization: `Bearer ${key.json().secret}` }
})
afterAll(async () => {
  await testApp.close()
  await mailer.close()
  await smtp.close()
})

const put = (headers: Record<string, string>, payload: object) => testApp.app.inject({ method: 'PUT', url: '/api/organisation', headers, payload })
const putLogo = (headers: Record<string, string>, bytes: Buffer | string) =>
  testApp.app.inject({ method: 'PUT', url: '/api/organisation/logo', headers, payload: { imageBase64: typeof bytes === 'string' ? bytes : bytes.toString('base64') } })
const validSettings = { name: 'Acme Events', accentColour: '#0F766E', mailFromName: 'Acme Webinars', mailFromAddress: 'events@acme.example' }
const publicBranding = async () => {
  const response = await testApp.app.inject({ method: 'GET', url: '/api/public/branding' })
  expect(response.statusCode).toBe(200)
  return response.json()
}

describe('before anything is saved', () => {
  it('applies the configuration: ORGANISATION_NAME, the indigo accent, no logo, MAIL_FROM', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/organisation', headers: host })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      name: 'Configured Name',
      accentColour: '#4f46e5',
      hasLogo: false,
      logoUrl: null,
      mailFromName: null,
      mailFromAddress: null,
      defaultMailFrom: 'Webinars <webinars@localhost>',
      isMailConfigured: true,
      updatedAt: null,
    })
    expect(await publicBranding()).toEqual({ name: 'Configured Name', accentColour: '#4f46e5', logoUrl: null })
    const logo = await testApp.app.inject({ method: 'GET', url: '/api/public/branding/logo' })
    expect(logo.statusCode).toBe(404)
    expect(logo.json().error.code).toBe('not_found')
  })
})

describe('who may read and change the settings', () => {
  it('lets every staff member read them, and nobody without an account', async () => {
    for (const headers of [owner, admin, host, adminKey]) {
      expect((await testApp.app.inject({ method: 'GET', url: '/api/organisation', headers })).statusCode).toBe(200)
    }
    const anonymous = await testApp.app.inject({ method: 'GET', url: '/api/organisation' })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json().error.code).toBe('unauthenticated')
  })

  it('refuses hosts every change, before looking at the body', async () => {
    for (const response of [
      await put(host, validSettings),
      await put(host, { name: '' }),
      await putLogo(host, png),
      await testApp.app.inject({ method: 'DELETE', url: '/api/organisation/logo', headers: host }),
    ]) {
      expect(response.statusCode).toBe(403)
      expect(response.json().error.code).toBe('forbidden')
    }
    expect((await publicBranding()).name).toBe('Configured Name')
  })

  it('refuses changes without an account, or from a session without the CSRF header', async () => {
    expect((await put({}, validSettings)).statusCode).toBe(401)
    expect((await putLogo({}, png)).statusCode).toBe(401)
    expect((await testApp.app.inject({ method: 'DELETE', url: '/api/organisation/logo' })).statusCode).toBe(401)
    expect((await put({ cookie: admin.cookie! }, validSettings)).statusCode).toBe(403)
  })
})

describe('the logo', () => {
  it('can come first: the settings row starts with the configured defaults', async () => {
    const response = await putLogo(admin, png)
    expect(response.statusCode, response.body).toBe(200)
    const settings = response.json()
    expect(settings).toMatchObject({ name: 'Configured Name', accentColour: '#4f46e5', hasLogo: true, mailFromName: null, mailFromAddress: null })
    expect(settings.logoUrl).toMatch(/^\/api\/public\/branding\/logo\?v=\d+$/)
    expect((await publicBranding()).logoUrl).toBe(settings.logoUrl)
  })

  it('is served to anyone as the image it is, cached, never sniffed into something else', async () => {
    const { logoUrl } = await publicBranding()
    const response = await testApp.app.inject({ method: 'GET', url: logoUrl })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('image/png')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['cache-control']).toBe('public, max-age=3600')
    expect(response.rawPayload.equals(png)).toBe(true)
  })

  it('takes JPEG and WebP, told by their first bytes, and gets a new address with each', async () => {
    let previousUrl = (await publicBranding()).logoUrl
    for (const [bytes, type] of [
      [jpeg, 'image/jpeg'],
      [webp, 'image/webp'],
      [png, 'image/png'],
    ] as const) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      const response = await putLogo(owner, bytes)
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().logoUrl).not.toBe(previousUrl)
      previousUrl = response.json().logoUrl
      const served = await testApp.app.inject({ method: 'GET', url: '/api/public/branding/logo' })
      expect(served.headers['content-type']).toBe(type)
      expect(served.rawPayload.equals(bytes)).toBe(true)
    }
  })

  it('refuses SVG and anything else that is no PNG, JPEG or WebP, at its field', async () => {
    for (const bytes of [svg, gif, Buffer.from('just some text, not an image')]) {
      const response = await putLogo(admin, bytes)
      expect(response.statusCode).toBe(415)
      expect(response.json().error).toMatchObject({ code: 'unsupported_media_type', fields: { imageBase64: 'is not a PNG, JPEG or WebP image' } })
    }
    const served = await testApp.app.inject({ method: 'GET', url: '/api/public/branding/logo' })
    expect(served.headers['content-type']).toBe('image/png')
  })

  it('refuses what is not base64, or more than 256 KB, with a field error', async () => {
    const notBase64 = await putLogo(admin, '<svg onload=alert(1)>')
    expect(notBase64.statusCode).toBe(400)
    expect(notBase64.json().error.code).toBe('validation_failed')
    expect(Object.keys(notBase64.json().error.fields)).toEqual(['imageBase64'])

    // Just over: the base64 is as long as the schema allows, the bytes two more than 256 KB.
    const justOver = await putLogo(admin, Buffer.concat([png, Buffer.alloc(256 * 1024 + 2 - png.length)]))
    expect(justOver.statusCode).toBe(400)
    expect(justOver.json().error.fields).toEqual({ imageBase64: 'is larger than 256 KB' })
    const farOver = await putLogo(admin, Buffer.concat([png, Buffer.alloc(300 * 1024)]))
    expect(farOver.statusCode).toBe(400)
    expect(farOver.json().error.code).toBe('validation_failed')
    expect(Object.keys(farOver.json().error.fields)).toEqual(['imageBase64'])

    const exactly = await putLogo(admin, Buffer.concat([png, Buffer.alloc(256 * 1024 - png.length)]))
    expect(exactly.statusCode, exactly.body).toBe(200)
    const missing = await testApp.app.inject({ method: 'PUT', url: '/api/organisation/logo', headers: admin, payload: {} })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.fields).toEqual({ imageBase64: 'is required' })
  })

  it('can be removed, after which the public pages show none', async () => {
    const response = await testApp.app.inject({ method: 'DELETE', url: '/api/organisation/logo', headers: adminKey })
    expect(response.statusCode).toBe(204)
    expect((await publicBranding()).logoUrl).toBeNull()
    expect((await testApp.app.inject({ method: 'GET', url: '/api/public/branding/logo' })).statusCode).toBe(404)
    const settings = await testApp.app.inject({ method: 'GET', url: '/api/organisation', headers: owner })
    expect(settings.json()).toMatchObject({ hasLogo: false, logoUrl: null })
    // Removing it again changes nothing and is no error.
    expect((await testApp.app.inject({ method: 'DELETE', url: '/api/organisation/logo', headers: owner })).statusCode).toBe(204)
  })
})

describe('name, accent colour and mail sender', () => {
  it('refuses bad input field by field', async () => {
    const cases: [object, string, RegExp][] = [
      [{ ...validSettings, name: '' }, 'name', /fewer than 1 characters/],
      [{ ...validSettings, name: 'x'.repeat(101) }, 'name', /more than 100 characters/],
      [{ ...validSettings, name: 'Two\nlines' }, 'name', /one line/],
      [{ ...validSettings, name: 'Tab\tbed' }, 'name', /one line/],
      [{ ...validSettings, name: '   ' }, 'name', /must not be empty/],
      [{ ...validSettings, accentColour: 'red' }, 'accentColour', /pattern/],
      [{ ...validSettings, accentColour: '#12345' }, 'accentColour', /pattern/],
      [{ ...validSettings, mailFromAddress: 'not-an-address' }, 'mailFromAddress', /e-mail address/],
      [{ ...validSettings, mailFromName: 'x'.repeat(101) }, 'mailFromName', /more than 100 characters/],
      [{ ...validSettings, mailFromName: 'Evil\r\nBcc: everyone@example.com' }, 'mailFromName', /one line/],
      [{ name: 'Acme', accentColour: '#0f766e' }, 'mailFromName', /required/],
      [{ ...validSettings, logo: 'x' }, 'logo', /not a known field/],
    ]
    for (const [payload, field, message] of cases) {
      const response = await put(admin, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
      expect(response.json().error.fields?.[field], JSON.stringify(response.json().error)).toMatch(message)
    }
    expect((await publicBranding()).name).toBe('Configured Name')
  })

  it('refuses an accent white text is hard to read on (under 4.5:1), and takes one just dark enough', async () => {
    for (const accentColour of ['#ffff00', '#a5b4fc', '#777777']) {
      const response = await put(owner, { ...validSettings, accentColour })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.message).toMatch(/contrast of \d\.\d\d:1.*at least 4\.5:1/)
      expect(response.json().error.fields.accentColour).toMatch(/too light/)
    }
    // #767676 is the lightest grey with 4.5:1 against white (4.54:1).
    expect((await put(owner, { ...validSettings, accentColour: '#767676' })).statusCode).toBe(200)
  })

  it('saves them (trimmed, the colour in lower case, blanks as unset) and the public pages show them', async () => {
    const response = await put(admin, { ...validSettings, name: '  Acme Events  ', mailFromName: '  ' })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ name: 'Acme Events', accentColour: '#0f766e', mailFromName: null, mailFromAddress: 'events@acme.example' })
    expect(response.json().updatedAt).toEqual(expect.any(String))
    expect(await publicBranding()).toEqual({ name: 'Acme Events', accentColour: '#0f766e', logoUrl: null })

    const both = await put(admin, validSettings)
    expect(both.json()).toMatchObject({ mailFromName: 'Acme Webinars', mailFromAddress: 'events@acme.example' })
    // The public answer carries nothing private.
    expect(Object.keys(await publicBranding()).sort()).toEqual(['accentColour', 'logoUrl', 'name'])
  })
})

describe('mail', () => {
  let webinarSlug: string

  beforeAll(async () => {
    const created = await testApp.app.inject({
      method: 'POST',
      url: '/api/webinars',
      headers: owner,
      payload: { title: 'Branded webinar', startTime: new Date(Date.now() + 48 * 3600_000).toISOString(), timezone: 'Europe/Paris', durationMinutes: 45 },
    })
    expect(created.statusCode, created.body).toBe(201)
    webinarSlug = created.json().slug
    expect((await putLogo(owner, png)).statusCode).toBe(200)
  })

  async function registerAndReceive(email: string) {
    const registered = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${webinarSlug}/registrations`, payload: { name: 'Bea Branded', email } })
    expect(registered.statusCode, registered.body).toBe(201)
    const received = await waitFor(async () => smtp.received.find((mail) => mail.to.includes(email)), 15_000)
    return { received, parsed: await simpleParser(received.raw) }
  }

  it('carries the name, the accent and the logo in the confirmation, and comes from the sender set', async () => {
    const { logoUrl } = await publicBranding()
    const { received, parsed } = await registerAndReceive('bea@example.com')
    const html = String(parsed.html)
    expect(html).toContain('Acme Events')
    expect(html).toContain('background-color:#0f766e')
    expect(html).not.toContain('#4f46e5')
    expect(html).toContain(`<img src="${testApp.config.publicUrl}${logoUrl}" alt="Acme Events"`)
    expect(parsed.text).toContain('Acme Events')
    expect(parsed.from?.value).toEqual([{ name: 'Acme Webinars', address: 'events@acme.example' }])
    expect(received.from).toBe('events@acme.example')

    // The stored mail (what the Mailbox shows) was written with the same branding.
    const { rows } = await testApp.database.pool.query<{ html: string }>(`select html from email_messages where to_email = 'bea@example.com'`)
    expect(rows[0]!.html).toContain('background-color:#0f766e')
  })

  it('keeps the parts of MAIL_FROM that are not set, and MAIL_FROM itself when none is', async () => {
    expect((await put(owner, { ...validSettings, mailFromName: null })).statusCode).toBe(200)
    const addressOnly = await registerAndReceive('cy@example.com')
    expect(addressOnly.parsed.from?.value).toEqual([{ name: 'Webinars', address: 'events@acme.example' }])

    expect((await put(owner, { ...validSettings, mailFromAddress: null })).statusCode).toBe(200)
    const nameOnly = await registerAndReceive('dee@example.com')
    expect(nameOnly.parsed.from?.value).toEqual([{ name: 'Acme Webinars', address: 'webinars@example.com' }])

    expect((await put(owner, { ...validSettings, mailFromName: null, mailFromAddress: null })).statusCode).toBe(200)
    const neither = await registerAndReceive('eve@example.com')
    expect(neither.parsed.from?.value).toEqual([{ name: 'Webinars', address: 'webinars@example.com' }])
  })

  it('quotes a sender name with header characters in it, so it stays one display name', async () => {
    expect((await put(owner, { ...validSettings, mailFromName: 'Acme, "Events" <team>' })).statusCode).toBe(200)
    const { parsed } = await registerAndReceive('fay@example.com')
    expect(parsed.from?.value).toEqual([{ name: 'Acme, "Events" <team>', address: 'events@acme.example' }])
  })
})

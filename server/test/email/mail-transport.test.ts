import net from 'node:net'
import ICAL from 'ical.js'
import { simpleParser } from 'mailparser'
import { afterEach, describe, expect, it } from 'vitest'
import { buildCalendarInvite } from '../../src/email/calendar.ts'
import { createMailTransport, MailNotConfiguredError, type MailTransport } from '../../src/email/mail-transport.ts'
import { renderEmail } from '../../src/email/render-email.ts'
import { buildEmailContext } from './email-context.ts'
import { startSmtpServer } from '../support/smtp-test-server.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

function track(transport: MailTransport): MailTransport {
  cleanups.push(() => transport.close())
  return transport
}

describe('mail transport', () => {
  it('delivers the HTML and text parts and the .ics attachment to a real SMTP server, with credentials from the URL', async () => {
    const logins: Array<{ username?: string | null; password?: string | null }> = []
    const smtp = await startSmtpServer({
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        logins.push({ username: auth.username, password: auth.password })
        callback(null, { user: auth.username ?? 'anonymous' })
      },
    })
    cleanups.push(smtp.close)
    const transport = track(createMailTransport(`smtp://mailer:${encodeURIComponent('p@ss word')}@127.0.0.1:${smtp.port}`, { from: '"Acme Events" <events@acme.test>' }))
    expect(transport.isConfigured).toBe(true)

    const context = buildEmailContext({ registrant: { name: 'Zoë <Ada> Lovelace' } })
    const email = renderEmail('confirmation', context)
    const ics = buildCalendarInvite({
      uid: 'registration-1@acme.test',
      start: context.webinar.startTime,
      end: context.webinar.endTime,
      title: context.webinar.title,
      description: context.webinar.description,
      url: context.links.join,
      organizerName: 'Acme Events',
    })
    const { messageId } = await transport.send({ to: 'ada@example.test', ...email, icsAttachment: { filename: 'scaling-postgres.ics', content: ics } })

    expect(messageId).toMatch(/^<.+@.+>$/)
    expect(logins).toEqual([{ username: 'mailer', password: 'p@ss word' }])
    expect(smtp.received).toHaveLength(1)
    const [delivery] = smtp.received
    expect(delivery?.from).toBe('events@acme.test')
    expect(delivery?.to).toEqual(['ada@example.test'])

    const parsed = await simpleParser(delivery!.raw)
    expect(parsed.messageId).toBe(messageId)
    expect(parsed.subject).toBe("You're registered: Scaling Postgres")
    expect(parsed.from?.text).toBe('"Acme Events" <events@acme.test>')
    expect(parsed.html).toBe(email.html)
    expect(parsed.text?.trim()).toBe(email.text.trim())
    expect(parsed.html).toContain('Zoë &lt;Ada&gt; Lovelace')

    expect(parsed.attachments).toHaveLength(1)
    const [attachment] = parsed.attachments
    expect(attachment?.filename).toBe('scaling-postgres.ics')
    expect(attachment?.contentType).toBe('text/calendar')
    expect(attachment?.headers.get('content-type')).toMatchObject({ value: 'text/calendar', params: { method: 'PUBLISH' } })
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(attachment!.content.toString('utf8'))).getFirstSubcomponent('vevent')!)
    expect(event.uid).toBe('registration-1@acme.test')
    expect(event.startDate.toJSDate().toISOString()).toBe('2031-03-04T17:00:00.000Z')
  })

  it('sends without an attachment when there is no invite', async () => {
    const smtp = await startSmtpServer()
    cleanups.push(smtp.close)
    const transport = track(createMailTransport(`smtp://127.0.0.1:${smtp.port}`, { from: 'events@acme.test' }))
    await transport.send({ to: 'bob@example.test', ...renderEmail('live_now', buildEmailContext()) })
    const parsed = await simpleParser(smtp.received[0]!.raw)
    expect(parsed.attachments).toHaveLength(0)
    expect(parsed.text).toContain('Join the webinar: https://webinars.example.test/join/tok_personal123')
  })

  it('throws while the server refuses the mail, so the job queue retries, and succeeds once it accepts', async () => {
    let attempts = 0
    const smtp = await startSmtpServer({
      onMailFrom(_address, _session, callback) {
        attempts += 1
        if (attempts <= 2) return callback(Object.assign(new Error('Temporary local problem, try again later'), { responseCode: 451 }))
        callback()
      },
    })
    cleanups.push(smtp.close)
    const transport = track(createMailTransport(`smtp://127.0.0.1:${smtp.port}`, { from: 'events@acme.test' }))
    const message = { to: 'ada@example.test', ...renderEmail('reminder_1h', buildEmailContext()) }

    await expect(transport.send(message)).rejects.toMatchObject({ responseCode: 451 })
    await expect(transport.send(message)).rejects.toThrow(/Temporary local problem/)
    expect(smtp.received).toHaveLength(0)
    await expect(transport.send(message)).resolves.toMatchObject({ messageId: expect.any(String) })
    expect(attempts).toBe(3)
    expect(smtp.received).toHaveLength(1)
  })

  it('throws when the server hangs up, and sends on the next attempt', async () => {
    let connections = 0
    const smtp = await startSmtpServer({
      onConnect(_session, callback) {
        connections += 1
        if (connections === 1) return callback(Object.assign(new Error('Too busy'), { responseCode: 421 }))
        callback()
      },
    })
    cleanups.push(smtp.close)
    const transport = track(createMailTransport(`smtp://127.0.0.1:${smtp.port}`, { from: 'events@acme.test' }))
    const message = { to: 'ada@example.test', ...renderEmail('live_now', buildEmailContext()) }
    await expect(transport.send(message)).rejects.toThrow()
    await transport.send(message)
    expect(smtp.received).toHaveLength(1)
  })

  it('gives up on a server that never greets instead of waiting forever', async () => {
    const sockets = new Set<net.Socket>()
    const silent = net.createServer((socket) => sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    })
    const { port } = silent.address() as net.AddressInfo
    const transport = track(createMailTransport(`smtp://127.0.0.1:${port}`, { from: 'events@acme.test', timeoutMs: 300 }))
    const startedAt = Date.now()
    await expect(transport.send({ to: 'ada@example.test', subject: 's', html: '<p>h</p>', text: 't' })).rejects.toThrow(/greeting|timeout/i)
    expect(Date.now() - startedAt).toBeLessThan(5_000)
  })

  it('without SMTP_URL is not configured and refuses to send, so the mail stays in the outbox', async () => {
    const transport = createMailTransport(undefined)
    expect(transport.isConfigured).toBe(false)
    await expect(transport.send({ to: 'ada@example.test', subject: 's', html: 'h', text: 't' })).rejects.toBeInstanceOf(MailNotConfiguredError)
    await expect(transport.send({ to: 'ada@example.test', subject: 's', html: 'h', text: 't' })).rejects.toThrow(/SMTP_URL is not set/)
    await transport.close()
  })

  it('rejects a URL that is not smtp(s) without repeating its password', () => {
    expect(() => createMailTransport('https://user:hunter2@mail.example.test')).toThrow(/smtp:\/\/user:pass@host:port/)
    expect(() => createMailTransport('https://user:hunter2@mail.example.test')).not.toThrow(/hunter2/)
  })
})

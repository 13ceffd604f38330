import type net from 'node:net'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

interface ReceivedMail {
  from: string | undefined
  to: string[]
  raw: Buffer
}

/** A real SMTP server on a free local port, plain text (no STARTTLS) so the test needs no certificate. */
export async function startSmtpServer(handlers: Partial<SMTPServerOptions> = {}) {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    logger: false,
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks),
        })
        callback()
      })
    },
    ...handlers,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as net.AddressInfo
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  }
}

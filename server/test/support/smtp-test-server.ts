import type net from 'node:net'
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server'

export interface ReceivedMail {
  from: string | undefined
  to: string[]
  raw: Buffer
  /** The Message-ID header as sent (angle brackets included), or undefined when there was none. */
  messageId: string | undefined
  /** The session (connection) that delivered it. */
  sessionId: string
}

/**
 * Ways a misbehaving SMTP server answers, each injected once per `inject` (and counted when it happens):
 * - greeting: `drop` closes the socket before the 220 greeting; `hang` accepts TCP and never greets.
 * - rcpt / data: `refuse` answers with `code` (4xx temporary or 5xx permanent) at RCPT TO or after the message.
 * - data: `drop-mid-data` destroys the socket while the message is coming in; `hang` takes the message and never
 *   answers; `accept-then-drop` keeps the message (it counts as received, as a real MTA would have queued it) and
 *   destroys the socket before the 250 goes out: the client cannot know, the at-least-once edge.
 */
export type SmtpFault =
  | { at: 'greeting'; action: 'drop' | 'hang' }
  | { at: 'rcpt' | 'data'; action: 'refuse'; code: number }
  | { at: 'data'; action: 'drop-mid-data' | 'hang' | 'accept-then-drop' }

export interface InjectedFault {
  fault: SmtpFault
  /** The recipients of the transaction it hit (none for a greeting fault). */
  to: string[]
}

type Stage = SmtpFault['at']

export interface SmtpServerOptions {
  /** How long the server takes to answer each message (after its end, before the 250): a slow server. */
  delayPerMessageMs?: number
  /** Handlers of smtp-server's, replacing these (the refusal in mail-delivery.test.ts). */
  handlers?: Partial<SMTPServerOptions>
}

/**
 * A real SMTP server on a free local port, plain text (no STARTTLS) so the test needs no certificate. It keeps
 * what it received (`received`), can be slowed down (a delay per message; `hold` stops answering messages until
 * `release`) and made to misbehave (`inject`). A message whose connection closed before the server answered it is
 * not kept: no 250 was given, so no real server would have taken responsibility for it.
 */
export async function startSmtpServer(handlersOrOptions: Partial<SMTPServerOptions> | SmtpServerOptions = {}) {
  const options: SmtpServerOptions =
    'delayPerMessageMs' in handlersOrOptions || 'handlers' in handlersOrOptions
      ? (handlersOrOptions as SmtpServerOptions)
      : { handlers: handlersOrOptions as Partial<SMTPServerOptions> }
  const received: ReceivedMail[] = []
  const injected: InjectedFault[] = []
  const pending: Record<Stage, SmtpFault[]> = { greeting: [], rcpt: [], data: [] }
  const closedSessions = new Set<string>()
  let delayPerMessageMs = options.delayPerMessageMs ?? 0
  let held: Promise<void> | undefined
  let release: (() => void) | undefined
  /** Messages waiting for their answer (being delayed or held). */
  let answering = 0

  const takeFault = (stage: Stage, session: SMTPServerSession): SmtpFault | undefined => {
    const fault = pending[stage].shift()
    if (fault) injected.push({ fault, to: session.envelope.rcptTo.map((recipient) => recipient.address) })
    return fault
  }
  const refusal = (code: number) =>
    Object.assign(new Error(code >= 500 ? 'Refused for good (injected fault)' : 'Try again later (injected fault)'), { responseCode: code })

  const server: SMTPServer = new SMTPServer({
    logger: false,
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    onConnect(session, callback) {
      const fault = takeFault('greeting', session)
      if (!fault) return callback()
      // hang: the callback is never called, so the 220 greeting never goes out.
      if (fault.action === 'drop') destroySession(session.id)
    },
    onRcptTo(_address, session, callback) {
      const fault = takeFault('rcpt', session)
      if (fault?.action === 'refuse') return callback(refusal(fault.code))
      callback()
    },
    onData(stream, session, callback) {
      const fault = takeFault('data', session)
      const chunks: Buffer[] = []
      let isDropped = false
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        if (fault?.action === 'drop-mid-data' && !isDropped) {
          isDropped = true
          destroySession(session.id)
        }
      })
      stream.on('end', () => {
        void (async () => {
          if (isDropped || fault?.action === 'hang') return
          if (fault?.action === 'refuse') return callback(refusal(fault.code))
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw: Buffer.concat(chunks),
            messageId: headerOf(Buffer.concat(chunks), 'message-id'),
            sessionId: session.id,
          }
          if (fault?.action === 'accept-then-drop') {
            received.push(mail)
            return destroySession(session.id)
          }
          answering++
          try {
            if (delayPerMessageMs > 0) await new Promise((resolve) => setTimeout(resolve, delayPerMessageMs))
            while (held) await held
          } finally {
            answering--
          }
          // The client went away before its 250: it will send again, and this copy was never accepted.
          if (closedSessions.has(session.id) || !isOpen(session.id)) return
          received.push(mail)
          callback()
        })()
      })
    },
    onClose(session) {
      closedSessions.add(session.id)
    },
    ...options.handlers,
  })

  // smtp-server forgets a connection as its socket closes and calls onClose a tick later: either says it is gone.
  function isOpen(sessionId: string): boolean {
    for (const connection of server.connections) if (connection.id === sessionId) return true
    return false
  }

  function destroySession(sessionId: string) {
    for (const connection of server.connections) {
      if (connection.id === sessionId) connection._socket.destroy()
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as net.AddressInfo
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Every fault that happened, in order. */
    injected,
    /** Queues `fault` to happen `times` times, to the next connections (greeting) or transactions (rcpt, data). */
    inject(fault: SmtpFault, times = 1) {
      for (let index = 0; index < times; index++) pending[fault.at].push(fault)
    },
    /** Faults queued that have not happened yet. */
    pendingFaults: () => pending.greeting.length + pending.rcpt.length + pending.data.length,
    setDelayPerMessage(ms: number) {
      delayPerMessageMs = ms
    },
    /** Stops answering messages (they wait, unanswered, until `release`). */
    hold() {
      if (!held) held = new Promise<void>((resolve) => (release = resolve))
    },
    release() {
      const resolve = release
      held = undefined
      release = undefined
      resolve?.()
    },
    /** Messages the server has but has not answered yet. */
    answering: () => answering,
    /** Connections open right now. */
    openConnections: () => server.connections.size,
    /** Closes every open connection, as a server restart would (the client's pool has to connect again). */
    dropConnections() {
      for (const connection of server.connections) connection._socket.destroy()
    },
    /** How many mails each recipient got (every copy counts). */
    countByRecipient(): Map<string, number> {
      const counts = new Map<string, number>()
      for (const mail of received) for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1)
      return counts
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging and held connections would otherwise keep the server open for its 30 s close timeout.
        const resolveHeld = release
        held = undefined
        resolveHeld?.()
        server.close(resolve)
        for (const connection of server.connections) connection._socket.destroy()
      }),
  }
}

export type SmtpTestServer = Awaited<ReturnType<typeof startSmtpServer>>

/** A header's value from a raw message (unfolded, first occurrence). */
export function headerOf(raw: Buffer, name: string): string | undefined {
  const text = raw.toString('utf8')
  const headerEnd = text.search(/\r?\n\r?\n/)
  const head = (headerEnd === -1 ? text : text.slice(0, headerEnd)).replace(/\r?\n[ \t]+/g, ' ')
  const line = head.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`))
  return line?.slice(name.length + 1).trim()
}

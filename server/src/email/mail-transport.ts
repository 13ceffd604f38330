import nodemailer from 'nodemailer'
import addressparser from 'nodemailer/lib/addressparser'

export interface OutgoingMail {
  to: string
  subject: string
  html: string
  text: string
  icsAttachment?: { filename: string; content: string }
  /** A stable key (the outbox row's id): the Message-ID is made of it, so a retry is recognisably the same mail. */
  outboxId?: string
  /** The organisation's sender (Settings): each part given replaces that part of the transport's `from`. */
  from?: { name?: string; address?: string }
}

export interface MailTransportOptions {
  /** The From header, e.g. `"Acme Webinars" <webinars@acme.test>`. */
  from: string
  /** Connection, greeting and socket timeout each; a hung SMTP server must fail the job, not hold a worker. */
  timeoutMs?: number
}

/** Sending was asked for while SMTP_URL is unset: the caller keeps the mail in the outbox instead. */
export class MailNotConfiguredError extends Error {
  constructor() {
    super('Mail cannot be sent: SMTP_URL is not set, so mail stays in the outbox (the Mailbox page).')
    this.name = 'MailNotConfiguredError'
  }
}

const defaultFrom = 'Webinars <no-reply@localhost>'
const defaultTimeoutMs = 10_000

/** The domain of the From address (`Acme <webinars@acme.test>` → `acme.test`), the right side of our Message-IDs. */
export function messageIdDomain(from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1]
  return domain ?? 'webinar-platform.invalid'
}

/** `"Acme Events" <events@acme.test>` as its display name and address (either may be empty). */
function senderParts(from: string): { name: string; address: string } {
  const [first] = addressparser(from)
  return { name: first?.name ?? '', address: first?.address ?? '' }
}

/** The Message-ID of an outbox mail: the same on every attempt, unique per mail. */
export function outboxMessageId(outboxId: string, from: string): string {
  return `<outbox-${outboxId}@${messageIdDomain(from)}>`
}

/**
 * Sends mail through the SMTP server named by `smtpUrl` (smtp://user:pass@host:587, smtps://… for implicit
 * TLS; plain smtp:// still upgrades with STARTTLS when the server offers it). Failures are thrown as they
 * are: retrying with backoff is the job queue's business.
 */
export function createMailTransport(smtpUrl: string | undefined, options?: MailTransportOptions) {
  if (!smtpUrl) {
    return {
      isConfigured: false,
      async send(_message: OutgoingMail): Promise<{ messageId: string }> {
        throw new MailNotConfiguredError()
      },
      async close(): Promise<void> {},
    }
  }

  const protocol = URL.canParse(smtpUrl) ? new URL(smtpUrl).protocol : undefined
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    // Never echo the URL: it usually carries the SMTP password.
    throw new Error('SMTP_URL must look like smtp://user:pass@host:port or smtps://user:pass@host:port')
  }

  const timeoutMs = options?.timeoutMs ?? defaultTimeoutMs
  const from = options?.from ?? defaultFrom
  const defaultSender = senderParts(from)
  const transporter = nodemailer.createTransport(
    {
      url: smtpUrl,
      // "We're live" goes to every registrant at once: reusing a few connections beats one handshake per mail. The
      // delivery worker hands over a batch of mails at once; the pool sends them over this many connections in
      // parallel (few enough for a relay's per-client limit), each connection renewed after so many mails.
      pool: true,
      maxConnections: 5,
      maxMessages: 100,
      // Connecting (DNS included), the greeting, and every wait for an answer: a server that accepts TCP but never
      // greets, or stops answering mid-conversation (after DATA, say), fails the attempt after this long; the
      // job retries with backoff and the worker moves on.
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    },
    { from },
  )

  return {
    isConfigured: true,
    async send(message: OutgoingMail): Promise<{ messageId: string }> {
      const info = await transporter.sendMail({
        // An object, not a string: nodemailer quotes and encodes the name, so no name can break the header.
        ...(message.from ? { from: { name: message.from.name ?? defaultSender.name, address: message.from.address ?? defaultSender.address } } : {}),
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        // Made of the configured From, not the organisation's sender: a retry after the sender changed keeps its Message-ID.
        ...(message.outboxId ? { messageId: outboxMessageId(message.outboxId, from) } : {}),
        attachments: message.icsAttachment
          ? [
              {
                filename: message.icsAttachment.filename,
                content: message.icsAttachment.content,
                contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              },
            ]
          : [],
      })
      return { messageId: info.messageId }
    },
    /** Closes pooled connections, for a graceful shutdown. */
    async close(): Promise<void> {
      transporter.close()
    },
  }
}

export type MailTransport = ReturnType<typeof createMailTransport>

import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders
  /** The raw body, as signed. */
  body: string
  receivedAt: number
}

/** What the receiver does with a request: answer with a status, or never answer (`'hang'`). */
export type ReceiverBehaviour = (request: ReceivedWebhook, index: number) => number | 'hang'

/**
 * A real HTTP receiver of outgoing webhooks on 127.0.0.1, as an integrator would run one: it records every request
 * (headers and the raw body, to verify signatures) and answers as `behaviour` says. `close` also ends the requests
 * it left hanging.
 */
export async function startWebhookReceiver(behaviour: ReceiverBehaviour = () => 200) {
  const received: ReceivedWebhook[] = []
  const hanging = new Set<ServerResponse>()
  let openRequests = 0
  let mostOpenAtOnce = 0
  const server = createServer((request, response) => {
    openRequests++
    mostOpenAtOnce = Math.max(mostOpenAtOnce, openRequests)
    response.on('close', () => openRequests--)
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const webhook = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() }
      received.push(webhook)
      const answer = behaviour(webhook, received.length - 1)
      if (answer === 'hang') {
        hanging.add(response)
        return
      }
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 300 ? `receiver says ${answer}` : 'ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    port,
    received,
    /** The most requests that were open at the same moment. */
    mostOpenAtOnce: () => mostOpenAtOnce,
    /** The parsed bodies of the requests of this type. */
    messagesOf: (type: string) => received.map((webhook) => ({ ...webhook, message: JSON.parse(webhook.body) as { type: string; timestamp: string; data: Record<string, unknown> } })).filter(({ message }) => message.type === type),
    close: async () => {
      for (const response of hanging) response.socket?.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>

/** The message, after checking its signature as a receiver would, with the Standard Webhooks reference library (throws if it does not verify). */
export function verifiedWebhook(webhook: ReceivedWebhook, secret: string): { type: string; timestamp: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(webhook.body, webhook.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> }
}

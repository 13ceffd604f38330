import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedWebhook {
  rawBody: Buffer
  headers: IncomingHttpHeaders
  event: { type: string; call_cid: string; created_at: string; [field: string]: unknown }
}

/**
 * A small real HTTP server standing in for the app's webhook endpoint: it keeps the exact bytes received and
 * answers what `answer` says (200 unless told otherwise; a promise holds the answer back).
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = []
  let answer: (webhook: ReceivedWebhook) => number | Promise<number> = () => 200
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const rawBody = Buffer.concat(chunks)
      const webhook = { rawBody, headers: request.headers, event: JSON.parse(rawBody.toString('utf8')) as ReceivedWebhook['event'] }
      received.push(webhook)
      response.statusCode = await answer(webhook)
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    answerWith(next: typeof answer) {
      answer = next
    },
    typesReceived: () => received.map((webhook) => webhook.event.type),
    clear() {
      received.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

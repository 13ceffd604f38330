import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startStandaloneStreamEmulator, type StreamEmulatorOptions } from '../../src/stream-emulator/stream-emulator.ts'

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

/**
 * A standalone emulator of its own whose webhooks go to a receiver of its own. `reset` brings both back to fresh
 * (the emulator as a new app, the receiver answering 200 with nothing received) before each test.
 */
export async function startEmulatorWithReceiver(options: Omit<StreamEmulatorOptions, 'webhookUrl'>) {
  const receiver = await startWebhookReceiver()
  const stream = await startStandaloneStreamEmulator({ ...options, webhookUrl: receiver.url })
  return {
    stream,
    receiver,
    reset() {
      stream.emulator.reset()
      stream.emulator.setWebhookUrl(receiver.url)
      receiver.answerWith(() => 200)
      receiver.clear()
    },
    async close() {
      await stream.close()
      await receiver.close()
    },
  }
}

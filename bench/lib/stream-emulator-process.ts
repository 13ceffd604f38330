// Stream, as the app instances see it: the project's Stream emulator on an HTTP server of its own, in a process of
// its own (as the real Stream is elsewhere), with API keys the bench knows, so it can sign webhooks as Stream does.
// Started by lib/processes.ts with fork(); it reports its address over IPC and takes `setWebhookUrl`.
import { startStandaloneStreamEmulator } from '../../server/src/stream-emulator/stream-emulator.ts'

const apiKey = process.env.BENCH_STREAM_API_KEY!
const apiSecret = process.env.BENCH_STREAM_API_SECRET!
const standalone = await startStandaloneStreamEmulator({ apiKey, apiSecret, enableControl: false })
process.send?.({ url: standalone.url })

process.on('message', async ({ id, command, argument }: { id: number; command: string; argument?: string }) => {
  if (command === 'setWebhookUrl') {
    standalone.emulator.setWebhookUrl(argument)
    process.send?.({ id, result: true })
  } else if (command === 'stop') {
    await standalone.close()
    process.exit(0)
  }
})

import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDatabase } from '../src/db/client.ts'
import { isDatabaseUnavailable } from '../src/db/postgres-errors.ts'

// A host that takes the TCP connection and then says nothing, as a database behind a network partition does.
let silentHost: net.Server
let port: number
const heldSockets = new Set<net.Socket>()

beforeAll(async () => {
  silentHost = net.createServer((socket) => {
    heldSockets.add(socket)
    socket.on('close', () => heldSockets.delete(socket))
  })
  await new Promise<void>((resolve) => silentHost.listen(0, '127.0.0.1', resolve))
  port = (silentHost.address() as net.AddressInfo).port
})

afterAll(async () => {
  for (const socket of heldSockets) socket.destroy()
  await new Promise<void>((resolve) => silentHost.close(() => resolve()))
})

describe('a database that stops answering', () => {
  it('fails the query after the connection timeout, as unavailable (503), instead of holding the request', async () => {
    const database = connectDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, { connectionTimeoutMs: 300 })
    try {
      const startedAt = Date.now()
      const failure = await database.pool.query('SELECT 1').then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(failure).toBeInstanceOf(Error)
      expect(isDatabaseUnavailable(failure)).toBe(true)
      expect(Date.now() - startedAt).toBeLessThan(3000)
    } finally {
      await database.close()
    }
  })
})

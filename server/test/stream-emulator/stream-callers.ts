import { StreamClient } from '@stream-io/node-sdk'

/** What the node-sdk throws for a non-2xx answer (StreamError is not exported: STREAM-NOTES.md). */
export interface SdkFailure {
  message: string
  code?: number
  metadata?: { responseCode?: number }
}

export async function failureOf(promise: Promise<unknown>): Promise<SdkFailure> {
  try {
    await promise
  } catch (error) {
    return error as SdkFailure
  }
  throw new Error('expected the call to fail')
}

/** A Stream answer read from the wire: status and JSON body (Stream's error body on failure). */
export interface WireAnswer {
  status: number
  body: { code?: number; message?: string; [field: string]: unknown }
}

/**
 * The callers of an emulator at `baseUrl`: the server (the real node-sdk), and users holding tokens minted the way
 * the project mints them (the node-sdk's generateUserToken / generateCallToken, HS256 with the secret), who call the
 * browser SDK's paths as video-client sends them: `{baseUrl}/video/call/{type}/{id}…?api_key=`, the bare JWT in
 * `Authorization`, `stream-auth-type: jwt`.
 */
export function streamCallers(keys: { apiKey: string; apiSecret: string }, baseUrl: string) {
  const server = new StreamClient(keys.apiKey, keys.apiSecret, { basePath: baseUrl })
  return {
    server,
    userToken: (userId: string) => server.generateUserToken({ user_id: userId }),
    callToken: (userId: string, cids: string[], role?: string) =>
      server.generateCallToken({ user_id: userId, call_cids: cids, ...(role ? { role } : {}) }),

    /** One browser SDK request; `path` is relative to the call, e.g. `/join` or `` for the call itself. */
    async asUser(token: string, method: string, type: string, id: string, path = '', body?: unknown): Promise<WireAnswer> {
      const response = await fetch(`${baseUrl}/video/call/${type}/${id}${path}?api_key=${keys.apiKey}`, {
        method,
        headers: { authorization: token, 'stream-auth-type': 'jwt', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return { status: response.status, body: (await response.json()) as WireAnswer['body'] }
    },
  }
}

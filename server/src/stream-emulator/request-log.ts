import type { ValidationIssue } from './openapi-contract.ts'

export interface RecordedRequest {
  method: string
  /** Relative to the emulator's base path, without the query: `/api/v2/video/call/webinar/abc`. */
  path: string
  query: Record<string, unknown>
  /** The parsed JSON body; undefined when there was none. */
  body: unknown
  /** Stream's operationId for the route (GetOrCreateCall, GoLive, ...); null for paths the emulator does not know. */
  operation: string | null
  /** The answer's status; null while the request is still held (delay or hang). */
  status: number | null
  validationErrors: ValidationIssue[]
  /** Set when an injected fault decided the answer: failed it, held it until released, or made it late. */
  fault: 'fail' | 'hang' | 'delay' | null
  receivedAt: string
}

/** Every API request the emulator saw, newest last, up to `limit` (local mode runs for days). */
export function createRequestLog(limit: number) {
  const requests: RecordedRequest[] = []
  return {
    add(request: RecordedRequest): RecordedRequest {
      requests.push(request)
      if (requests.length > limit) requests.splice(0, requests.length - limit)
      return request
    },
    list(): RecordedRequest[] {
      return requests.map((request) => structuredClone(request))
    },
    clear(): void {
      requests.length = 0
    },
  }
}

export type RequestLog = ReturnType<typeof createRequestLog>

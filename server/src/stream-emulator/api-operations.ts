import type { StreamContract, ValidationIssue } from './openapi-contract.ts'
import type { Fields } from './request-fields.ts'
import type { UserTokenClaims } from './tokens.ts'

export interface OperationInput {
  params: Record<string, string>
  query: Record<string, unknown>
  body: Fields
  /** `{protocol}://{host}{prefix}` of the request: where the emulator's media paths (HLS playlists) are. */
  baseUrl: string
}

interface OperationRoute {
  operationId: string
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  url: string
  /** Status of a success, as Stream answers it (201 for most writes, per its OpenAPI document). */
  successStatus: 200 | 201
  /** False for operations that take no body (GET, DELETE, mark_ended): whatever arrives is ignored. */
  hasBody: boolean
}

/** An operation of Stream's server-side API (/api/v2, a server token), checked against its request schema. */
export interface ServerOperation extends OperationRoute {
  surface: 'server'
  run: (input: OperationInput) => object
}

/**
 * An operation of the browser SDK's coordinator API (/video, a user token). The body is checked against the request
 * schema of the server-side operation `bodySchemaOf` (the same body), or by `checkBody` where the server-side
 * document has none (JoinCall).
 */
export interface ClientOperation extends OperationRoute {
  surface: 'client'
  bodySchemaOf?: string
  checkBody?: (body: Fields, contract: StreamContract) => ValidationIssue[]
  run: (input: OperationInput & { caller: UserTokenClaims }) => object
}

export type ApiOperation = ServerOperation | ClientOperation

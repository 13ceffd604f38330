import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { ErrorCode, type ErrorResponse } from '@webinar/shared/errors'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isDatabaseUnavailable } from '../db/postgres-errors.ts'
import { AppError } from '../errors.ts'
import { describeValidationIssues, summariseFields } from './validation.ts'

function body(request: FastifyRequest | undefined, code: string, message: string, fields?: Record<string, string>): ErrorResponse {
  return { error: { code, message, ...(fields ? { fields } : {}), ...(request ? { requestId: request.id } : {}) } }
}

/**
 * Fastify's `frameworkErrors`: an address the router cannot take (broken percent-encoding, a path segment
 * longer than `maxParamLength`) is refused before any route, still in the error shape.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(414).send(body(request, ErrorCode.badRequest, 'A part of the address is longer than this API accepts.'))
    return
  }
  void reply.status(400).send(body(request, ErrorCode.badRequest, 'The address is not a valid URL (check its percent-encoding).'))
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses (headers over its limit, a malformed request)
 * never reaches Fastify, so the answer is written to the socket here, in the error shape (without a request id:
 * there was no request).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request line or headers are larger than this API accepts (16 KiB).']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive.']
        : [400, 'The request is not valid HTTP.']
  const payload = JSON.stringify(body(undefined, ErrorCode.badRequest, message))
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
  )
}

const codeByFastifyCode: Record<string, { code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: ErrorCode.badRequest, message: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: ErrorCode.badRequest,
    message: 'The body is empty but the content type says JSON: send a JSON value or no content type.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: ErrorCode.payloadTooLarge, message: 'The body is larger than this API accepts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: ErrorCode.unsupportedMediaType,
    message: 'Unsupported content type: send application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: ErrorCode.badRequest, message: 'The Content-Length header is wrong.' },
}

const databaseRetryAfterSeconds = 5

/**
 * The one place where failures become HTTP answers: always the `{ error: { code, message, fields? } }` shape,
 * and a 5xx never reveals why (the log has that, under the request id).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send(body(request, error.code, error.message, error.fields))
    }
    if ('validation' in error && error.validation) {
      const fields = describeValidationIssues(error.validation as never)
      const prefixed =
        error.validationContext && error.validationContext !== 'body'
          ? Object.fromEntries(Object.entries(fields).map(([key, value]) => [`${error.validationContext}.${key}`, value]))
          : fields
      return reply.status(400).send(body(request, ErrorCode.validationFailed, summariseFields(prefixed), prefixed))
    }
    const status = error.statusCode ?? 500
    if (status === 429) {
      return reply.status(429).send(body(request, ErrorCode.rateLimited, 'Too many requests: wait a moment and try again.'))
    }
    if (status >= 400 && status < 500) {
      const known = error.code ? codeByFastifyCode[error.code] : undefined
      return reply.status(status).send(body(request, known?.code ?? ErrorCode.badRequest, known?.message ?? error.message))
    }
    if (isDatabaseUnavailable(error)) {
      // The database is restarting or out of reach: temporary, so say so and when to retry, rather than a 500.
      request.log.warn({ err: error }, 'database unavailable')
      return reply
        .status(503)
        .header('retry-after', String(databaseRetryAfterSeconds))
        .send(body(request, ErrorCode.serviceUnavailable, 'The service is briefly unavailable. Try again in a few seconds.'))
    }
    request.log.error({ err: error }, 'request failed')
    return reply
      .status(status >= 500 && status < 600 ? status : 500)
      .send(body(request, ErrorCode.internal, 'Something went wrong on our side. Try again; if it persists, report the request id.'))
  })
}

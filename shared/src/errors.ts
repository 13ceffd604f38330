import Type from 'typebox'

/**
 * The one error vocabulary of the API. The server maps each code to an HTTP status;
 * the web client shows `message` and, for forms, `fields` next to the inputs.
 */
export const ErrorCode = {
  validationFailed: 'validation_failed',
  badRequest: 'bad_request',
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid_credentials',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  rateLimited: 'rate_limited',
  /** Chat's slow mode: this attendee posted less than the webinar's interval ago (429; the message says how long to wait). */
  slowMode: 'slow_mode',
  upstreamFailed: 'upstream_failed',
  /** Temporary: the database is restarting or out of reach; try again shortly (the answer has Retry-After). */
  serviceUnavailable: 'service_unavailable',
  internal: 'internal_error',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** The furthest any list pages (PostgreSQL's OFFSET is a bigint; no list here comes near this). */
export const maxListOffset = 2_147_483_647

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: Type.String({ description: 'Readable explanation, safe to show to a person' }),
      fields: Type.Optional(
        Type.Record(Type.String(), Type.String(), {
          description: 'Per-field messages keyed by the field path (e.g. "email", "settings.hls")',
        }),
      ),
      requestId: Type.Optional(Type.String()),
    }),
  },
  { $id: 'ErrorResponse', description: 'Every non-2xx answer of the API has this shape' },
)
export type ErrorResponse = Type.Static<typeof ErrorResponse>

import Type from 'typebox'

export const ApiKey = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String({ description: 'First characters of the key, to recognise it in lists' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type ApiKey = Type.Static<typeof ApiKey>

export const ApiKeyList = Type.Object({ items: Type.Array(ApiKey) })
export type ApiKeyList = Type.Static<typeof ApiKeyList>

export const CreateApiKeyBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
)
export type CreateApiKeyBody = Type.Static<typeof CreateApiKeyBody>

export const CreatedApiKey = Type.Object({
  apiKey: ApiKey,
  secret: Type.String({ description: 'The full key. Shown once: only its hash is stored.' }),
})
export type CreatedApiKey = Type.Static<typeof CreatedApiKey>

export const ApiKeyIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

import Type from 'typebox'
import { exampleIds } from './examples.ts'

/** Not a real key: the shape of one (wbk_ and 43 characters), for the examples. */
const exampleSecret = 'wbk_example' + '0'.repeat(36)
const exampleApiKey = {
  id: exampleIds.apiKey,
  name: 'CRM sync',
  prefix: exampleSecret.slice(0, 12),
  createdAt: '2030-03-02T11:00:00.000Z',
  lastUsedAt: '2030-05-03T07:45:12.000Z',
}

export const ApiKey = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    prefix: Type.String({ description: 'First characters of the key, to recognise it in lists' }),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { examples: [exampleApiKey] },
)
export type ApiKey = Type.Static<typeof ApiKey>

export const ApiKeyList = Type.Object(
  { items: Type.Array(ApiKey) },
  { examples: [{ items: [exampleApiKey] }] },
)
export type ApiKeyList = Type.Static<typeof ApiKeyList>

export const CreateApiKeyBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false, examples: [{ name: 'CRM sync' }] },
)
export type CreateApiKeyBody = Type.Static<typeof CreateApiKeyBody>

export const CreatedApiKey = Type.Object(
  {
    apiKey: ApiKey,
    secret: Type.String({ description: 'The full key. Shown once: only its hash is stored.' }),
  },
  { examples: [{ apiKey: { ...exampleApiKey, lastUsedAt: null }, secret: exampleSecret }] },
)
export type CreatedApiKey = Type.Static<typeof CreatedApiKey>

export const ApiKeyIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

import Type from 'typebox'

export const HealthResponse = Type.Object({ status: Type.Literal('ok') })
export const ReadinessResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  database: Type.Boolean(),
  migrations: Type.Object({ applied: Type.Integer(), expected: Type.Integer() }),
})
export type ReadinessResponse = Type.Static<typeof ReadinessResponse>

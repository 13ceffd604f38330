import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { SimulateAttendeesBody, SimulatedAttendees } from '@webinar/shared/simulation'
import { WebinarIdParams } from '@webinar/shared/webinars'
import { currentStaff } from '../users/staff.ts'
import type { SimulationService } from './simulation-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }

/** Registered in local mode only: with Stream keys the route does not exist (404 like any unknown path). */
export const simulationRoutes: FastifyPluginAsyncTypebox<{ service: SimulationService }> = async (app, { service }) => {
  app.post(
    '/:id/simulate-attendees',
    {
      schema: {
        tags: ['webinars'],
        summary: 'Local mode only: registrants join and leave the live webinar’s call over the next minutes',
        description:
          'For the host, owners and admins, while the webinar is live (409 otherwise). Approved registrants go first, then new ones ' +
          '("Simulated attendee N", at example.invalid) are registered as staff add people. They arrive over `overSeconds`, some step out ' +
          'and come back, some open a second tab, some leave; attendance and reports follow from the call’s webhooks. Answers at once.',
        params: WebinarIdParams,
        body: SimulateAttendeesBody,
        response: { 202: SimulatedAttendees, ...errors },
      },
    },
    async (request, reply) => reply.status(202).send(await service.simulate(currentStaff(request), request.params.id, request.body)),
  )
}

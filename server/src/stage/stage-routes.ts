import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { JoinTokenParams } from '@webinar/shared/registrations'
import { MyStageRequest, StageRequest, StageRequestParams, StageState } from '@webinar/shared/stage'
import { WebinarIdParams } from '@webinar/shared/webinars'
import { perLinkLimit } from '../http/per-link-limit.ts'
import type { JoinService } from '../join/join-service.ts'
import { currentStaff } from '../users/staff.ts'
import type { StageService } from './stage-service.ts'

const staffErrors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 502: ErrorResponse }
const tags = ['stage']

/** The studio's stage: raised hands and attendees on stage, for the webinar's host, co-hosts and admins. */
export const stageRoutes: FastifyPluginAsyncTypebox<{ service: StageService }> = async (app, { service }) => {
  app.get(
    '/:id/stage',
    { schema: { tags, summary: 'Speakers, raised hands and attendees on stage', params: WebinarIdParams, response: { 200: StageState, ...staffErrors } } },
    async (request) => service.state(currentStaff(request), request.params.id),
  )
  const decisions = [
    ['accept', 'Bring the attendee on stage (grants sending audio and video in the call)', service.accept],
    ['dismiss', 'Dismiss a raised hand', service.dismiss],
    ['end', 'Take the attendee off stage (revokes sending audio and video)', service.takeOffStage],
  ] as const
  for (const [name, summary, decide] of decisions) {
    app.post(
      `/:id/stage/requests/:requestId/${name}`,
      {
        schema: {
          tags,
          summary,
          description: '409 with a readable message when the request is no longer in a state to do this (a hand lowered, already dismissed…).',
          params: StageRequestParams,
          response: { 200: StageRequest, ...staffErrors },
        },
      },
      async (request) => decide(currentStaff(request), request.params.id, request.params.requestId),
    )
  }
}

const linkErrors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse, 502: ErrorResponse }
/**
 * An attendee's own hand (`/api/join/:token/stage`). Raising it is Stream's capability request, made by the
 * attendee's browser to Stream; here they read what became of it and lower it.
 */
export const attendeeStageRoutes: FastifyPluginAsyncTypebox<{ service: StageService; join: Pick<JoinService, 'findRoomAttendee'> }> = async (
  app,
  { service, join },
) => {
  app.get(
    '/:token/stage',
    { config: perLinkLimit('hand', 120), schema: { tags, summary: 'My raised hand', params: JoinTokenParams, response: { 200: MyStageRequest, ...linkErrors } } },
    async (request) => service.mine(await join.findRoomAttendee(request.params.token)),
  )
  app.delete(
    '/:token/stage',
    {
      config: perLinkLimit('hand', 30),
      schema: { tags, summary: 'Lower my hand, or leave the stage', params: JoinTokenParams, response: { 200: MyStageRequest, ...linkErrors } },
    },
    async (request) => service.lower(await join.findRoomAttendee(request.params.token)),
  )
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { ModerationActionList } from '@webinar/shared/moderation'
import { WebinarIdParams } from '@webinar/shared/webinars'
import { currentStaff } from '../users/staff.ts'
import type { ModerationService } from './moderation-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }

/** A webinar's moderation record (`/api/webinars/:id/moderation-actions`); the actions themselves are the room's. */
export const moderationRoutes: FastifyPluginAsyncTypebox<{ service: ModerationService }> = async (app, { service }) => {
  app.get(
    '/:id/moderation-actions',
    {
      schema: {
        tags: ['moderation'],
        summary: 'What moderators did in the webinar, oldest first (mutes, deleted messages, slow mode, removals, the stage, speakers)',
        params: WebinarIdParams,
        response: { 200: ModerationActionList, ...errors },
      },
    },
    async (request) => service.list(currentStaff(request), request.params.id),
  )
}

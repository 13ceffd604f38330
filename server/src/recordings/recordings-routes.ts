import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { RecordingList } from '@webinar/shared/recordings'
import { WebinarIdParams } from '@webinar/shared/webinars'
import { currentStaff } from '../users/staff.ts'
import type { WebinarService } from '../webinars/webinar-service.ts'
import type { RecordingService } from './recording-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }

/** A webinar's recordings, for its host and admins (the webinar's own access rule). */
export const recordingsRoutes: FastifyPluginAsyncTypebox<{ service: RecordingService; webinarService: WebinarService }> = async (
  app,
  { service, webinarService },
) => {
  app.get(
    '/:id/recordings',
    {
      schema: {
        tags: ['recordings'],
        summary: 'The webinar’s recordings (Stream is asked for new ones and fresh addresses)',
        description:
          'Oldest first. Each `url` is Stream’s signed address of the MP4, which expires: ask again rather than keep it. When Stream cannot be reached, `streamError` says so and the list is what was known before.',
        params: WebinarIdParams,
        response: { 200: RecordingList, ...errors },
      },
    },
    async (request) => service.listForStaff(await webinarService.get(currentStaff(request), request.params.id)),
  )
}

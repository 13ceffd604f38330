import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { ReportsOverview, ReportsOverviewQuery, WebinarReport } from '@webinar/shared/reports'
import { WebinarIdParams } from '@webinar/shared/webinars'
import { currentStaff } from '../users/staff.ts'
import type { ReportsService } from './reports-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }
const tags = ['reports']

/** Reports for the staff: one webinar's, and an overview of the recent ones. */
export const reportsRoutes: FastifyPluginAsyncTypebox<{ service: ReportsService }> = async (app, { service }) => {
  app.get(
    '/webinars/:id/report',
    {
      schema: {
        tags,
        summary: 'How a webinar went: registrations, attendance, viewers per minute, room activity',
        description: 'For whoever may see the webinar (its host, owners and admins). A webinar that never went live has zeros and empty lists.',
        params: WebinarIdParams,
        response: { 200: WebinarReport, ...errors },
      },
    },
    async (request) => service.getWebinarReport(currentStaff(request), request.params.id),
  )

  app.get(
    '/reports/overview',
    {
      schema: {
        tags,
        summary: 'Webinars run in the last 30 or 90 days: registrations, attendance rate, the most attended',
        description: 'Hosts see their own webinars; owners and admins see all.',
        querystring: ReportsOverviewQuery,
        response: { 200: ReportsOverview, ...errors },
      },
    },
    async (request) => service.getOverview(currentStaff(request), request.query.days ?? 30),
  )
}

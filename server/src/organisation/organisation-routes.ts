import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { OrganisationSettings, PublicBranding, UpdateOrganisationBody, UploadLogoBody } from '@webinar/shared/organisation'
import Type from 'typebox'
import { requireRole } from '../users/staff.ts'
import type { OrganisationService } from './organisation-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 415: ErrorResponse }
const tags = ['organisation']

/**
 * The organisation's branding and mail sender. Every staff member reads them (the settings page shows them);
 * owners and admins change them, before anything is parsed: the role is checked as the request arrives.
 */
export const organisationRoutes: FastifyPluginAsyncTypebox<{ service: OrganisationService }> = async (app, { service }) => {
  const ownersAndAdmins = requireRole('owner', 'admin')

  app.get(
    '',
    { schema: { tags, summary: 'The organisation’s name, accent colour, logo and mail sender', response: { 200: OrganisationSettings, ...errors } } },
    async () => service.settings(),
  )

  app.put(
    '',
    {
      onRequest: ownersAndAdmins,
      schema: {
        tags,
        summary: 'Change the name, accent colour (with enough contrast for white text) and mail sender',
        body: UpdateOrganisationBody,
        response: { 200: OrganisationSettings, ...errors },
      },
    },
    async (request) => service.update(request.body),
  )

  app.put(
    '/logo',
    {
      onRequest: ownersAndAdmins,
      schema: {
        tags,
        summary: 'Replace the logo (PNG, JPEG or WebP, at most 256 KB; SVG is refused)',
        body: UploadLogoBody,
        response: { 200: OrganisationSettings, ...errors },
      },
    },
    async (request) => service.saveLogo(request.body.imageBase64),
  )

  app.delete(
    '/logo',
    { onRequest: ownersAndAdmins, schema: { tags, summary: 'Remove the logo', response: { 204: Type.Null(), ...errors } } },
    async (_request, reply) => {
      await service.removeLogo()
      return reply.status(204).send(null)
    },
  )
}

/** What public pages and mail show of the organisation: no account needed. */
export const publicBrandingRoutes: FastifyPluginAsyncTypebox<{ service: OrganisationService }> = async (app, { service }) => {
  app.get(
    '',
    { schema: { tags: ['public'], summary: 'The organisation’s name, accent colour and logo address', response: { 200: PublicBranding, 429: ErrorResponse } } },
    async () => service.publicBranding(),
  )

  app.get(
    '/logo',
    {
      schema: {
        tags: ['public'],
        summary: 'The logo image',
        response: { 200: Type.String({ description: 'The image: image/png, image/jpeg or image/webp' }), 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (_request, reply) => {
      const logo = await service.logo()
      // Its address changes with each new logo (?v=…), so an hour of caching never shows a replaced one where it matters.
      return reply
        .type(logo.contentType)
        .header('cache-control', 'public, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('last-modified', logo.updatedAt.toUTCString())
        .send(logo.bytes as unknown as string)
    },
  )
}

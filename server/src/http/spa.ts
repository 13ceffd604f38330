import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import { ErrorCode } from '@webinar/shared/errors'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** Paths that belong to the API side: an unknown one there is a JSON 404, never the SPA. */
const apiPrefixes = ['/api/', '/api', '/docs', '/__stream']

function isApiPath(url: string): boolean {
  const pathname = url.split('?')[0]!
  return apiPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))
}

/**
 * Serves the built SPA: hashed assets with long caching, and index.html for every other path so that
 * client-side routes survive a reload. Unknown API paths get the error shape.
 */
export const spaPlugin = fp(
  async (app: FastifyInstance, { distDir }: { distDir: string }) => {
    const hasBuild = existsSync(path.join(distDir, 'index.html'))
    if (hasBuild) {
      await app.register(fastifyStatic, {
        root: distDir,
        wildcard: false,
        index: false,
        setHeaders: (response, filePath) => {
          const isHashedAsset = filePath.includes(`${path.sep}assets${path.sep}`)
          response.header('cache-control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache')
        },
      })
    }

    app.setNotFoundHandler((request, reply) => {
      const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(request.url)
      if (wantsPage && hasBuild) {
        return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html')
      }
      if (wantsPage) {
        return reply
          .status(404)
          .type('text/plain')
          .send('The web app is not built. Run `pnpm start` (it builds it) or `pnpm dev`.')
      }
      return reply.status(404).send({
        error: { code: ErrorCode.notFound, message: `No route ${request.method} ${request.url.split('?')[0]}.`, requestId: request.id },
      })
    })
  },
  { name: 'spa' },
)

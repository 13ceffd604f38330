import { randomBytes } from 'node:crypto'
import slugify from '@sindresorhus/slugify'

/** A readable slug from the title ("Q3 Product Update!" → "q3-product-update"). */
export function slugFromTitle(title: string): string {
  const slug = slugify(title, { decamelize: false }).slice(0, 60).replace(/-+$/, '')
  return slug || 'webinar'
}

/** The fallback when the readable slug is taken: a short random suffix, so concurrent creations rarely collide. */
export function slugWithSuffix(base: string): string {
  return `${base}-${randomBytes(4).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 6)}`
}

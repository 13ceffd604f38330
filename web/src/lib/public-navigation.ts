import { createContext, use } from 'react'

/** Goes to another page of the SPA, as a link to it would. */
export type PublicNavigate = (path: string, options?: { replace?: boolean }) => void

/**
 * How a public page goes elsewhere by itself (the personal page takes its registrant into the room when the
 * webinar starts): the public app (app/public-app.tsx) shows the next page without a page load. Without it (a
 * page rendered alone), the browser loads the page.
 */
export const PublicNavigationContext = createContext<PublicNavigate>((path, { replace = false } = {}) =>
  replace ? window.location.replace(path) : window.location.assign(path),
)

export function usePublicNavigate(): PublicNavigate {
  return use(PublicNavigationContext)
}

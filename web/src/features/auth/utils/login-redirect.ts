export const defaultSignedInPath = '/admin/webinars'

export function loginPath(returnTo?: string): string {
  return returnTo && returnTo !== defaultSignedInPath ? `/login?redirectTo=${encodeURIComponent(returnTo)}` : '/login'
}

/**
 * Where to go after signing in. Only paths inside the app are followed, so a crafted link to
 * /login?redirectTo=https://elsewhere cannot send someone off-site.
 */
export function safeRedirectTarget(redirectTo: string | null): string {
  if (!redirectTo || !redirectTo.startsWith('/') || redirectTo.startsWith('//') || redirectTo.startsWith('/\\')) {
    return defaultSignedInPath
  }
  return redirectTo
}

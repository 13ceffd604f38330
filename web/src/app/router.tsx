import { lazy, Suspense, useEffect, useLayoutEffect, useRef } from 'react'
import { createBrowserRouter, useLocation, useNavigationType } from 'react-router'
import { PageLoading } from '@/components/ui/spinner'
import { BrandingProvider } from '@/features/branding/components/branding-provider'
import { publicPageAt } from './public-app'
import { RootErrorBoundary, RootLayout } from './routes/root'

/**
 * A link to another page opens it at its top, as a full page load would: without this, the window kept the
 * scroll of the page before (a webinar opened from the bottom of the long scheduling form landed half-way
 * down). Only a new path counts: tabs, filters and searches change the query of the same page and leave the
 * reader where they are. Back and forward (POP) are left to the browser, which restores where that page was.
 */
function useScrollToTopOnNewPage() {
  const { pathname } = useLocation()
  const navigationType = useNavigationType()
  const shownPathname = useRef(pathname)
  useLayoutEffect(() => {
    if (pathname === shownPathname.current) return
    shownPathname.current = pathname
    if (navigationType !== 'POP') window.scrollTo(0, 0)
  }, [pathname, navigationType])
}

function AppLayout() {
  useScrollToTopOnNewPage()
  // The organisation's branding for the public pages' layout, asked for as the app starts.
  return (
    <BrandingProvider>
      <RootLayout />
    </BrandingProvider>
  )
}

const NotFoundRoute = lazy(async () => ({ default: (await import('./routes/not-found')).NotFoundRoute }))

/**
 * A public app's page reached from here (the address is already the page's): the browser loads it, and main.tsx
 * starts the public app. An address only the router reads as one (never reloaded in a loop) is not found.
 */
function PublicAppPage() {
  const isPublicPage = publicPageAt(window.location.pathname) !== undefined
  useEffect(() => {
    if (isPublicPage) window.location.reload()
  }, [isPublicPage])
  return isPublicPage ? (
    <PageLoading />
  ) : (
    <Suspense fallback={<PageLoading />}>
      <NotFoundRoute />
    </Suspense>
  )
}

/**
 * Every page is its own chunk, loaded on first visit: the public and studio pages that come later will
 * not make staff pages heavier, nor the other way round. Made when the app starts (app.tsx), at the address the
 * browser shows then: the public app hands over to it that way (public-app.tsx).
 */
export const createAppRouter = () =>
  createBrowserRouter([
    {
      path: '/',
      Component: AppLayout,
      ErrorBoundary: RootErrorBoundary,
      HydrateFallback: () => <PageLoading />,
      children: [
        { index: true, lazy: async () => ({ Component: (await import('./routes/home-redirect')).HomeRedirectRoute }) },
        { path: 'setup', lazy: async () => ({ Component: (await import('./routes/setup')).SetupRoute }) },
        { path: 'login', lazy: async () => ({ Component: (await import('./routes/login')).LoginRoute }) },
        { path: 'forgot-password', lazy: async () => ({ Component: (await import('./routes/forgot-password')).ForgotPasswordRoute }) },
        { path: 'reset-password', lazy: async () => ({ Component: (await import('./routes/reset-password')).ResetPasswordRoute }) },
        {
          path: 'admin',
          lazy: async () => ({ Component: (await import('./routes/admin/admin-layout')).AdminLayoutRoute }),
          children: [
            { index: true, lazy: async () => ({ Component: (await import('./routes/admin/admin-index')).AdminIndexRoute }) },
            { path: 'webinars', lazy: async () => ({ Component: (await import('./routes/admin/webinars')).WebinarsRoute }) },
            { path: 'webinars/new', lazy: async () => ({ Component: (await import('./routes/admin/webinar-new')).WebinarNewRoute }) },
            { path: 'webinars/:webinarId', lazy: async () => ({ Component: (await import('./routes/admin/webinar')).WebinarRoute }) },
            {
              path: 'webinars/:webinarId/edit',
              lazy: async () => ({ Component: (await import('./routes/admin/webinar-edit')).WebinarEditRoute }),
            },
            { path: 'series', lazy: async () => ({ Component: (await import('./routes/admin/series-list')).SeriesListRoute }) },
            { path: 'series/new', lazy: async () => ({ Component: (await import('./routes/admin/series-new')).SeriesNewRoute }) },
            { path: 'series/:seriesId', lazy: async () => ({ Component: (await import('./routes/admin/series')).SeriesRoute }) },
            { path: 'mailbox', lazy: async () => ({ Component: (await import('./routes/admin/mailbox')).MailboxRoute }) },
            {
              path: 'mailbox/:mailId',
              lazy: async () => ({ Component: (await import('./routes/admin/mailbox-message')).MailboxMessageRoute }),
            },
            { path: 'users', lazy: async () => ({ Component: (await import('./routes/admin/users')).UsersRoute }) },
            { path: 'people', lazy: async () => ({ Component: (await import('./routes/admin/people')).PeopleRoute }) },
            { path: 'api-keys', lazy: async () => ({ Component: (await import('./routes/admin/api-keys')).ApiKeysRoute }) },
            { path: 'settings', lazy: async () => ({ Component: (await import('./routes/admin/settings')).SettingsRoute }) },
          ],
        },
        // Registrants' pages: no account, no staff code in their chunks.
        { path: 's/:slug', lazy: async () => ({ Component: (await import('./routes/public/series-registration')).SeriesRegistrationRoute }) },
        // The public app's pages (public-app.tsx): a link from here loads them as a page of their own.
        ...['w/:slug', 'join/:token', 'join/:token/cancel', 'join/:token/replay'].map((path) => ({ path, Component: PublicAppPage })),
        // The live pages: full-screen, and the only ones that may fetch the Stream video SDK (lazily, inside them).
        { path: 'join/:token/room', lazy: async () => ({ Component: (await import('./routes/join-room')).JoinRoomRoute }) },
        { path: 'studio/:webinarId', lazy: async () => ({ Component: (await import('./routes/studio')).StudioRoute }) },
        // A guest panelist's studio: no account, the personal link is the key.
        { path: 'stage/:token', lazy: async () => ({ Component: (await import('./routes/panelist-studio')).PanelistStudioRoute }) },
        { path: '*', lazy: async () => ({ Component: (await import('./routes/not-found')).NotFoundRoute }) },
      ],
    },
  ])

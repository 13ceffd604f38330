import { Component, lazy, Suspense, useEffect, useLayoutEffect, useState, type ComponentType, type ReactNode } from 'react'
import { PageLoading } from '@/components/ui/spinner'
import { PublicBrandingProvider } from '@/features/branding/components/public-branding-provider'
import { PublicNavigationContext, type PublicNavigate } from '@/lib/public-navigation'
import { ErrorScreen } from './error-screen'

// The pages a registrant opens from an invitation or a mail, as a small app of their own: plain React, with no
// router, react-query, toasts, form or schema library (bench B6: at most 80 KB of gzipped JavaScript on first
// load, React itself being about 66). main.tsx starts it when the first address is one of these pages; any other
// address starts the app (app.tsx), which has every other page. Links between these pages stay in this app; a
// link to any other page of the SPA (the room) hands over to the app, in the same tab without a page load.

type PageComponent = ComponentType<{ param: string }>

/** A page's code, loaded on first visit, given the one parameter of its path (a slug or a join token). */
function page<Module>(load: () => Promise<Module>, render: (module: Module, param: string) => ReactNode): PageComponent {
  return lazy(async () => {
    const module = await load()
    return { default: ({ param }: { param: string }) => render(module, param) }
  })
}

const publicPages: { path: RegExp; Page: PageComponent }[] = [
  {
    path: /^\/w\/([^/]+)\/?$/i,
    Page: page(
      () => import('./routes/public/webinar-registration'),
      ({ WebinarRegistrationRoute }, slug) => <WebinarRegistrationRoute slug={slug} />,
    ),
  },
  { path: /^\/join\/([^/]+)\/?$/i, Page: page(() => import('./routes/join/join'), ({ JoinRoute }, token) => <JoinRoute token={token} />) },
  {
    path: /^\/join\/([^/]+)\/cancel\/?$/i,
    Page: page(() => import('./routes/join/join-cancel'), ({ JoinCancelRoute }, token) => <JoinCancelRoute token={token} />),
  },
  {
    path: /^\/join\/([^/]+)\/replay\/?$/i,
    Page: page(() => import('./routes/join/join-replay'), ({ JoinReplayRoute }, token) => <JoinReplayRoute token={token} />),
  },
]

/** The public page at `pathname`, if it is one, with its parameter decoded as the app's router decodes it. */
export function publicPageAt(pathname: string): { Page: PageComponent; param: string } | undefined {
  for (const { path, Page } of publicPages) {
    const match = path.exec(pathname)
    if (!match) continue
    const raw = match[1]!
    try {
      return { Page, param: decodeURIComponent(raw) }
    } catch {
      return { Page, param: raw }
    }
  }
  return undefined
}

/** Addresses the server answers itself (vite.config.ts proxies the same): never pages of the SPA. */
const serverPaths = /^\/(api|docs|healthz|readyz|__stream)(\/|$)/

/**
 * The page a click on a link goes to, when it is one of the SPA's: shown without a page load, as the app's router
 * shows its links. Anything else (a new tab, a download, another site, the API, a link within the page) is left
 * to the browser.
 */
function spaPathOfClick(event: MouseEvent): string | undefined {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return undefined
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null
  if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== '_self') || link.hasAttribute('download')) return undefined
  if (link.origin !== window.location.origin || serverPaths.test(link.pathname)) return undefined
  if (link.pathname === window.location.pathname && link.search === window.location.search && link.hash) return undefined
  return `${link.pathname}${link.search}${link.hash}`
}

class PageErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: undefined }

  static getDerivedStateFromError(error: unknown) {
    return { error }
  }

  override componentDidCatch(error: unknown) {
    // Production builds print nothing by themselves: keep the cause where a developer or support can find it.
    console.error(error)
  }

  override render() {
    return this.state.error === undefined ? this.props.children : <ErrorScreen error={this.state.error} />
  }
}

/**
 * The public app, at the address the browser shows (main.tsx starts it only where `publicPageAt` finds a page).
 * `onLeave` hands over to the app once the address is another page of the SPA.
 */
export function PublicApp({ onLeave }: { onLeave: () => void }) {
  const [location, setLocation] = useState(() => ({ pathname: window.location.pathname, isPush: false }))
  const [navigate] = useState(() => {
    const go: PublicNavigate = (path, { replace = false } = {}) => {
      window.history[replace ? 'replaceState' : 'pushState'](null, '', path)
      if (publicPageAt(window.location.pathname)) setLocation({ pathname: window.location.pathname, isPush: true })
      else onLeave()
    }
    return go
  })

  useEffect(() => {
    const onPopState = () => {
      // Only public pages are pushed here; anything else is the app's to show.
      if (publicPageAt(window.location.pathname)) setLocation({ pathname: window.location.pathname, isPush: false })
      else window.location.reload()
    }
    const onClick = (event: MouseEvent) => {
      const path = spaPathOfClick(event)
      if (path === undefined) return
      event.preventDefault()
      navigate(path)
    }
    window.addEventListener('popstate', onPopState)
    document.addEventListener('click', onClick)
    return () => {
      window.removeEventListener('popstate', onPopState)
      document.removeEventListener('click', onClick)
    }
  }, [navigate])

  // A link opens the next page at its top, as a full page load would; back and forward are left to the browser.
  useLayoutEffect(() => {
    if (location.isPush) window.scrollTo(0, 0)
  }, [location])

  const shown = publicPageAt(location.pathname)
  return (
    <PublicNavigationContext value={navigate}>
      <PublicBrandingProvider>
        <PageErrorBoundary key={location.pathname}>
          <Suspense fallback={<PageLoading />}>{shown ? <shown.Page key={location.pathname} param={shown.param} /> : null}</Suspense>
        </PageErrorBoundary>
      </PublicBrandingProvider>
    </PublicNavigationContext>
  )
}

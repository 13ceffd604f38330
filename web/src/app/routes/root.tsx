import { RotateCw } from 'lucide-react'
import { useEffect } from 'react'
import { Outlet, useNavigation, useRouteError } from 'react-router'
import { Button } from '@/components/ui/button'
import { Logo } from '@/components/ui/logo'

/** A thin bar at the top while the next page's code loads, so a slow network never looks like a dead click. */
function NavigationProgress() {
  const navigation = useNavigation()
  if (navigation.state === 'idle') return null
  return (
    <div role="progressbar" aria-label="Loading page" className="fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden bg-accent-100">
      <div className="h-full w-1/3 animate-[progress_1s_ease-in-out_infinite] bg-accent-600" />
    </div>
  )
}

export function RootLayout() {
  return (
    <>
      <NavigationProgress />
      <Outlet />
    </>
  )
}

/** Last resort for errors thrown while rendering a page (unknown addresses have their own '*' route). */
export function RootErrorBoundary() {
  const error = useRouteError()
  // Production builds print nothing by themselves: keep the cause where a developer or support can find it.
  useEffect(() => console.error(error), [error])
  // A page's code can fail to load after a new version is deployed (its old chunk is gone): a reload fixes it.
  const isStaleChunk = error instanceof TypeError && /dynamically imported module|Importing a module script failed/i.test(error.message)
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <title>Something went wrong · Webinars</title>
      <Logo className="mb-10" />
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {isStaleChunk ? 'This page has been updated' : 'Something went wrong'}
      </h1>
      <p className="mt-3 max-w-md text-sm leading-6 text-slate-600">
        {isStaleChunk
          ? 'A newer version of the app is available. Reload to continue where you were.'
          : 'The page ran into a problem it could not recover from. Reloading usually helps; if it keeps happening, tell whoever runs this installation.'}
      </p>
      <Button className="mt-8" onClick={() => window.location.reload()}>
        <RotateCw className="size-4" aria-hidden />
        Reload the page
      </Button>
    </div>
  )
}

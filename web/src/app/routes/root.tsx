import { useEffect } from 'react'
import { Outlet, useNavigation, useRouteError } from 'react-router'
import { ErrorScreen } from '../error-screen'

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
  return <ErrorScreen error={error} />
}

import { useState } from 'react'
import { RouterProvider } from 'react-router/dom'
import { AppProviders } from './providers'
import { createAppRouter } from './router'

export type AppRouter = ReturnType<typeof createAppRouter>

/**
 * The app, at the address the browser shows now, ready once its page's code has loaded: the public app waits
 * for it before handing over, so that its own page stays on screen meanwhile, as a link between two pages of
 * the app keeps the first one while the next loads.
 */
export async function readyAppRouter(): Promise<AppRouter> {
  const router = createAppRouter()
  if (!router.state.initialized) {
    await new Promise<void>((resolve) => {
      const unsubscribe = router.subscribe((state) => {
        if (!state.initialized) return
        unsubscribe()
        resolve()
      })
    })
  }
  return router
}

/** Every page but the public ones a registrant opens first (public-app.tsx): staff pages, the room, the studio. */
export function App({ router: readyRouter }: { router?: AppRouter }) {
  const [router] = useState(() => readyRouter ?? createAppRouter())
  return (
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  )
}

import { StrictMode, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { ErrorScreen } from './app/error-screen'
import { PublicApp, publicPageAt } from './app/public-app'
import './index.css'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
const root = createRoot(container)
const render = (app: ReactNode) => root.render(<StrictMode>{app}</StrictMode>)

/**
 * The app, at the address the browser shows. From the public app (`isHandover`), once the next page is ready:
 * that page stays on screen meanwhile, and nothing is reloaded, so what it had set up (the attendee's tab, its
 * media permissions) carries on. Its code may be gone after a new version was deployed: the page says so.
 */
async function startApp({ isHandover }: { isHandover: boolean }): Promise<void> {
  try {
    const { App, readyAppRouter } = await import('./app/app')
    if (!isHandover) return render(<App />)
    render(<App router={await readyAppRouter()} />)
    window.scrollTo(0, 0)
  } catch (error) {
    console.error(error)
    render(<ErrorScreen error={error} />)
  }
}

// A registrant's first page (registration, personal link) starts the small public app; every other address the
// app, whose router, query client and libraries are only downloaded then (bench B6).
if (publicPageAt(window.location.pathname)) render(<PublicApp onLeave={() => void startApp({ isHandover: true })} />)
else void startApp({ isHandover: false })

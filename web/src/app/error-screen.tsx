import { RotateCw } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Logo } from '@/components/ui/logo'

/**
 * The last resort for errors thrown while rendering a page, in the app (routes/root.tsx) and the public app
 * (public-app.tsx) alike.
 */
export function ErrorScreen({ error }: { error: unknown }) {
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

import { Compass } from 'lucide-react'
import { Link } from 'react-router'
import { buttonClasses } from '@/components/ui/button'
import { Logo } from '@/components/ui/logo'
import { cn } from '@/lib/cn'

export function NotFoundRoute() {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-accent-50/70 via-slate-50 to-slate-50 px-6 text-center">
      <title>Page not found · Webinars</title>
      <Logo className="mb-12" />
      <div className="flex size-14 items-center justify-center rounded-2xl bg-white text-accent-600 shadow-sm ring-1 ring-slate-900/5">
        <Compass className="size-7" aria-hidden />
      </div>
      <p className="mt-6 text-sm font-semibold text-accent-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">We couldn’t find that page</h1>
      <p className="mt-3 max-w-sm text-sm leading-6 text-slate-600">
        The link may be mistyped, or the page may have moved. Check the address, or start again from the home page.
      </p>
      <Link to="/" className={cn(buttonClasses(), 'mt-8')}>
        Go to the home page
      </Link>
    </div>
  )
}

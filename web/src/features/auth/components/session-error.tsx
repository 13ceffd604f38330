import { CloudOff } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Logo } from '@/components/ui/logo'
import { errorMessageOf } from '@/lib/api-error'

/** When we cannot even tell whether someone is signed in, say so and offer a way forward. */
export function SessionError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div role="alert" className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <Logo className="mb-12" />
      <div className="flex size-14 items-center justify-center rounded-2xl bg-red-50 text-red-500">
        <CloudOff className="size-7" aria-hidden />
      </div>
      <h1 className="mt-5 text-xl font-semibold text-slate-900">Can’t load this page</h1>
      <p className="mt-2 max-w-sm text-sm leading-6 text-slate-600">{errorMessageOf(error)}</p>
      <Button className="mt-6" variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </div>
  )
}

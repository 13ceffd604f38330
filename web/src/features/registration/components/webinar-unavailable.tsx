import { CalendarSearch, CloudOff } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { errorMessageOf, isApiError } from '@/lib/api-error'

/** The webinar page could not be shown: a wrong address (say so plainly) or a failure (say what to do). */
export function WebinarUnavailable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const isMissing = isApiError(error, 404) || isApiError(error, 400)
  const Icon = isMissing ? CalendarSearch : CloudOff
  return (
    <Card className="mx-auto max-w-lg px-6 py-12 text-center" role={isMissing ? undefined : 'alert'}>
      <div className="mx-auto flex size-14 items-center justify-center rounded-2xl bg-accent-50 text-accent-600">
        <Icon className="size-7" aria-hidden />
      </div>
      <h1 className="mt-5 text-xl font-semibold text-slate-900">{isMissing ? 'We couldn’t find this webinar' : 'Can’t load this webinar'}</h1>
      <p className="mx-auto mt-2 max-w-sm text-sm leading-6 text-slate-600">
        {isMissing
          ? 'The link may be mistyped, or the webinar may have been removed. Check the address in the invitation you received.'
          : errorMessageOf(error)}
      </p>
      {isMissing ? null : (
        <Button className="mt-6" variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Card>
  )
}

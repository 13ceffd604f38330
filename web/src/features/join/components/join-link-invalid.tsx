import { CloudOff, LinkIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { errorMessageOf, isApiError } from '@/lib/api-error'
import { StatusCard } from './status-card'

/** A link that leads nowhere (mistyped, or replaced by a newer one), or a page that could not load. */
export function JoinLinkInvalid({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const isUnknown = isApiError(error, 404) || isApiError(error, 400) || isApiError(error, 410)
  if (isUnknown) {
    return (
      <StatusCard icon={LinkIcon} tone="neutral" title="This link doesn’t work">
        <p>It may be incomplete (a long link sometimes breaks across lines), or the organiser replaced it with a newer one.</p>
        <p>Open the most recent e-mail we sent you and use the link in it. Lost it? Register again on the webinar’s page with the same address and we’ll e-mail your link again.</p>
      </StatusCard>
    )
  }
  return (
    <div role="alert">
      <StatusCard
        icon={CloudOff}
        tone="neutral"
        title="Can’t load your registration"
        footer={
          <Button variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        }
      >
        <p>{errorMessageOf(error)}</p>
      </StatusCard>
    </div>
  )
}

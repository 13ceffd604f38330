import { CloudOff, LinkIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { StatusCard } from '@/features/join/components/status-card'
import { errorMessageOf, isApiError } from '@/lib/api-error'

/** Is this the answer to a studio link that leads nowhere (mistyped, replaced, or its speaker removed)? */
export function isDeadStudioLink(error: unknown): boolean {
  return isApiError(error, 404) || isApiError(error, 400)
}

/** A panelist's studio link that leads nowhere, or a studio that could not load. */
export function StudioLinkInvalid({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (isDeadStudioLink(error)) {
    return (
      <StatusCard icon={LinkIcon} tone="neutral" title="This studio link does not work">
        <p>It may be incomplete (a long link sometimes breaks across lines), or the organiser removed you from this webinar’s speakers or invited you again with a new link.</p>
        <p>Open the most recent invitation we sent you and use the link in it, or ask the organiser to invite you again.</p>
      </StatusCard>
    )
  }
  return (
    <div role="alert">
      <StatusCard
        icon={CloudOff}
        tone="neutral"
        title="Your studio did not load"
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

import type { Webinar } from '@webinar/shared/webinars'
import { ExternalLink, UsersRound } from 'lucide-react'
import { buttonClasses } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { AddRegistrantDialog } from './add-registrant-dialog'

export function RegistrationsEmptyState({ webinar }: { webinar: Pick<Webinar, 'id' | 'slug' | 'approvalMode'> }) {
  return (
    <EmptyState
      icon={UsersRound}
      title="No registrations yet"
      action={
        <div className="flex flex-col justify-center gap-3 sm:flex-row">
          <a href={`/w/${webinar.slug}`} target="_blank" rel="noreferrer" className={buttonClasses({ variant: 'secondary' })}>
            <ExternalLink className="size-4" aria-hidden />
            Open the public page
          </a>
          <AddRegistrantDialog webinar={webinar} />
        </div>
      }
    >
      <p>
        Share the public page: people who register there appear here
        {webinar.approvalMode === 'manual' ? ', waiting for your approval' : ' with their join link already sent'}. You can also add someone
        yourself.
      </p>
    </EmptyState>
  )
}

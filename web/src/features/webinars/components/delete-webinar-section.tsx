import type { Webinar } from '@webinar/shared/webinars'
import { Trash2 } from 'lucide-react'
import { useId, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { DeleteWebinarDialog } from './delete-webinar-dialog'

/**
 * The one destructive action on a webinar's page, at its foot and apart from the everyday ones: for owners and
 * admins (the page shows it only to them). A live webinar must be ended first, and the button says so.
 */
export function DeleteWebinarSection({ webinar }: { webinar: Webinar }) {
  const [isOpen, setIsOpen] = useState(false)
  const reasonId = useId()
  const isLive = webinar.status === 'live'
  return (
    <Card className="flex flex-col gap-4 px-5 py-5 sm:flex-row sm:items-center sm:justify-between sm:px-6">
      <div>
        <h2 className="text-base font-semibold text-slate-900">Delete this webinar</h2>
        <p id={reasonId} className="mt-1 text-sm leading-6 text-slate-600">
          {isLive
            ? 'It is live: end it before deleting it.'
            : 'Removes it from every list, with its Stream call. You choose whether its registrations and mail are kept for reports.'}
        </p>
      </div>
      <Button variant="danger-quiet" disabled={isLive} aria-describedby={reasonId} onClick={() => setIsOpen(true)}>
        <Trash2 className="size-4" aria-hidden />
        Delete webinar…
      </Button>
      <DeleteWebinarDialog webinar={webinar} open={isOpen} onOpenChange={setIsOpen} />
    </Card>
  )
}

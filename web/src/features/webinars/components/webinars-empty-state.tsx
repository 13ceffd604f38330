import { CalendarDays, CalendarPlus } from 'lucide-react'
import { Link } from 'react-router'
import { buttonClasses } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'

export function WebinarsEmptyState() {
  return (
    <EmptyState
      icon={CalendarDays}
      title="No webinars yet"
      action={
        <Link to="/admin/webinars/new" className={buttonClasses()}>
          <CalendarPlus className="size-4" aria-hidden />
          Schedule a webinar
        </Link>
      }
    >
      <p>
        Each webinar you schedule gets its own registration page, personal join links for attendees and a Stream call to go
        live from, prepared the moment you save it.
      </p>
    </EmptyState>
  )
}

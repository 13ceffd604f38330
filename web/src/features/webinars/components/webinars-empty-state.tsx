import { CalendarDays } from 'lucide-react'
import { EmptyState } from '@/components/ui/empty-state'

/**
 * Honest about the state of things: scheduling arrives with the webinar pages, so there is no
 * "create" button here yet that would lead nowhere.
 */
export function WebinarsEmptyState() {
  return (
    <EmptyState icon={CalendarDays} title="No webinars yet">
      <p>
        Webinars you schedule will be listed here, each with its own registration page, personal join links for
        attendees and a studio to go live from.
      </p>
      <p className="mt-3 text-slate-500">Scheduling is coming in the next update of this installation.</p>
    </EmptyState>
  )
}

import type { Webinar } from '@webinar/shared/webinars'
import { Repeat } from 'lucide-react'
import { Link } from 'react-router'

/** On an occurrence's page: which series it belongs to, one click away. Nothing for a webinar on its own. */
export function SeriesLink({ webinar }: { webinar: Pick<Webinar, 'series'> }) {
  if (!webinar.series) return null
  return (
    <p className="flex items-center gap-2 text-sm text-slate-600">
      <Repeat className="size-4 shrink-0 text-slate-400" aria-hidden />
      <span>
        Part of the series{' '}
        <Link to={`/admin/series/${webinar.series.id}`} className="rounded-sm font-medium text-accent-700 hover:text-accent-600 hover:underline">
          {webinar.series.title}
        </Link>
      </span>
    </p>
  )
}

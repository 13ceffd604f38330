import { ChevronLeft, ChevronRight } from 'lucide-react'
import { Button } from '@/components/ui/button'

/** Previous/next over an offset-paginated list; hidden when everything fits on one page. */
export function Pagination({
  label = 'Pages',
  offset,
  limit,
  total,
  onOffsetChange,
}: {
  label?: string
  offset: number
  limit: number
  total: number
  onOffsetChange: (offset: number) => void
}) {
  if (total <= limit) return null
  const first = Math.min(offset + 1, total)
  const last = Math.min(offset + limit, total)
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-4">
      <p className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">
          {first}–{last}
        </span>{' '}
        of <span className="font-medium text-slate-900">{total}</span>
      </p>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={offset === 0} onClick={() => onOffsetChange(Math.max(0, offset - limit))}>
          <ChevronLeft className="size-4" aria-hidden />
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={last >= total} onClick={() => onOffsetChange(offset + limit)}>
          Next
          <ChevronRight className="size-4" aria-hidden />
        </Button>
      </div>
    </nav>
  )
}

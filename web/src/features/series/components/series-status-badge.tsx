import type { Series } from '@webinar/shared/series'
import { Badge } from '@/components/ui/badge'

export function SeriesStatusBadge({ status }: { status: Series['status'] }) {
  return status === 'active' ? <Badge tone="accent">Active</Badge> : <Badge>Cancelled</Badge>
}

import { PageHeader } from '@/components/ui/page-header'
import { WebinarsEmptyState } from '@/features/webinars/components/webinars-empty-state'

export function WebinarsRoute() {
  return (
    <div className="space-y-8">
      <title>Webinars</title>
      <PageHeader title="Webinars" description="Schedule webinars, take registrations and go live." />
      <WebinarsEmptyState />
    </div>
  )
}

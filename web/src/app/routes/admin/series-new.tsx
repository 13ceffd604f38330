import { PageHeader } from '@/components/ui/page-header'
import { SeriesForm } from '@/features/series/components/series-form'
import { BackLink } from '@/features/webinars/components/back-link'

export function SeriesNewRoute() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <title>New series · Series</title>
      <BackLink to="/admin/series">All series</BackLink>
      <PageHeader
        title="New series"
        description="Sessions within the next 180 days are created at once, each with its own Stream call; later ones follow as their dates come closer."
      />
      <SeriesForm />
    </div>
  )
}

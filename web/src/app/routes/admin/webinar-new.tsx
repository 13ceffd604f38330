import { PageHeader } from '@/components/ui/page-header'
import { BackLink } from '@/features/webinars/components/back-link'
import { CreateWebinarForm } from '@/features/webinars/components/create-webinar-form'

export function WebinarNewRoute() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <title>Schedule a webinar · Webinars</title>
      <BackLink />
      <PageHeader title="Schedule a webinar" description="Its Stream call is prepared as soon as you save; you can change everything later." />
      <CreateWebinarForm />
    </div>
  )
}

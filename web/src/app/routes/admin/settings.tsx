import { PageHeader } from '@/components/ui/page-header'
import { UpcomingSettings } from '@/features/settings/components/upcoming-settings'

export function SettingsRoute() {
  return (
    <div className="space-y-8">
      <title>Settings · Webinars</title>
      <PageHeader title="Settings" description="How this installation presents itself and talks to your other systems." />
      <UpcomingSettings />
    </div>
  )
}

import { PageHeader } from '@/components/ui/page-header'
import { ChangePasswordCard } from '@/features/settings/components/change-password-card'
import { UpcomingSettings } from '@/features/settings/components/upcoming-settings'

export function SettingsRoute() {
  return (
    <div className="space-y-8">
      <title>Settings · Webinars</title>
      <PageHeader title="Settings" description="Your account, and how this installation presents itself and talks to your other systems." />
      <ChangePasswordCard />
      <UpcomingSettings />
    </div>
  )
}

import { staffAdminRoles } from '@webinar/shared/users'
import { PageHeader } from '@/components/ui/page-header'
import { useCurrentUser } from '@/features/auth/hooks/use-current-user'
import { WebhooksSection } from '@/features/outgoing-webhooks/components/webhooks-section'
import { ChangePasswordCard } from '@/features/settings/components/change-password-card'
import { UpcomingSettings } from '@/features/settings/components/upcoming-settings'

export function SettingsRoute() {
  const currentUser = useCurrentUser()
  // Webhooks send every registrant's data out: owners and admins manage them (the API refuses hosts as well).
  const canManageWebhooks = staffAdminRoles.includes(currentUser.role)
  return (
    <div className="space-y-8">
      <title>Settings · Webinars</title>
      <PageHeader title="Settings" description="Your account, and how this installation presents itself and talks to your other systems." />
      <ChangePasswordCard />
      {canManageWebhooks ? <WebhooksSection /> : null}
      <UpcomingSettings />
    </div>
  )
}

import { staffAdminRoles } from '@webinar/shared/users'
import { PageHeader } from '@/components/ui/page-header'
import { useCurrentUser } from '@/features/auth/hooks/use-current-user'
import { WebhooksSection } from '@/features/outgoing-webhooks/components/webhooks-section'
import { ChangePasswordCard } from '@/features/settings/components/change-password-card'
import { OrganisationCard } from '@/features/settings/components/organisation-card'

/** Every staff member's own account; owners and admins also the organisation and its webhooks (the API refuses hosts those changes too). */
export function SettingsRoute() {
  const currentUser = useCurrentUser()
  const isAdmin = staffAdminRoles.includes(currentUser.role)
  return (
    <div className="space-y-8">
      <title>Settings · Webinars</title>
      <PageHeader
        title="Settings"
        description={isAdmin ? 'Your account, and how this installation presents itself and talks to your other systems.' : 'Your account.'}
      />
      <ChangePasswordCard />
      {isAdmin ? <OrganisationCard /> : null}
      {isAdmin ? <WebhooksSection /> : null}
    </div>
  )
}

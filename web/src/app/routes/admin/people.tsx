import { staffAdminRoles } from '@webinar/shared/users'
import { ShieldCheck } from 'lucide-react'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { useCurrentUser } from '@/features/auth/hooks/use-current-user'
import { AuditLogList } from '@/features/privacy/components/audit-log-list'
import { PersonRequestCard } from '@/features/privacy/components/person-request-card'

/** `/admin/people`: registrants' requests about their data (export, erasure) and the audit log of both. Owners and admins. */
export function PeopleRoute() {
  const currentUser = useCurrentUser()
  const canAnswerRequests = staffAdminRoles.includes(currentUser.role)

  return (
    <div className="space-y-8">
      <title>People · Webinars</title>
      <PageHeader
        title="People"
        description="Answer registrants who ask for their data or to be forgotten: export everything held about someone, or erase it, across every webinar."
      />
      {canAnswerRequests ? (
        <>
          <PersonRequestCard />
          <AuditLogList />
        </>
      ) : (
        <EmptyState icon={ShieldCheck} title="Only admins answer data requests">
          <p>You are signed in as a host. If a registrant asks for their data or to be erased, pass it on to an admin of this installation.</p>
        </EmptyState>
      )}
    </div>
  )
}

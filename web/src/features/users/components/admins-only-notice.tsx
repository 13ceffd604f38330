import { ShieldCheck } from 'lucide-react'
import { EmptyState } from '@/components/ui/empty-state'

export function AdminsOnlyNotice() {
  return (
    <EmptyState icon={ShieldCheck} title="Only admins manage staff">
      <p>
        You are signed in as a host, so you can run webinars but not add or remove people. Ask an admin of this installation
        if someone needs an account.
      </p>
    </EmptyState>
  )
}

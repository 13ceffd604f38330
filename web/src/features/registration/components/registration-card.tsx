import type { PublicWebinar, RegistrationReceipt } from '@webinar/shared/registrations'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'
import { RegistrationForm } from './registration-form'

/** The form with what a visitor should know before filling it in: a waitlist, or an approval step. */
export function RegistrationCard({ slug, webinar, onRegistered }: { slug: string; webinar: PublicWebinar; onRegistered: (receipt: RegistrationReceipt) => void }) {
  const { willWaitlist } = webinar.registration
  return (
    <Card className="px-5 py-6 sm:px-7 sm:py-7">
      <h2 className="text-lg font-semibold text-slate-900">{willWaitlist ? 'Join the waitlist' : 'Register'}</h2>
      {willWaitlist ? (
        <Alert tone="warning" title="This webinar is full" className="mt-4">
          Register anyway to join the waitlist: if a seat frees up, it’s yours, and we’ll e-mail you your personal link straight away.
        </Alert>
      ) : (
        <p className="mt-1 text-sm leading-6 text-slate-600">
          {webinar.approvalMode === 'manual'
            ? 'The organiser reviews each registration; your personal link follows by e-mail once you’re approved.'
            : 'Your personal join link arrives by e-mail right away.'}
        </p>
      )}
      <div className="mt-6">
        <RegistrationForm slug={slug} webinar={webinar} onRegistered={onRegistered} />
      </div>
    </Card>
  )
}

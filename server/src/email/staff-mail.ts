import type { Database } from '../db/client.ts'
import { organisationRepository } from '../organisation/organisation-repository.ts'
import { mailBrandingOf, mailSenderOf } from '../organisation/organisation-view.ts'
import type { MailSender } from './email-jobs.ts'
import { renderPasswordResetEmail } from './render-email.ts'

export interface StaffMailDependencies {
  db: Database
  sender: MailSender & { isConfigured: boolean }
  publicUrl: string
  /** ORGANISATION_NAME, until an admin saves the organisation's settings. */
  organisationName: string
}

/**
 * Mail to a staff member about their account, sent at once through the SMTP transport and never stored: the
 * outbox is for registrants and speakers (its rows belong to one of them, and the Mailbox shows them to every
 * admin), while a password reset link must reach its owner alone. Without SMTP nothing can be sent
 * (`isConfigured` says so): whoever runs the server makes the link with the password:reset-link command.
 */
export function createStaffMail({ db, sender, publicUrl, organisationName }: StaffMailDependencies) {
  return {
    isConfigured: sender.isConfigured,

    async sendPasswordReset({ to, name, resetUrl, validMinutes }: { to: string; name: string; resetUrl: string; validMinutes: number }): Promise<void> {
      const settings = await organisationRepository.find(db)
      const branding = mailBrandingOf(settings, { organisationName, publicUrl })
      const message = renderPasswordResetEmail({
        organisationName: branding.name,
        brand: { accentColour: branding.accentColour, logoUrl: branding.logoUrl },
        recipientName: name,
        resetUrl,
        validMinutes,
      })
      const from = mailSenderOf(settings)
      await sender.send({ ...(from ? { from } : {}), to, ...message })
    },
  }
}

export type StaffMail = ReturnType<typeof createStaffMail>

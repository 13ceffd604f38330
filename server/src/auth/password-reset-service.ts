import { createHash, randomBytes } from 'node:crypto'
import { passwordResetLinkValidMinutes, type PasswordResetConfirmBody } from '@webinar/shared/auth'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction } from '../db/transaction.ts'
import type { StaffMail } from '../email/staff-mail.ts'
import { AppError } from '../errors.ts'
import { hashPassword } from '../users/password.ts'
import { userRepository } from '../users/user-repository.ts'
import { passwordResetTokenRepository } from './password-reset-token-repository.ts'
import { sessionRepository } from './session-repository.ts'

export interface PasswordResetDependencies {
  db: Database
  pool: pg.Pool
  clock: Clock
  /** Where people reach the app: the mailed link points at its `/reset-password` page. */
  publicUrl: string
  /** Sends the link (SMTP), or says it cannot. */
  mail: Pick<StaffMail, 'isConfigured' | 'sendPasswordReset'>
  logger: { warn: (details: object, message: string) => void }
}

export interface IssuedResetLink {
  email: string
  name: string
  /** `<publicUrl>/reset-password#token=…`: in the fragment, which browsers never send, so no server log holds it. */
  url: string
  expiresAt: Date
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Password reset by mail. A link holds a random token (32 bytes, base64url) of which only the SHA-256 is stored;
 * it works once, for an hour, and setting the password with it ends every session of the account.
 */
export function createPasswordResetService({ db, pool, clock, publicUrl, mail, logger }: PasswordResetDependencies) {
  /** A link for the account that uses this address, or undefined when none does (after the very same work). */
  async function issueLink(email: string): Promise<IssuedResetLink | undefined> {
    const token = randomBytes(32).toString('base64url')
    const now = clock.now()
    const expiresAt = new Date(now.getTime() + passwordResetLinkValidMinutes * 60_000)
    const account = await passwordResetTokenRepository.issueForEmail(db, email.trim(), { tokenHash: sha256(token), expiresAt, createdAt: now })
    if (!account) return undefined
    return { email: account.email, name: account.name, url: `${publicUrl}/reset-password#token=${token}`, expiresAt }
  }

  return {
    issueLink,

    isMailConfigured: mail.isConfigured,

    /**
     * "Forgot password?": mails a link if an account uses the address. The caller answers the same either way,
     * and without waiting for the SMTP server, whose round trip would tell that the address has an account.
     */
    async requestByMail(email: string): Promise<void> {
      if (!mail.isConfigured) return
      const link = await issueLink(email)
      if (!link) return
      mail.sendPasswordReset({ to: link.email, name: link.name, resetUrl: link.url, validMinutes: passwordResetLinkValidMinutes }).catch((error: unknown) => {
        // The error names the SMTP exchange, never the link; the person may simply ask again.
        logger.warn({ err: error }, 'a password reset mail could not be sent')
      })
    },

    /**
     * Sets the new password with a link's token: in one transaction, the token is used (only if unused and
     * unexpired, so it works once), the password changes, the account's other links stop working and every
     * session of it ends, wherever it was signed in.
     */
    async resetPassword({ token, password }: PasswordResetConfirmBody): Promise<void> {
      const passwordHash = await hashPassword(password)
      const now = clock.now()
      const isReset = await runInTransaction(pool, async ({ db: tx }) => {
        const used = await passwordResetTokenRepository.use(tx, sha256(token), now)
        if (!used) return false
        await userRepository.updatePasswordHash(tx, used.userId, passwordHash, now)
        await passwordResetTokenRepository.retireAllOfUser(tx, used.userId, now)
        await sessionRepository.deleteAllOfUser(tx, used.userId)
        return true
      })
      if (!isReset) {
        throw new AppError(
          'bad_request',
          'This password reset link does not work any more: it was used already, it expired (links work for one hour), or it was copied incompletely. Ask for a new one.',
        )
      }
    },
  }
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>

import type { ChangePasswordBody, LoginBody, MeResponse, SetupBody } from '@webinar/shared/auth'
import type { User } from '@webinar/shared/users'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction } from '../db/transaction.ts'
import { AppError, conflict, forbidden } from '../errors.ts'
import { hashPassword, unusablePasswordHash, verifyPassword } from '../users/password.ts'
import type { Staff } from '../users/staff.ts'
import { userRepository } from '../users/user-repository.ts'
import { toUserView } from '../users/user-view.ts'
import { passwordResetTokenRepository } from './password-reset-token-repository.ts'
import type { OpenedSession } from './session.ts'
import { sessionRepository } from './session-repository.ts'

export interface AuthServiceDependencies {
  db: Database
  pool: pg.Pool
  clock: Clock
  /** How long a session lasts (its row and its cookie alike). */
  sessionTtlSeconds: number
}

/**
 * First-run set-up, sign-in checks, sessions (rows; the cookie that names one stays with the routes),
 * password changes and the current user. Rate limits stay with the routes.
 */
export function createAuthService({ db, pool, clock, sessionTtlSeconds }: AuthServiceDependencies) {
  const expiryFrom = (now: Date) => new Date(now.getTime() + sessionTtlSeconds * 1000)

  return {
    /** A new session for the user, after clearing the rows of their sessions that expired by themselves. */
    async openSession(userId: string): Promise<OpenedSession> {
      const now = clock.now()
      await sessionRepository.deleteExpiredOfUser(db, userId, now)
      const session = await sessionRepository.insert(db, { userId, expiresAt: expiryFrom(now) })
      return { id: session.id, userId }
    },

    /** Signing out: this session is over, wherever its cookie has been copied to. */
    async endSession(sessionId: string): Promise<void> {
      await sessionRepository.delete(db, sessionId)
    },

    /**
     * Changes the signed-in user's password and ends every session of theirs, this one included: a copy of this
     * very cookie (the reason to change a password, often) stops working too. The caller gets a new session
     * for the browser that made the change. All in one transaction: never a new password with old sessions.
     */
    async changePassword(staff: Staff, { currentPassword, newPassword }: ChangePasswordBody): Promise<OpenedSession> {
      if (staff.via !== 'session') throw forbidden('Change the password from a signed-in browser session, not with an API key.')
      const { user } = staff
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        throw new AppError('validation_failed', 'The current password is not right.', { currentPassword: 'is not right' })
      }
      const passwordHash = await hashPassword(newPassword)
      const now = clock.now()
      return runInTransaction(pool, async ({ db: tx }) => {
        await userRepository.updatePasswordHash(tx, user.id, passwordHash, now)
        await sessionRepository.deleteAllOfUser(tx, user.id)
        // A reset link mailed earlier would undo this change: it stops working too.
        await passwordResetTokenRepository.retireAllOfUser(tx, user.id, now)
        const session = await sessionRepository.insert(tx, { userId: user.id, expiresAt: expiryFrom(now) })
        return { id: session.id, userId: user.id }
      })
    },

    /** Whether the first owner still has to be created. */
    async needsSetup(): Promise<boolean> {
      return (await userRepository.count(db)) === 0
    },

    /** Creates the first owner, only while no user exists. */
    async setUpFirstOwner({ email, name, password }: SetupBody): Promise<User> {
      const owner = await userRepository.insertFirstOwner(db, { email: email.trim(), name: name.trim(), passwordHash: await hashPassword(password) })
      if (!owner) throw conflict('This installation is already set up. Sign in instead.')
      return toUserView(owner)
    },

    /**
     * The user these credentials belong to. An unknown e-mail still costs a password check, so the
     * answer's timing does not tell which e-mail addresses have an account.
     */
    async signIn({ email, password }: LoginBody): Promise<User> {
      const user = await userRepository.findByEmail(db, email.trim())
      const isValid = await verifyPassword(password, user?.passwordHash ?? unusablePasswordHash)
      if (!user || !isValid) throw new AppError('invalid_credentials', 'The e-mail address or the password is not right.')
      return toUserView(user)
    },

    /** The signed-in user and how they authenticated. */
    me(staff: Staff): MeResponse {
      return { user: toUserView(staff.user), via: staff.via }
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>

import type { LoginBody, MeResponse, SetupBody } from '@webinar/shared/auth'
import type { User } from '@webinar/shared/users'
import type { Database } from '../db/client.ts'
import { AppError, conflict } from '../errors.ts'
import { hashPassword, unusablePasswordHash, verifyPassword } from '../users/password.ts'
import type { Staff } from '../users/staff.ts'
import { userRepository } from '../users/user-repository.ts'
import { toUserView } from '../users/user-view.ts'

export interface AuthServiceDependencies {
  db: Database
}

/** First-run set-up, sign-in checks and the current user. Sessions (cookies) and rate limits stay with the routes. */
export function createAuthService({ db }: AuthServiceDependencies) {
  return {
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

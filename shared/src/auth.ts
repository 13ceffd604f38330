import Type from 'typebox'
import { Email, exampleOwner, Password, PersonName, User } from './users.ts'

export const SetupStatus = Type.Object(
  { needsSetup: Type.Boolean({ description: 'True while no user exists: the first visitor creates the owner' }) },
  { examples: [{ needsSetup: false }] },
)
export type SetupStatus = Type.Static<typeof SetupStatus>

export const SetupBody = Type.Object(
  { email: Email, name: PersonName, password: Password },
  { additionalProperties: false, examples: [{ email: exampleOwner.email, name: exampleOwner.name, password: 'a long passphrase of mine' }] },
)
export type SetupBody = Type.Static<typeof SetupBody>

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false, examples: [{ email: exampleOwner.email, password: 'a long passphrase of mine' }] },
)
export type LoginBody = Type.Static<typeof LoginBody>

/** Changing one's password ends every other session of the account; the browser that changed it gets a new one. */
export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false, examples: [{ currentPassword: 'a long passphrase of mine', newPassword: 'an even longer passphrase' }] },
)
export type ChangePasswordBody = Type.Static<typeof ChangePasswordBody>

/** How long a password reset link works after it was asked for. */
export const passwordResetLinkValidMinutes = 60

/**
 * Without SMTP no link can be mailed: whoever runs the server makes one with this command (it prints the link,
 * valid for an hour, once).
 */
export const passwordResetLinkCommand = 'pnpm --filter @webinar/server password:reset-link'

/** "Forgot password?": a link by mail to this address, if an account uses it. */
export const PasswordResetRequestBody = Type.Object(
  { email: Email },
  { additionalProperties: false, examples: [{ email: exampleOwner.email }] },
)
export type PasswordResetRequestBody = Type.Static<typeof PasswordResetRequestBody>

/** The same answer whether or not an account uses the address: nobody learns who has one. */
export const PasswordResetRequested = Type.Object(
  {
    isMailConfigured: Type.Boolean({
      description: `False when this installation sends no mail (SMTP_URL unset): nothing was sent to anyone; whoever runs the server makes a link with \`${passwordResetLinkCommand} <email>\``,
    }),
  },
  { examples: [{ isMailConfigured: true }] },
)
export type PasswordResetRequested = Type.Static<typeof PasswordResetRequested>

/** The token from the mailed link's fragment (`/reset-password#token=…`): 32 random bytes, base64url. */
export const PasswordResetToken = Type.String({ minLength: 43, maxLength: 43, pattern: '^[A-Za-z0-9_-]+$' })

/** Sets a new password with a mailed token: the token works once, and every session of the account ends. */
export const PasswordResetConfirmBody = Type.Object(
  { token: PasswordResetToken, password: Password },
  { additionalProperties: false, examples: [{ token: 'Zk3cQ9x_Vb-2mA7rT4yH8nL1pW6sE0dU5gJ2kF9hC3q', password: 'a new long passphrase' }] },
)
export type PasswordResetConfirmBody = Type.Static<typeof PasswordResetConfirmBody>

export const MeResponse = Type.Object(
  {
    user: User,
    via: Type.Union([Type.Literal('session'), Type.Literal('api_key')]),
  },
  { examples: [{ user: exampleOwner, via: 'session' }] },
)
export type MeResponse = Type.Static<typeof MeResponse>

/**
 * Cookie-authenticated requests that change state must carry this header. A cross-site form
 * cannot set it, and a cross-site fetch that sets it needs a CORS preflight we never grant.
 */
export const csrfHeaderName = 'x-requested-with'
export const csrfHeaderValue = 'webinar-app'

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

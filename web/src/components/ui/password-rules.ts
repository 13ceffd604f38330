import { Password } from '@webinar/shared/users'
import { limitsOf, type FieldMessage } from '@/lib/form-validation'

/** The fewest characters a new password may have (the API's Password schema). */
export const minimumPasswordLength = limitsOf(Password).minLength

/** What a new password's input says when the schema refuses it: nothing typed, or too short. */
export function newPasswordMessage(whenEmpty: string): FieldMessage {
  return ({ value }) => (value === '' ? whenEmpty : `Use at least ${minimumPasswordLength} characters.`)
}

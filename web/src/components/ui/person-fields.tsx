import { Email, Password, PersonName } from '@webinar/shared/users'
import type { ComponentProps } from 'react'
import { limitsOf, type FieldMessage } from '@/lib/form-validation'
import { TextField } from './text-field'

// The inputs every form that asks for a person has (set-up, sign-in, adding staff, registering, adding a
// registrant), with what goes with them: the API's limits and how their values are sent.

type PersonFieldProps = Omit<ComponentProps<typeof TextField>, 'type' | 'inputMode' | 'maxLength'>

/** A person's name: as long as the API takes it, filled in by the browser unless turned off. */
export function NameField(props: PersonFieldProps) {
  return <TextField autoComplete="name" {...props} maxLength={limitsOf(PersonName).maxLength} />
}

/** An e-mail address: the e-mail keyboard on phones, as long as the API takes it. */
export function EmailField(props: PersonFieldProps) {
  return <TextField type="email" inputMode="email" autoComplete="email" {...props} maxLength={limitsOf(Email).maxLength} />
}

/** Name and e-mail as they are sent: without the spaces around them. */
export function withPersonTrimmed<Values extends { name: string; email: string }>(values: Values): Values {
  return { ...values, name: values.name.trim(), email: values.email.trim() }
}

/** The fewest characters a new password may have (the API's Password schema). */
export const minimumPasswordLength = limitsOf(Password).minLength

/** What a new password's input says when the schema refuses it: nothing typed, or too short. */
export function newPasswordMessage(whenEmpty: string): FieldMessage {
  return ({ value }) => (value === '' ? whenEmpty : `Use at least ${minimumPasswordLength} characters.`)
}

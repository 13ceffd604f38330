import type { ComponentProps } from 'react'
import { TextField } from './text-field'

// The inputs every form that asks for a person has (set-up, sign-in, adding staff, registering, adding a
// registrant), with what goes with them: the API's limits and how their values are sent. Password rules are in
// password-rules.ts, apart: they need the API's schemas at run time, which the public registration form must not
// download (bench B6).

/**
 * The longest name and address the API takes (shared/src/users.ts: PersonName, Email), as numbers rather than
 * read from those schemas, which would bring TypeBox into the public pages; person-fields.test.tsx holds them equal.
 */
export const personNameMaxLength = 120
export const emailMaxLength = 254

type PersonFieldProps = Omit<ComponentProps<typeof TextField>, 'type' | 'inputMode' | 'maxLength'>

/** A person's name: as long as the API takes it, filled in by the browser unless turned off. */
export function NameField(props: PersonFieldProps) {
  return <TextField autoComplete="name" {...props} maxLength={personNameMaxLength} />
}

/** An e-mail address: the e-mail keyboard on phones, as long as the API takes it. */
export function EmailField(props: PersonFieldProps) {
  return <TextField type="email" inputMode="email" autoComplete="email" {...props} maxLength={emailMaxLength} />
}

/** Name and e-mail as they are sent: without the spaces around them. */
export function withPersonTrimmed<Values extends { name: string; email: string }>(values: Values): Values {
  return { ...values, name: values.name.trim(), email: values.email.trim() }
}

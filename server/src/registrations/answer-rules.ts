import type { FormFieldColumn } from '../db/schema.ts'

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
// Loose on purpose: people type numbers in many ways; digits, spaces, dashes, dots, brackets and a leading +.
const phonePattern = /^\+?[0-9][0-9 ().-]{5,22}$/

export interface CheckedAnswers {
  answers: Record<string, string | boolean>
  phone: string | null
  fields: Record<string, string>
}

/**
 * Checks a registrant's answers against the webinar's form (name and e-mail arrive as their own fields).
 * Returns the cleaned answers and field errors keyed `answers.<key>`. Staff adding someone by hand may
 * leave questions unanswered (`isRequiredEnforced: false`); what they do answer is still checked.
 */
export function checkAnswers(
  form: FormFieldColumn[],
  given: Record<string, string | boolean> = {},
  options: { isRequiredEnforced?: boolean } = {},
): CheckedAnswers {
  const isRequiredEnforced = options.isRequiredEnforced ?? true
  const fields: Record<string, string> = {}
  const answers: Record<string, string | boolean> = {}
  let phone: string | null = null
  const known = new Set(form.map((field) => field.key))
  for (const key of Object.keys(given)) {
    if (!known.has(key) || key === 'name' || key === 'email') fields[`answers.${key}`] = 'is not a question of this form'
  }
  for (const field of form) {
    if (field.key === 'name' || field.key === 'email') continue
    const at = `answers.${field.key}`
    const raw = given[field.key]
    const isBooleanField = field.type === 'checkbox' || field.type === 'consent'
    if (isBooleanField) {
      if (raw !== undefined && typeof raw !== 'boolean') fields[at] = 'must be true or false'
      else if (field.required && isRequiredEnforced && raw !== true) fields[at] = field.type === 'consent' ? 'must be accepted' : 'must be ticked'
      else if (raw !== undefined) answers[field.key] = raw
      continue
    }
    if (raw !== undefined && typeof raw !== 'string') {
      fields[at] = 'must be text'
      continue
    }
    const value = (raw ?? '').trim()
    if (value === '') {
      if (field.required && isRequiredEnforced) fields[at] = 'is required'
      continue
    }
    const maxLength = field.type === 'textarea' ? 5000 : 500
    if (value.length > maxLength) fields[at] = `must be at most ${maxLength} characters`
    else if (field.type === 'email' && !emailPattern.test(value)) fields[at] = 'must be a valid e-mail address'
    else if (field.type === 'phone' && !phonePattern.test(value)) fields[at] = 'must be a phone number, e.g. +33 6 12 34 56 78'
    else if (field.type === 'select' && !(field.options ?? []).includes(value)) fields[at] = `must be one of: ${(field.options ?? []).join(', ')}`
    else {
      answers[field.key] = value
      if (field.type === 'phone' && phone === null) phone = value
    }
  }
  return { answers, phone, fields }
}

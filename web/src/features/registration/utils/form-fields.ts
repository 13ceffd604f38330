import type { FormField } from '@webinar/shared/webinars'

/** Name and e-mail are always asked (DESIGN.md), even if a form's field list were to leave one out. */
export function fieldsWithNameAndEmail(fields: readonly FormField[]): FormField[] {
  const result = [...fields]
  if (!result.some((field) => field.key === 'email')) result.unshift({ key: 'email', type: 'email', label: 'E-mail', required: true })
  if (!result.some((field) => field.key === 'name')) result.unshift({ key: 'name', type: 'text', label: 'Full name', required: true })
  return result
}

export function isTopLevelField(key: string): key is 'name' | 'email' {
  return key === 'name' || key === 'email'
}

export function isBooleanField(field: FormField): boolean {
  return field.type === 'checkbox' || field.type === 'consent'
}

/**
 * The server explains a field with a fragment ("is required", "must be a phone number, e.g. …"), meant to
 * follow the field's name. Next to the input the name is already there: turn it into a sentence of its own.
 */
export function describeServerFieldError(field: FormField | undefined, message: string): string {
  const fragment = message.trim().replace(/\.$/, '')
  if (fragment === 'is required' || /fewer than 1 character/.test(fragment)) return 'This field is required.'
  if (fragment === 'must be accepted') return 'Please accept this to register.'
  if (fragment === 'must be ticked') return 'Please tick this box to register.'
  if (fragment === 'must be a valid e-mail address' || /format "email"/.test(fragment)) return 'Enter an e-mail address like name@example.com.'
  const phone = /^must be a phone number(.*)$/.exec(fragment)
  if (phone) return `Enter a phone number${phone[1]}.`
  if (/^must be one of/.test(fragment)) return 'Choose one of the options.'
  const tooLong = /^must be at most (\d+) characters$/.exec(fragment) ?? /more than (\d+) characters/.exec(fragment)
  if (tooLong) return `Keep it under ${tooLong[1]} characters.`
  const sentence = fragment.charAt(0).toUpperCase() + fragment.slice(1)
  return field && /^(is|must)\b/.test(fragment) ? `${field.label}: ${fragment}.` : `${sentence}.`
}

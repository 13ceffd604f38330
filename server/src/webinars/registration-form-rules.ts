import { defaultRegistrationForm, type RegistrationForm } from '@webinar/shared/webinars'

/**
 * Rules a form must follow beyond its JSON shape. Returns field errors keyed like the request body
 * (e.g. "registrationForm.fields.2.options"), empty when the form is fine.
 */
export function checkRegistrationForm(form: RegistrationForm, path = 'registrationForm'): Record<string, string> {
  const problems: Record<string, string> = {}
  const seen = new Set<string>()
  form.fields.forEach((field, index) => {
    const at = `${path}.fields.${index}`
    if (seen.has(field.key)) problems[`${at}.key`] = `"${field.key}" is used by another field`
    seen.add(field.key)
    if (field.type === 'select' && (!field.options || field.options.length === 0)) {
      problems[`${at}.options`] = 'a select field needs at least one option'
    }
    if (field.type !== 'select' && field.options !== undefined) problems[`${at}.options`] = 'only select fields have options'
    if (field.options && new Set(field.options).size !== field.options.length) problems[`${at}.options`] = 'options must be different'
    if (field.type === 'consent' && !field.required) problems[`${at}.required`] = 'a consent field must be required'
    // The link is shown in a consent field's label only; elsewhere nothing would show it.
    if (field.type !== 'consent' && field.linkUrl !== undefined) problems[`${at}.linkUrl`] = 'only consent fields have a link'
  })
  const name = form.fields.find((field) => field.key === 'name')
  const email = form.fields.find((field) => field.key === 'email')
  if (!name || name.type !== 'text' || !name.required) problems[`${path}.fields`] = 'the form must keep a required text field "name"'
  if (!email || email.type !== 'email' || !email.required) problems[`${path}.fields`] = 'the form must keep a required email field "email"'
  return problems
}

export function registrationFormOrDefault(form: RegistrationForm | undefined): RegistrationForm {
  return form ?? structuredClone(defaultRegistrationForm)
}

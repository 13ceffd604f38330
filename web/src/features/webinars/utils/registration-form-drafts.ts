import { FormField, RegistrationForm, type FormFieldType } from '@webinar/shared/webinars'

// The registration form as the organiser builds it: every input of the builder holds text (an empty placeholder,
// an option not yet typed), and each field remembers where its key comes from. `formFieldOf` turns a draft into
// the API's FormField, exactly as it is sent and as the preview shows it.

/**
 * Where a field's key comes from. Answers are stored under the key, so a saved field's key never changes; a new
 * field's key follows its label until the organiser types one.
 */
export type KeySource = 'saved' | 'label' | 'typed'

export interface RegistrationFieldDraft {
  key: string
  type: FormFieldType
  label: string
  placeholder: string
  required: boolean
  /** Objects, not strings: the builder's inputs are named after their place (`options.2.value`). */
  options: { value: string }[]
  linkUrl: string
  keySource: KeySource
  /** Name and e-mail: every registration needs them, so they stay, with their type and always required. */
  isFixed: boolean
}

/** The bound an array schema sets (TypeBox keeps it on the schema, untyped), so the builder stops where the server would. */
const maxItemsOf = (schema: object): number => (schema as { maxItems: number }).maxItems

export const maxFieldCount = maxItemsOf(RegistrationForm.properties.fields)
export const maxOptionCount = maxItemsOf(FormField.properties.options)
const keyLimits = { maxLength: 40 }
const linkUrlPattern = new RegExp((FormField.properties.linkUrl as unknown as { pattern: string }).pattern)

/** An address the API takes as a consent's link (http or https, a host): the same pattern. */
export const isLinkUrl = (text: string) => linkUrlPattern.test(text)

/** What each type is called in the builder: the organiser's words, not the API's. */
export const fieldTypeNames: Record<FormFieldType, string> = {
  text: 'Short text',
  textarea: 'Long text',
  email: 'E-mail',
  phone: 'Phone',
  select: 'Drop-down',
  checkbox: 'Checkbox',
  consent: 'Consent',
}

export const fieldTypes = Object.keys(fieldTypeNames) as FormFieldType[]

const isFixedKey = (key: string) => key === 'name' || key === 'email'

/** Types with a text box, which may show a placeholder (a drop-down shows it as its empty choice). */
export const hasPlaceholder = (type: FormFieldType) => type !== 'checkbox' && type !== 'consent'

/** A consent must be given to register: the server refuses a consent field that is not required. */
export const isAlwaysRequired = (draft: Pick<RegistrationFieldDraft, 'type' | 'isFixed'>) => draft.isFixed || draft.type === 'consent'

/** "Team size (approx.)" → "team_size_approx": a key the API accepts (a letter, then letters, digits and _), at most 40 long. */
export function keyFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  const key = slug === '' ? 'field' : /^[a-z]/.test(slug) ? slug : `field_${slug}`
  return key.slice(0, keyLimits.maxLength).replace(/_+$/, '')
}

/** The key, or the key with the first free number after it ("company_2"), so no two fields share one. */
export function uniqueKey(key: string, taken: ReadonlySet<string>): string {
  if (!taken.has(key)) return key
  for (let number = 2; ; number += 1) {
    const suffix = `_${number}`
    const candidate = `${key.slice(0, keyLimits.maxLength - suffix.length).replace(/_+$/, '')}${suffix}`
    if (!taken.has(candidate)) return candidate
  }
}

export function draftOf(field: FormField, keySource: KeySource): RegistrationFieldDraft {
  return {
    key: field.key,
    type: field.type,
    label: field.label,
    placeholder: field.placeholder ?? '',
    required: field.required,
    options: (field.options ?? []).map((value) => ({ value })),
    linkUrl: field.linkUrl ?? '',
    keySource,
    isFixed: isFixedKey(field.key),
  }
}

/**
 * The drafts of a form's fields, name and e-mail first if the form lacks them (every registration has both).
 * `keySource` says whether the fields are saved (a webinar's form) or still free to change (a new webinar's).
 */
export function draftsOf(fields: readonly FormField[], keySource: Exclude<KeySource, 'label'>): RegistrationFieldDraft[] {
  const drafts = fields.map((field) => draftOf(field, keySource))
  if (!drafts.some((draft) => draft.key === 'email')) drafts.unshift(draftOf({ key: 'email', type: 'email', label: 'E-mail', required: true }, keySource))
  if (!drafts.some((draft) => draft.key === 'name')) drafts.unshift(draftOf({ key: 'name', type: 'text', label: 'Full name', required: true }, keySource))
  return drafts
}

/** A field just added: its key follows the label, which the organiser types next. */
export function newDraft(type: FormFieldType, takenKeys: ReadonlySet<string>): RegistrationFieldDraft {
  return {
    key: uniqueKey(keyFromLabel(''), takenKeys),
    type,
    label: '',
    placeholder: '',
    required: type === 'consent',
    // A drop-down starts with a first choice to type.
    options: type === 'select' ? [{ value: '' }] : [],
    linkUrl: '',
    keySource: 'label',
    isFixed: false,
  }
}

/**
 * The field as the API takes it: text trimmed, optional text left out when empty, options for drop-downs only and
 * a link for consents only (the builder keeps both while the type changes, so switching back loses nothing).
 */
export function formFieldOf(draft: RegistrationFieldDraft): FormField {
  const placeholder = draft.placeholder.trim()
  const linkUrl = draft.linkUrl.trim()
  return {
    key: draft.key,
    type: draft.type,
    label: draft.label.trim(),
    ...(placeholder !== '' && hasPlaceholder(draft.type) ? { placeholder } : {}),
    required: isAlwaysRequired(draft) || draft.required,
    ...(draft.type === 'select' ? { options: draft.options.map((option) => option.value.trim()) } : {}),
    ...(draft.type === 'consent' && linkUrl !== '' ? { linkUrl } : {}),
  }
}

/** Where the builder shows a problem the server names (`registrationForm.fields.2.options.1`): the input standing for it. */
export function builderFieldOf(bodyField: string): string | undefined {
  const match = /^registrationForm\.fields\.(\d+)(?:\.(\w+)(?:\.(\d+))?)?/.exec(bodyField)
  if (!match) return undefined
  const [, index, property, optionIndex] = match
  if (property === undefined) return undefined
  if (property === 'options' && optionIndex !== undefined) return `registrationFields.${index}.options.${optionIndex}.value`
  return `registrationFields.${index}.${property}`
}

/** Every input name of the builder, for putting the server's field errors next to them. */
export function builderInputNames(drafts: readonly RegistrationFieldDraft[]): string[] {
  return drafts.flatMap((draft, index) => [
    ...['key', 'type', 'label', 'placeholder', 'required', 'options', 'linkUrl'].map((property) => `registrationFields.${index}.${property}`),
    ...draft.options.map((_, optionIndex) => `registrationFields.${index}.options.${optionIndex}.value`),
  ])
}

/**
 * What the schema cannot say about a form, in the builder's words: a key used twice, a drop-down without
 * choices or with one choice twice. The server checks the same (registration-form-rules.ts).
 */
export function checkDrafts(drafts: readonly RegistrationFieldDraft[]): Record<string, string> {
  const problems: Record<string, string> = {}
  const seenKeys = new Set<string>()
  drafts.forEach((draft, index) => {
    const at = `registrationFields.${index}`
    if (seenKeys.has(draft.key)) problems[`${at}.key`] = `Another field already uses the key “${draft.key}”. Choose another.`
    seenKeys.add(draft.key)
    if (draft.type !== 'select') return
    const options = draft.options.map((option) => option.value.trim()).filter((option) => option !== '')
    if (draft.options.length === 0) problems[`${at}.options`] = 'Add at least one option to choose from.'
    else if (new Set(options).size !== options.length) problems[`${at}.options`] = 'Each option must be different.'
  })
  return problems
}

/** The sentences for the builder's inputs, whose names carry the field's (and the option's) place in the form. */
export function builderMessages(): Record<string, string> {
  const messages: Record<string, string> = {}
  for (let index = 0; index < maxFieldCount; index += 1) {
    const at = `registrationFields.${index}`
    messages[`${at}.label`] = 'Give the field a label.'
    messages[`${at}.key`] = 'Use a lowercase letter, then letters, digits or _ (at most 40).'
    messages[`${at}.linkUrl`] = 'Enter a web address starting with https:// or http://.'
    for (let option = 0; option < maxOptionCount; option += 1) messages[`${at}.options.${option}.value`] = 'Type the option, or remove it.'
  }
  return messages
}

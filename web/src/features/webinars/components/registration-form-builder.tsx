import type { FormField, FormFieldType, Webinar } from '@webinar/shared/webinars'
import { ArrowDown, ArrowUp, ChevronRight, Lock, Plus, Trash2, X } from 'lucide-react'
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useFieldArray, useFormContext, useFormState, useWatch, type FieldError as FormFieldError } from 'react-hook-form'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field'
import { Select } from '@/components/ui/select'
import { TextField } from '@/components/ui/text-field'
import { cn } from '@/lib/cn'
import { RegistrationFormPreview } from '@/features/registration/components/registration-form'
import {
  fieldTypeNames,
  fieldTypes,
  formFieldOf,
  hasPlaceholder,
  isAlwaysRequired,
  isLinkUrl,
  keyFromLabel,
  maxFieldCount,
  maxOptionCount,
  newDraft,
  uniqueKey,
  type RegistrationFieldDraft,
} from '../utils/registration-form-drafts'

/** The part of a form's values the builder works on (the webinar form holds it among its own). */
export interface RegistrationFormBuilderValues {
  registrationFields: RegistrationFieldDraft[]
}

type FieldPath = `registrationFields.${number}`

const labelOf = (draft: Pick<RegistrationFieldDraft, 'label'> | undefined) => draft?.label.trim() || 'Untitled field'

/** A field array's own error (none, repeated options) sits on the array, or on its `root` once its items have errors too. */
function arrayErrorOf(error: unknown): string | undefined {
  const node = error as (FormFieldError & { root?: FormFieldError }) | undefined
  return node?.message ?? node?.root?.message
}

/**
 * Runs once the next render is on screen: focus that must land on an element React has just moved, added or
 * removed (moving a focused node out of the document and back drops the focus).
 */
function useAfterRender() {
  const pending = useRef<(() => void) | null>(null)
  // Before the browser takes the next key: a key typed right after Enter belongs to the new input.
  useLayoutEffect(() => {
    const run = pending.current
    pending.current = null
    run?.()
  })
  return (action: () => void) => {
    pending.current = action
  }
}

function IconButton({
  label,
  icon: Icon,
  isUnavailable = false,
  onClick,
  buttonRef,
  tone = 'neutral',
}: {
  label: string
  icon: typeof ArrowUp
  /** Stays focusable (aria-disabled), so the focus stays put when a field reaches the top or the bottom. */
  isUnavailable?: boolean
  onClick: () => void
  buttonRef?: (element: HTMLButtonElement | null) => void
  tone?: 'neutral' | 'danger'
}) {
  return (
    <button
      ref={buttonRef}
      type="button"
      title={label}
      aria-disabled={isUnavailable || undefined}
      onClick={isUnavailable ? undefined : onClick}
      className={cn(
        'inline-flex size-9 items-center justify-center rounded-lg text-slate-600 transition-colors',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600',
        tone === 'danger' ? 'hover:bg-red-50 hover:text-red-700' : 'hover:bg-slate-100 hover:text-slate-900',
        'aria-disabled:cursor-not-allowed aria-disabled:text-slate-300 aria-disabled:hover:bg-transparent',
      )}
    >
      <Icon className="size-4" aria-hidden />
      <span className="sr-only">{label}</span>
    </button>
  )
}

/** A drop-down's choices: typed one per line; Enter adds the next one, as in a list on paper. */
function OptionsEditor({ index, fieldLabel }: { index: number; fieldLabel: string }) {
  const { control, register, setValue, getValues, setFocus, formState } = useFormContext<RegistrationFormBuilderValues>()
  const path = `registrationFields.${index}.options` as const
  const options = useWatch({ control, name: path }) ?? []
  const afterRender = useAfterRender()
  const addButton = useRef<HTMLButtonElement>(null)
  const legendId = useId()
  const errorId = useId()
  const errors = formState.errors.registrationFields?.[index]?.options
  const listError = arrayErrorOf(errors)

  const change = (next: { value: string }[]) => setValue(path, next, { shouldDirty: true })
  const insertAfter = (position: number) => {
    if (options.length >= maxOptionCount) return
    const current = getValues(path)
    change([...current.slice(0, position + 1), { value: '' }, ...current.slice(position + 1)])
    afterRender(() => setFocus(`${path}.${position + 1}.value`))
  }
  const removeAt = (position: number) => {
    const current = getValues(path)
    change(current.filter((_, at) => at !== position))
    afterRender(() => (current.length > 1 ? setFocus(`${path}.${Math.max(0, position - 1)}.value`) : addButton.current?.focus()))
  }
  const onKeyDown = (position: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter would send the whole webinar form; in a list of choices it means "next one".
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return
    event.preventDefault()
    insertAfter(position)
  }

  return (
    <fieldset aria-describedby={listError ? errorId : undefined} className="space-y-2">
      <legend id={legendId} className="text-sm font-medium text-slate-800">
        Options
      </legend>
      {options.length > 0 ? (
        <ol className="space-y-2">
          {options.map((_, position) => {
            const optionError = errors?.[position]?.value?.message
            const optionErrorId = `${errorId}-${position}`
            return (
              // The inputs are named after their place: a removed option's input goes, the others take the values that move up.
              <li key={position} className="space-y-1">
                <div className="flex items-center gap-1.5">
                  <input
                    aria-label={`Option ${position + 1} of ${fieldLabel}`}
                    aria-invalid={optionError ? true : undefined}
                    aria-describedby={optionError ? optionErrorId : undefined}
                    placeholder={`Option ${position + 1}`}
                    maxLength={200}
                    autoComplete="off"
                    className={cn(
                      'block w-full min-w-0 rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset',
                      'placeholder:text-slate-400 focus:ring-2 focus:ring-accent-600 focus:ring-inset focus-visible:outline-none aria-invalid:ring-red-400',
                    )}
                    onKeyDown={onKeyDown(position)}
                    {...register(`${path}.${position}.value`)}
                  />
                  <IconButton label={`Remove option ${position + 1}`} icon={X} tone="danger" onClick={() => removeAt(position)} />
                </div>
                {optionError ? <FieldError id={optionErrorId}>{optionError}</FieldError> : null}
              </li>
            )
          })}
        </ol>
      ) : null}
      <Button ref={addButton} variant="ghost" size="sm" disabled={options.length >= maxOptionCount} onClick={() => insertAfter(options.length - 1)}>
        <Plus className="size-4" aria-hidden />
        Add option
      </Button>
      {listError ? <FieldError id={errorId}>{listError}</FieldError> : null}
    </fieldset>
  )
}

/** One field of the form: a heading that opens it, the buttons that move and remove it, and when open, what it asks and how. */
function FieldEditor({
  index,
  count,
  isOpen,
  isForcedOpen,
  onToggle,
  onMove,
  onRemove,
  buttonRef,
}: {
  index: number
  count: number
  isOpen: boolean
  /** Open because something in it needs fixing: it stays open until it is fixed. */
  isForcedOpen: boolean
  onToggle: () => void
  onMove: (index: number, direction: -1 | 1) => void
  onRemove: (index: number) => void
  buttonRef: (name: 'toggle' | 'up' | 'down') => (element: HTMLButtonElement | null) => void
}) {
  const { control, register, setValue, getValues, formState } = useFormContext<RegistrationFormBuilderValues>()
  const path: FieldPath = `registrationFields.${index}`
  const draft = useWatch({ control, name: path })
  const errors = formState.errors.registrationFields?.[index]
  const ids = { heading: useId(), body: useId(), type: useId(), required: useId(), key: useId() }
  if (!draft) return null
  const label = labelOf(draft)
  const isFixed = draft.isFixed
  const keyError = errors?.key?.message

  const labelInput = register(`${path}.label`, {
    onChange: (event: { target: { value: string } }) => {
      // A new field's key follows its label, so answers arrive under a name that says what they are.
      if (getValues(`${path}.keySource`) !== 'label') return
      const taken = new Set(getValues('registrationFields').flatMap((other, at) => (at === index ? [] : [other.key])))
      setValue(`${path}.key`, uniqueKey(keyFromLabel(event.target.value), taken), { shouldDirty: true })
    },
  })
  const typeInput = register(`${path}.type`, {
    onChange: (event: { target: { value: FormFieldType } }) => {
      if (event.target.value === 'consent') setValue(`${path}.required`, true, { shouldDirty: true })
      if (event.target.value === 'select' && getValues(`${path}.options`).length === 0) setValue(`${path}.options`, [{ value: '' }], { shouldDirty: true })
    },
  })
  const keyInput = register(`${path}.key`, { onChange: () => setValue(`${path}.keySource`, 'typed') })
  const isRequired = isAlwaysRequired(draft) || draft.required

  return (
    <li aria-labelledby={ids.heading} className={cn('rounded-xl bg-white ring-1 ring-slate-200', errors && 'ring-2 ring-red-300')}>
      <div className="flex items-center gap-1 py-1 pr-1.5 pl-1.5">
        <h3 id={ids.heading} className="min-w-0 flex-1 text-sm font-medium text-slate-900">
          <button
            ref={buttonRef('toggle')}
            type="button"
            aria-expanded={isOpen}
            aria-controls={isOpen ? ids.body : undefined}
            aria-disabled={isForcedOpen || undefined}
            title={isForcedOpen ? 'Fix what is marked before closing it' : isOpen ? 'Close' : 'Edit'}
            onClick={isForcedOpen ? undefined : onToggle}
            className={cn(
              'flex w-full min-w-0 items-center gap-2 rounded-lg px-2.5 py-2 text-left hover:bg-slate-50',
              'focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-600',
            )}
          >
            <ChevronRight className={cn('size-4 shrink-0 text-slate-400 transition-transform', isOpen && 'rotate-90')} aria-hidden />
            <span className="text-slate-500 tabular-nums" aria-hidden>
              {index + 1}.
            </span>
            <span className="truncate">{label}</span>
            {isRequired ? (
              <span aria-hidden className="-ml-1.5 text-red-600">
                *
              </span>
            ) : null}
          </button>
        </h3>
        <Badge className="hidden shrink-0 @sm:inline-flex">{isFixed ? (draft.key === 'name' ? 'Name' : 'E-mail') : fieldTypeNames[draft.type]}</Badge>
        <div className="flex shrink-0 items-center">
          <IconButton label={`Move up: ${label}`} icon={ArrowUp} isUnavailable={index === 0} onClick={() => onMove(index, -1)} buttonRef={buttonRef('up')} />
          <IconButton
            label={`Move down: ${label}`}
            icon={ArrowDown}
            isUnavailable={index === count - 1}
            onClick={() => onMove(index, 1)}
            buttonRef={buttonRef('down')}
          />
          {isFixed ? (
            <span className="inline-flex size-9 items-center justify-center text-slate-300" title="Every registration needs it: it cannot be removed">
              <Lock className="size-4" aria-hidden />
            </span>
          ) : (
            <IconButton label={`Remove: ${label}`} icon={Trash2} tone="danger" onClick={() => onRemove(index)} />
          )}
        </div>
      </div>

      {isOpen ? (
        <div id={ids.body} className={cn('grid gap-4 border-t border-slate-100 p-4', isFixed ? '@sm:grid-cols-2' : '@sm:grid-cols-[minmax(0,1fr)_10rem]')}>
          <TextField label="Label" autoComplete="off" maxLength={200} error={errors?.label?.message} {...labelInput} />
          {isFixed ? null : (
            <div className="space-y-1.5">
              <label htmlFor={ids.type} className="block text-sm font-medium text-slate-800">
                Type
              </label>
              <Select
                id={ids.type}
                aria-invalid={errors?.type ? true : undefined}
                aria-describedby={errors?.type ? `${ids.type}-error` : undefined}
                {...typeInput}
              >
                {fieldTypes.map((type) => (
                  <option key={type} value={type}>
                    {fieldTypeNames[type]}
                  </option>
                ))}
              </Select>
              {errors?.type?.message ? <FieldError id={`${ids.type}-error`}>{errors.type.message}</FieldError> : null}
            </div>
          )}

          {hasPlaceholder(draft.type) ? (
            <TextField
              label="Placeholder"
              autoComplete="off"
              maxLength={200}
              placeholder={draft.type === 'select' ? 'Choose…' : 'Example text, optional'}
              error={errors?.placeholder?.message}
              {...register(`${path}.placeholder`)}
            />
          ) : null}

          {isFixed ? null : draft.keySource === 'saved' ? (
            <div className="min-w-0 space-y-1.5">
              <p className="text-sm font-medium text-slate-800">Answer key</p>
              <p className="truncate py-2.5 text-sm" title="Answers are stored under it: it stays as saved">
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{draft.key}</code>
              </p>
              {keyError ? <FieldError id={ids.key}>{keyError}</FieldError> : null}
            </div>
          ) : (
            <TextField label="Answer key" autoComplete="off" spellCheck={false} maxLength={40} className="[&_input]:font-mono" error={keyError} {...keyInput} />
          )}

          {draft.type === 'select' ? (
            <div className="col-span-full">
              <OptionsEditor index={index} fieldLabel={label} />
            </div>
          ) : null}

          {draft.type === 'consent' ? (
            <TextField
              label="Link (optional)"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              maxLength={500}
              placeholder="https://example.com/privacy"
              hint="The page people agree to, such as your privacy policy: linked under the consent."
              className="col-span-full"
              error={errors?.linkUrl?.message}
              {...register(`${path}.linkUrl`)}
            />
          ) : null}

          <div className="col-span-full">
            {isAlwaysRequired(draft) ? (
              <p id={ids.required} className="flex items-center gap-1.5 text-sm text-slate-600">
                <Lock className="size-3.5 text-slate-400" aria-hidden />
                {isFixed ? 'Always asked and required: every registration needs it.' : 'Always required: people must agree to register.'}
              </p>
            ) : (
              <label className="inline-flex cursor-pointer items-center gap-2.5 text-sm font-medium text-slate-800">
                <input type="checkbox" className="size-4 accent-accent-600" {...register(`${path}.required`)} />
                Required
              </label>
            )}
            {errors?.required?.message ? <FieldError id={`${ids.required}-error`}>{errors.required.message}</FieldError> : null}
          </div>
        </div>
      ) : null}
    </li>
  )
}

/** The fields as the preview shows them while they are being written: a label still empty is named, half-typed options left out. */
function previewFieldOf(draft: RegistrationFieldDraft): FormField {
  const { linkUrl, ...field } = formFieldOf(draft)
  return {
    ...field,
    label: field.label || 'Untitled field',
    ...(field.options ? { options: [...new Set(field.options.filter((option) => option !== ''))] } : {}),
    // A link is shown once it is one.
    ...(linkUrl && isLinkUrl(linkUrl) ? { linkUrl } : {}),
  }
}

/**
 * The webinar's registration form: add, reorder, edit and remove fields, with the public form beside it as
 * visitors will see it. Reordering is done with buttons, so it works from the keyboard; the moved field keeps the
 * focus and the move is announced.
 */
export function RegistrationFormBuilder({ approvalMode }: { approvalMode: Webinar['approvalMode'] }) {
  const { control, getValues, trigger } = useFormContext<RegistrationFormBuilderValues>()
  const { fields, append, remove, move } = useFieldArray({ control, name: 'registrationFields' })
  const drafts = useWatch({ control, name: 'registrationFields' })
  const { isSubmitted, errors } = useFormState({ control, name: 'registrationFields' })
  // Once the form has been sent, problems are checked again as they are fixed. Some span fields (a key used twice,
  // a drop-down's options): check the whole builder, not just the input that changed, and only on a change, so
  // the server's objections stay until the organiser acts on them.
  const draftsText = JSON.stringify(drafts)
  const checkedDraftsText = useRef(draftsText)
  useEffect(() => {
    if (checkedDraftsText.current === draftsText) return
    checkedDraftsText.current = draftsText
    if (isSubmitted) void trigger('registrationFields')
  }, [draftsText, isSubmitted, trigger])

  // The fields the form opened with start closed (a list to scan and reorder); a field just added opens.
  const [initialIds] = useState(() => new Set(fields.map((field) => field.id)))
  const [openedOrClosed, setOpenedOrClosed] = useState<ReadonlyMap<string, boolean>>(new Map())
  const [announcement, setAnnouncement] = useState('')
  const afterRender = useAfterRender()
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const addGroupId = useId()
  const isFull = fields.length >= maxFieldCount
  const focusButton = (name: string) => afterRender(() => buttons.current.get(name)?.focus())

  const moveField = (index: number, direction: -1 | 1) => {
    const to = index + direction
    const field = fields[index]
    if (!field || to < 0 || to >= fields.length) return
    const label = labelOf(getValues(`registrationFields.${index}`))
    move(index, to)
    setAnnouncement(`${label} moved to position ${to + 1} of ${fields.length}.`)
    focusButton(`${field.id}:${direction < 0 ? 'up' : 'down'}`)
  }

  const removeField = (index: number) => {
    const label = labelOf(getValues(`registrationFields.${index}`))
    // The focus goes to the field that takes its place, or the one above when it was the last.
    const next = fields[index + 1] ?? fields[index - 1]
    remove(index)
    setAnnouncement(`${label} removed.`)
    if (next) focusButton(`${next.id}:toggle`)
  }

  const addField = (type: FormFieldType) => {
    const taken = new Set(getValues('registrationFields').map((draft) => draft.key))
    append(newDraft(type, taken), { shouldFocus: true, focusName: `registrationFields.${fields.length}.label` })
    setAnnouncement(`${fieldTypeNames[type]} field added at the end. Type its label.`)
  }

  const previewFields = (drafts ?? []).map(previewFieldOf)

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_17rem]">
      <div className="@container min-w-0 space-y-4">
        <p className="text-sm text-slate-600">
          Open a field to change it; the arrows change the order. Each answer is stored under the field’s key, which the API and webhooks use.
        </p>
        <ol className="space-y-2" aria-label="Fields of the registration form">
          {fields.map((field, index) => {
            const isForcedOpen = Boolean(errors.registrationFields?.[index])
            const isOpen = isForcedOpen || (openedOrClosed.get(field.id) ?? !initialIds.has(field.id))
            return (
              <FieldEditor
                key={field.id}
                index={index}
                count={fields.length}
                isOpen={isOpen}
                isForcedOpen={isForcedOpen}
                onToggle={() => setOpenedOrClosed((current) => new Map(current).set(field.id, !isOpen))}
                onMove={moveField}
                onRemove={removeField}
                buttonRef={(name) => (element) => {
                  if (element) buttons.current.set(`${field.id}:${name}`, element)
                  else buttons.current.delete(`${field.id}:${name}`)
                }}
              />
            )
          })}
        </ol>
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
        <div role="group" aria-labelledby={addGroupId} className="rounded-xl border border-dashed border-slate-300 p-4">
          <p id={addGroupId} className="text-sm font-medium text-slate-800">
            Add a field
          </p>
          {isFull ? (
            <p className="mt-1 text-sm text-slate-600">A form holds at most {maxFieldCount} fields: remove one to add another.</p>
          ) : null}
          <div className="mt-3 flex flex-wrap gap-2">
            {fieldTypes.map((type) => (
              <Button key={type} variant="secondary" size="sm" disabled={isFull} onClick={() => addField(type)}>
                <Plus className="size-4" aria-hidden />
                <span className="sr-only">Add a field:</span> {fieldTypeNames[type]}
              </Button>
            ))}
          </div>
        </div>
      </div>

      <section aria-labelledby={`${addGroupId}-preview`} className="min-w-0 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset lg:sticky lg:top-20">
        <h3 id={`${addGroupId}-preview`} className="text-sm font-semibold text-slate-900">
          Preview
        </h3>
        <p className="mt-0.5 mb-4 text-xs text-slate-500">What visitors fill in on the public page.</p>
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-900/5">
          <RegistrationFormPreview fields={previewFields} approvalMode={approvalMode} />
        </div>
      </section>
    </div>
  )
}

import { Plus, X } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { TextField, inputClasses } from '@/components/ui/text-field'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { useCreatePoll } from '../api/create-poll'

const maxOptions = 8

/** A new poll, saved as a draft: the host opens it when the moment comes. */
export function CreatePollForm({ webinarId, onCreated }: { webinarId: string; onCreated?: () => void }) {
  const [question, setQuestion] = useState('')
  const [options, setOptions] = useState(['', ''])
  const createPoll = useCreatePoll(webinarId)
  const filled = options.map((option) => option.trim()).filter(Boolean)
  const isDuplicate = new Set(filled).size !== filled.length
  const canSave = question.trim() !== '' && filled.length >= 2 && !isDuplicate

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!canSave) return
    createPoll.mutate(
      { question: question.trim(), options: filled },
      {
        onSuccess: () => {
          setQuestion('')
          setOptions(['', ''])
          onCreated?.()
        },
      },
    )
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-xl bg-white p-3.5 ring-1 ring-slate-900/10">
      <TextField label="Poll question" value={question} onChange={(event) => setQuestion(event.target.value)} maxLength={300} placeholder="Which topic next?" />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Options</legend>
        {options.map((option, index) => (
          <div key={index} className="flex gap-2">
            <input
              aria-label={`Option ${index + 1}`}
              value={option}
              maxLength={120}
              onChange={(event) => setOptions((current) => current.map((value, at) => (at === index ? event.target.value : value)))}
              className={cn(inputClasses, 'min-w-0 flex-1')}
              placeholder={`Option ${index + 1}`}
            />
            {options.length > 2 ? (
              <Button variant="ghost" size="sm" className="h-auto" aria-label={`Remove option ${index + 1}`} onClick={() => setOptions((current) => current.filter((_, at) => at !== index))}>
                <X className="size-4" aria-hidden />
              </Button>
            ) : null}
          </div>
        ))}
        {options.length < maxOptions ? (
          <Button variant="ghost" size="sm" onClick={() => setOptions((current) => [...current, ''])}>
            <Plus className="size-4" aria-hidden /> Add option
          </Button>
        ) : null}
      </fieldset>
      {isDuplicate ? <p className="text-sm text-amber-800">Two options say the same thing: make each one different.</p> : null}
      {createPoll.error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessageOf(createPoll.error)}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" size="sm" disabled={!canSave} isPending={createPoll.isPending} pendingLabel="Saving…">
          Save as draft
        </Button>
      </div>
    </form>
  )
}

import { Search, X } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Select } from '@/components/ui/select'
import { inputClasses } from '@/components/ui/text-field'
import { cn } from '@/lib/cn'
import { mailKindLabels, mailKinds } from '../utils/mail-kinds'

const typingPauseMs = 300

/** Searches recipients as one types, once typing pauses, so every keystroke is not a request. */
function RecipientSearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [draft, setDraft] = useState(value)
  // Follow changes from outside (back button, "Clear filters").
  const [lastValue, setLastValue] = useState(value)
  if (value !== lastValue) {
    setLastValue(value)
    setDraft(value)
  }

  useEffect(() => {
    if (draft.trim() === value.trim()) return
    const timer = setTimeout(() => onChange(draft.trim()), typingPauseMs)
    return () => clearTimeout(timer)
  }, [draft, value, onChange])

  return (
    <div className="relative w-full sm:max-w-xs">
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
      <input
        type="search"
        aria-label="Search by recipient"
        placeholder="Search by recipient"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        className={cn(inputClasses, 'pr-9 pl-9 [&::-webkit-search-cancel-button]:hidden')}
      />
      {draft ? (
        <button
          type="button"
          onClick={() => {
            setDraft('')
            onChange('')
          }}
          className="absolute top-1/2 right-2 -translate-y-1/2 rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
        >
          <X className="size-4" aria-hidden />
          <span className="sr-only">Clear search</span>
        </button>
      ) : null}
    </div>
  )
}

export function MailboxFilters({
  to,
  kind,
  onToChange,
  onKindChange,
}: {
  to: string
  kind: string
  onToChange: (to: string) => void
  onKindChange: (kind: string) => void
}) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
      <RecipientSearch value={to} onChange={onToChange} />
      <Select aria-label="Kind of mail" value={kind} onChange={(event) => onKindChange(event.target.value)} className="w-full sm:w-56">
        <option value="">All kinds of mail</option>
        {mailKinds.map((value) => (
          <option key={value} value={value}>
            {mailKindLabels[value]}
          </option>
        ))}
      </Select>
    </div>
  )
}

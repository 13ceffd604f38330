import { Search, X } from 'lucide-react'
import { useEffect, useState } from 'react'
import { inputClasses } from '@/components/ui/text-field'
import { cn } from '@/lib/cn'

const typingPauseMs = 300

/** A search box that reports its text once typing pauses, so every keystroke is not a request. */
export function SearchField({
  value,
  onChange,
  label,
  placeholder = label,
  className,
}: {
  value: string
  onChange: (value: string) => void
  /** The accessible name: says what is searched. */
  label: string
  placeholder?: string
  className?: string
}) {
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
    <div className={cn('relative w-full sm:max-w-xs', className)}>
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
      <input
        type="search"
        aria-label={label}
        placeholder={placeholder}
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

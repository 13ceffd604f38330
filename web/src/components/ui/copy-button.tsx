import { Check, Copy } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'

/** A small icon button that copies `value`, says "Copied" for a moment, and says what to do when the browser refuses. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [isCopied, setIsCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setIsCopied(true)
      setTimeout(() => setIsCopied(false), 2000)
    } catch {
      toast.error('Copying was blocked by the browser: select the text and copy it by hand.')
    }
  }
  return (
    <button
      type="button"
      onClick={copy}
      title={label}
      className="inline-flex size-7 shrink-0 items-center justify-center rounded-md text-slate-400 hover:bg-slate-100 hover:text-slate-700"
    >
      {isCopied ? <Check className="size-4 text-emerald-600" aria-hidden /> : <Copy className="size-4" aria-hidden />}
      <span className="sr-only">{isCopied ? 'Copied' : label}</span>
    </button>
  )
}

import { Check, Copy } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Button } from '@/components/ui/button'
import { inputClasses } from '@/components/ui/text-field'
import { cn } from '@/lib/cn'

type CopyState = 'idle' | 'copied' | 'failed'

/**
 * A secret shown once (an API key, a signing secret), read-only, with a copy button. `noun` names it in the
 * button and the messages ("Copy key", "the key is selected").
 */
export function SecretField({ id, label, noun, secret }: { id: string; label: string; noun: string; secret: string }) {
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const [copyState, setCopyState] = useState<CopyState>('idle')

  useEffect(() => {
    if (copyState !== 'copied') return
    const timer = setTimeout(() => setCopyState('idle'), 2500)
    return () => clearTimeout(timer)
  }, [copyState])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret)
      setCopyState('copied')
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): leave the secret selected to copy by hand.
      inputRef.current?.select()
      setCopyState('failed')
    }
  }

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        ref={inputRef}
        id={id}
        readOnly
        rows={2}
        value={secret}
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
        className={cn(inputClasses, 'field-sizing-content resize-none bg-slate-50 font-mono text-sm/6 break-all sm:text-sm/6')}
      />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Button variant="secondary" size="sm" onClick={copy}>
          {copyState === 'copied' ? <Check className="size-4 text-emerald-600" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copyState === 'copied' ? 'Copied' : `Copy ${noun}`}
        </Button>
        {/* The button already says "Copied"; screen readers hear it here. Only a failure needs words on screen. */}
        <p aria-live="polite" className={cn('text-sm text-slate-700', copyState !== 'failed' && 'sr-only')}>
          {copyState === 'copied' ? 'Copied to the clipboard.' : copyState === 'failed' ? `Copying was blocked: the ${noun} is selected, press Ctrl+C or ⌘C.` : ''}
        </p>
      </div>
    </div>
  )
}

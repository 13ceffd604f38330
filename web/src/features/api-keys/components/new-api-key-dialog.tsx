import type { CreatedApiKey } from '@webinar/shared/api-keys'
import { Check, Copy } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent } from '@/components/ui/dialog'
import { inputClasses } from '@/components/ui/text-field'
import { cn } from '@/lib/cn'

type CopyState = 'idle' | 'copied' | 'failed'

function SecretField({ secret }: { secret: string }) {
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
      // Clipboard access can be refused (permissions, insecure origin): leave the key selected to copy by hand.
      inputRef.current?.select()
      setCopyState('failed')
    }
  }

  return (
    <div className="space-y-2">
      <label htmlFor="new-api-key-secret" className="block text-sm font-medium text-slate-800">
        Your new API key
      </label>
      <textarea
        ref={inputRef}
        id="new-api-key-secret"
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
          {copyState === 'copied' ? 'Copied' : 'Copy key'}
        </Button>
        {/* The button already says "Copied"; screen readers hear it here. Only a failure needs words on screen. */}
        <p aria-live="polite" className={cn('text-sm text-slate-700', copyState !== 'failed' && 'sr-only')}>
          {copyState === 'copied' ? 'Copied to the clipboard.' : copyState === 'failed' ? 'Copying was blocked: the key is selected, press Ctrl+C or ⌘C.' : ''}
        </p>
      </div>
    </div>
  )
}

/**
 * The only moment the full key exists outside the integrator's system: the server keeps only its hash.
 * Outside clicks and Escape don't close it, so the key is not lost by a stray tap.
 */
export function NewApiKeyDialog({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  return (
    <Dialog open={created !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {created ? (
        <DialogContent title={`API key “${created.apiKey.name}” is ready`} isDismissable={false}>
          <div className="space-y-5">
            <Alert tone="warning" title="Copy it now: it is shown only once">
              We keep only a fingerprint of the key, so it cannot be shown again. Store it in your password manager or your
              system’s secret settings. If it gets lost, revoke it and create a new one.
            </Alert>
            <SecretField secret={created.secret} />
            <p className="text-sm leading-6 text-slate-600">
              Send it as <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">Authorization: Bearer &lt;key&gt;</code>.
              It acts with your role until you revoke it.
            </p>
            <div className="flex justify-end">
              <Button onClick={onClose} className="w-full sm:w-auto">
                I’ve stored it safely
              </Button>
            </div>
          </div>
        </DialogContent>
      ) : null}
    </Dialog>
  )
}

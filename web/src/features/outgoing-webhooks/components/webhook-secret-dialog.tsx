import type { WebhookEndpointWithSecret } from '@webinar/shared/outgoing-webhooks'
import { Check, Copy } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent } from '@/components/ui/dialog'
import { inputClasses } from '@/components/ui/text-field'
import { cn } from '@/lib/cn'

type CopyState = 'idle' | 'copied' | 'failed'

function SigningSecretField({ secret }: { secret: string }) {
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
      <label htmlFor="webhook-signing-secret" className="block text-sm font-medium text-slate-800">
        Signing secret
      </label>
      <textarea
        ref={inputRef}
        id="webhook-signing-secret"
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
          {copyState === 'copied' ? 'Copied' : 'Copy secret'}
        </Button>
        <p aria-live="polite" className={cn('text-sm text-slate-700', copyState !== 'failed' && 'sr-only')}>
          {copyState === 'copied' ? 'Copied to the clipboard.' : copyState === 'failed' ? 'Copying was blocked: the secret is selected, press Ctrl+C or ⌘C.' : ''}
        </p>
      </div>
    </div>
  )
}

/**
 * The one moment the signing secret is shown: after adding an endpoint, or rotating its secret. The server keeps
 * it encrypted and never shows it again, so outside clicks and Escape don't close this.
 */
export function WebhookSecretDialog({ shown, onClose }: { shown: (WebhookEndpointWithSecret & { isRotated: boolean }) | null; onClose: () => void }) {
  return (
    <Dialog open={shown !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {shown ? (
        <DialogContent title={shown.isRotated ? 'The new signing secret' : 'Endpoint added'} isDismissable={false}>
          <div className="space-y-5">
            <p className="text-sm leading-6 break-all text-slate-600">
              Events for <span className="font-medium text-slate-900">{shown.endpoint.url}</span> are signed with this secret
              {shown.isRotated ? ' from now on, retries included: the old one no longer verifies.' : '.'}
            </p>
            <Alert tone="warning" title="Copy it now: it is shown only once">
              Put it where your receiver checks signatures. If it gets lost, rotate the secret to get a new one.
            </Alert>
            <SigningSecretField secret={shown.secret} />
            <p className="text-sm leading-6 text-slate-600">
              Each request carries <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">webhook-id</code>,{' '}
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">webhook-timestamp</code> and{' '}
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">webhook-signature</code> headers: any{' '}
              <a href="https://www.standardwebhooks.com/" target="_blank" rel="noreferrer" className="font-medium text-accent-700 hover:underline">
                Standard Webhooks
              </a>{' '}
              library verifies them.
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

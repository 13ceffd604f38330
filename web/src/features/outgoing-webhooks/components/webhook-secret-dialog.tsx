import type { WebhookEndpointWithSecret } from '@webinar/shared/outgoing-webhooks'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent } from '@/components/ui/dialog'
import { SecretField } from '@/components/ui/secret-field'

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
            <SecretField id="webhook-signing-secret" label="Signing secret" noun="secret" secret={shown.secret} />
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

import type { CreatedApiKey } from '@webinar/shared/api-keys'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent } from '@/components/ui/dialog'
import { SecretField } from '@/components/ui/secret-field'

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
            <SecretField id="new-api-key-secret" label="Your new API key" noun="key" secret={created.secret} />
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

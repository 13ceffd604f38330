import { CreateWebhookEndpointBody, webhookEventTypes, type WebhookEndpointWithSecret } from '@webinar/shared/outgoing-webhooks'
import { Plus } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { CheckboxField } from '@/components/ui/checkbox-field'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '@/components/ui/dialog'
import { TextField } from '@/components/ui/text-field'
import { applyServerErrors } from '@/lib/form-errors'
import { limitsOf, schemaResolver } from '@/lib/form-validation'
import { useCreateWebhookEndpoint } from '../api/create-webhook-endpoint'
import { webhookEventLabels } from '../utils/webhook-labels'

type Values = Required<CreateWebhookEndpointBody>

const bodyOf = (values: Values): CreateWebhookEndpointBody => ({
  url: values.url.trim(),
  ...(values.description.trim() ? { description: values.description.trim() } : {}),
  eventTypes: values.eventTypes,
})

const resolver = schemaResolver<Values>(CreateWebhookEndpointBody, {
  bodyOf,
  messages: { url: 'Enter the URL that receives the events, such as https://example.com/webhooks.', description: 'Keep it under 500 characters.' },
})

function AddWebhookEndpointForm({ onCreated }: { onCreated: (created: WebhookEndpointWithSecret) => void }) {
  const createEndpoint = useCreateWebhookEndpoint()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<Values>({ defaultValues: { url: '', description: '', eventTypes: [] }, resolver })

  const submit = handleSubmit((values) => {
    setFormError(null)
    createEndpoint.mutate(bodyOf(values), {
      onSuccess: onCreated,
      onError: (error) => setFormError(applyServerErrors(error, setError, ['url', 'description', 'eventTypes'])),
    })
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField
        label="Endpoint URL"
        type="url"
        inputMode="url"
        placeholder="https://example.com/webhooks"
        autoComplete="off"
        isRequired
        maxLength={limitsOf(CreateWebhookEndpointBody.properties.url).maxLength}
        hint="Where the events are POSTed. It must be reachable from the internet."
        error={errors.url?.message}
        {...register('url')}
      />
      <TextField
        label="Description"
        placeholder="e.g. CRM sync"
        autoComplete="off"
        maxLength={500}
        error={errors.description?.message}
        {...register('description')}
      />
      <fieldset aria-describedby="webhook-events-hint">
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        <p id="webhook-events-hint" className="mt-1 text-sm text-slate-500">
          None ticked: every event, including ones added later.
        </p>
        <div className="mt-3 grid gap-2 sm:grid-cols-2">
          {webhookEventTypes.map((type) => (
            <CheckboxField key={type} value={type} label={webhookEventLabels[type].label} description={webhookEventLabels[type].description} {...register('eventTypes')} />
          ))}
        </div>
      </fieldset>
      <DialogFormActions submitLabel="Add endpoint" pendingLabel="Adding…" isPending={createEndpoint.isPending} />
    </form>
  )
}

export function AddWebhookEndpointDialog({ onCreated }: { onCreated: (created: WebhookEndpointWithSecret) => void }) {
  const [isOpen, setIsOpen] = useState(false)
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="size-4" aria-hidden />
          Add endpoint
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl" title="Add a webhook endpoint" description="Your system gets a signed POST for each event it asks for, retried until it answers 2xx.">
        {/* Radix unmounts the content when closed, so each opening starts with an empty form. */}
        <AddWebhookEndpointForm
          onCreated={(created) => {
            setIsOpen(false)
            onCreated(created)
          }}
        />
      </DialogContent>
    </Dialog>
  )
}

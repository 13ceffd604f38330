import { CreateApiKeyBody, type CreatedApiKey } from '@webinar/shared/api-keys'
import { Plus } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { TextField } from '@/components/ui/text-field'
import { applyServerErrors } from '@/lib/form-errors'
import { limitsOf, schemaResolver } from '@/lib/form-validation'
import { useCreateApiKey } from '../api/create-api-key'

const createApiKeyBodyOf = (values: CreateApiKeyBody): CreateApiKeyBody => ({ name: values.name.trim() })

const resolver = schemaResolver<CreateApiKeyBody>(CreateApiKeyBody, { bodyOf: createApiKeyBodyOf, messages: { name: 'Give the key a name.' } })

export function CreateApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const createApiKey = useCreateApiKey()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<CreateApiKeyBody>({ defaultValues: { name: '' }, resolver })

  const submit = handleSubmit((values) => {
    setFormError(null)
    createApiKey.mutate(createApiKeyBodyOf(values), {
      onSuccess: (created) => {
        reset()
        onCreated(created)
      },
      onError: (error) => setFormError(applyServerErrors(error, setError, ['name'])),
    })
  })

  return (
    <Card>
      <CardHeader title="Create a key" description="Name it after the system that will use it, so you know which one to revoke later." />
      <form onSubmit={submit} noValidate className="space-y-4 px-5 pt-5 pb-5 sm:px-6 sm:pb-6">
        {formError ? <Alert>{formError}</Alert> : null}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <TextField
            label="Key name"
            placeholder="e.g. CRM sync"
            autoComplete="off"
            maxLength={limitsOf(CreateApiKeyBody.properties.name).maxLength}
            className="flex-1"
            error={errors.name?.message}
            {...register('name')}
          />
          <Button type="submit" className="sm:mt-7" isPending={createApiKey.isPending} pendingLabel="Creating…">
            <Plus className="size-4" aria-hidden />
            Create key
          </Button>
        </div>
      </form>
    </Card>
  )
}

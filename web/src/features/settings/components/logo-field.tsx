import { logoContentTypes, maxLogoBytes, type OrganisationSettings } from '@webinar/shared/organisation'
import { ImageOff } from 'lucide-react'
import { useId, useState, type ChangeEvent } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf, isApiError } from '@/lib/api-error'
import { useRemoveLogo } from '../api/remove-logo'
import { useUploadLogo } from '../api/upload-logo'

const maxKilobytes = maxLogoBytes / 1024

/** What is wrong with a chosen file before it is sent (the server checks again, by the file's first bytes). */
function problemWith(file: File): string | null {
  if (!(logoContentTypes as readonly string[]).includes(file.type)) {
    return file.type === 'image/svg+xml'
      ? 'SVG files are not accepted (they can carry scripts): use a PNG, JPEG or WebP image.'
      : 'Use a PNG, JPEG or WebP image.'
  }
  if (file.size > maxLogoBytes) return `The logo may be at most ${maxKilobytes} KB; this file has ${Math.ceil(file.size / 1024)} KB.`
  return null
}

/** The logo: shown as public pages show it, replaced as soon as a file is chosen, removed with one click. */
export function LogoField({ settings }: { settings: OrganisationSettings }) {
  const uploadLogo = useUploadLogo()
  const removeLogo = useRemoveLogo()
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`

  const upload = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    // The same file chosen again after a refusal must fire a change again.
    event.target.value = ''
    if (!file) return
    const problem = problemWith(file)
    setError(problem)
    if (problem) return
    uploadLogo.mutate(file, {
      onSuccess: () => toast.success('Logo uploaded.'),
      onError: (failure) => setError(isApiError(failure) && failure.fields.imageBase64 ? failure.message : errorMessageOf(failure)),
    })
  }

  const remove = () => {
    setError(null)
    removeLogo.mutate(undefined, {
      onSuccess: () => toast.success('Logo removed.'),
      onError: (failure) => setError(errorMessageOf(failure)),
    })
  }

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Logo
      </label>
      <div className="flex h-20 items-center justify-center rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset">
        {uploadLogo.isPending ? (
          <Spinner className="size-5 text-accent-600" label="Uploading the logo…" />
        ) : settings.logoUrl ? (
          <img src={settings.logoUrl} alt="The current logo" className="max-h-full w-auto max-w-full object-contain" />
        ) : (
          <span className="flex items-center gap-2 text-sm text-slate-500">
            <ImageOff className="size-4" aria-hidden />
            No logo
          </span>
        )}
      </div>
      <input
        id={id}
        type="file"
        accept={logoContentTypes.join(',')}
        onChange={upload}
        disabled={uploadLogo.isPending}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : hintId}
        className="block w-full text-sm text-slate-600 file:mr-3 file:h-9 file:cursor-pointer file:rounded-lg file:border-0 file:bg-white file:px-3 file:text-sm file:font-semibold file:text-slate-800 file:shadow-sm file:ring-1 file:ring-slate-300 file:ring-inset hover:file:bg-slate-50"
      />
      {error ? (
        <FieldError id={errorId}>{error}</FieldError>
      ) : (
        <p id={hintId} className="text-sm text-slate-500">
          PNG, JPEG or WebP, at most {maxKilobytes} KB. A wide logo about 64 pixels high looks best.
        </p>
      )}
      {settings.hasLogo ? (
        <Button variant="danger-quiet" size="sm" onClick={remove} isPending={removeLogo.isPending} pendingLabel="Removing…">
          Remove logo
        </Button>
      ) : null}
    </div>
  )
}

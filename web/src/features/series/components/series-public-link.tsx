import type { Series } from '@webinar/shared/series'
import { ExternalLink } from 'lucide-react'
import { Card, CardHeader } from '@/components/ui/card'
import { CopyButton } from '@/components/ui/copy-button'

/** The address to share: one page where people register for every session, or one of them. */
export function SeriesPublicLink({ series }: { series: Series }) {
  const path = `/s/${series.slug}`
  const url = `${window.location.origin}${path}`
  return (
    <Card className="pb-5">
      <CardHeader title="Public page" description="Where people register for every upcoming session at once, or for one. Share this address." />
      <div className="mt-3 flex items-center gap-1 px-5 sm:px-6">
        <a href={path} target="_blank" rel="noreferrer" className="group inline-flex min-w-0 items-start gap-1.5 rounded-sm text-accent-700 hover:text-accent-600">
          <code className="font-mono text-[13px] break-all text-current group-hover:underline">{url}</code>
          <ExternalLink className="mt-0.5 size-3.5 shrink-0" aria-hidden />
          <span className="sr-only">(opens in a new tab)</span>
        </a>
        <CopyButton value={url} label="Copy the public page address" />
      </div>
    </Card>
  )
}

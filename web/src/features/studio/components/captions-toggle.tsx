import type { Webinar } from '@webinar/shared/webinars'
import { Captions } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { useSetCaptions } from '@/features/webinars/api/set-captions'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'

/**
 * Closed captions on or off for everyone, in the backstage or live. It shows what the server says
 * (`webinar.isCaptioning`), not what was last clicked: another host may have switched them meanwhile.
 */
export function CaptionsToggle({ webinar, className }: { webinar: Webinar; className?: string }) {
  const setCaptions = useSetCaptions()
  const isOn = webinar.isCaptioning
  return (
    <Button
      variant="secondary"
      aria-pressed={isOn}
      title={isOn ? 'Closed captions are on: click to turn them off' : 'Turn closed captions on for everyone'}
      className={cn(isOn && 'bg-accent-50 text-accent-800 ring-accent-300 hover:bg-accent-100', className)}
      isPending={setCaptions.isPending}
      onClick={() =>
        setCaptions.mutate(
          { webinarId: webinar.id, isOn: !isOn },
          { onError: (error) => toast.error(`Captions did not change. ${errorMessageOf(error)}`) },
        )
      }
    >
      <Captions className="size-4" aria-hidden />
      Captions
      {/* Said in words where there is room; on phones the pressed colours say it. */}
      <span aria-hidden className={cn('rounded px-1.5 text-xs font-semibold max-sm:hidden', isOn ? 'bg-accent-600 text-white' : 'bg-slate-100 text-slate-600')}>{isOn ? 'On' : 'Off'}</span>
    </Button>
  )
}

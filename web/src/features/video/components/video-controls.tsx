import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'

/** A round on/off control for the local preview, styled like the SDK's call controls next to it. */
export function VideoToggle({
  isOn,
  onLabel,
  offLabel,
  onIcon,
  offIcon,
  onToggle,
  isDisabled = false,
}: {
  isOn: boolean
  onLabel: string
  offLabel: string
  onIcon: ReactNode
  offIcon: ReactNode
  onToggle: () => void
  isDisabled?: boolean
}) {
  return (
    <button
      type="button"
      aria-pressed={isOn}
      aria-label={isOn ? onLabel : offLabel}
      title={isOn ? onLabel : offLabel}
      disabled={isDisabled}
      onClick={onToggle}
      className={cn(
        'inline-flex size-11 items-center justify-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white',
        isOn ? 'bg-white/15 text-white hover:bg-white/25' : 'bg-red-600 text-white hover:bg-red-700',
        'disabled:cursor-not-allowed disabled:opacity-50',
      )}
    >
      {isOn ? onIcon : offIcon}
    </button>
  )
}

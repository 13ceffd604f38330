import { cn } from '@/lib/cn'

/** Over a studio's stage: whether what it shows is on air, or only seen by the speakers backstage. */
export function StageStatusChip({ isLive }: { isLive: boolean }) {
  return (
    <span
      className={cn(
        'absolute top-3 left-3 z-10 rounded-full px-2.5 py-1 text-xs font-semibold text-white',
        isLive ? 'bg-red-600' : 'bg-black/60',
      )}
    >
      {isLive ? 'On air' : 'Backstage: only the speakers can see this'}
    </span>
  )
}

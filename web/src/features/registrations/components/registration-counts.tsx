import { Armchair } from 'lucide-react'
import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { registrationStatuses, type RegistrationCounts as Counts } from '../api/get-registration-counts'
import { registrationStatusLabels } from '../utils/registration-labels'
import { registrationStatusDots } from './registration-status-badge'

function Tile({ label, children, className }: { label: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={cn('min-w-0 rounded-xl bg-white px-3 py-2.5 shadow-sm ring-1 ring-slate-900/5 sm:rounded-2xl sm:px-4 sm:py-3.5', className)}>
      <dt className="flex items-center gap-1.5 text-xs font-medium whitespace-nowrap text-slate-600 sm:gap-2 sm:text-sm">{label}</dt>
      <dd className="mt-0.5 text-xl font-semibold tracking-tight whitespace-nowrap text-slate-900 tabular-nums sm:mt-1 sm:text-2xl">{children}</dd>
    </div>
  )
}

/** How many registrations are in each state, and what is left of the capacity (approved registrations take a seat). */
export function RegistrationCounts({ counts, capacity }: { counts: Counts; capacity: number | null }) {
  const seatsLeft = capacity === null ? null : Math.max(0, capacity - counts.approved)
  return (
    <dl aria-label="Registrations by status" className="grid grid-cols-3 gap-2 sm:gap-3 lg:grid-cols-6">
      {registrationStatuses.map((status) => (
        <Tile
          key={status}
          label={
            <>
              <span aria-hidden className={cn('size-2 rounded-full', registrationStatusDots[status])} />
              {registrationStatusLabels[status]}
            </>
          }
        >
          {counts[status].toLocaleString()}
        </Tile>
      ))}
      <Tile
        label={
          <>
            <Armchair className="size-3.5 text-accent-600 sm:size-4" aria-hidden />
            Seats left
          </>
        }
        className={cn(seatsLeft === 0 && 'bg-amber-50 ring-amber-200')}
      >
        {capacity === null || seatsLeft === null ? (
          <span className="text-base sm:text-lg">No limit</span>
        ) : (
          <>
            {seatsLeft.toLocaleString()}
            <span className="text-xs font-normal text-slate-500 sm:text-sm"> of {capacity.toLocaleString()}</span>
          </>
        )}
      </Tile>
    </dl>
  )
}

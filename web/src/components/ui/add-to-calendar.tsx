import { CalendarPlus } from 'lucide-react'
import { cn } from '@/lib/cn'
import { buttonClasses } from './button'

/** Google and Outlook open in a new tab; the .ics file (Apple Calendar and the others) downloads. */
export function AddToCalendar({ google, outlook, ics, className }: { google: string; outlook: string; ics?: string; className?: string }) {
  // Sharing the row on phones, their own width from sm on. Grow and basis rather than `flex-1`, which would
  // conflict with the button's shrink-0: the public pages join classes without merging them (lib/cn.ts).
  const linkClasses = cn(buttonClasses({ variant: 'secondary', size: 'sm' }), 'grow basis-0 sm:grow-0 sm:basis-auto')
  return (
    <div className={className}>
      <p className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <CalendarPlus className="size-4 text-slate-400" aria-hidden />
        Add to your calendar
      </p>
      <ul role="list" className="mt-2.5 flex flex-wrap gap-2">
        <li className="flex flex-1 sm:flex-none">
          <a href={google} target="_blank" rel="noreferrer" className={linkClasses}>
            Google<span className="sr-only"> Calendar (opens in a new tab)</span>
          </a>
        </li>
        <li className="flex flex-1 sm:flex-none">
          <a href={outlook} target="_blank" rel="noreferrer" className={linkClasses}>
            Outlook<span className="sr-only"> Calendar (opens in a new tab)</span>
          </a>
        </li>
        {ics ? (
          <li className="flex flex-1 sm:flex-none">
            <a href={ics} download className={linkClasses}>
              Apple &amp; others<span className="sr-only"> (downloads an .ics file)</span>
            </a>
          </li>
        ) : null}
      </ul>
    </div>
  )
}

import { offsetLabel } from '@webinar/shared/timezones'
import { useMemo, type ComponentProps } from 'react'
import { Select } from '@/components/ui/select'
import { timezoneLabel, timezoneNames } from '../utils/schedule'

/**
 * The time zone picker of scheduling forms: every zone the browser knows, "Europe / Berlin (GMT+1)", the offset as
 * of today. A zone the browser lists under another name (an alias) that is already chosen stays selectable.
 */
export function TimezoneSelect({ chosen, ...props }: ComponentProps<'select'> & { chosen?: string }) {
  const timezones = useMemo(() => {
    const now = new Date()
    const names = timezoneNames()
    if (chosen && !names.includes(chosen)) names.unshift(chosen)
    return names.map((name) => ({ name, label: `${timezoneLabel(name)} (${offsetLabel(name, now)})` }))
  }, [chosen])
  return (
    <Select {...props}>
      {timezones.map(({ name, label }) => (
        <option key={name} value={name}>
          {label}
        </option>
      ))}
    </Select>
  )
}

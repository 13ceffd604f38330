import { SearchField } from '@/components/ui/search-field'
import { Select } from '@/components/ui/select'
import { mailKindLabels, mailKinds } from '../utils/mail-kinds'

export function MailboxFilters({
  to,
  kind,
  onToChange,
  onKindChange,
}: {
  to: string
  kind: string
  onToChange: (to: string) => void
  onKindChange: (kind: string) => void
}) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
      <SearchField label="Search by recipient" value={to} onChange={onToChange} />
      <Select aria-label="Kind of mail" value={kind} onChange={(event) => onKindChange(event.target.value)} className="w-full sm:w-56">
        <option value="">All kinds of mail</option>
        {mailKinds.map((value) => (
          <option key={value} value={value}>
            {mailKindLabels[value]}
          </option>
        ))}
      </Select>
    </div>
  )
}

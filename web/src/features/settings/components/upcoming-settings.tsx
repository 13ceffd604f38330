import { Building2, type LucideIcon } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Card } from '@/components/ui/card'

const sections: { icon: LucideIcon; title: string; description: string }[] = [
  {
    icon: Building2,
    title: 'Organisation',
    description:
      'Your organisation’s name, logo and default time zone, shown on registration pages and in the mail attendees receive.',
  },
]

export function UpcomingSettings() {
  return (
    <div className="grid gap-5 md:grid-cols-2">
      {sections.map(({ icon: Icon, title, description }) => (
        <Card key={title} className="p-5 sm:p-6">
          <div className="flex items-start justify-between gap-4">
            <div className="flex size-10 items-center justify-center rounded-xl bg-accent-50 text-accent-600">
              <Icon className="size-5" aria-hidden />
            </div>
            <Badge>Coming later</Badge>
          </div>
          <h2 className="mt-4 text-base font-semibold text-slate-900">{title}</h2>
          <p className="mt-1.5 text-sm leading-6 text-slate-600">{description}</p>
        </Card>
      ))}
    </div>
  )
}

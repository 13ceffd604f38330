import { joinTokenPlaceholder, type MailboxMessage } from '@webinar/shared/mailbox'
import { formatDateTime } from '@webinar/shared/time-format'
import { CalendarPlus } from 'lucide-react'
import { useMemo, type ReactNode } from 'react'
import { Alert } from '@/components/ui/alert'
import { buttonClasses } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { MailKindBadge, MailStatusBadge } from './mail-badges'

/**
 * Links in a mail must leave the preview: inside the sandbox a followed link would load the page with its
 * scripts blocked. A <base target> sends every link to a new tab (allow-popups lets it open, and
 * allow-popups-to-escape-sandbox gives the new tab a normal page).
 */
function withLinksInNewTabs(html: string): string {
  const base = '<base target="_blank">'
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : `${base}${html}`
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-3 text-sm">
      <dt className="w-20 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  )
}

/** One mail as the registrant gets it: the HTML part in a sandbox (no scripts, no access to this page), or the text part. */
export function MailMessageView({ message }: { message: MailboxMessage }) {
  const previewHtml = useMemo(() => withLinksInNewTabs(message.html), [message.html])
  const icsHref = message.ics ? `data:text/calendar;charset=utf-8,${encodeURIComponent(message.ics)}` : null

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{message.subject}</h1>
        <dl className="mt-4 space-y-1.5">
          <Detail label="To">{message.to}</Detail>
          <Detail label="Kind">
            <MailKindBadge kind={message.kind} />
          </Detail>
          <Detail label="Status">
            <span className="flex flex-wrap items-center gap-2">
              <MailStatusBadge status={message.status} />
              {message.status === 'sent' && message.sentAt ? <span className="text-slate-500">on {formatDateTime(message.sentAt)}</span> : null}
              {message.attempts > 1 ? <span className="text-slate-500">after {message.attempts} attempts</span> : null}
            </span>
          </Detail>
          <Detail label="Written">
            <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
          </Detail>
        </dl>
      </div>

      {message.status === 'failed' && message.lastError ? (
        <Alert title="This mail could not be sent">
          <span className="font-mono text-xs break-words">{message.lastError}</span>
        </Alert>
      ) : null}

      {message.status !== 'kept' && message.text.includes(joinTokenPlaceholder) ? (
        <Alert tone="info" title="The personal link is put in on the way out">
          Join links are not stored: each registrant's mail carries their own link, written in when it is sent. Here it
          shows as <span className="font-mono text-xs break-all">{joinTokenPlaceholder}</span>.
        </Alert>
      ) : null}

      <Tabs defaultValue="html" className="space-y-4">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <TabsList aria-label="Part of the mail" className="self-start">
            <TabsTrigger value="html">HTML</TabsTrigger>
            <TabsTrigger value="text">Plain text</TabsTrigger>
          </TabsList>
          {icsHref ? (
            <a href={icsHref} download="invite.ics" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
              <CalendarPlus className="size-4" aria-hidden />
              Download the invite (.ics)
            </a>
          ) : null}
        </div>
        <TabsContent value="html" className="focus-visible:outline-none">
          <Card className="overflow-hidden">
            <iframe
              title={`E-mail preview: ${message.subject}`}
              srcDoc={previewHtml}
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              referrerPolicy="no-referrer"
              className="block h-[75vh] min-h-[32rem] w-full bg-white"
            />
          </Card>
        </TabsContent>
        <TabsContent value="text" className="focus-visible:outline-none">
          <Card className="px-5 py-5 sm:px-6">
            <pre className="font-mono text-sm leading-6 break-words whitespace-pre-wrap text-slate-800">{message.text}</pre>
          </Card>
        </TabsContent>
      </Tabs>
    </div>
  )
}

import { useParams } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { PageLoading } from '@/components/ui/spinner'
import { useMailMessage } from '@/features/mailbox/api/get-mail-message'
import { BackToMailbox } from '@/features/mailbox/components/back-to-mailbox'
import { MailMessageView } from '@/features/mailbox/components/mail-message-view'
import { errorMessageOf, isApiError } from '@/lib/api-error'

export function MailboxMessageRoute() {
  const { mailId = '' } = useParams()
  const message = useMailMessage(mailId)

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <BackToMailbox />
      {message.isPending ? (
        <PageLoading label="Loading the mail…" />
      ) : message.isError ? (
        <>
          <title>Mail not available · Webinars</title>
          <Alert title={isApiError(message.error, 404) || isApiError(message.error, 400) ? 'This mail does not exist' : 'The mail could not be loaded'}>
            {isApiError(message.error, 400) ? 'The address is not one of a mail. Pick it from the mailbox.' : errorMessageOf(message.error)}
          </Alert>
        </>
      ) : (
        <>
          <title>{`${message.data.subject} · Mailbox · Webinars`}</title>
          <MailMessageView message={message.data} />
        </>
      )}
    </div>
  )
}

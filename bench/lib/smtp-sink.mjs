// A local SMTP server that accepts every mail and remembers, for each, its recipients, Message-ID, Subject and when
// it was accepted (the moment the app's `250` is sent). Runs in a process of its own (fork() from lib/processes.ts)
// so receiving thousands of mails never slows the load generator; the parent asks for what arrived over IPC.
import { SMTPServer } from 'smtp-server'

/** @type {{ to: string[]; messageId: string; subject: string; at: number }[]} */
let received = []

const headerOf = (headers, name) => {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(headers)
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : ''
}

const server = new SMTPServer({
  authOptional: true,
  // Plain SMTP: the app upgrades with STARTTLS whenever it is offered, and TLS is not what is measured here.
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  maxClients: 1000,
  onData(stream, session, callback) {
    let head = ''
    let isHeadComplete = false
    stream.on('data', (chunk) => {
      if (isHeadComplete) return
      head += chunk.toString('utf8')
      const end = head.search(/\r?\n\r?\n/)
      if (end >= 0) {
        head = head.slice(0, end)
        isHeadComplete = true
      }
    })
    stream.on('end', () => {
      received.push({
        to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
        messageId: headerOf(head, 'Message-ID'),
        subject: headerOf(head, 'Subject'),
        at: Date.now(),
      })
      callback()
    })
  },
})
server.on('error', () => {})
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.server.address().port })
})

// Requests from the parent: { id, command }; each answer carries the same id.
process.on('message', ({ id, command }) => {
  const answer = (result) => process.send?.({ id, result })
  if (command === 'reset') {
    received = []
    answer(true)
  } else if (command === 'count') {
    answer(received.length)
  } else if (command === 'list') {
    answer(received)
  } else if (command === 'stop') {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 2000).unref()
  }
})

/**
 * `pnpm --filter @webinar/server password:reset-link <email>`: prints a password reset link for the staff account
 * that uses this address, for an installation that sends no mail (SMTP_URL unset), where "Forgot password?" can
 * mail nothing. Whoever can run this on the server can read its database anyway; the link works once, for an
 * hour, like a mailed one. It goes to this terminal only, never to a log.
 *
 * It uses the database the app uses (DATABASE_URL; without it, local mode's embedded PostgreSQL, which only one
 * process can run at a time: stop the app first).
 */
import { passwordResetLinkValidMinutes } from '@webinar/shared/auth'
import { systemClock } from '../clock.ts'
import { runWithCliDatabase } from '../db/cli-database.ts'
import { createPasswordResetService } from './password-reset-service.ts'

async function main(): Promise<number> {
  const email = process.argv[2]?.trim()
  if (!email || !email.includes('@')) {
    console.error('Usage: pnpm --filter @webinar/server password:reset-link <email>  (the address the staff member signs in with)')
    return 2
  }
  return runWithCliDatabase(async (database, config) => {
    const service = createPasswordResetService({
      db: database.db,
      pool: database.pool,
      clock: systemClock,
      publicUrl: config.publicUrl,
      // The link is printed here, never mailed.
      mail: {
        isConfigured: false,
        sendPasswordReset: async () => {
          throw new Error('the command prints the link; it sends no mail')
        },
      },
      logger: { warn: () => {} },
    })
    const link = await service.issueLink(email)
    if (!link) {
      console.error(`No staff account uses ${email}.`)
      return 1
    }
    process.stdout.write(
      `A password reset link for ${link.name} <${link.email}>. It works once, for ${passwordResetLinkValidMinutes} minutes ` +
        `(until ${link.expiresAt.toISOString()}). Open it in a browser:\n\n${link.url}\n\n`,
    )
    return 0
  })
}

process.exitCode = await main()

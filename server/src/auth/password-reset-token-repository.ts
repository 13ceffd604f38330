import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { passwordResetTokens } from '../db/schema.ts'

/** Password reset tokens, by the SHA-256 of the token (the token itself is only ever in the mailed link). */
export const passwordResetTokenRepository = {
  /**
   * Stores the token for the account that uses this address (any case), if there is one, clearing that account's
   * spent tokens, and returns who it is for. One statement whether or not the address has an account: the same
   * work, the same round trip, so the answer's timing tells nobody which addresses do.
   */
  async issueForEmail(
    db: Database,
    email: string,
    token: { tokenHash: string; expiresAt: Date; createdAt: Date },
  ): Promise<{ id: string; name: string; email: string } | undefined> {
    const { rows } = await db.execute<{ id: string; name: string; email: string }>(sql`
      with account as (select id, name, email from users where lower(email) = lower(${email})),
      spent as (
        delete from password_reset_tokens spent using account
         where spent.user_id = account.id and (spent.expires_at <= ${token.createdAt} or spent.used_at is not null)
      ),
      issued as (
        insert into password_reset_tokens (user_id, token_hash, expires_at, created_at)
        select id, ${token.tokenHash}, ${token.expiresAt}, ${token.createdAt} from account
        returning user_id
      )
      select account.id, account.name, account.email from account join issued on issued.user_id = account.id`)
    return rows[0]
  },

  /**
   * Uses the token: marks it used if it is unused and unexpired, in one statement, so two tabs sending the same
   * link at once cannot both set a password. The user it belongs to, or undefined.
   */
  async use(db: Database, tokenHash: string, now: Date): Promise<{ userId: string } | undefined> {
    const [row] = await db
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
      .returning({ userId: passwordResetTokens.userId })
    return row
  },

  /** The user's other open links stop working once the password is set. */
  async retireAllOfUser(db: Database, userId: string, now: Date): Promise<void> {
    await db
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)))
  },
}

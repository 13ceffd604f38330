import { eq, getTableColumns, sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { organisationSettings } from '../db/schema.ts'

type SettingsRow = typeof organisationSettings.$inferSelect

/** The settings row without the logo's bytes (read on every mail and public page), and whether there is one. */
export type OrganisationRow = Omit<SettingsRow, 'logo' | 'id'> & { hasLogo: boolean }

export interface StoredLogo {
  bytes: Buffer
  contentType: string
  updatedAt: Date
}

const { logo: _logo, id: _id, ...columnsWithoutLogo } = getTableColumns(organisationSettings)

/** What a row is created with when the first thing saved is the logo: the defaults that applied until then. */
export interface SettingsDefaults {
  name: string
  accentColour: string
}

/** The organisation's one settings row (`id` is always true); absent until an admin first saves something. */
export const organisationRepository = {
  async find(db: Database): Promise<OrganisationRow | undefined> {
    const [row] = await db
      .select({ ...columnsWithoutLogo, hasLogo: sql<boolean>`${organisationSettings.logo} is not null` })
      .from(organisationSettings)
      .where(eq(organisationSettings.id, true))
    return row
  },

  async findLogo(db: Database): Promise<StoredLogo | undefined> {
    const [row] = await db
      .select({ bytes: organisationSettings.logo, contentType: organisationSettings.logoContentType, updatedAt: organisationSettings.updatedAt })
      .from(organisationSettings)
      .where(eq(organisationSettings.id, true))
    if (!row?.bytes || !row.contentType) return undefined
    return { bytes: row.bytes, contentType: row.contentType, updatedAt: row.updatedAt }
  },

  /** Creates the row or replaces its text settings; the logo stays as it is. */
  async saveSettings(
    db: Database,
    settings: { name: string; accentColour: string; mailFromName: string | null; mailFromAddress: string | null },
    now: Date,
  ): Promise<void> {
    await db
      .insert(organisationSettings)
      .values({ id: true, ...settings, updatedAt: now })
      .onConflictDoUpdate({ target: organisationSettings.id, set: { ...settings, updatedAt: now } })
  },

  /** Sets the logo, creating the row with the defaults when nothing was saved before. */
  async saveLogo(db: Database, logo: { bytes: Buffer; contentType: string }, defaults: SettingsDefaults, now: Date): Promise<void> {
    await db
      .insert(organisationSettings)
      .values({ id: true, ...defaults, logo: logo.bytes, logoContentType: logo.contentType, updatedAt: now })
      .onConflictDoUpdate({ target: organisationSettings.id, set: { logo: logo.bytes, logoContentType: logo.contentType, updatedAt: now } })
  },

  async removeLogo(db: Database, now: Date): Promise<void> {
    await db
      .update(organisationSettings)
      .set({ logo: null, logoContentType: null, updatedAt: now })
      .where(eq(organisationSettings.id, true))
  },
}

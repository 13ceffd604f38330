import { defineConfig } from 'drizzle-kit'

// Generation only: migrations are applied by the app at start-up (src/db/migrate.ts), never pushed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: '../migrations',
})

import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The unit tiers (`pnpm test:unit`: shared, web) and the API tier (`pnpm test:api`: server, which starts one
// PostgreSQL, DATABASE_URL or an embedded one, and gives each test file its own database). The browser tests
// are Playwright's (playwright.config.ts, `pnpm test:e2e`).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/test/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          include: ['server/test/**/*.test.ts'],
          globalSetup: ['server/test/support/global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Component tests of the SPA in jsdom; the Stream SDK is replaced at its one boundary (features/video/stream-sdk.ts).
        resolve: { alias: { '@': fileURLToPath(new URL('./web/src', import.meta.url)) } },
        test: { name: 'web', include: ['web/src/**/*.test.tsx'], environment: 'jsdom' },
      },
    ],
  },
})

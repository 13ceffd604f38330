import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// One runner for every tier. The server and e2e projects share one PostgreSQL (DATABASE_URL or an
// embedded one started by the global set-up) and give each test file its own database.
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
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['server/test/support/global-setup.ts', 'e2e/support/build-web.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})

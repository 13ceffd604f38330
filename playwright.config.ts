import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './e2e/support/chromium.ts'

// The browser tests (e2e/*.spec.ts): Debian's Chromium (never a downloaded browser) against the real app.
// One worker, files one after another: each file has an app, a database and a browser of its own, but the
// files share the machine's ports, its PostgreSQL and (in start-up and attendee-path) real server processes.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Traces and failure screenshots, per test (git-ignored, as test-results/ is everywhere).
  outputDir: 'e2e/test-results',
  globalSetup: './e2e/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})

import type { LaunchOptions } from '@playwright/test'

/**
 * Debian's Chromium, headless, as root on a machine with no network: no sandbox, no GPU, and none of the
 * background requests that a closed network refuses. No browser is ever downloaded.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-dev-shm-usage',
]

/** A fake camera and microphone, allowed without a prompt: the studio's local preview has something to show. */
export const fakeMediaArgs = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']

/** The launch options of playwright.config.ts; a test file passes `extraArgs` with `test.use({ launchOptions })`. */
export function chromiumLaunchOptions(extraArgs: string[] = []): LaunchOptions {
  return { executablePath: '/usr/bin/chromium', headless: true, args: [...chromiumArgs, ...extraArgs] }
}

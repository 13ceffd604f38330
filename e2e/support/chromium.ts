import { chromium, type Browser } from 'playwright-core'

/**
 * Debian's Chromium, headless, as root on a machine with no network: no sandbox, no GPU, and none of the
 * background requests that a closed network refuses. `extraArgs` adds test-specific switches.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  })
}

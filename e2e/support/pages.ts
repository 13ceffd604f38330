import path from 'node:path'
import { expect, type Page } from '@playwright/test'

// What the browser tests share about pages: the two screen sizes, the pictures saved for people to look at,
// and where a page is.

export const desktop = { width: 1280, height: 800 }
export const phone = { width: 390, height: 844 }

/** The pictures of every page and state, committed nowhere (git-ignored) but looked at: e2e/screenshots/*.png. */
export const screenshotDir = path.resolve(import.meta.dirname, '..', 'screenshots')

/** The whole page, from its top: a page scrolled by focusing a field would show the sticky header half-way down the picture. */
export async function screenshot(target: Page, name: string): Promise<void> {
  await target.evaluate(() => window.scrollTo(0, 0))
  await target.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' })
}

/**
 * The same page at another size, then back to the size it had (readable on a phone first, DESIGN.md). Toasts
 * can be dismissed first: on a phone they sit over the content.
 */
export async function screenshotAt(
  target: Page,
  size: { width: number; height: number },
  name: string,
  { isDismissingToasts = false }: { isDismissingToasts?: boolean } = {},
): Promise<void> {
  const before = target.viewportSize()
  await target.setViewportSize(size)
  if (isDismissingToasts) await dismissToasts(target)
  // Let the page lay itself out at the new size before the picture is taken.
  await target.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await screenshot(target, name)
  if (before) await target.setViewportSize(before)
}

/** What the screen shows right now, without scrolling: a dialog sits where the viewport puts it (a sheet at the bottom on phones). */
export async function viewportScreenshot(target: Page, name: string): Promise<void> {
  await target.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: 'disabled' })
}

/** On a phone a toast sits over the content; the desktop pictures keep them as the feedback they are. */
export async function dismissToasts(target: Page): Promise<void> {
  for (const button of await target.getByRole('button', { name: 'Close toast' }).all()) await button.click().catch(() => {})
  await expect.poll(() => target.locator('[data-sonner-toast]').count(), { timeout: 10_000 }).toBe(0)
}

export function pathOf(target: Page): string {
  const url = new URL(target.url())
  return url.pathname + url.search
}

/** Waits for the address (path and query) to become `expected`. */
export async function expectPath(target: Page, expected: string | RegExp): Promise<void> {
  if (typeof expected === 'string') await expect.poll(() => pathOf(target), { timeout: 10_000 }).toBe(expected)
  else await expect.poll(() => pathOf(target), { timeout: 10_000 }).toMatch(expected)
}

import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, type BrowserContext, type Page } from '@playwright/test'

// Pages fed hostile user content (hostile-content.spec.ts): what a payload would leave behind if it ran or
// became markup, the dialogs it would open, and the Content Security Policy's reports, which are collected
// for people to read rather than failed on.

/** Where the pictures of the hostile pages go, for someone to look at. */
export const hostileShotDir = '/tmp/xss-shots'

/** A payload that ran sets this on the page's window. */
declare global {
  interface Window {
    __xss?: unknown
    __cspViolations?: CspViolation[]
  }
}

export interface CspViolation {
  page: string
  directive: string
  effectiveDirective: string
  blockedURI: string
  sourceFile: string
  line: number
  sample: string
  disposition: string
}

/**
 * Elements and attributes only a payload could have put in a page: the `x` image, handlers as attributes,
 * `javascript:` links and frames, and anything carrying the payloads' own class.
 */
export const injectedSelector = [
  'img[src="x"]',
  'svg[onload]',
  '[onerror]',
  '[onload]',
  '[onclick]',
  'a[href^="javascript:" i]',
  'iframe[src^="javascript:" i]',
  '.xss-marker',
].join(', ')

const cspPrefix = '[csp-violation] '

function isSandboxedInitScriptNoise(text: string): boolean {
  return /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/.test(text)
}

/** Every CSP report seen by the watched contexts, in order (reported, never failed on). */
export const cspViolations: CspViolation[] = []
/** The text of the browser's own console lines about the policy ("Refused to …"). */
export const cspConsoleMessages: string[] = []

/**
 * Watches a context for the hostile-content checks: CSP reports (from `securitypolicyviolation`, kept on the
 * window and logged so that they outlive a navigation), the browser's CSP console lines, and dialogs, which
 * are dismissed and recorded. Console errors that are not about the policy go to `pageErrors`, as the
 * fixtures' own watcher would send them (open the context with `watchConsole: false`).
 */
export async function watchHostileContext(context: BrowserContext, { pageErrors, dialogs }: { pageErrors: string[]; dialogs: string[] }): Promise<void> {
  await context.addInitScript((prefix: string) => {
    window.__cspViolations = []
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const violation = {
          page: document.location.href,
          directive: event.violatedDirective,
          effectiveDirective: event.effectiveDirective,
          blockedURI: event.blockedURI,
          sourceFile: event.sourceFile,
          line: event.lineNumber,
          sample: event.sample,
          disposition: event.disposition,
        }
        window.__cspViolations?.push(violation)
        console.info(prefix + JSON.stringify(violation))
      },
      true,
    )
  }, cspPrefix)
  context.on('console', (message) => {
    const text = message.text()
    if (text.startsWith(cspPrefix)) {
      cspViolations.push(JSON.parse(text.slice(cspPrefix.length)) as CspViolation)
      return
    }
    if (/Content Security Policy/.test(text)) {
      cspConsoleMessages.push(text)
      return
    }
    // The browser reports every refused request as a console error: those are expected. Init scripts (the
    // one above, Playwright's trace recorder) run in every frame; the Mailbox's sandboxed mail preview blocks
    // them and says so: not the page's doing (the mail's own HTML is checked for scripts by the spec).
    if (message.type() !== 'error' || text.startsWith('Failed to load resource') || isSandboxedInitScriptNoise(text)) return
    pageErrors.push(text)
  })
  context.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss().catch(() => {})
  })
}

/**
 * The page shows every one of `texts` as text a person can read, and nothing ran or became markup: no
 * `window.__xss`, no dialog, no element of a payload in the page or in any of its frames (the mail preview),
 * and no long payload pushing the page wider than the window. Then the whole page is saved as /tmp/xss-shots/<shot>.png.
 */
export async function expectShownAsText(page: Page, shot: string, texts: readonly string[], dialogs: readonly string[]): Promise<void> {
  for (const text of texts) await expect(page.getByText(text, { exact: false }).filter({ visible: true }).first(), `"${text}" shown as text`).toBeVisible()
  expect(await page.evaluate(() => window.__xss), 'window.__xss set by a payload').toBeUndefined()
  expect(await page.evaluate(() => [...document.scripts].filter((script) => script.textContent.includes('__xss')).length), 'payload scripts').toBe(0)
  for (const frame of page.frames()) await expect(frame.locator(injectedSelector), `payload elements in ${frame.url()}`).toHaveCount(0)
  expect(dialogs, 'dialogs opened').toEqual([])
  // Long payloads wrap: nothing pushes the page wider than the window.
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth }))
  expect(widths.page, 'the page is wider than the window').toBeLessThanOrEqual(widths.window)
  mkdirSync(hostileShotDir, { recursive: true })
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: path.join(hostileShotDir, `${shot}.png`), fullPage: true, animations: 'disabled' })
}

/** The CSP reports of the run, written next to the pictures and returned as readable lines (deduplicated). */
export function writeCspReport(): string[] {
  mkdirSync(hostileShotDir, { recursive: true })
  writeFileSync(path.join(hostileShotDir, 'csp-violations.json'), JSON.stringify({ violations: cspViolations, console: cspConsoleMessages }, null, 2))
  const lines = cspViolations.map(
    (violation) =>
      `${violation.effectiveDirective} (${violation.directive}) blocked ${violation.blockedURI || '(none)'} on ${new URL(violation.page).pathname}${violation.sample ? ` sample: ${violation.sample}` : ''}`,
  )
  return [...new Set([...lines, ...cspConsoleMessages])]
}

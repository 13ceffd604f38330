/** The zone of the person looking at the page, as their browser reports it: pages show times on their clock first. */
export function viewerTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

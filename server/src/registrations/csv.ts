/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula or command (=, +, -, @, tab, CR, and | and ;
 * which some spreadsheets treat as DDE or separators) get a leading quote mark, so a registrant cannot plant a
 * formula in the organiser's export. Leading spaces do not hide one either.
 */
export function toCsv(rows: string[][]): string {
  const cell = (value: string) => {
    const safe = /^[\s]*[=+\-@|;\t\r]/.test(value) ? `'${value}` : value
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}

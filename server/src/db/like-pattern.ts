/**
 * An ILIKE pattern matching `text` anywhere, with LIKE's own characters (`%`, `_` and the escape `\`) taken
 * literally: someone searching for "50%" finds "50%", not everything that starts with 50.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 })

/** "65%": a share (0 to 1) as reports show it, whole percents in the reader's notation. */
export function formatRate(rate: number): string {
  return percent.format(rate)
}

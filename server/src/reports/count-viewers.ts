/**
 * Viewers over time from each registrant's presence (their stretches merged already, so one person is one viewer
 * however many tabs they had open).
 */

interface Interval {
  start: number
  end: number
}

const minuteMs = 60_000

/** The most people present at one moment. Someone leaving as another arrives is not counted twice. */
export function countPeakViewers(presence: Interval[][]): number {
  const changes: [number, number][] = []
  for (const intervals of presence) {
    for (const { start, end } of intervals) changes.push([start, 1], [end, -1])
  }
  // At the same instant, departures first: [start, end) stretches that only touch never overlap.
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let present = 0
  let peak = 0
  for (const [, change] of changes) {
    present += change
    peak = Math.max(peak, present)
  }
  return peak
}

/**
 * People present at some moment of each minute of the window, from the minute it opened (UTC minutes) to the one it
 * closed in. Nothing for an empty window.
 */
export function countViewersPerMinute(presence: Interval[][], window: { start: number; end: number }): { minute: string; viewers: number }[] {
  if (window.end <= window.start) return []
  const first = Math.floor(window.start / minuteMs) * minuteMs
  const minutes = Math.ceil((window.end - first) / minuteMs)
  const viewers = new Array<number>(minutes).fill(0)
  for (const intervals of presence) {
    // Each person once per minute, even with several stretches in it.
    let lastCounted = -1
    for (const { start, end } of intervals) {
      const from = Math.max(Math.floor((start - first) / minuteMs), lastCounted + 1)
      // [start, end): its last millisecond is end - 1; a stretch of no length still counts in its minute.
      const to = Math.min(Math.floor((Math.max(end - 1, start) - first) / minuteMs), minutes - 1)
      for (let index = from; index <= to; index++) viewers[index]!++
      lastCounted = Math.max(lastCounted, to)
    }
  }
  return viewers.map((count, index) => ({ minute: new Date(first + index * minuteMs).toISOString(), viewers: count }))
}

import { useEffect, useState } from 'react'

/** The current time, ticking: for countdowns and elapsed times that move on their own and change the page when they reach zero. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

export interface FaultSettings {
  /** The next N API requests fail with `status`. */
  failNext?: number
  /** Status of the injected failures; 503 unless given. */
  status?: number
  /** Latency added to every API request. */
  delayMs?: number
  /** API requests never answer (until the faults are cleared or the server closes), so the caller times out. */
  hang?: boolean
}

export interface ActiveFaults {
  failNext: number
  status: number
  delayMs: number
  hang: boolean
}

/** What became of a request that went through the faults. */
export type FaultOutcome =
  | { kind: 'proceed' }
  | { kind: 'fail'; status: number }
  /** It was held (hang or delay) and then let go by clearFaults, reset or close, or its caller went away. */
  | { kind: 'released' }

const noFaults = (): ActiveFaults => ({ failNext: 0, status: 503, delayMs: 0, hang: false })

/**
 * Makes the emulator unreliable on purpose, for the reliability tests: failures, latency, requests that never
 * answer. Held requests are tracked so that clearing the faults or closing the server lets them go at once.
 */
export function createFaultInjector() {
  let faults = noFaults()
  const heldRequests = new Set<() => void>()

  /** Resolves with true after `ms`, or with false as soon as it is released (Infinity waits for that). */
  function hold(ms: number, callerGone: Promise<void>): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => finish(true), ms) : undefined
      const release = () => finish(false)
      heldRequests.add(release)
      void callerGone.then(release)
      function finish(waitedFully: boolean) {
        if (!heldRequests.delete(release)) return
        if (timer) clearTimeout(timer)
        resolve(waitedFully)
      }
    })
  }

  return {
    inject(settings: FaultSettings): void {
      faults = {
        failNext: settings.failNext ?? faults.failNext,
        status: settings.status ?? faults.status,
        delayMs: settings.delayMs ?? faults.delayMs,
        hang: settings.hang ?? faults.hang,
      }
    },

    clear(): void {
      faults = noFaults()
      this.releaseHeldRequests()
    },

    releaseHeldRequests(): void {
      for (const release of [...heldRequests]) release()
    },

    current(): ActiveFaults {
      return { ...faults }
    },

    /**
     * Runs one API request through the faults: delay first, then hang, then the failure count. A delayed request
     * whose caller gave up still goes on (Stream finishes work its caller stopped waiting for); a released one
     * does not.
     */
    async apply(callerGone: Promise<void>): Promise<FaultOutcome> {
      if (faults.delayMs > 0) {
        const waitedFully = await hold(faults.delayMs, new Promise<void>(() => {}))
        if (!waitedFully) return { kind: 'released' }
      }
      if (faults.hang) {
        await hold(Number.POSITIVE_INFINITY, callerGone)
        return { kind: 'released' }
      }
      if (faults.failNext > 0) {
        faults.failNext--
        return { kind: 'fail', status: faults.status }
      }
      return { kind: 'proceed' }
    },
  }
}

export type FaultInjector = ReturnType<typeof createFaultInjector>

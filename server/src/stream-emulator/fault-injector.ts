/**
 * Where a fault strikes. `request`: before Stream does anything, so nothing happened. `answer`: after Stream did the
 * work, so only its answer fails, comes late or never comes (the call went live, its caller was never told).
 */
export type FaultPhase = 'request' | 'answer'

export interface FaultSettings {
  /** The next N API requests fail with `status`. */
  failNext?: number
  /** Status of the injected failures; 503 unless given. */
  status?: number
  /** Latency added to every API request. */
  delayMs?: number
  /** API requests never answer (until the faults are cleared or the server closes), so the caller times out. */
  hang?: boolean
  /**
   * Only requests for this one operation (Stream's operationId: GoLive, EndCall, ...) meet the faults; the others go
   * through untouched. null: every API request, as without it.
   */
  only?: string | null
  /** `request` unless given. */
  phase?: FaultPhase
}

export interface ActiveFaults {
  failNext: number
  status: number
  delayMs: number
  hang: boolean
  only: string | null
  phase: FaultPhase
}

/** The request at a point where a fault may strike it. */
export interface FaultPoint {
  /** Stream's operationId for the route; null for paths the emulator does not know. */
  operation: string | null
  phase: FaultPhase
}

/** What became of a request that went through the faults. */
export type FaultOutcome =
  /** `isLate`: it went on after waiting out the injected delay. */
  | { kind: 'proceed'; isLate?: true }
  | { kind: 'fail'; status: number }
  /** It was held (hang or delay) and then let go by clearFaults, reset or close, or its caller went away. */
  | { kind: 'released' }

const noFaults = (): ActiveFaults => ({ failNext: 0, status: 503, delayMs: 0, hang: false, only: null, phase: 'request' })

/**
 * Makes the emulator unreliable on purpose, for the reliability tests: failures, latency, requests that never
 * answer, for every request or for one operation, before Stream does the work or after. Held requests are tracked so
 * that clearing the faults or closing the server lets them go at once.
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

  /** Whether the faults aim at this request at this point (an unknown path never matches an operation). */
  function strikes(point: FaultPoint): boolean {
    return point.phase === faults.phase && (faults.only === null || faults.only === point.operation)
  }

  return {
    inject(settings: FaultSettings): void {
      faults = {
        failNext: settings.failNext ?? faults.failNext,
        status: settings.status ?? faults.status,
        delayMs: settings.delayMs ?? faults.delayMs,
        hang: settings.hang ?? faults.hang,
        only: settings.only === undefined ? faults.only : settings.only,
        phase: settings.phase ?? faults.phase,
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
     * Runs one API request through the faults at one point (`request` before its work, `answer` after it; without a
     * point, before the work of any request): delay first, then hang, then the failure count. A delayed request whose
     * caller gave up still goes on (Stream finishes work its caller stopped waiting for); a released one does not.
     */
    async apply(callerGone: Promise<void>, point: FaultPoint = { operation: null, phase: 'request' }): Promise<FaultOutcome> {
      if (!strikes(point)) return { kind: 'proceed' }
      const isLate = faults.delayMs > 0
      if (isLate) {
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
      return isLate ? { kind: 'proceed', isLate } : { kind: 'proceed' }
    },
  }
}

export type FaultInjector = ReturnType<typeof createFaultInjector>

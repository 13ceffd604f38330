// The app's API as the bench drives it outside the measured load: the owner, webinars, starting them.

export interface Staff {
  url: string
  /** Cookie and CSRF header of a signed-in owner. */
  headers: Record<string, string>
}

export interface CreatedWebinar {
  id: string
  slug: string
  streamCallCid: string
  streamCallType: string
  streamCallId: string
  capacity: number | null
}

async function expectOk(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${(await response.text()).slice(0, 500)}`)
  return response
}

/** Sets up the first owner (`POST /api/setup`) and keeps their session. */
export async function setUpOwner(url: string): Promise<Staff> {
  const response = await expectOk(
    await fetch(`${url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench-owner@bench.test', name: 'Bench Owner', password: 'bench owner passphrase 1' }),
    }),
    'POST /api/setup',
  )
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!
  return { url, headers: { cookie, 'x-requested-with': 'webinar-app' } }
}

/** The same owner's session on another instance (sessions are rows: any instance accepts the cookie). */
export const onInstance = (staff: Staff, url: string): Staff => ({ url, headers: staff.headers })

export async function createWebinar(staff: Staff, fields: { title: string; capacity?: number; startsInMinutes?: number }): Promise<CreatedWebinar> {
  const response = await expectOk(
    await fetch(`${staff.url}/api/webinars`, {
      method: 'POST',
      headers: { ...staff.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: fields.title,
        startTime: new Date(Date.now() + (fields.startsInMinutes ?? 10) * 60_000).toISOString(),
        timezone: 'Europe/Paris',
        durationMinutes: 180,
        ...(fields.capacity !== undefined ? { capacity: fields.capacity } : {}),
      }),
    }),
    'POST /api/webinars',
  )
  return (await response.json()) as CreatedWebinar
}

export async function updateWebinar(staff: Staff, id: string, fields: Record<string, unknown>): Promise<void> {
  await expectOk(
    await fetch(`${staff.url}/api/webinars/${id}`, {
      method: 'PATCH',
      headers: { ...staff.headers, 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    }),
    'PATCH /api/webinars/:id',
  )
}

/** `POST /api/webinars/:id/start`; returns how long the answer took, in ms. */
export async function startWebinar(staff: Staff, id: string): Promise<number> {
  const startedAt = performance.now()
  const response = await fetch(`${staff.url}/api/webinars/${id}/start`, { method: 'POST', headers: staff.headers })
  const body = await response.text()
  const elapsed = performance.now() - startedAt
  if (!response.ok) throw new Error(`POST /api/webinars/:id/start answered ${response.status}: ${body.slice(0, 500)}`)
  return elapsed
}

/** Runs `task` over `items` with at most `concurrency` at once. */
export async function inPool<T, R>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await task(items[index]!, index)
      }
    }),
  )
  return results
}

import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, csrfHeaders, owner, sessionCookieOf, setUpOwner, type TestApp } from './support/test-app.ts'
import { joinTokenMailedTo } from './support/mail.ts'

// Who may call what, for every route of the app: each route × each principal below → the status it must get.
// The routes come from the app itself, so a route added without a row here fails the first test.

const principalNames = ['anonymous', 'attendee', 'otherAttendee', 'owner', 'admin', 'host', 'otherHost', 'adminKey', 'revokedKey', 'noCsrf'] as const
type PrincipalName = (typeof principalNames)[number]
type Statuses = readonly [number, number, number, number, number, number, number, number, number, number]

/*
 * Columns, in this order:
 *   anon    nobody: no cookie, key or join token
 *   att     an approved registrant of webinar A (x-join-token header; a room ticket for the event stream; their own link)
 *   att2    an approved registrant of webinar B, hosted by someone else
 *   owner   the owner's session, with the CSRF header
 *   admin   an admin's session, with the CSRF header
 *   host    the host of webinar A (session + CSRF)
 *   host2   the host of webinar B, a stranger to A
 *   key     an API key of the admin
 *   revoked a revoked API key of the admin
 *   noCsrf  a second admin's session without the CSRF header (GETs pass; changes are refused)
 * `:id`/`:webinarId` is webinar A unless a note says otherwise.
 */
// prettier-ignore
const expectations = {
  //                                                            anon att  att2 owner admin host host2 key revoked noCsrf
  // Public by design: set-up (over once an owner exists), sign-in, a webinar's page and registering.
  'GET /api/setup':                                            [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /api/setup':                                           [409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
  'POST /api/auth/login':                                      [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /api/public/webinars/:slug':                            [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /api/public/webinars/:slug/registrations':             [201, 201, 201, 201, 201, 201, 201, 201, 201, 201],
  // Signing out needs the CSRF header from anyone (a cross-site form could sign people out).
  'POST /api/auth/logout':                                     [403, 403, 403, 204, 204, 204, 204, 403, 403, 403],
  // A password changes from a browser session only, never with an API key.
  'POST /api/auth/password':                                   [401, 401, 401, 204, 204, 204, 204, 403, 401, 403],
  'GET /api/me':                                               [401, 401, 401, 200, 200, 200, 200, 200, 401, 200],
  // "Forgot password?" is for whoever cannot sign in: the same answer for everyone; a link nobody holds sets nothing.
  'POST /api/auth/password-reset':                             [202, 202, 202, 202, 202, 202, 202, 202, 202, 202],
  'POST /api/auth/password-reset/confirm':                     [400, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  // The organisation's branding as public pages and mail show it: for everyone.
  'GET /api/public/branding':                                  [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /api/public/branding/logo':                             [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  // Only Stream's signature opens it: no session or key does.
  'POST /api/stream/webhooks':                                 [401, 401, 401, 401, 401, 401, 401, 401, 401, 401],

  // Staff accounts and the mailbox: owners and admins.
  'GET /api/users':                                            [401, 401, 401, 200, 200, 403, 403, 200, 401, 200],
  'POST /api/users':                                           [401, 401, 401, 201, 201, 403, 403, 201, 401, 403],
  'DELETE /api/users/:id':                                     [401, 401, 401, 204, 204, 403, 403, 204, 401, 403],
  'GET /api/mailbox':                                          [401, 401, 401, 200, 200, 403, 403, 200, 401, 200],
  'GET /api/mailbox/:id':                                      [401, 401, 401, 200, 200, 403, 403, 200, 401, 200],
  // Outgoing webhooks: owners and admins (their keys included). An endpoint receives every registrant's data.
  'GET /api/webhook-endpoints':                                [401, 401, 401, 200, 200, 403, 403, 200, 401, 200],
  'POST /api/webhook-endpoints':                               [401, 401, 401, 201, 201, 403, 403, 201, 401, 403],
  'GET /api/webhook-endpoints/:id':                            [401, 401, 401, 200, 200, 403, 403, 200, 401, 200],
  'PATCH /api/webhook-endpoints/:id':                          [401, 401, 401, 200, 200, 403, 403, 200, 401, 403],
  'DELETE /api/webhook-endpoints/:id':                         [401, 401, 401, 204, 204, 403, 403, 204, 401, 403],
  'POST /api/webhook-endpoints/:id/rotate-secret':             [401, 401, 401, 200, 200, 403, 403, 200, 401, 403],
  'GET /api/webhook-endpoints/:id/deliveries':                 [401, 401, 401, 200, 200, 403, 403, 200, 401, 200],
  'POST /api/webhook-endpoints/:id/deliveries/:deliveryId/resend': [401, 401, 401, 202, 202, 403, 403, 202, 401, 403],
  // Registrants' data on request (export, erasure) and its audit log: owners and admins (their keys included).
  'POST /api/people/export':                                   [401, 401, 401, 200, 200, 403, 403, 200, 401, 403],
  'POST /api/people/erase':                                    [401, 401, 401, 200, 200, 403, 403, 200, 401, 403],
  'GET /api/audit-log':                                        [401, 401, 401, 200, 200, 403, 403, 200, 401, 200],
  // The organisation's settings: every staff member reads them, owners and admins change them.
  'GET /api/organisation':                                     [401, 401, 401, 200, 200, 200, 200, 200, 401, 200],
  'PUT /api/organisation':                                     [401, 401, 401, 200, 200, 403, 403, 200, 401, 403],
  'PUT /api/organisation/logo':                                [401, 401, 401, 200, 200, 403, 403, 200, 401, 403],
  'DELETE /api/organisation/logo':                             [401, 401, 401, 204, 204, 403, 403, 204, 401, 403],
  // API keys: everyone on the staff manages their own. The key revoked here is the admin's: nobody else finds it.
  'GET /api/api-keys':                                         [401, 401, 401, 200, 200, 200, 200, 200, 401, 200],
  'POST /api/api-keys':                                        [401, 401, 401, 201, 201, 201, 201, 201, 401, 403],
  'DELETE /api/api-keys/:id':                                  [401, 401, 401, 404, 204, 404, 404, 204, 401, 403],

  // Webinars: their host, or an owner or admin. Deleting: owners and admins only, the host included.
  // Recurring series: hosts schedule their own and run them; admins all of them.
  'POST /api/series':                                          [401, 401, 401, 201, 201, 201, 201, 201, 401, 403],
  'GET /api/series':                                           [401, 401, 401, 200, 200, 200, 200, 200, 401, 200],
  'GET /api/series/:id':                                       [401, 401, 401, 200, 200, 200, 403, 200, 401, 200],
  'POST /api/series/:id/following':                            [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/series/:id/cancel':                               [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'GET /api/public/series/:slug':                              [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /api/public/series/:slug/registrations':               [201, 201, 201, 201, 201, 201, 201, 201, 201, 201],
  'POST /api/webinars':                                        [401, 401, 401, 201, 201, 201, 201, 201, 401, 403],
  'GET /api/webinars':                                         [401, 401, 401, 200, 200, 200, 200, 200, 401, 200],
  'GET /api/webinars/:id':                                     [401, 401, 401, 200, 200, 200, 403, 200, 401, 200],
  'PATCH /api/webinars/:id':                                   [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'DELETE /api/webinars/:id':                                  [401, 401, 401, 204, 204, 403, 403, 204, 401, 403],
  'POST /api/webinars/:id/cancel':                             [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/webinars/:id/start':                              [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/webinars/:id/end':                                [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/webinars/:id/captions':                           [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/webinars/:id/stream-token':                       [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/webinars/:id/rtmp-ingress':                       [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  // Local mode only (the app is in local mode here): whoever may run the webinar, while it is live.
  'POST /api/webinars/:id/simulate-attendees':                 [401, 401, 401, 202, 202, 202, 403, 202, 401, 403],
  'GET /api/webinars/:id/registrations':                       [401, 401, 401, 200, 200, 200, 403, 200, 401, 200],
  'GET /api/webinars/:id/registrations.csv':                   [401, 401, 401, 200, 200, 200, 403, 200, 401, 200],
  'POST /api/webinars/:id/registrations':                      [401, 401, 401, 201, 201, 201, 403, 201, 401, 403],
  'POST /api/webinars/:id/registrations/:rid/approve':         [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/webinars/:id/registrations/:rid/reject':          [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/webinars/:id/registrations/:rid/resend':          [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  // Reports: a webinar's for whoever may see the webinar; the overview for all staff (a host's covers their own webinars).
  'GET /api/webinars/:id/report':                              [401, 401, 401, 200, 200, 200, 403, 200, 401, 200],
  'GET /api/reports/overview':                                 [401, 401, 401, 200, 200, 200, 200, 200, 401, 200],
  'GET /api/webinars/:id/recordings':                          [401, 401, 401, 200, 200, 200, 403, 200, 401, 200],
  // The moderation record: whoever runs the webinar's room (its host, co-hosts, admins).
  'GET /api/webinars/:id/moderation-actions':                  [401, 401, 401, 200, 200, 200, 403, 200, 401, 200],
  // The webinar page: its mail for whoever may see the webinar; a copy by whoever may change it.
  'GET /api/webinars/:id/mail':                                [401, 401, 401, 200, 200, 200, 403, 200, 401, 200],
  'POST /api/webinars/:id/duplicate':                          [401, 401, 401, 201, 201, 201, 403, 201, 401, 403],
  // Speakers: the webinar's host and admins invite and remove; the stage (hands) is for whoever runs the room.
  'GET /api/webinars/:id/speakers':                     [401, 401, 401, 200, 200, 200, 403, 200, 401, 200],
  'POST /api/webinars/:id/speakers':                    [401, 401, 401, 201, 201, 201, 403, 201, 401, 403],
  'DELETE /api/webinars/:id/speakers/:speakerId':       [401, 401, 401, 204, 204, 204, 403, 204, 401, 403],
  'GET /api/webinars/:id/stage':                        [401, 401, 401, 200, 200, 200, 403, 200, 401, 200],
  'POST /api/webinars/:id/stage/requests/:requestId/accept':  [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/webinars/:id/stage/requests/:requestId/dismiss': [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/webinars/:id/stage/requests/:requestId/end':     [401, 401, 401, 200, 200, 200, 403, 200, 401, 403],

  // A personal link opens for its holder only: the others send a well-formed link nobody holds.
  'GET /api/join/:token':                                      [404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  'GET /api/join/:token/calendar.ics':                         [404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  'POST /api/join/:token/stream-token':                        [404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  'POST /api/join/:token/room-ticket':                         [404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  'GET /api/join/:token/replay':                               [404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  'POST /api/join/:token/cancel':                              [404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  'POST /api/join/:token/erase':                               [404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  'GET /api/join/:token/stage':                                [404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  'DELETE /api/join/:token/stage':                             [404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  // A panelist's studio link opens for its panelist only (stage.test.ts): everyone here holds none.
  'GET /api/stage/:token':                                     [404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  'POST /api/stage/:token/stream-credentials':                 [404, 404, 404, 404, 404, 404, 404, 404, 404, 404],

  // Webinar A's room: its attendees, its host, owners and admins. Moderation is the host side's; voting the attendees'.
  'GET /api/rooms/:webinarId/state':                           [401, 200, 403, 200, 200, 200, 403, 200, 401, 200],
  'GET /api/rooms/:webinarId/events':                          [401, 200, 403, 200, 200, 200, 403, 200, 401, 200],
  'POST /api/rooms/:webinarId/chat':                           [401, 201, 403, 201, 201, 201, 403, 201, 401, 403],
  'POST /api/rooms/:webinarId/chat/:itemId/hide':              [401, 403, 403, 204, 204, 204, 403, 204, 401, 403],
  'POST /api/rooms/:webinarId/questions':                      [401, 201, 403, 201, 201, 201, 403, 201, 401, 403],
  'POST /api/rooms/:webinarId/questions/:itemId/upvote':       [401, 200, 403, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/rooms/:webinarId/questions/:itemId/answer':       [401, 403, 403, 200, 200, 200, 403, 200, 401, 403],
  'PATCH /api/rooms/:webinarId/questions/:itemId':             [401, 403, 403, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/rooms/:webinarId/polls':                          [401, 403, 403, 201, 201, 201, 403, 201, 401, 403],
  'PATCH /api/rooms/:webinarId/polls/:itemId':                 [401, 403, 403, 200, 200, 200, 403, 200, 401, 403],
  'POST /api/rooms/:webinarId/polls/:itemId/vote':             [401, 200, 403, 403, 403, 403, 403, 403, 401, 403],
  // Chat moderation: the room's moderators (its host, co-hosts, admins), never its attendees.
  'PUT /api/rooms/:webinarId/chat/slow-mode':                  [401, 403, 403, 200, 200, 200, 403, 200, 401, 403],
  'PUT /api/rooms/:webinarId/chat/mutes/:registrationId':      [401, 403, 403, 204, 204, 204, 403, 204, 401, 403],
  'DELETE /api/rooms/:webinarId/chat/mutes/:registrationId':   [401, 403, 403, 204, 204, 204, 403, 204, 401, 403],
  'POST /api/rooms/:webinarId/attendees/:registrationId/remove': [401, 403, 403, 204, 204, 204, 403, 204, 401, 403],

  // The Stream emulator's control endpoints, mounted on the app's port in local mode: owners and admins only.
  // Last, and reset last of all: an admin's reset empties the emulator the app is talking to.
  'GET /__stream/__control/calls/:type/:id':                   [401, 401, 401, 200, 200, 403, 403, 200, 401, 200],
  'POST /__stream/__control/calls/:type/:id/participants':     [401, 401, 401, 201, 201, 403, 403, 201, 401, 403],
  'POST /__stream/__control/calls/:type/:id/recordings':       [401, 401, 401, 201, 201, 403, 403, 201, 401, 403],
  'GET /__stream/__control/requests':                          [401, 401, 401, 200, 200, 403, 403, 200, 401, 200],
  'POST /__stream/__control/faults':                           [401, 401, 401, 200, 200, 403, 403, 200, 401, 403],
  'DELETE /__stream/__control/faults':                         [401, 401, 401, 200, 200, 403, 403, 200, 401, 403],
  'GET /__stream/__control/webhooks':                          [401, 401, 401, 200, 200, 403, 403, 200, 401, 200],
  'PUT /__stream/__control/webhooks':                          [401, 401, 401, 200, 200, 403, 403, 200, 401, 403],
  'POST /__stream/__control/reset':                            [401, 401, 401, 200, 200, 403, 403, 200, 401, 403],
} satisfies Record<string, Statuses>
type Route = keyof typeof expectations

/** What the app serves that is not its API: left out of the matrix. */
function isOutsideTheApi(route: string, webDistDir: string): boolean {
  const url = route.slice(route.indexOf(' ') + 1)
  // Swagger UI and the OpenAPI document: public documentation.
  if (url === '/docs' || url.startsWith('/docs/')) return true
  // Liveness and readiness probes: public by design, they reveal nothing.
  if (url === '/healthz' || url === '/readyz') return true
  // Stream's own API as the emulator answers it (server and browser SDK, media, local presence): authenticated with
  // Stream's tokens and tested in test/stream-emulator. Its control endpoints are the app's to guard: they stay in.
  if (url.startsWith('/__stream/') && !url.startsWith('/__stream/__control/')) return true
  // The SPA's built files (index.html, hashed assets): the same for everyone. Its fallback is a not-found handler, no route.
  const file = path.join(webDistDir, url)
  return existsSync(file) && statSync(file).isFile()
}

/**
 * Every method and URL the app routes, read from `printRoutes` (the only complete list Fastify gives once the
 * routes are registered): a tree whose lines carry a path segment and its methods. HEAD is left out: Fastify
 * adds it to every GET, which answers for it.
 */
function routesOf(app: FastifyInstance): string[] {
  const routes: string[] = []
  const pathAtDepth: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^(.*?)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (!match) continue
    const depth = [...match[1]!].length / 4
    pathAtDepth[depth] = (depth > 0 ? pathAtDepth[depth - 1]! : '') + match[2]!
    pathAtDepth.length = depth + 1
    for (const method of match[3]?.split(', ') ?? []) {
      if (method !== 'HEAD') routes.push(`${method} ${pathAtDepth[depth]}`)
    }
  }
  return routes
}

interface Principal {
  name: PrincipalName
  headers: Record<string, string>
  /** Attendees: their join token (sent as x-join-token, and used in their own /api/join links). */
  joinToken?: string
  /** Attendees: a room ticket for their own webinar's event stream. */
  roomTicket?: string
  /** Session principals: who they sign in as, to sign in again when a request ends their session. */
  credentials?: { email: string; password: string }
  /** Which webinar an attendee belongs to (fresh registrations for them go there). */
  webinar?: { id: string; slug: string }
}

interface Call {
  url: string
  payload?: object
}

let testApp: TestApp
let inject: FastifyInstance['inject']
let sequence = 0
const unique = (label: string) => `${label}-${++sequence}`
const principals = {} as Record<PrincipalName, Principal>
let webinarA: { id: string; slug: string; streamCallType: string; streamCallId: string }
let webinarB: { id: string; slug: string }
let hostId: string
let otherHostId: string
let mailId: string
/** An endpoint that received the attendees' registrations, and one of its deliveries. */
let webhookEndpointId: string
let webhookDeliveryId: string
const strangersToken = 'A'.repeat(43)
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='

const ownerHeaders = () => principals.owner.headers
/** A request the fixture needs, as the owner; fails loudly, so a broken fixture never reads as a refusal. */
async function asOwner<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, status = [200, 201]): Promise<T> {
  const response = await inject({ method, url, headers: ownerHeaders(), ...(payload ? { payload } : {}) })
  expect(status, `${method} ${url}: ${response.body}`).toContain(response.statusCode)
  return response.json() as T
}

async function signIn(email: string, password: string): Promise<string> {
  const response = await inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  expect(response.statusCode, response.body).toBe(200)
  return sessionCookieOf(response)
}

async function createStaff(role: 'admin' | 'host', label: string) {
  const credentials = { email: `${unique(label)}@example.com`, password: `${label} password 1` }
  const user = await asOwner<{ id: string }>('POST', '/api/users', { ...credentials, name: label, role })
  return { id: user.id, credentials, cookie: await signIn(credentials.email, credentials.password) }
}

const inFiveMinutes = () => new Date(Date.now() + 5 * 60_000).toISOString()
/** Webinar A's host runs it; it starts in five minutes, inside the default join-ahead window (the room is open). */
async function createWebinar(hostOf = hostId) {
  return asOwner<{ id: string; slug: string; streamCallType: string; streamCallId: string }>('POST', '/api/webinars', {
    title: unique('Matrix webinar'),
    startTime: inFiveMinutes(),
    timezone: 'UTC',
    durationMinutes: 60,
    hostId: hostOf,
  })
}

/** Two weekly sessions from tomorrow (UTC), run by A's host. */
const seriesBody = () => ({
  title: unique('Matrix series'),
  timezone: 'UTC',
  firstDate: new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10),
  localTime: '12:00',
  durationMinutes: 30,
  recurrence: { frequency: 'weekly', interval: 1, count: 2 },
  hostId,
})
const createSeries = () => asOwner<{ id: string; slug: string; occurrences: { webinarId: string }[] }>('POST', '/api/series', seriesBody())

/** Registers someone on the public page and reads their personal link from the mail it sent. */
async function registerPublicly(webinar: { slug: string }): Promise<string> {
  const email = `${unique('registrant')}@example.com`
  const response = await inject({ method: 'POST', url: `/api/public/webinars/${webinar.slug}/registrations`, payload: { name: 'Reg', email } })
  expect(response.statusCode, response.body).toBe(201)
  return joinTokenMailedTo(testApp, email)
}

/** Registers someone on the public page; their address. */
async function registerPubliclyForAddress(webinar: { slug: string }): Promise<string> {
  const email = `${unique('person')}@example.com`
  const response = await inject({ method: 'POST', url: `/api/public/webinars/${webinar.slug}/registrations`, payload: { name: 'Person', email } })
  expect(response.statusCode, response.body).toBe(201)
  return email
}

async function addRegistration(webinarId: string): Promise<string> {
  const added = await asOwner<{ registration: { id: string } }>('POST', `/api/webinars/${webinarId}/registrations`, { name: 'Added', email: `${unique('added')}@example.com` })
  return added.registration.id
}

const inviteSpeaker = async () =>
  (await asOwner<{ id: string }>('POST', `/api/webinars/${webinarA.id}/speakers`, { kind: 'panelist', name: 'Leaving panelist', email: `${unique('leaving-panelist')}@example.com` })).id

/** A live webinar run by A's host with a registrant's request in `status`, as Stream's webhook would have queued it. */
async function stageDecision(status: 'pending' | 'accepted', decision: 'accept' | 'dismiss' | 'end') {
  const webinar = await createWebinar()
  await asOwner('POST', `/api/webinars/${webinar.id}/start`)
  const registrationId = await addRegistration(webinar.id)
  const { rows } = await testApp.database.pool.query<{ id: string }>(
    `insert into stage_requests (webinar_id, registration_id, status) values ($1, $2, $3) returning id`,
    [webinar.id, registrationId, status],
  )
  return { url: `/api/webinars/${webinar.id}/stage/requests/${rows[0]!.id}/${decision}` }
}

// Nothing listens on port 9 of this machine: deliveries fail at once, quietly, and nothing leaves it. Endpoints made
// by the calls receive only webinar.ended, so that the matrix's many registrations do not each make deliveries.
const deadWebhookUrl = 'http://127.0.0.1:9/matrix'
const createWebhookEndpoint = async () =>
  (await asOwner<{ endpoint: { id: string } }>('POST', '/api/webhook-endpoints', { url: deadWebhookUrl, eventTypes: ['webinar.ended'] })).endpoint.id

const room = (suffix = '') => `/api/rooms/${webinarA.id}${suffix}`
const postChat = () => asOwner<{ id: string }>('POST', room('/chat'), { body: 'A message to hide' })
const askQuestion = () => asOwner<{ id: string }>('POST', room('/questions'), { body: 'A question?' })
const createPoll = () => asOwner<{ id: string }>('POST', room('/polls'), { question: 'Which?', options: ['One', 'Two'] })
const control = (suffix: string) => `/__stream/__control${suffix}`
const callA = () => `/calls/${webinarA.streamCallType}/${webinarA.streamCallId}`

/** How each route is called: a valid request (so no 400 hides the answer), with fresh things where the call uses them up. */
const calls: Record<Route, (who: Principal) => Promise<Call> | Call> = {
  'GET /api/setup': () => ({ url: '/api/setup' }),
  'POST /api/setup': () => ({ url: '/api/setup', payload: { email: `${unique('second-owner')}@example.com`, name: 'Second', password: 'second owner password' } }),
  // Session principals sign in as themselves (the old session ends, the new cookie is theirs); others as the owner.
  'POST /api/auth/login': (who) => ({ url: '/api/auth/login', payload: who.credentials ?? { email: owner.email, password: owner.password } }),
  'GET /api/public/webinars/:slug': () => ({ url: `/api/public/webinars/${webinarA.slug}` }),
  'POST /api/public/webinars/:slug/registrations': () => ({
    url: `/api/public/webinars/${webinarA.slug}/registrations`,
    payload: { name: 'Walk-in', email: `${unique('walk-in')}@example.com` },
  }),
  'POST /api/auth/logout': () => ({ url: '/api/auth/logout' }),
  // The same password again: the account stays usable, every session of it ends and this browser gets a new one.
  'POST /api/auth/password': (who) => ({
    url: '/api/auth/password',
    payload: { currentPassword: who.credentials?.password ?? 'not a session', newPassword: who.credentials?.password ?? 'not a session 1' },
  }),
  'GET /api/me': () => ({ url: '/api/me' }),
  // A fresh address each time: the mail to one address is limited to a few an hour.
  'POST /api/auth/password-reset': () => ({ url: '/api/auth/password-reset', payload: { email: `${unique('forgetful')}@example.com` } }),
  'POST /api/auth/password-reset/confirm': () => ({ url: '/api/auth/password-reset/confirm', payload: { token: strangersToken, password: 'a new password nobody sets' } }),
  'GET /api/public/branding': () => ({ url: '/api/public/branding' }),
  // A logo each time: removing it (its row comes later) must not leave this one without.
  'GET /api/public/branding/logo': async () => {
    const response = await inject({ method: 'PUT', url: '/api/organisation/logo', headers: ownerHeaders(), payload: { imageBase64: onePixelPng } })
    expect(response.statusCode, response.body).toBe(200)
    return { url: '/api/public/branding/logo' }
  },
  'POST /api/stream/webhooks': () => ({ url: '/api/stream/webhooks', payload: { type: 'call.live_started', created_at: new Date().toISOString() } }),

  'GET /api/users': () => ({ url: '/api/users' }),
  'POST /api/users': () => ({ url: '/api/users', payload: { email: `${unique('new-host')}@example.com`, name: 'New Host', password: 'new host password', role: 'host' } }),
  'DELETE /api/users/:id': async () => {
    const user = await asOwner<{ id: string }>('POST', '/api/users', { email: `${unique('leaving')}@example.com`, name: 'Leaving', password: 'leaving password', role: 'host' })
    return { url: `/api/users/${user.id}` }
  },
  'GET /api/mailbox': () => ({ url: '/api/mailbox' }),
  'GET /api/mailbox/:id': () => ({ url: `/api/mailbox/${mailId}` }),
  'GET /api/webhook-endpoints': () => ({ url: '/api/webhook-endpoints' }),
  'POST /api/webhook-endpoints': () => ({ url: '/api/webhook-endpoints', payload: { url: deadWebhookUrl, eventTypes: ['webinar.ended'], description: unique('endpoint') } }),
  'GET /api/webhook-endpoints/:id': () => ({ url: `/api/webhook-endpoints/${webhookEndpointId}` }),
  'PATCH /api/webhook-endpoints/:id': () => ({ url: `/api/webhook-endpoints/${webhookEndpointId}`, payload: { description: unique('edited') } }),
  'DELETE /api/webhook-endpoints/:id': async () => ({ url: `/api/webhook-endpoints/${await createWebhookEndpoint()}` }),
  'POST /api/webhook-endpoints/:id/rotate-secret': () => ({ url: `/api/webhook-endpoints/${webhookEndpointId}/rotate-secret` }),
  'GET /api/webhook-endpoints/:id/deliveries': () => ({ url: `/api/webhook-endpoints/${webhookEndpointId}/deliveries` }),
  'POST /api/webhook-endpoints/:id/deliveries/:deliveryId/resend': () => ({ url: `/api/webhook-endpoints/${webhookEndpointId}/deliveries/${webhookDeliveryId}/resend` }),
  // Someone registered on A just for this request: the export finds them, the erasure erases them (the principals stay).
  'POST /api/people/export': async () => ({ url: '/api/people/export', payload: { email: await registerPubliclyForAddress(webinarA) } }),
  'POST /api/people/erase': async () => ({ url: '/api/people/erase', payload: { email: await registerPubliclyForAddress(webinarA) } }),
  'GET /api/audit-log': () => ({ url: '/api/audit-log' }),
  'GET /api/organisation': () => ({ url: '/api/organisation' }),
  'PUT /api/organisation': () => ({ url: '/api/organisation', payload: { name: 'Matrix Org', accentColour: '#4f46e5', mailFromName: null, mailFromAddress: null } }),
  'PUT /api/organisation/logo': () => ({ url: '/api/organisation/logo', payload: { imageBase64: onePixelPng } }),
  'DELETE /api/organisation/logo': () => ({ url: '/api/organisation/logo' }),
  'GET /api/api-keys': () => ({ url: '/api/api-keys' }),
  'POST /api/api-keys': () => ({ url: '/api/api-keys', payload: { name: unique('key') } }),
  'DELETE /api/api-keys/:id': async () => {
    const response = await inject({ method: 'POST', url: '/api/api-keys', headers: principals.admin.headers, payload: { name: unique('to revoke') } })
    expect(response.statusCode, response.body).toBe(201)
    return { url: `/api/api-keys/${response.json().apiKey.id}` }
  },

  'POST /api/series': () => ({ url: '/api/series', payload: { ...seriesBody(), hostId: undefined } }),
  'GET /api/series': () => ({ url: '/api/series' }),
  'GET /api/series/:id': async () => ({ url: `/api/series/${(await createSeries()).id}` }),
  'POST /api/series/:id/following': async () => {
    const series = await createSeries()
    return { url: `/api/series/${series.id}/following`, payload: { fromWebinarId: series.occurrences[0]!.webinarId, title: unique('Renamed') } }
  },
  'POST /api/series/:id/cancel': async () => ({ url: `/api/series/${(await createSeries()).id}/cancel` }),
  'GET /api/public/series/:slug': async () => ({ url: `/api/public/series/${(await createSeries()).slug}` }),
  'POST /api/public/series/:slug/registrations': async () => ({
    url: `/api/public/series/${(await createSeries()).slug}/registrations`,
    payload: { occurrence: 'all', name: 'Series fan', email: `${unique('series-fan')}@example.com` },
  }),
  'POST /api/webinars': () => ({ url: '/api/webinars', payload: { title: unique('Created'), startTime: inFiveMinutes(), timezone: 'UTC', durationMinutes: 30 } }),
  'GET /api/webinars': () => ({ url: '/api/webinars' }),
  'GET /api/webinars/:id': () => ({ url: `/api/webinars/${webinarA.id}` }),
  'PATCH /api/webinars/:id': () => ({ url: `/api/webinars/${webinarA.id}`, payload: { description: unique('Edited') } }),
  // Cancelling, starting, ending and deleting use a webinar up: each request gets a fresh one run by A's host.
  'DELETE /api/webinars/:id': async () => ({ url: `/api/webinars/${(await createWebinar()).id}`, payload: { records: 'keep' } }),
  'POST /api/webinars/:id/cancel': async () => ({ url: `/api/webinars/${(await createWebinar()).id}/cancel` }),
  'POST /api/webinars/:id/start': async () => ({ url: `/api/webinars/${(await createWebinar()).id}/start` }),
  'POST /api/webinars/:id/end': async () => {
    const webinar = await createWebinar()
    await asOwner('POST', `/api/webinars/${webinar.id}/start`)
    return { url: `/api/webinars/${webinar.id}/end` }
  },
  'POST /api/webinars/:id/captions': () => ({ url: `/api/webinars/${webinarA.id}/captions`, payload: { isOn: false } }),
  'POST /api/webinars/:id/stream-token': () => ({ url: `/api/webinars/${webinarA.id}/stream-token` }),
  'POST /api/webinars/:id/rtmp-ingress': () => ({ url: `/api/webinars/${webinarA.id}/rtmp-ingress` }),
  // Only a live webinar takes simulated attendees: a fresh one, started, each time (one attendee, over ten seconds).
  'POST /api/webinars/:id/simulate-attendees': async () => {
    const webinar = await createWebinar()
    await asOwner('POST', `/api/webinars/${webinar.id}/start`)
    return { url: `/api/webinars/${webinar.id}/simulate-attendees`, payload: { count: 1, overSeconds: 10 } }
  },
  'GET /api/webinars/:id/registrations': () => ({ url: `/api/webinars/${webinarA.id}/registrations` }),
  'GET /api/webinars/:id/registrations.csv': () => ({ url: `/api/webinars/${webinarA.id}/registrations.csv` }),
  'POST /api/webinars/:id/registrations': () => ({ url: `/api/webinars/${webinarA.id}/registrations`, payload: { name: 'By hand', email: `${unique('by-hand')}@example.com` } }),
  'POST /api/webinars/:id/registrations/:rid/approve': async () => ({ url: `/api/webinars/${webinarA.id}/registrations/${await addRegistration(webinarA.id)}/approve` }),
  'POST /api/webinars/:id/registrations/:rid/reject': async () => ({ url: `/api/webinars/${webinarA.id}/registrations/${await addRegistration(webinarA.id)}/reject` }),
  'POST /api/webinars/:id/registrations/:rid/resend': async () => ({ url: `/api/webinars/${webinarA.id}/registrations/${await addRegistration(webinarA.id)}/resend` }),
  'GET /api/webinars/:id/report': () => ({ url: `/api/webinars/${webinarA.id}/report` }),
  'GET /api/reports/overview': () => ({ url: '/api/reports/overview?days=90' }),
  'GET /api/webinars/:id/recordings': () => ({ url: `/api/webinars/${webinarA.id}/recordings` }),
  'GET /api/webinars/:id/moderation-actions': () => ({ url: `/api/webinars/${webinarA.id}/moderation-actions` }),
  'GET /api/webinars/:id/mail': () => ({ url: `/api/webinars/${webinarA.id}/mail` }),
  'POST /api/webinars/:id/duplicate': () => ({ url: `/api/webinars/${webinarA.id}/duplicate`, payload: {} }),

  'GET /api/webinars/:id/speakers': () => ({ url: `/api/webinars/${webinarA.id}/speakers` }),
  'POST /api/webinars/:id/speakers': () => ({ url: `/api/webinars/${webinarA.id}/speakers`, payload: { kind: 'panelist', name: 'Panelist', email: `${unique('panelist')}@example.com` } }),
  'DELETE /api/webinars/:id/speakers/:speakerId': async () => ({ url: `/api/webinars/${webinarA.id}/speakers/${await inviteSpeaker()}` }),
  'GET /api/webinars/:id/stage': () => ({ url: `/api/webinars/${webinarA.id}/stage` }),
  // A hand up (or an attendee on stage) in a live webinar, fresh for each request: deciding uses it up.
  'POST /api/webinars/:id/stage/requests/:requestId/accept': async () => stageDecision('pending', 'accept'),
  'POST /api/webinars/:id/stage/requests/:requestId/dismiss': async () => stageDecision('pending', 'dismiss'),
  'POST /api/webinars/:id/stage/requests/:requestId/end': async () => stageDecision('accepted', 'end'),

  'GET /api/join/:token': (who) => ({ url: `/api/join/${who.joinToken ?? strangersToken}` }),
  'GET /api/join/:token/calendar.ics': (who) => ({ url: `/api/join/${who.joinToken ?? strangersToken}/calendar.ics` }),
  'POST /api/join/:token/stream-token': (who) => ({ url: `/api/join/${who.joinToken ?? strangersToken}/stream-token` }),
  'POST /api/join/:token/room-ticket': (who) => ({ url: `/api/join/${who.joinToken ?? strangersToken}/room-ticket` }),
  'GET /api/join/:token/replay': (who) => ({ url: `/api/join/${who.joinToken ?? strangersToken}/replay` }),
  // Cancelling uses a registration up: an attendee cancels a fresh registration of their own webinar.
  'POST /api/join/:token/cancel': async (who) => ({ url: `/api/join/${who.webinar ? await registerPublicly(who.webinar) : strangersToken}/cancel` }),
  // Erasing uses a registration up too: an attendee erases a fresh registration of their own (under a new address).
  'POST /api/join/:token/erase': async (who) => ({ url: `/api/join/${who.webinar ? await registerPublicly(who.webinar) : strangersToken}/erase` }),

  'GET /api/join/:token/stage': (who) => ({ url: `/api/join/${who.joinToken ?? strangersToken}/stage` }),
  'DELETE /api/join/:token/stage': (who) => ({ url: `/api/join/${who.joinToken ?? strangersToken}/stage` }),
  'GET /api/stage/:token': () => ({ url: `/api/stage/${strangersToken}` }),
  'POST /api/stage/:token/stream-credentials': () => ({ url: `/api/stage/${strangersToken}/stream-credentials` }),

  'GET /api/rooms/:webinarId/state': () => ({ url: room('/state') }),
  // EventSource sends no headers: attendees show their room ticket (att2's is for B's room).
  'GET /api/rooms/:webinarId/events': (who) => ({ url: room(`/events${who.roomTicket ? `?ticket=${who.roomTicket}` : ''}`) }),
  'POST /api/rooms/:webinarId/chat': () => ({ url: room('/chat'), payload: { body: 'Hello' } }),
  'POST /api/rooms/:webinarId/chat/:itemId/hide': async () => ({ url: room(`/chat/${(await postChat()).id}/hide`) }),
  'POST /api/rooms/:webinarId/questions': () => ({ url: room('/questions'), payload: { body: 'Is there a replay?' } }),
  // One upvote per person and question, one vote per person and poll: a fresh question or open poll each time.
  'POST /api/rooms/:webinarId/questions/:itemId/upvote': async () => ({ url: room(`/questions/${(await askQuestion()).id}/upvote`) }),
  'POST /api/rooms/:webinarId/questions/:itemId/answer': async () => ({ url: room(`/questions/${(await askQuestion()).id}/answer`), payload: { answer: 'Yes.' } }),
  'PATCH /api/rooms/:webinarId/questions/:itemId': async () => ({ url: room(`/questions/${(await askQuestion()).id}`), payload: { isPinned: true } }),
  'POST /api/rooms/:webinarId/polls': () => ({ url: room('/polls'), payload: { question: 'Useful?', options: ['Yes', 'No'] } }),
  'PATCH /api/rooms/:webinarId/polls/:itemId': async () => ({ url: room(`/polls/${(await createPoll()).id}`), payload: { status: 'open' } }),
  // Setting slow mode to what it is changes nothing: the room stays as the other rows expect it.
  'PUT /api/rooms/:webinarId/chat/slow-mode': () => ({ url: room('/chat/slow-mode'), payload: { seconds: 0 } }),
  'PUT /api/rooms/:webinarId/chat/mutes/:registrationId': async () => ({ url: room(`/chat/mutes/${await addRegistration(webinarA.id)}`) }),
  'DELETE /api/rooms/:webinarId/chat/mutes/:registrationId': async () => ({ url: room(`/chat/mutes/${await addRegistration(webinarA.id)}`) }),
  // Removing uses a registration up: a fresh approved one of A's for each request (never the attendee principal).
  'POST /api/rooms/:webinarId/attendees/:registrationId/remove': async () => ({ url: room(`/attendees/${await addRegistration(webinarA.id)}/remove`) }),
  'POST /api/rooms/:webinarId/polls/:itemId/vote': async () => {
    const poll = await createPoll()
    await asOwner('PATCH', room(`/polls/${poll.id}`), { status: 'open' })
    return { url: room(`/polls/${poll.id}/vote`), payload: { optionIndex: 0 } }
  },

  'GET /__stream/__control/calls/:type/:id': () => ({ url: control(callA()) }),
  // A's call is in backstage: someone with the host role may join it.
  'POST /__stream/__control/calls/:type/:id/participants': () => ({ url: control(`${callA()}/participants`), payload: { userId: unique('probe'), action: 'join', role: 'host' } }),
  'POST /__stream/__control/calls/:type/:id/recordings': () => ({ url: control(`${callA()}/recordings`) }),
  'GET /__stream/__control/requests': () => ({ url: control('/requests') }),
  // Harmless settings: no failure is injected, the webhooks keep coming to this app.
  'POST /__stream/__control/faults': () => ({ url: control('/faults'), payload: { failNext: 0 } }),
  'DELETE /__stream/__control/faults': () => ({ url: control('/faults') }),
  'GET /__stream/__control/webhooks': () => ({ url: control('/webhooks') }),
  'PUT /__stream/__control/webhooks': () => ({ url: control('/webhooks'), payload: { url: `${testApp.url}/api/stream/webhooks` } }),
  'POST /__stream/__control/reset': () => {
    // The reset empties the request log that closing the test app checks against Stream's contract: check it first.
    expect(testApp.emulator.validationFailures()).toEqual([])
    return { url: control('/reset') }
  },
}

beforeAll(async () => {
  // Hundreds of requests from one address in a minute: the limits are not what is tested here.
  // Webhook endpoints on this machine's loopback (see deadWebhookUrl) need private addresses allowed.
  testApp = await createTestApp({
    env: { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_ATTEMPTS_PER_15_MINUTES: '10000', REGISTRATIONS_PER_IP_PER_MINUTE: '100000', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' },
  })
  inject = testApp.app.inject.bind(testApp.app)
  const ownerCookie = await setUpOwner(testApp.app)
  principals.owner = { name: 'owner', headers: { cookie: ownerCookie, ...csrfHeaders }, credentials: { email: owner.email, password: owner.password } }

  const admin = await createStaff('admin', 'admin')
  const host = await createStaff('host', 'host')
  const otherHost = await createStaff('host', 'other-host')
  // A second admin, so that the first one's password change does not end this session too.
  const csrfLessAdmin = await createStaff('admin', 'csrf-less-admin')
  hostId = host.id
  otherHostId = otherHost.id
  principals.admin = { name: 'admin', headers: { cookie: admin.cookie, ...csrfHeaders }, credentials: admin.credentials }
  principals.host = { name: 'host', headers: { cookie: host.cookie, ...csrfHeaders }, credentials: host.credentials }
  principals.otherHost = { name: 'otherHost', headers: { cookie: otherHost.cookie, ...csrfHeaders }, credentials: otherHost.credentials }
  principals.noCsrf = { name: 'noCsrf', headers: { cookie: csrfLessAdmin.cookie }, credentials: csrfLessAdmin.credentials }

  const createKey = async () => {
    const response = await inject({ method: 'POST', url: '/api/api-keys', headers: principals.admin.headers, payload: { name: unique('integration') } })
    expect(response.statusCode, response.body).toBe(201)
    return response.json() as { apiKey: { id: string }; secret: string }
  }
  const key = await createKey()
  const revoked = await createKey()
  expect((await inject({ method: 'DELETE', url: `/api/api-keys/${revoked.apiKey.id}`, headers: principals.admin.headers })).statusCode).toBe(204)
  principals.adminKey = { name: 'adminKey', headers: { authorization: `Bearer ${key.secret}` } }
  principals.revokedKey = { name: 'revokedKey', headers: { authorization: `Bearer ${revoked.secret}` } }
  principals.anonymous = { name: 'anonymous', headers: {} }

  webinarA = await createWebinar(hostId)
  webinarB = await createWebinar(otherHostId)
  webhookEndpointId = (await asOwner<{ endpoint: { id: string } }>('POST', '/api/webhook-endpoints', { url: deadWebhookUrl, eventTypes: ['registration.created'] })).endpoint.id
  for (const [name, webinar] of [
    ['attendee', webinarA],
    ['otherAttendee', webinarB],
  ] as const) {
    const joinToken = await registerPublicly(webinar)
    const ticket = await inject({ method: 'POST', url: `/api/join/${joinToken}/room-ticket` })
    expect(ticket.statusCode, ticket.body).toBe(200)
    principals[name] = { name, headers: { 'x-join-token': joinToken }, joinToken, roomTicket: ticket.json().ticket, webinar }
  }
  const { rows } = await testApp.database.pool.query<{ id: string }>('select id from email_messages limit 1')
  mailId = rows[0]!.id
  webhookDeliveryId = (await asOwner<{ items: { id: string }[] }>('GET', `/api/webhook-endpoints/${webhookEndpointId}/deliveries`)).items[0]!.id
})
afterAll(() => testApp?.close())

/** Sends one call as one principal; an event stream is read until its headers only. */
async function send(method: string, route: Route, call: Call, who: Principal): Promise<{ status: number; body: string; response?: LightMyRequestResponse }> {
  if (route === 'GET /api/rooms/:webinarId/events') {
    const aborter = new AbortController()
    const response = await fetch(`${testApp.url}${call.url}`, { headers: who.headers, signal: aborter.signal })
    const body = response.ok ? '' : await response.text()
    aborter.abort()
    return { status: response.status, body }
  }
  const response = await inject({
    method: method as 'GET',
    url: call.url,
    headers: who.headers,
    ...(call.payload ? { payload: call.payload } : {}),
  })
  return { status: response.statusCode, body: response.body, response }
}

/** A request may end its caller's session (signing in again, out, a password change): keep the principal signed in. */
async function keepSignedIn(who: Principal, response: LightMyRequestResponse | undefined) {
  const sessionCookie = response?.cookies.find((cookie) => cookie.name === 'session')
  if (!sessionCookie || !who.credentials) return
  const cookie = sessionCookie.value ? `session=${sessionCookie.value}` : await signIn(who.credentials.email, who.credentials.password)
  who.headers = { ...who.headers, cookie }
}

/** A refusal must come in the app's error shape, whoever refuses (the control endpoints included). */
function hasErrorShape(body: string): boolean {
  try {
    const { error } = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }
    return typeof error?.code === 'string' && typeof error.message === 'string'
  } catch {
    return false
  }
}

let cellsChecked = 0

describe('the authorization matrix', () => {
  it('has a row for every route of the app', async () => {
    await testApp.app.ready()
    const routes = routesOf(testApp.app).filter((route) => !isOutsideTheApi(route, testApp.config.webDistDir))
    expect(routes.length).toBeGreaterThan(40)
    expect(routes.filter((route) => !(route in expectations)), 'routes without a row in the matrix').toEqual([])
    expect(Object.keys(expectations).filter((route) => !routes.includes(route)), 'rows for routes the app no longer has').toEqual([])
  })

  for (const [route, statuses] of Object.entries(expectations) as [Route, Statuses][]) {
    it(route, async () => {
      const method = route.slice(0, route.indexOf(' '))
      const expected: Record<string, number> = {}
      const actual: Record<string, number | string> = {}
      for (const [column, name] of principalNames.entries()) {
        const who = principals[name]
        const { status, body, response } = await send(method, route, await calls[route](who), who)
        await keepSignedIn(who, response)
        expected[name] = statuses[column]!
        actual[name] = status >= 400 && !hasErrorShape(body) ? `${status} without the error shape: ${body.slice(0, 200)}` : status
        cellsChecked++
      }
      expect(actual).toEqual(expected)
    })
  }

  afterAll(() => {
    const total = Object.keys(expectations).length * principalNames.length
    console.log(`authorization matrix: ${cellsChecked} of ${total} cells checked (${Object.keys(expectations).length} routes × ${principalNames.length} principals)`)
  })
})

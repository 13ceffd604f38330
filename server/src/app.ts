import fastifyCookie from '@fastify/cookie'
import fastifyJwt from '@fastify/jwt'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import { registerAjvFormats, TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync, type FastifyRequest } from 'fastify'
import { apiKeysRoutes } from './api-keys/api-keys-routes.ts'
import { createApiKeysService } from './api-keys/api-keys-service.ts'
import { authRoutes } from './auth/auth-routes.ts'
import { createAuthService } from './auth/auth-service.ts'
import { authenticatePlugin } from './auth/authenticate.ts'
import { passwordResetRoutes } from './auth/password-reset-routes.ts'
import { createPasswordResetService } from './auth/password-reset-service.ts'
import { organisationRoutes, publicBrandingRoutes } from './organisation/organisation-routes.ts'
import { createOrganisationService } from './organisation/organisation-service.ts'
import { createStaffMail } from './email/staff-mail.ts'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { DatabaseHandle } from './db/client.ts'
import { createReadinessCheck } from './health/health-check.ts'
import { healthRoutes } from './health/health-routes.ts'
import { answerClientError, answerFrameworkError, registerErrorHandling } from './http/error-handler.ts'
import { contentSecurityDirectives } from './http/content-security-policy.ts'
import { addSecurityHeaders } from './http/security-headers.ts'
import { refuseUnstorableStrings } from './http/unstorable-characters.ts'
import { spaPlugin } from './http/spa.ts'
import { requireRole } from './users/staff.ts'
import { usersRoutes } from './users/users-routes.ts'
import { createUsersService } from './users/users-service.ts'
import { queueNames, type JobQueue } from './jobs/job-queue.ts'
import { createAttendanceService } from './attendance/attendance-service.ts'
import { createReportsService } from './reports/reports-service.ts'
import { reportsRoutes } from './reports/reports-routes.ts'
import { createStreamWebhookService } from './stream-webhooks/stream-webhook-service.ts'
import { streamWebhooksRoutes } from './stream-webhooks/stream-webhooks-routes.ts'
import { localEmulatorMountPath, type VideoService } from './video/video-service.ts'
import { syncWebinarCall } from './webinars/sync-webinar-call.ts'
import { createStatusEffects } from './webinars/status-effects.ts'
import { createWebinarService } from './webinars/webinar-service.ts'
import { webinarsRoutes } from './webinars/webinars-routes.ts'
import { registerEmailWorkers, type MailSender } from './email/email-jobs.ts'
import { mailboxRoutes } from './email/mailbox-routes.ts'
import { createMailboxService } from './email/mailbox-service.ts'
import { createOutbox } from './email/outbox.ts'
import { createJoinService } from './join/join-service.ts'
import { joinRoutes } from './join/join-routes.ts'
import { createJoinTokens } from './join/join-token.ts'
import { createRoomTickets } from './join/room-ticket.ts'
import { createModerationLog } from './moderation/moderation-log.ts'
import { moderationRoutes } from './moderation/moderation-routes.ts'
import { webinarMailRoutes } from './webinar-mail/webinar-mail-routes.ts'
import { createWebinarMailService } from './webinar-mail/webinar-mail-service.ts'
import { createModerationService } from './moderation/moderation-service.ts'
import { createPrivacyService } from './privacy/privacy-service.ts'
import { privacyRoutes, registrantPrivacyRoutes } from './privacy/privacy-routes.ts'
import { createSubjectRefs } from './privacy/subject-ref.ts'
import { createRoomHub } from './room/room-hub.ts'
import { publicSeriesRoutes, seriesRoutes } from './series/series-routes.ts'
import { createSeriesService } from './series/series-service.ts'
import { createSpeakerService } from './speakers/speaker-service.ts'
import { speakersRoutes, studioLinkRoutes } from './speakers/speakers-routes.ts'
import { createStudioTokens } from './speakers/studio-token.ts'
import { createStageService } from './stage/stage-service.ts'
import { attendeeStageRoutes, stageRoutes } from './stage/stage-routes.ts'
import { roomRoutes } from './room/room-routes.ts'
import { createRoomService } from './room/room-service.ts'
import { publicRegistrationRoutes } from './registrations/public-routes.ts'
import { syncCallAccess } from './registrations/sync-call-access.ts'
import { announceAttendanceChanged } from './registrations/announce-attendance.ts'
import { createRegistrationService } from './registrations/registration-service.ts'
import { registrationsRoutes } from './registrations/registrations-routes.ts'
import { deliverWebhook, webhookDeliveryConcurrency } from './outgoing-webhooks/deliver-webhook.ts'
import { createOutgoingEvents, type DeliverWebhookJob } from './outgoing-webhooks/outgoing-events.ts'
import { createWebhookEndpointsService } from './outgoing-webhooks/webhook-endpoints-service.ts'
import { webhookEndpointsRoutes } from './outgoing-webhooks/webhook-endpoints-routes.ts'
import { createWebhookSecrets } from './outgoing-webhooks/webhook-secret.ts'
import { createRecordingService, registerRecordingWorkers } from './recordings/recording-service.ts'
import { recordingsRoutes } from './recordings/recordings-routes.ts'
import { createSimulationService } from './simulation/simulation-service.ts'
import { simulationRoutes } from './simulation/simulation-routes.ts'
import type { StreamEmulator } from './stream-emulator/stream-emulator.ts'

export interface AppDependencies {
  config: Config
  database: DatabaseHandle
  clock: Clock
  /** Signs session JWTs; main.ts resolves it (from config or the data directory). */
  sessionSecret: string
  /** Stream Video through the node-sdk (Stream itself, or the emulator in local mode and tests). */
  video: VideoService
  /** Started by the caller; the app registers its workers on it. */
  jobs: JobQueue
  /** Sends mail (SMTP through nodemailer); `isConfigured: false` keeps mail in the outbox (local Mailbox). */
  mailer: MailSender & { isConfigured: boolean }
  /** Local mode only: the Stream API emulator, mounted under /__stream with its control endpoints (admins only). */
  streamEmulatorPlugin?: FastifyPluginAsync<{ enableControl: boolean; authorizeControl: (request: FastifyRequest) => Promise<void> }>
  /** Local mode only: the emulator's participants (Stream's SFU stand-in), which simulated attendees join and leave. */
  streamEmulatorParticipants?: Pick<StreamEmulator, 'joinParticipant' | 'leaveParticipant'>
  /** A pino logger; none means silent (tests). */
  logger?: FastifyBaseLogger
}

registerAjvFormats()

/**
 * The whole HTTP application, built from explicit dependencies and nothing global:
 * tests build it against their own database and clock, main.ts against the real ones.
 */
export async function buildApp(dependencies: AppDependencies): Promise<FastifyInstance> {
  const { config, database, clock, sessionSecret, logger, video, jobs, mailer } = dependencies
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  })
    // Bodies are never coerced (a number is not a string); query strings and params are (they arrive as text).
    .setValidatorCompiler(TypeBoxValidatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>()

  registerErrorHandling(app)
  refuseUnstorableStrings(app)
  app.addSchema(ErrorResponse)

  // External tier: security, docs, cookies and tokens.
  // HSTS and upgrade-insecure-requests only when the app is served over HTTPS: sent over plain http (local mode,
  // a LAN install) they would make browsers refuse the only way the app is reachable.
  const isServedOverHttps = config.publicUrl.startsWith('https:')
  addSecurityHeaders(app, {
    hsts: isServedOverHttps,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: contentSecurityDirectives({ isServedOverHttps, extraSources: config.cspExtraSources }),
    },
    referrerPolicy: { policy: 'no-referrer' },
  })
  await app.register(fastifyRateLimit, { max: config.rateLimitPerMinute, timeWindow: '1 minute' })
  await app.register(fastifyCookie)
  await app.register(fastifyJwt, { secret: sessionSecret, cookie: { cookieName: 'session', signed: false } })
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Webinar platform API',
        version: '1.0.0',
        description:
          'Schedule webinars on Stream Video, take registrations, run the room. Authenticate with `Authorization: Bearer <API key>`.',
      },
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from Admin → API keys' } },
      },
      security: [{ apiKey: [] }],
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })

  // App tier: who is calling, and the services.
  const { db, pool } = database
  await app.register(authenticatePlugin, { db, clock })
  const joinTokens = createJoinTokens(sessionSecret)
  const studioTokens = createStudioTokens(sessionSecret)
  const outbox = createOutbox({
    jobs,
    publicUrl: config.publicUrl,
    organisationName: config.organisationName,
    isSmtpConfigured: mailer.isConfigured,
    clock,
  })
  // Outgoing webhooks: events written in the transactions that cause them, delivered by jobs (signed, retried).
  const outgoingEvents = createOutgoingEvents({ jobs, clock })
  const webhookSecrets = createWebhookSecrets(sessionSecret)
  const registrationService = createRegistrationService({ db, pool, outbox, joinTokens, clock, jobs, outgoingEvents })
  const recordingService = createRecordingService({
    db,
    pool,
    video,
    jobs,
    outbox,
    clock,
    logger: app.log,
    onRecordingReady: (transaction, ready) => outgoingEvents.emit(transaction, 'recording.ready', ready),
  })
  const joinService = createJoinService({
    db,
    joinTokens,
    roomTickets: createRoomTickets(sessionSecret, clock),
    video,
    clock,
    publicUrl: config.publicUrl,
    isVideoLocalMode: config.stream.isLocalMode,
    registrations: registrationService,
    recordings: recordingService,
  })
  // Attendance: Stream's participant webhooks and the room's presence; `onAttendanceChanged` hears of new totals.
  const attendanceService = createAttendanceService({
    db,
    pool,
    clock,
    jobs,
    logger: app.log,
    onAttendanceChanged: (registrationIds) => announceAttendanceChanged({ pool, outgoingEvents }, registrationIds),
  })
  // Room events travel through PostgreSQL (LISTEN/NOTIFY), so every instance serves every room.
  const roomHub = createRoomHub({ db, pool, logger: app.log })
  await roomHub.start()
  app.addHook('onClose', () => roomHub.stop())
  const moderationLog = createModerationLog({ hub: roomHub, clock })
  const roomService = createRoomService({ db, pool, hub: roomHub, clock, recordModeration: moderationLog.record, registrations: registrationService })
  const statusEffects = createStatusEffects({
    jobs,
    announceInRoom: async (webinarId, status) => {
      await roomHub.publish(db, webinarId, 'webinar.status', { status })
    },
    closeRoom: async (webinarId) => {
      await roomService.closeAfterEnd(webinarId)
      await stageService.closeAfterEnd(webinarId)
    },
    followUpDelaySeconds: config.followUpDelaySeconds,
    pool,
    outgoingEvents,
    recordings: recordingService,
  })
  const webinarService = createWebinarService({
    db,
    pool,
    video,
    jobs,
    clock,
    isVideoLocalMode: config.stream.isLocalMode,
    safetyNetDelaySeconds: config.jobRetryDelaySeconds,
    statusEffects,
    announceCaptions: async (webinarId, isOn) => {
      await roomHub.publish(db, webinarId, 'captions', { isOn })
    },
    logger: app.log,
  })
  const stageService = createStageService({
    db,
    pool,
    video,
    clock,
    webinars: webinarService,
    // No payload: each listener asks again for what it may see (names in the queue are for moderators only).
    announceStageChange: (database, webinarId) => roomHub.publish(database, webinarId, 'stage.changed', {}),
    recordModeration: (database, input) => moderationLog.record(database, input),
  })
  // Registrants' data on request: export and erasure by address (staff), erasure from the personal link (the registrant).
  const privacyService = createPrivacyService({
    db,
    pool,
    clock,
    subjectRefs: createSubjectRefs(sessionSecret),
    joinTokens,
    registrations: registrationService,
    video,
    jobs,
    safetyNetDelaySeconds: config.jobRetryDelaySeconds,
    logger: app.log,
  })
  await jobs.work<{ registrationIds: string[] }>(queueNames.renameErasedStreamUsers, ({ registrationIds }) => privacyService.renameInStream(registrationIds))
  const speakerService = createSpeakerService({
    db,
    pool,
    video,
    webinars: webinarService,
    outbox,
    jobs,
    studioTokens,
    clock,
    isVideoLocalMode: config.stream.isLocalMode,
    recordModeration: (database, input) => moderationLog.record(database, input),
    logger: app.log,
  })

  // Recurring series: occurrences are webinars, made ahead up to a horizon that an hourly job moves on.
  const seriesService = createSeriesService({
    db,
    pool,
    clock,
    jobs,
    outbox,
    webinars: webinarService,
    registrations: registrationService,
    statusEffects,
  })
  await jobs.work<object>(queueNames.topUpSeries, async () => {
    await seriesService.topUpAll()
  })
  await jobs.schedule(queueNames.topUpSeries, '17 * * * *')
  await jobs.work<{ seriesId: string; webinarIds: string[] }>(queueNames.announceSeriesCancellation, ({ seriesId, webinarIds }) =>
    seriesService.announceCancellation(seriesId, webinarIds),
  )

  // Background work: keep each webinar's Stream call in step with its row, retried with backoff.
  await jobs.work<{ webinarId: string }>(queueNames.syncStreamCall, ({ webinarId }, attempt) =>
    syncWebinarCall({ db, video, logger: app.log }, webinarId, { isLastAttempt: attempt.isLastAttempt }),
  )
  await jobs.work<{ callType: string; callId: string }>(queueNames.deleteStreamCall, (ref) => video.deleteCall(ref))
  // Cancelled and rejected registrants are blocked from the call; approved again, let back in.
  await jobs.work<{ registrationId: string }>(queueNames.syncCallAccess, ({ registrationId }) => syncCallAccess({ db, video }, registrationId))
  // Mail: delivery with retries, fan-outs (we're live, cancelled), reminders every minute.
  await registerEmailWorkers(jobs, { db, outbox, sender: mailer, joinTokens, studioTokens, clock })
  await jobs.schedule(queueNames.sendDueReminders, '* * * * *')
  // Attendance made again from the stored Stream webhooks (also `pnpm --filter @webinar/server attendance:rebuild`).
  await jobs.work<{ webinarId: string }>(queueNames.rebuildAttendance, async ({ webinarId }) => {
    await attendanceService.rebuild(webinarId)
  })
  // Outgoing webhooks: one job per delivery, a few per endpoint at a time (deliver-webhook.ts says why).
  const webhookDelivery = { db, secrets: webhookSecrets, clock, isPrivateUrlAllowed: config.isWebhookPrivateUrlAllowed }
  await jobs.work<DeliverWebhookJob>(queueNames.deliverWebhook, (job, attempt) => deliverWebhook(webhookDelivery, job, attempt), webhookDeliveryConcurrency)
  // Recordings: Stream's list read after the end; "the replay is ready" to those whose follow-up went without it.
  await registerRecordingWorkers(jobs, recordingService)

  // Domains.
  await app.register(healthRoutes, { checkReadiness: createReadinessCheck(pool) })
  // Branding and the mail sender: one row, read by public pages and by mail as it is rendered and sent.
  const organisationService = createOrganisationService({
    db,
    clock,
    defaultName: config.organisationName,
    defaultMailFrom: config.mail.from,
    isMailConfigured: mailer.isConfigured,
  })
  const passwordResetService = createPasswordResetService({
    db,
    pool,
    clock,
    publicUrl: config.publicUrl,
    mail: createStaffMail({ db, sender: mailer, publicUrl: config.publicUrl, organisationName: config.organisationName }),
    logger: app.log,
  })
  await app.register(
    async (api) => {
      await api.register(authRoutes, { config, service: createAuthService({ db, pool, clock, sessionTtlSeconds: config.sessionTtlSeconds }) })
      await api.register(passwordResetRoutes, { config, service: passwordResetService })
      await api.register(publicBrandingRoutes, { prefix: '/public/branding', service: organisationService })
      await api.register(publicRegistrationRoutes, { service: registrationService, config })
      await api.register(publicSeriesRoutes, { service: seriesService, config })
      await api.register(joinRoutes, { prefix: '/join', service: joinService })
      await api.register(attendeeStageRoutes, { prefix: '/join', service: stageService, join: joinService })
      await api.register(registrantPrivacyRoutes, { prefix: '/join', service: privacyService })
      await api.register(studioLinkRoutes, { prefix: '/stage', service: speakerService })
      await api.register(streamWebhooksRoutes, {
        prefix: '/stream',
        service: createStreamWebhookService({
          db,
          video,
          clock,
          statusEffects,
          attendance: attendanceService,
          recordings: recordingService,
          stage: stageService,
          maxBodyBytes: config.bodyLimitBytes,
        }),
      })
      await api.register(roomRoutes, {
        prefix: '/rooms',
        room: roomService,
        hub: roomHub,
        webinars: webinarService,
        join: joinService,
        presence: attendanceService,
      })
      await api.register(async (staffOnly) => {
        staffOnly.addHook('onRequest', staffOnly.authenticate)
        await staffOnly.register(usersRoutes, { prefix: '/users', service: createUsersService({ db }) })
        await staffOnly.register(apiKeysRoutes, { prefix: '/api-keys', service: createApiKeysService({ db, clock }) })
        await staffOnly.register(organisationRoutes, { prefix: '/organisation', service: organisationService })
        await staffOnly.register(webinarsRoutes, { prefix: '/webinars', service: webinarService })
        await staffOnly.register(seriesRoutes, { prefix: '/series', service: seriesService })
        await staffOnly.register(registrationsRoutes, { prefix: '/webinars', service: registrationService, webinarService })
        await staffOnly.register(recordingsRoutes, { prefix: '/webinars', service: recordingService, webinarService })
        await staffOnly.register(moderationRoutes, { prefix: '/webinars', service: createModerationService({ db, log: moderationLog, webinars: webinarService }) })
        await staffOnly.register(webinarMailRoutes, { prefix: '/webinars', service: createWebinarMailService({ db, webinars: webinarService }) })
        await staffOnly.register(speakersRoutes, { prefix: '/webinars', service: speakerService })
        await staffOnly.register(stageRoutes, { prefix: '/webinars', service: stageService })
        await staffOnly.register(reportsRoutes, { service: createReportsService({ db, clock, attendance: attendanceService, webinars: webinarService }) })
        await staffOnly.register(mailboxRoutes, { prefix: '/mailbox', service: createMailboxService({ db, joinTokens, studioTokens }) })
        await staffOnly.register(privacyRoutes, { service: privacyService })
        // Simulated attendees need the emulator to join through: local mode only, the route absent otherwise.
        if (config.stream.isLocalMode && dependencies.streamEmulatorParticipants) {
          const simulation = createSimulationService({
            webinars: webinarService,
            registrations: registrationService,
            participants: dependencies.streamEmulatorParticipants,
            logger: app.log,
          })
          // Before the listener closes: a step fired during the close would send a webhook the close then waits for.
          staffOnly.addHook('preClose', async () => simulation.stop())
          await staffOnly.register(simulationRoutes, { prefix: '/webinars', service: simulation })
        }
        await staffOnly.register(webhookEndpointsRoutes, {
          prefix: '/webhook-endpoints',
          service: createWebhookEndpointsService({ db, pool, jobs, clock, secrets: webhookSecrets, isPrivateUrlAllowed: config.isWebhookPrivateUrlAllowed }),
        })
      })
    },
    { prefix: '/api' },
  )
  if (dependencies.streamEmulatorPlugin) {
    // The control endpoints repoint the signed webhooks, inject faults, read the request log and reset the emulator,
    // on a port that may face the network: owners and admins only, as a session (with the CSRF header for changes) or
    // one of their API keys.
    const requireAdmin = requireRole('owner', 'admin')
    await app.register(dependencies.streamEmulatorPlugin, {
      prefix: localEmulatorMountPath,
      enableControl: true,
      authorizeControl: async (request) => {
        await app.authenticate(request)
        await requireAdmin(request)
      },
    })
  }
  await app.register(spaPlugin, { distDir: config.webDistDir })

  return app
}

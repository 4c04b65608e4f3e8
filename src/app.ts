// Builds the HTTP application from the platform pieces and the domain modules.
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Config } from './config.js';
import type { Database } from './platform/db/database.js';
import type { Clock } from './platform/clock.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { registerRequestContext } from './platform/http/request-context.js';
import { HttpError, registerErrorPages } from './platform/http/errors.js';
import { registerMetrics } from './platform/http/metrics.js';
import { assetVersionOf, registerAssets } from './platform/http/assets.js';
import { redactUrl } from './platform/http/log-redaction.js';
import { createEventsService, type EventsService } from './modules/events/events.service.js';
import { createProgramService, type ProgramService } from './modules/program/program.service.js';
import { createAccessService, type AccessService } from './modules/access/access.service.js';
import { createSiteService, type SiteService } from './modules/site/site.service.js';
import { createRegistrationService, type RegistrationService } from './modules/registration/registration.service.js';
import { createMailWorker, type MailWorker, type WorkerLog } from './modules/messaging/worker.js';
import { createTransport } from './modules/messaging/transport.js';
import { absoluteUrl } from './config.js';
import { eventsRoutes } from './modules/events/events.routes.js';
import { eventsAdmin } from './modules/events/events.admin.js';
import { siteRoutes } from './modules/site/site.routes.js';
import { siteAdmin } from './modules/site/site.admin.js';
import { accessRoutes, requireOrganizer } from './modules/access/access.routes.js';
import { accessAdmin } from './modules/access/access.admin.js';
import { accessAccount } from './modules/access/access.account.js';
import { apiRoutes, API_PREFIX } from './modules/api/api.routes.js';
import { teamAdmin } from './modules/access/team.admin.js';
import { opsRoutes } from './platform/http/ops.routes.js';
import { PageCache } from './platform/http/page-cache.js';
import { registrationRoutes } from './modules/registration/registration.routes.js';
import { registrationAdmin } from './modules/registration/registration.admin.js';
import { messagingAdmin } from './modules/messaging/messaging.admin.js';
import { mailTemplatesAdmin } from './modules/messaging/templates.admin.js';
import { programAdmin } from './modules/program/program.admin.js';
import { createMailSchedules, type MailSchedules } from './modules/messaging/schedules.service.js';
import { createLiveService, type LiveService } from './modules/live/live.service.js';
import { liveRoutes } from './modules/live/live.routes.js';
import { createQaService, type QaService } from './modules/qa/qa.service.js';
import { createLiveFeed, type LiveFeed } from './modules/live/live.feed.js';
import { liveStream } from './modules/live/live.stream.js';
import type { PubSub } from './platform/pubsub/pubsub.js';
import { memoryPubSub } from './platform/pubsub/memory.js';
import { postgresPubSub } from './platform/pubsub/postgres.js';
import { qaRoutes } from './modules/qa/qa.routes.js';
import { qaAdmin } from './modules/qa/qa.admin.js';
import { liveAdmin } from './modules/live/live.admin.js';
import { schedulesAdmin } from './modules/messaging/schedules.admin.js';
import { createBroadcasts, type Broadcasts } from './modules/messaging/broadcasts.service.js';
import { broadcastsAdmin } from './modules/messaging/broadcasts.admin.js';
import { createRoundsService, type RoundsService } from './modules/networking/rounds.service.js';
import { createBoardsService, type BoardsService } from './modules/networking/boards.service.js';
import { createReportService, type ReportService } from './modules/networking/report.service.js';
import { networkingRoutes } from './modules/networking/networking.routes.js';
import { networkingAdmin } from './modules/networking/networking.admin.js';
import { outcomesRoutes } from './modules/networking/outcomes.routes.js';
import { createLabsService, type LabsService } from './modules/community/labs.service.js';
import { createMembersService, type MembersService } from './modules/community/members.service.js';
import { createMemberSignInService, type MemberSignInService } from './modules/community/member-sign-in.service.js';
import { createPracticesService, type PracticesService } from './modules/community/practices.service.js';
import { communityRoutes } from './modules/community/community.routes.js';
import { challengesRoutes } from './modules/community/challenges.routes.js';
import { createChallengesService, type ChallengesService } from './modules/community/challenges.service.js';
import { createContactService, type ContactService } from './modules/community/contact.service.js';
import { membersRoutes } from './modules/community/members.routes.js';
import { createRetentionService, type RetentionService } from './modules/privacy/retention.service.js';
import { createPersonService, type PersonService } from './modules/privacy/person.service.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { privacyAdmin } from './modules/privacy/privacy.admin.js';
import { communityAdmin } from './modules/community/community.admin.js';

export interface Services {
  events: EventsService;
  program: ProgramService;
  access: AccessService;
  site: SiteService;
  registration: RegistrationService;
  live: LiveService;
  qa: QaService;
  /** Live updates between this instance's parts and (PostgreSQL) all instances. */
  pubsub: PubSub;
  liveFeed: LiveFeed;
  mailSchedules: MailSchedules;
  broadcasts: Broadcasts;
  /** Networking rounds, their groups' results boards, and the meeting's outcome report. */
  rounds: RoundsService;
  boards: BoardsService;
  reports: ReportService;
  /** The community: labs directory, members, practice library. */
  labs: LabsService;
  members: MembersService;
  memberSignIn: MemberSignInService;
  practices: PracticesService;
  challenges: ChallengesService;
  contact: ContactService;
  /** Retention periods per event, and the rights of the person (export, erasure). */
  retention: RetentionService;
  person: PersonService;
  mailWorker: MailWorker;
}

/** What route plugins receive: the services and what they need to render pages. */
export interface ModuleOptions {
  config: Config;
  services: Services;
  assetVersion: string;
  database: Database;
  clock: Clock;
  pageCache: PageCache;
}

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  /** Signs cookies (CSRF secret); from SECRET_KEY or the data directory. */
  secret: string;
  /** Pino options; tests pass false. */
  logger?: boolean | Record<string, unknown>;
  /** Sees every route as it is registered (tests: the OpenAPI document must list every API route). */
  onRoute?: (route: RouteOptions) => void;
}

export function createServices({ config, database, clock, log, pageCache }: Pick<AppDeps, 'config' | 'database' | 'clock'> & { log?: WorkerLog; pageCache?: PageCache }): Services {
  const { db } = database;
  const contentChanged = () => pageCache?.clear();
  const events = createEventsService({ db, clock, contentChanged });
  const labs = createLabsService({ db, clock });
  const mailWorker = createMailWorker({
    db, dialect: database.dialect, clock, transport: createTransport(config.smtpUrl, { ca: config.smtpCa }), from: config.mailFrom, messageIdHost: config.baseUrl.hostname,
    leaseMs: config.mailLeaseSeconds * 1000,
    log: log ?? { info: () => {}, warn: () => {}, error: (obj, msg) => console.error(msg, obj) },
  });
  const access = createAccessService({ db, clock, link: (path) => absoluteUrl(config, path), onMailQueued: () => mailWorker.kick() });
  const registration = createRegistrationService({
    db, dialect: database.dialect, clock, events, link: (path) => absoluteUrl(config, path), onMailQueued: () => mailWorker.kick(),
    afterStatusChange: (trx, reg, event) => mailSchedules.catchUp(trx, reg, event),
    directoryLabs: () => labs.names(),
  });
  const mailSchedules = createMailSchedules({
    db, clock, findEvent: events.findById, inEventTransaction: registration.inEventTransaction, recipients: registration.recipients,
    queueMail: (trx, event, reg, template, key) => registration.queueMail(trx, event, reg, template, key),
    onError: (error) => (log ?? console).error({ err: error instanceof Error ? error.message : String(error) }, 'scheduled mails run failed'),
  });
  // One instance on SQLite; on PostgreSQL every instance hears every other through LISTEN/NOTIFY.
  const pubsub = database.dialect === 'postgres' && config.database.dialect === 'postgres'
    ? postgresPubSub(config.database.url, log ?? { warn: (obj, msg) => console.warn(msg, obj) })
    : memoryPubSub();
  const members = createMembersService({
    db, clock,
    linkHolder: async (token) => {
      const standing = await registration.linkStanding(token);
      if (standing.kind === 'unknown') return null;
      const reg = standing.registration;
      return { valid: standing.kind === 'valid', admitted: reg.status === 'admitted', email: reg.email, name: reg.name, organisation: reg.organisation, locale: reg.locale };
    },
  });
  const rounds = createRoundsService({ db, clock });
  const boards = createBoardsService({ db, clock });
  return {
    events,
    program: createProgramService({ db, clock, contentChanged }),
    access,
    site: createSiteService({ db, clock }),
    registration,
    live: createLiveService({ db, clock, registration, access, video: config.video, fetch: globalThis.fetch, link: (path) => absoluteUrl(config, path) }),
    qa: createQaService({ db, clock }),
    pubsub,
    liveFeed: createLiveFeed({ db, clock, pubsub }),
    mailSchedules,
    broadcasts: createBroadcasts({
      db, clock, inEventTransaction: registration.inEventTransaction, recipients: registration.recipients,
      queueMail: registration.queueMessage, onMailQueued: () => mailWorker.kick(),
    }),
    rounds,
    boards,
    reports: createReportService({ db, clock, rounds, boards }),
    labs,
    members,
    memberSignIn: createMemberSignInService({ db, clock, members, link: (path) => absoluteUrl(config, path), onMailQueued: () => mailWorker.kick() }),
    practices: createPracticesService({ db, dialect: database.dialect, clock }),
    challenges: createChallengesService({ db, clock }),
    contact: createContactService({ db, clock, link: (path) => absoluteUrl(config, path), onMailQueued: () => mailWorker.kick() }),
    retention: createRetentionService({ db, clock, limits: config.retention, findEvent: events.findById }),
    person: createPersonService({ db, clock, cancelRegistration: (id, actor) => registration.organizerChange(id, actor, 'cancel') }),
    mailWorker,
  };
}

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services }> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger === undefined ? defaultLogger(config) : deps.logger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Give in-flight requests their answer on shutdown, but don't wait for idle keep-alives.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });

  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  const pageCache = new PageCache(deps.clock);
  const services = createServices({ ...deps, log: app.log, pageCache });
  const assetVersion = assetVersionOf();
  const options: ModuleOptions = { config, services, assetVersion, database: deps.database, clock: deps.clock, pageCache };

  // Mails queued by requests in flight are sent before the database closes.
  app.addHook('onClose', async () => {
    await services.mailSchedules.stop();
    await services.mailWorker.stop();
    await services.pubsub.close();
  });

  await app.register(fastifyCookie, { secret: deps.secret });
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  await app.register(fastifyCsrf, {
    cookieKey: 'lc_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: config.secure, signed: true },
  });
  await app.register(fastifyRateLimit, { global: false });

  // Every state-changing route checks the CSRF token, unless it opts out explicitly (bearer-token
  // API). preHandler, not onRequest: the form body must be parsed first.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const changesState = methods.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m));
    if (!changesState || route.config?.csrf === false) return;
    const existing = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [app.csrfProtection, ...existing];
  });

  // Two checks at the edge, before any route: a NUL character is never part of an address (and
  // PostgreSQL cannot store it; query, form and API fields refuse it with their own messages), and
  // a personal token in a path has one shape (a malformed one must not reach a redirect header).
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.params)) throw new HttpError(404);
    // Only what could never be a link's token and could break a header is cut off here; other
    // unknown tokens reach their pages, which say the link is not valid (the live room's, say).
    const token = (request.params as Record<string, unknown> | undefined)?.token;
    if (typeof token === 'string' && !PRINTABLE_TOKEN.test(token)) throw new HttpError(404);
  });

  registerSecurityHeaders(app, { hsts: config.secure });
  registerRequestContext(app, { secureCookies: config.secure });
  registerErrorPages(app, assetVersion);
  registerMetrics(app, { token: config.metricsToken });
  await registerAssets(app, assetVersion);

  await app.register(opsRoutes, options);
  await app.register(eventsRoutes, options);
  await app.register(siteRoutes, options);
  await app.register(registrationRoutes, options);
  await app.register(liveRoutes, options);
  await app.register(qaRoutes, options);
  await app.register(liveStream, options);
  await app.register(networkingRoutes, options);
  await app.register(outcomesRoutes, options);
  await app.register(communityRoutes, options);
  await app.register(challengesRoutes, options);
  await app.register(membersRoutes, options);
  await app.register(privacyRoutes, options);
  await app.register(accessRoutes, options);
  await app.register(apiRoutes, { ...options, prefix: API_PREFIX });
  await app.register(async (admin) => {
    admin.addHook('preHandler', requireOrganizer(services.access));
    await admin.register(eventsAdmin, options);
    await admin.register(siteAdmin, options);
    await admin.register(accessAdmin, options);
    await admin.register(accessAccount, options);
    await admin.register(teamAdmin, options);
    await admin.register(registrationAdmin, options);
    await admin.register(messagingAdmin, options);
    await admin.register(mailTemplatesAdmin, options);
    await admin.register(programAdmin, options);
    await admin.register(liveAdmin, options);
    await admin.register(schedulesAdmin, options);
    await admin.register(broadcastsAdmin, options);
    await admin.register(qaAdmin, options);
    await admin.register(networkingAdmin, options);
    await admin.register(communityAdmin, options);
    await admin.register(privacyAdmin, options);
  });

  return { app, services };
}

/** Printable ASCII without spaces: the only characters a token in a path (and a redirect to it) may carry. */
const PRINTABLE_TOKEN = /^[\x21-\x7E]{1,200}$/;

/** Whether any string in a parsed request part (depth-limited) holds U+0000. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  return Object.entries(value as Record<string, unknown>).some(([key, v]) => key.includes('\u0000') || containsNul(v, depth + 1));
}

function defaultLogger(config: Config) {
  return {
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: {
      req(request: { method: string; url: string; id: string }) {
        return { method: request.method, url: redactUrl(request.url), id: request.id };
      },
    },
  };
}

// Authorization matrix (issue #8, item 7), generated from the route table: every route the app
// registers under /admin, the community routes that change things and the participant routes
// (/r/:token/…) are requested by seven identities, and the invariants below are checked for every
// one of them — a route added later is covered without editing this file.
//
// Routes come from buildApp's onRoute hook (a second app on the same configuration and database,
// as in test/modules/api/api.test.ts). Every identity gets a fresh app with the same fixtures, so
// what one identity changes (cancelling the event, signing out, …) cannot colour another's answers.
//
// Path parameters (first matching row wins; a parameter not listed here is filled with `1` and
// named in the printed matrix, so a new route is still requested):
//
//   parameter      | route                                       | value                           | why
//   :slug          | /admin/pages/:slug                          | impressum                       | a site page (SITE_PAGE_SLUGS); the slug is not an event's
//   :slug          | /admin/community/labs/:slug/…               | citylab-berlin                  | a seeded lab
//   :slug          | /practices/:slug/…                          | technologie-zum-ausprobieren    | a seeded, published practice
//   :slug          | /challenges/:slug/…                         | (fixture challenge)             | a published challenge made for the matrix
//   :slug          | everything else (/admin/events/:slug/…)     | labcamp-2                       | the event under test
//   :id            | …/registrations/import/:id                  | (fixture import)                | a stored, unapplied CSV upload of labcamp-2
//   :id            | …/registrations/:id/…                       | (fixture registration)          | an admitted registration of labcamp-2
//   :id            | …/mails/:id/…                               | (its first mail)                | the outbox mail of that registration
//   :id            | …/broadcasts/:id/…                          | (fixture broadcast)             | a draft message of labcamp-2
//   :id            | …/schedules/:id/…                           | (first seeded schedule)         | a scheduled mail of labcamp-2
//   :id            | …/networking/rounds/:id/…                   | (fixture round)                 | an ended networking round of labcamp-2
//   :id            | …/outcomes/entries/:id                      | (fixture board entry)           | an outcome entry in that round's group
//   :id            | /admin/account/tokens/:id/…                 | (fixture owner's API token)     | SOMEONE ELSE's token: revoking it must be 404 for all
//   :id            | /admin/community/practices/:id/…            | (seeded practice's id)          | technologie-zum-ausprobieren
//   :id            | /admin/community/challenges/:id/…           | (fixture challenge's id)        |
//   :id            | /community/members/:id/…                    | 1                               | no member list is needed: only members get past the guard
//   :id            | anything else                               | 999999                          | an id that does not exist
//   :organizerId   | /admin/events/:slug/team/:organizerId/…     | (fixture owner)                 | ANOTHER member of labcamp-2's team (leaving oneself is allowed to all; removing others is not)
//   :action        | …/registrations/:id/:action                 | approve                         | a real action; 409 on an admitted registration once past the guard
//   :template      | …/mail-templates/:template/:locale          | confirm_email                   | a registrant mail (REGISTRANT_TEMPLATES)
//   :locale        | …/mail-templates/:template/:locale          | de                              |
//   :token         | /r/:token/…                                 | (fixture registration's link)   | the personal link of the admitted registration; each /r/ route is also
//                  |                                             |                                 | requested with an unknown token (case "[unknown token]")
//
// Bodies are an empty form (only _csrf): the matrix tests who gets in, not validation.
// Besides one case per route: every /r/:token route again with an unknown token, and three probes
// naming labcamp-2 in the query or body (GET /admin/events/new?from=, POST /admin/events/new from=,
// POST /admin/community/drafts event=), where the stranger must get 404 as well.
// Each identity requests, in this order: community routes, participant routes, /admin GETs, /admin
// changes, then TERMINAL (cancelling the event, signing out) — so no change colours a later answer
// that an invariant depends on.
//
// Invariants (numbered as in the issue):
//   1. visitor, every /admin route except the public ones (PUBLIC_ADMIN): 303 to /admin/login, or 403 for a POST.
//   2. organizer of labcamp-2020 only (stranger), every /admin route naming labcamp-2: 404; no 2xx
//      back-office page they get links to labcamp-2's back office; and no audit_log row of labcamp-2
//      with the stranger as actor.
//   3. readonly member of labcamp-2, every state-changing /admin route: 403 or 404, except
//      READONLY_ALLOWED; every GET: no 5xx; and no audit_log row of labcamp-2 with them as actor.
//   4. no identity ever gets a 5xx.
//   5. /admin/community/*: readonly-only and moderator-only members 403; organizers/owners of any event
//      (the stranger too) and the admin get in (not 403).
//   Also generated from the route table:
//   6. visitor, every community route that changes things: refused (4xx), except COMMUNITY_PUBLIC.
//   7. /r/:token routes: the personal link is the only key — every identity gets the same answer with
//      the real link; with an unknown link never a 2xx, and a redirect only back to that same link.
//   8. signed-in identities stay signed in: never a redirect to /admin/login (else the matrix measured nothing).
//
// Skipped on purpose:
//   - HEAD routes: Fastify adds one per GET route; it runs the GET handler.
//   - /admin/login, /admin/login/link, /admin/login/:token, /admin/login/code, /admin/logout (PUBLIC_ADMIN): registered
//     by accessRoutes outside the guarded scope — the way in and out — so invariant 1 does not apply;
//     invariants 3, 4 and 8 still do.
//   - /api/v1/*, /events/*: not in this matrix (the API has its own token tests; the public event and
//     live-room pages are not back-office or community routes).
//   - Methods other than GET and POST: none exist outside /api; a test fails if one appears, so the
//     request helper gets extended instead of the route being skipped silently.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RouteOptions } from 'fastify';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createImportService } from '../../src/modules/registration/registration.import.js';
import type { EventRole } from '../../src/modules/access/access.tables.js';
import { TEST_NOW, type TestApp } from '../helpers/app.js';
import { testDialects, type TestDialect } from '../helpers/databases.js';
import { adminTestApp, signedInMember } from '../helpers/team.js';
import { visitor, type Visitor } from '../helpers/visitor.js';
import { registeredToken } from '../helpers/community.js';

const EVENT = 'labcamp-2';
const OTHER_EVENT = 'labcamp-2020';
const UNKNOWN_TOKEN = 'A'.repeat(43);
/** A link into labcamp-2's back office (not labcamp-2020's). */
const LINKS_EVENT = new RegExp(`/admin/events/${EVENT}(?![\\w-])`);

const IDENTITIES = ['visitor', 'stranger', 'readonly', 'moderator', 'organizer', 'owner', 'admin'] as const;
type Identity = (typeof IDENTITIES)[number];
const SHORT: Record<Identity, string> = { visitor: 'vis', stranger: 'str', readonly: 'ro', moderator: 'mod', organizer: 'org', owner: 'own', admin: 'adm' };

/** /admin routes outside the guarded scope (src/modules/access/access.routes.tsx): signing in and out. */
const PUBLIC_ADMIN = new Set(['GET /admin/login', 'POST /admin/login', 'POST /admin/login/link', 'GET /admin/login/:token', 'POST /admin/login/:token', 'GET /admin/login/code', 'POST /admin/login/code', 'POST /admin/logout']);

/**
 * State-changing /admin routes a read-only member may use, derived from the code: signing in and
 * out; their own account (name, password, their own API tokens — revoke is scoped to the caller's
 * tokens, see access.api-tokens.ts); and starting a new event of their own (events.admin.tsx: any
 * organizer may, and becomes its owner; cloning needs registrations.read on the source).
 * Leaving a team (team/:organizerId/remove with one's own id) is allowed too, but the matrix names
 * another member there, so that route stays checked.
 */
const READONLY_ALLOWED = new Map([
  ['POST /admin/login', 'signing in'],
  ['POST /admin/login/link', 'asking for a sign-in link'],
  ['POST /admin/login/:token', 'signing in with a link'],
  ['POST /admin/login/code', 'the second step of signing in (no challenge here: 410)'],
  ['POST /admin/logout', 'signing out'],
  ['POST /admin/account/name', 'own account'],
  ['POST /admin/account/password', 'own account'],
  ['POST /admin/account/totp', 'own two-factor sign-in (an empty form: 400)'],
  ['POST /admin/account/totp/disable', 'own two-factor sign-in (no code: 422)'],
  ['POST /admin/account/totp/recovery-codes', 'own recovery codes (two-factor sign-in off: back to its page)'],
  ['POST /admin/account/tokens', 'own API tokens'],
  ['POST /admin/account/tokens/:id/revoke', 'own API tokens (someone else\'s id here: 404 anyway)'],
  ['POST /admin/events/new', 'a new event of one\'s own'],
]);

/** Community routes that change things and are open to visitors: signing a member out (harmless without a session). */
const COMMUNITY_PUBLIC = new Set(['POST /community/logout']);

/** Run last for each identity: they end the session or cancel the event under test. */
const TERMINAL = ['POST /admin/events/:slug/cancel', 'POST /admin/logout'];

interface Route { method: string; url: string }
type Kind = 'admin' | 'community' | 'participant';

interface Case {
  /** `METHOD /route/:pattern`, plus ` [probe]` for extra cases. */
  key: string;
  route: string;
  method: string;
  kind: Kind;
  url: string;
  form: Record<string, string>;
  /** The case names labcamp-2 (in the path, query or body): the stranger must get 404. */
  namesEvent: boolean;
  unknownToken?: boolean;
}

interface Fixtures {
  registrationId: number;
  mailId: number;
  token: string;
  broadcastId: number;
  scheduleId: number;
  importId: number;
  roundId: number;
  entryId: number;
  ownerId: number;
  ownerTokenId: number;
  practiceId: number;
  challengeId: number;
  challengeSlug: string;
}

/** How path parameters are filled; see the table at the top. First match wins. */
const PARAMS: Array<{ param: string; where?: RegExp; value: (f: Fixtures) => string | number }> = [
  { param: 'slug', where: /^\/admin\/pages\/:slug/, value: () => 'impressum' },
  { param: 'slug', where: /^\/admin\/community\/labs\/:slug/, value: () => 'citylab-berlin' },
  { param: 'slug', where: /^\/practices\/:slug/, value: () => 'technologie-zum-ausprobieren' },
  { param: 'slug', where: /^\/challenges\/:slug/, value: (f) => f.challengeSlug },
  { param: 'slug', value: () => EVENT },
  { param: 'id', where: /\/registrations\/import\/:id/, value: (f) => f.importId },
  { param: 'id', where: /\/registrations\/:id/, value: (f) => f.registrationId },
  { param: 'id', where: /\/mails\/:id/, value: (f) => f.mailId },
  { param: 'id', where: /\/broadcasts\/:id/, value: (f) => f.broadcastId },
  { param: 'id', where: /\/schedules\/:id/, value: (f) => f.scheduleId },
  { param: 'id', where: /\/networking\/rounds\/:id/, value: (f) => f.roundId },
  { param: 'id', where: /\/outcomes\/entries\/:id/, value: (f) => f.entryId },
  { param: 'id', where: /^\/admin\/account\/tokens\/:id/, value: (f) => f.ownerTokenId },
  { param: 'id', where: /^\/admin\/community\/practices\/:id/, value: (f) => f.practiceId },
  { param: 'id', where: /^\/admin\/community\/challenges\/:id/, value: (f) => f.challengeId },
  { param: 'id', where: /^\/community\/members\/:id/, value: () => 1 },
  { param: 'id', value: () => 999999 },
  { param: 'organizerId', value: (f) => f.ownerId },
  { param: 'action', value: () => 'approve' },
  { param: 'template', value: () => 'confirm_email' },
  { param: 'locale', value: () => 'de' },
  { param: 'token', value: (f) => f.token },
];

function isAdmin(url: string) { return url === '/admin' || url.startsWith('/admin/'); }
function isParticipant(url: string) { return url === '/r/:token' || url.startsWith('/r/:token/'); }
function isCommunity(url: string) { return /^\/(practices|challenges|community)(\/|$)/.test(url); }
const changesState = (method: string) => method !== 'GET' && method !== 'HEAD';

/** Every route the app registers, as onRoute sees them: a second app on the same configuration and database. */
async function collectRoutes(t: TestApp): Promise<Route[]> {
  const routes: Route[] = [];
  const { app } = await buildApp({
    config: t.config, database: t.database, clock: fixedClock(TEST_NOW), secret: 'x'.repeat(40), logger: false,
    onRoute: (route: RouteOptions) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    },
  });
  await app.ready();
  await app.close();
  return routes;
}

/** The routes of the matrix: /admin (all), community routes that change things, participant routes. */
function matrixRoutes(all: Route[]): Route[] {
  const seen = new Set<string>();
  return all.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (r.method === 'HEAD' || seen.has(key)) return false;
    seen.add(key);
    return isAdmin(r.url) || isParticipant(r.url) || (isCommunity(r.url) && changesState(r.method));
  });
}

/** The cases of one app: each route with real values, plus the probes. `defaulted` collects parameters no PARAMS row names. */
function casesFor(routes: Route[], f: Fixtures, defaulted: Set<string>): Case[] {
  const fill = (url: string, token?: string) => url.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'token' && token) return token;
    const rule = PARAMS.find((p) => p.param === name && (!p.where || p.where.test(url)));
    if (!rule) {
      defaulted.add(`:${name} in ${url}`);
      return '1';
    }
    return encodeURIComponent(String(rule.value(f)));
  });
  const cases: Case[] = [];
  for (const r of routes) {
    const key = `${r.method} ${r.url}`;
    const kind: Kind = isAdmin(r.url) ? 'admin' : isParticipant(r.url) ? 'participant' : 'community';
    const namesEvent = kind === 'admin' && r.url.startsWith('/admin/events/:slug');
    cases.push({ key, route: key, method: r.method, kind, url: fill(r.url), form: {}, namesEvent });
    if (kind === 'participant') cases.push({ key: `${key} [unknown token]`, route: key, method: r.method, kind, url: fill(r.url, UNKNOWN_TOKEN), form: {}, namesEvent: false, unknownToken: true });
  }
  // Routes that take the event from the query or the body, with labcamp-2 named there.
  const probe = (method: string, route: string, url: string, form: Record<string, string>, label: string) => {
    if (routes.some((r) => `${r.method} ${r.url}` === `${method} ${route}`)) {
      cases.push({ key: `${method} ${route} [${label}]`, route: `${method} ${route}`, method, kind: 'admin', url, form, namesEvent: true });
    }
  };
  probe('GET', '/admin/events/new', `/admin/events/new?from=${EVENT}`, {}, `from=${EVENT}`);
  probe('POST', '/admin/events/new', '/admin/events/new', { from: EVENT }, `from=${EVENT}`);
  probe('POST', '/admin/community/drafts', '/admin/community/drafts', { from: 'outcome', kind: 'practice', event: EVENT, id: String(f.entryId) }, `event=${EVENT}`);
  return cases;
}

/** The order an identity requests the cases in (see the header). */
function phase(c: Case): number {
  if (TERMINAL.includes(c.route)) return 5 + TERMINAL.indexOf(c.route);
  if (c.kind === 'community') return 0; // before the participant routes: joining the community makes a visitor a member
  if (c.kind === 'participant') return changesState(c.method) ? 2 : 1; // before admin changes (a rejection would change their answers)
  return changesState(c.method) ? 4 : 3;
}

async function createFixtures(t: TestApp, eventId: number): Promise<Fixtures> {
  const { db } = t.database;
  const event = (await t.services.events.findBySlug(EVENT))!;
  const system = { id: null, label: 'matrix fixtures' };
  const token = await registeredToken(t, event, 'Matrix');
  const registration = await db.selectFrom('registrations').select('id').where('event_id', '=', eventId).where('email', '=', 'matrix.community@example.org').executeTakeFirstOrThrow();
  const mail = await db.selectFrom('outbox').select('id').where('registration_id', '=', registration.id).orderBy('id').executeTakeFirstOrThrow();
  const { organizer: owner } = await t.services.access.createOrganizer({ email: 'fixture-owner@example.org', name: 'Fixture Owner', isAdmin: false });
  await db.insertInto('event_team').values({ event_id: eventId, organizer_id: owner.id, role: 'owner', created_at: TEST_NOW }).execute();
  const ownerActor = { id: owner.id, label: owner.name };
  const ownerToken = await t.services.access.apiTokens.create(ownerActor, { name: 'fixture', expiresAt: null });
  const broadcastId = await t.services.broadcasts.create(event, { subject: 'Hallo', body: 'Ein Text.', locale: 'de', statuses: ['admitted'], levels: [] }, ownerActor);
  const schedule = await db.selectFrom('mail_schedules').select('id').where('event_id', '=', eventId).orderBy('id').executeTakeFirstOrThrow();
  const stored = await createImportService({ db, clock: t.clock, registration: t.services.registration })
    .store(event, owner.id, 'import.csv', 'name,email,organisation,level\nA,a@example.org,Lab,bund');
  assert.ok('id' in stored, 'fixture import stored');
  const now = TEST_NOW;
  const round = await db.insertInto('networking_rounds').values({
    event_id: eventId, number: 1, state: 'ended', group_size: 3, duration_minutes: 15, prompt: 'Was nehmt ihr mit?', message: null, message_at: null,
    started_at: now, ends_at: now, ended_at: now, created_at: now,
  } as never).returning('id').executeTakeFirstOrThrow();
  const group = await db.insertInto('networking_groups').values({ event_id: eventId, round_id: round.id, number: 1, video_key: 'k', created_at: now } as never).returning('id').executeTakeFirstOrThrow();
  await t.services.boards.add(eventId, group.id, 'practices', 'Sprechstunde für Verwaltungsdigitalisierung', 'r1');
  const entry = (await t.services.boards.forEvent(eventId))[0]!;
  const practice = (await t.services.practices.bySlug('technologie-zum-ausprobieren'))!;
  const challenge = await t.services.challenges.create({ title: 'Matrix-Herausforderung', description: 'Ein Text.', topics: [], visibility: 'public' }, null, system, { status: 'published' });
  return {
    registrationId: registration.id, mailId: mail.id, token, broadcastId, scheduleId: schedule.id, importId: stored.id, roundId: round.id, entryId: entry.id,
    ownerId: owner.id, ownerTokenId: ownerToken.id, practiceId: practice.id, challengeId: challenge.id, challengeSlug: challenge.slug,
  };
}

interface Answer { status: number; location?: string; /** The body links to labcamp-2's back office. */ mentionsEvent: boolean }
interface IdentityRun { answers: Map<string, Answer>; auditRows: Array<{ action: string; actor_id: number | null }> }

const ROLE: Partial<Record<Identity, EventRole>> = { readonly: 'readonly', moderator: 'moderator', organizer: 'organizer', owner: 'owner' };

/** Identities run side by side, each on its own app: a few at a time keeps PostgreSQL connections low (other test files run meanwhile). */
const CONCURRENCY = 3;

/** One identity on a fresh app: sign in, request every case in phase order, read the audit log of labcamp-2. */
async function runIdentity(dialect: TestDialect, identity: Identity, routesOf: (t: TestApp) => Promise<Route[]>, defaulted: Set<string>): Promise<IdentityRun & { routes: Route[]; cases: Case[] }> {
  const { t, admin, eventId } = await adminTestApp(dialect, EVENT);
  try {
    const all = await routesOf(t);
    const fixtures = await createFixtures(t, eventId);
    let who: Visitor;
    let organizerId: number | null = null;
    if (identity === 'visitor') {
      who = visitor(t);
    } else if (identity === 'admin') {
      who = admin;
      organizerId = (await t.services.access.findOrganizerByEmail('admin@localhost'))!.id;
    } else if (identity === 'stranger') {
      const other = (await t.services.events.findBySlug(OTHER_EVENT))!;
      ({ visitor: who, id: organizerId } = await signedInMember(t, other.id, 'organizer', 'stranger@example.org'));
    } else {
      ({ visitor: who, id: organizerId } = await signedInMember(t, eventId, ROLE[identity]!, `${identity}@example.org`));
    }
    // A page with a form: the CSRF token every POST carries.
    const primer = await who.get(`/events/${EVENT}/register`);
    assert.match(primer.body, /name="_csrf"/, 'the registration form gives a CSRF token');

    const cases = casesFor(all, fixtures, defaulted).map((c, i) => ({ c, i })).sort((a, b) => phase(a.c) - phase(b.c) || a.i - b.i).map(({ c }) => c);
    const answers = new Map<string, Answer>();
    for (const c of cases) {
      if (c.method !== 'GET' && c.method !== 'POST') continue; // reported by the "only GET and POST" test
      const res = c.method === 'GET' ? await who.get(c.url) : await who.post(c.url, c.form);
      const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
      answers.set(c.key, { status: res.statusCode, ...(location ? { location } : {}), mentionsEvent: LINKS_EVENT.test(res.body) });
    }
    const auditRows = organizerId === null ? [] : await t.database.db.selectFrom('audit_log').select(['action', 'actor_id'])
      .where('event_id', '=', eventId).where('actor_id', '=', organizerId).execute();
    return { answers, auditRows, routes: all, cases };
  } finally {
    await t.close();
  }
}

const ok2xx = (s: number) => s >= 200 && s < 300;
const is3xx = (s: number) => s >= 300 && s < 400;

for (const dialect of testDialects()) {
  describe(`authorization matrix (${dialect})`, () => {
    let routes: Route[] = [];
    let cases: Case[] = [];
    const runs = new Map<Identity, IdentityRun>();
    const defaulted = new Set<string>();
    let elapsed = 0;

    before(async () => {
      const started = Date.now();
      // The route table is read once, on the app that asks first; the others wait for it.
      let collecting: Promise<Route[]> | null = null;
      const routesOf = (t: TestApp) => (collecting ??= collectRoutes(t).then(matrixRoutes));
      const queue = [...IDENTITIES];
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        for (let identity = queue.shift(); identity; identity = queue.shift()) {
          const run = await runIdentity(dialect, identity, routesOf, defaulted);
          ({ routes, cases } = run);
          runs.set(identity, run);
        }
      }));
      elapsed = Date.now() - started;
    });

    /** Every case's answer for an identity (missing answers fail loudly). */
    const answer = (identity: Identity, c: Case): Answer => {
      const a = runs.get(identity)?.answers.get(c.key);
      assert.ok(a, `no answer for ${identity} on ${c.key}`);
      return a;
    };
    const show = (a: Answer) => `${a.status}${a.location ? ` → ${a.location}` : ''}`;
    const noViolations = (violations: string[]) => assert.deepEqual(violations, [], `${violations.length} violation(s):\n${violations.join('\n')}`);

    test('the route table is collected: at least 60 /admin routes, and only GET and POST to request', () => {
      const admin = routes.filter((r) => isAdmin(r.url));
      assert.ok(admin.length >= 60, `only ${admin.length} /admin routes collected`);
      assert.ok(routes.some((r) => isParticipant(r.url)) && routes.some((r) => isCommunity(r.url)), 'participant and community routes collected');
      assert.deepEqual(routes.filter((r) => r.method !== 'GET' && r.method !== 'POST').map((r) => `${r.method} ${r.url}`), [],
        'a route with another method: teach runIdentity to send it');
    });

    test('1. a visitor never gets into /admin: 303 to /admin/login (or 403 for a POST)', () => {
      const violations: string[] = [];
      for (const c of cases.filter((c) => c.kind === 'admin' && !PUBLIC_ADMIN.has(c.route))) {
        const a = answer('visitor', c);
        const fine = (a.status === 303 && a.location === '/admin/login') || (c.method !== 'GET' && a.status === 403);
        if (!fine) violations.push(`visitor ${c.key} (${c.url}): ${show(a)}`);
      }
      noViolations(violations);
    });

    test(`2. an organizer of ${OTHER_EVENT} only gets 404 on every /admin route naming ${EVENT}, and changes nothing there`, () => {
      const violations: string[] = [];
      for (const c of cases.filter((c) => c.kind === 'admin' && c.namesEvent)) {
        const a = answer('stranger', c);
        if (a.status !== 404) violations.push(`stranger ${c.key} (${c.url}): ${show(a)}`);
      }
      // Control: the organizer's dashboard does link there, so the check below looks for the right thing.
      assert.ok(cases.some((c) => c.route === 'GET /admin' && answer('organizer', c).mentionsEvent), `the organizer's dashboard links to /admin/events/${EVENT}`);
      for (const c of cases.filter((c) => c.kind === 'admin')) {
        const a = answer('stranger', c);
        if (ok2xx(a.status) && a.mentionsEvent) violations.push(`stranger ${c.key}: ${a.status}, and the page links to /admin/events/${EVENT}`);
      }
      for (const row of runs.get('stranger')!.auditRows) violations.push(`stranger left an audit entry on ${EVENT}: ${row.action}`);
      noViolations(violations);
    });

    test(`3. a read-only member of ${EVENT} changes nothing: 403/404 on every state-changing /admin route (but the allowlist), no 5xx on GETs`, () => {
      const violations: string[] = [];
      for (const c of cases.filter((c) => c.kind === 'admin')) {
        const a = answer('readonly', c);
        if (!changesState(c.method) || READONLY_ALLOWED.has(c.route)) {
          if (a.status >= 500) violations.push(`readonly ${c.key}: ${show(a)}`);
        } else if (a.status !== 403 && a.status !== 404) {
          violations.push(`readonly ${c.key} (${c.url}): ${show(a)}`);
        }
      }
      for (const row of runs.get('readonly')!.auditRows) violations.push(`readonly member left an audit entry on ${EVENT}: ${row.action}`);
      noViolations(violations);
    });

    test('4. no identity ever gets a 5xx, on any route, with an empty form', () => {
      const violations: string[] = [];
      for (const c of cases) {
        for (const identity of IDENTITIES) {
          const a = answer(identity, c);
          if (a.status >= 500) violations.push(`${identity} ${c.key} (${c.url}): ${a.status}`);
        }
      }
      noViolations(violations);
    });

    test('5. community moderation (/admin/community/*): 403 for read-only and moderator members; organizers, owners and admins get in', () => {
      const violations: string[] = [];
      const community = cases.filter((c) => c.kind === 'admin' && c.url.startsWith('/admin/community'));
      assert.ok(community.length > 0, 'no /admin/community routes collected');
      for (const c of community) {
        for (const identity of ['readonly', 'moderator'] as const) {
          const a = answer(identity, c);
          if (a.status !== 403) violations.push(`${identity} ${c.key}: ${show(a)} (expected 403)`);
        }
        for (const identity of ['stranger', 'organizer', 'owner', 'admin'] as const) {
          const a = answer(identity, c);
          if (a.status === 403) violations.push(`${identity} ${c.key}: 403 (a community moderator must get in)`);
        }
      }
      noViolations(violations);
    });

    test('6. a visitor changes nothing in the community: every state-changing community route refuses (4xx)', () => {
      const violations: string[] = [];
      const community = cases.filter((c) => c.kind === 'community' && !COMMUNITY_PUBLIC.has(c.route));
      assert.ok(community.length > 0, 'no community routes collected');
      for (const c of community) {
        const a = answer('visitor', c);
        if (a.status < 400) violations.push(`visitor ${c.key} (${c.url}): ${show(a)}`);
      }
      noViolations(violations);
    });

    test('7. /r/:token routes: the same answer for every identity with the real link; nothing for an unknown link', () => {
      const violations: string[] = [];
      for (const c of cases.filter((c) => c.kind === 'participant')) {
        if (c.unknownToken) {
          for (const identity of IDENTITIES) {
            const a = answer(identity, c);
            if (ok2xx(a.status) || (is3xx(a.status) && !a.location?.startsWith(`/r/${UNKNOWN_TOKEN}`))) violations.push(`${identity} ${c.key}: ${show(a)}`);
          }
        } else {
          const byIdentity = IDENTITIES.map((identity) => `${SHORT[identity]} ${answer(identity, c).status}`);
          if (new Set(IDENTITIES.map((identity) => answer(identity, c).status)).size > 1) violations.push(`${c.key}: ${byIdentity.join(', ')}`);
        }
      }
      noViolations(violations);
    });

    test('8. signed-in identities stay signed in: no redirect to /admin/login', () => {
      const violations: string[] = [];
      for (const c of cases.filter((c) => c.kind === 'admin')) {
        for (const identity of IDENTITIES.filter((i) => i !== 'visitor')) {
          const a = answer(identity, c);
          if (a.location === '/admin/login') violations.push(`${identity} ${c.key}: ${show(a)}`);
        }
      }
      noViolations(violations);
    });

    after(() => {
      if (cases.length === 0) return;
      const width = Math.max(...cases.map((c) => c.key.length));
      const lines = [
        `authorization matrix (${dialect}): ${routes.filter((r) => isAdmin(r.url)).length} /admin routes, ${cases.length} cases × ${IDENTITIES.length} identities in ${(elapsed / 1000).toFixed(1)} s`,
        `${'case'.padEnd(width)}  ${IDENTITIES.map((i) => SHORT[i].padStart(4)).join('')}`,
        ...cases.map((c) => `${c.key.padEnd(width)}  ${IDENTITIES.map((i) => String(runs.get(i)?.answers.get(c.key)?.status ?? '-').padStart(4)).join('')}`),
        ...(defaulted.size > 0 ? [`parameters filled with 1 (add them to PARAMS): ${[...defaulted].join('; ')}`] : []),
      ];
      console.log(lines.join('\n'));
    });
  });
}

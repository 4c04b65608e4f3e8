// Benchmark of a registration burst (issue #3, item 9): the full public registration POST (CSRF,
// validation, insert, answers, personal token, outbox write) from 50 concurrent clients, against a
// bare single-INSERT route of the same server, in the same run.
//
//   npx tsx bench/registration-burst.bench.ts [--dialect sqlite|postgres|sqlite,postgres]
//       [--duration 10] [--connections 50] [--warmup 3] [--no-full]
//   (or BENCH_DIALECT, BENCH_DURATION, BENCH_CONNECTIONS, BENCH_WARMUP)
//   npm run bench:registration      # both dialects, one after the other
//
// The server is the real app, built like `npm start` builds it (loadConfig, openDatabase, buildApp,
// bootstrap with the demo seed, systemClock, mail worker started as in main.ts with the dev-inbox
// transport because SMTP_URL is unset), with RATE_LIMITS=off (the public form allows 30 posts a
// minute per client otherwise) and the logger off. One route exists only in the benchmark:
// POST /__bench/bare-insert (csrf: false) — parses the same url-encoded body, does exactly one
// INSERT into a bench-only table through the same Kysely instance, answers 204.
//
// The form target is the demo event `labcamp-2` (automatic admission, registration open) with its
// capacity lifted (capacity = null), so every POST is a real registration that takes a seat. The
// optional last phase ("form, event full") puts the capacity back to 40: by then thousands of seats
// are taken, so every registration is stored without a seat (the "you will be on the waiting list
// once you confirm" path of the form), which also counts the seats taken on every POST.
//
// Every form request carries the signed CSRF cookie (lc_csrf) and the matching _csrf token, taken
// once from GET /events/labcamp-2/register, a unique e-mail address, and every field of the form
// including the event's questions (one of them required). autocannon runs in a child process
// (bench/registration-burst.load.ts, which imports nothing of the app, so a half-edited module of
// the app cannot break it), so it does not share the server's event loop.
// Order: warm-up of both routes, then bare → form → bare [→ form, event full].
//
// For each form phase it also reports how long registrants waited for their confirmation mail
// (outbox created_at → sent_at, taken once every mail is out), and on SQLite how many writers
// shared how many COMMITs (group commit, ADR 35).
// After each phase the benchmark checks: answers counted by the server (onSend) = new rows (bench
// table, or registrations = confirm_email rows in the outbox); no non-2xx answers, no errors. The
// form answers 200 with the "almost done, confirm your address" page (not a redirect). autocannon stops
// at the end of its duration with up to one request per connection in flight: those complete on
// the server but are not in autocannon's counts, hence the server-side tally.
// A benchmark prints figures; it does not assert timings. It exits 1 only when the figures are
// meaningless (a failed or non-2xx request, a count that does not match).
//
// CPU profile of the server:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/registration-burst.bench.ts --dialect sqlite --no-full
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { systemClock } from '../src/platform/clock.js';
import { loadOrCreateSecret } from '../src/platform/secrets.js';
import { buildApp, type Services } from '../src/app.js';
import { bootstrap } from '../src/bootstrap.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from '../test/helpers/databases.js';

import { EMAIL_PLACEHOLDER, type AutocannonResult, type LoadSpec } from './registration-burst.load.js';
import { loadAverage, machine, runMain, table } from './report.js';

const require = createRequire(import.meta.url);
const LOAD_GENERATOR = fileURLToPath(new URL('./registration-burst.load.ts', import.meta.url));

// ---------------------------------------------------------------------------------------------
// The load generator runs in a child process: bench/registration-burst.load.ts (no app imports)

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  dialects: TestDialect[];
  duration: number;
  connections: number;
  warmup: number;
  full: boolean;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      dialect: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      'no-full': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('Usage: npx tsx bench/registration-burst.bench.ts [--dialect sqlite|postgres|sqlite,postgres] [--duration SEC] [--connections N] [--warmup SEC] [--no-full]');
    process.exit(0);
  }
  const env = process.env;
  const dialects = (values.dialect ?? env.BENCH_DIALECT ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  for (const d of dialects) if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--dialect must be sqlite, postgres or both (comma-separated), got "${d}"`);
  const number = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  return {
    dialects: dialects as TestDialect[],
    duration: number('duration', values.duration ?? env.BENCH_DURATION, 10, 1, 600),
    connections: number('connections', values.connections ?? env.BENCH_CONNECTIONS, 50, 1, 1000),
    warmup: number('warmup', values.warmup ?? env.BENCH_WARMUP, 3, 0, 60),
    full: !values['no-full'],
  };
}

const SLUG = 'labcamp-2';
const FORM_PATH = `/events/${SLUG}/register`;
const BARE_PATH = '/__bench/bare-insert';
const BENCH_TABLE = 'bench_bare_inserts';
const FULL_CAPACITY = 40;
const HEADERS = { 'Accept-Language': 'de', 'Content-Type': 'application/x-www-form-urlencoded' };

// ---------------------------------------------------------------------------------------------
// The server: the production app plus the bare route

/** Answers per route and status, counted by the server (reset per phase). */
type Tally = Map<string, number>;

interface Server {
  app: FastifyInstance;
  services: Services;
  database: Database;
  testDb: TestDatabase;
  origin: string;
  tally: Tally;
  inFlight: { n: number; lastArrival: number };
  eventId: number;
}

async function startServer(dialect: TestDialect): Promise<Server> {
  const testDb = await createTestDatabase(dialect);
  let database: Database | undefined;
  let app: FastifyInstance | undefined;
  try {
    const config = {
      ...loadConfig({ DATA_DIR: testDb.dataDir, RATE_LIMITS: 'off', LOG_LEVEL: 'silent', HOST: '127.0.0.1', SEED_DEMO: 'auto' }),
      database: testDb.config,
    };
    if (config.smtpUrl) throw new Error('SMTP_URL must be unset: the benchmark sends no mail');
    database = openDatabase(config.database);
    const secret = loadOrCreateSecret(config.dataDir, config.secretKey);
    const built = await buildApp({ config, database, clock: systemClock, secret, logger: false });
    app = built.app;
    const { services } = built;
    const report = await bootstrap(config, database, systemClock, services);
    if (report.seeded.length === 0) throw new Error('bootstrap did not seed the demo data');

    const { db } = database;
    // A bench-only table (not a product migration), dropped with the throwaway database.
    await db.schema.createTable(BENCH_TABLE)
      .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => c.primaryKey())
      .addColumn('email', 'varchar(320)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
      .execute();

    // The reference route: same server, same global hooks and body parser, one INSERT, no
    // validation, no CSRF (opted out as the onRoute hook of app.ts allows), no rendering.
    app.post<{ Body: { email?: string } }>(BARE_PATH, { config: { csrf: false } }, async (request, reply) => {
      const email = typeof request.body?.email === 'string' ? request.body.email : '';
      await sql`insert into ${sql.table(BENCH_TABLE)} (email, created_at) values (${email}, ${systemClock.now().toISOString()})`.execute(db);
      return reply.code(204).send();
    });

    // The server's own count of answers per route and status, taken when the answer is sent
    // (onSend), so it also counts requests whose client went away at the end of autocannon's
    // duration: their registration is stored all the same.
    const tally: Tally = new Map();
    const inFlight = { n: 0, lastArrival: 0 };
    app.addHook('onRequest', async () => {
      inFlight.n++;
      inFlight.lastArrival = Date.now();
    });
    app.addHook('onSend', async (request, reply, payload) => {
      inFlight.n--;
      const key = `${request.method} ${request.routeOptions.url ?? '?'} ${reply.statusCode}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      return payload;
    });

    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    config.baseUrl = new URL(origin);

    // As main.ts: the mail worker runs in the same process (it is also kicked after every
    // registration's transaction), so the burst pays for sending to the dev inbox too.
    services.mailWorker.start();

    // The event: open for registration, automatic admission, no capacity limit.
    const event = await services.events.findBySlug(SLUG);
    if (!event) throw new Error(`demo event ${SLUG} is missing`);
    await db.updateTable('events').set({ capacity: null }).where('id', '=', event.id).execute();
    const fresh = (await services.events.findBySlug(SLUG))!;
    const window = services.events.registrationWindow(fresh);
    if (window.state !== 'open') throw new Error(`registration for ${SLUG} is ${window.state}, not open`);
    const policy = await services.registration.policy(event.id);
    if (policy.admissionMode !== 'automatic') throw new Error(`${SLUG} admits by ${policy.admissionMode}, expected automatic`);

    return { app, services, database, testDb, origin, tally, inFlight, eventId: event.id };
  } catch (error) {
    await app?.close().catch(() => {});
    await database?.close().catch(() => {});
    await testDb.drop().catch(() => {});
    throw error;
  }
}

async function shutdown(server: Server): Promise<void> {
  await server.app.close().catch((error: unknown) => console.error('could not close the app:', error));
  await server.database.close().catch((error: unknown) => console.error('could not close the database:', error));
  await server.testDb.drop().catch((error: unknown) => console.error('could not drop the benchmark database:', error));
}

// ---------------------------------------------------------------------------------------------
// The form: CSRF pair and body

interface FormSetup {
  cookie: string;
  body: string;
  bareBody: string;
}

async function prepareForm(server: Server): Promise<FormSetup> {
  const response = await fetch(server.origin + FORM_PATH, { headers: { 'Accept-Language': 'de' } });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${FORM_PATH} answered ${response.status}`);
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no _csrf field on the registration form');
  const csrfCookie = response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('lc_csrf='));
  if (!csrfCookie) throw new Error('the registration form set no lc_csrf cookie');

  // Every field of the form, the event's own questions included.
  const questions = await server.services.registration.questions(server.eventId);
  const fields: Array<[string, string]> = [
    ['_csrf', token], ['name', 'Bench Teilnehmerin'], ['email', EMAIL_PLACEHOLDER], ['organisation', 'Stadtlabor Benchhausen'],
    ['level', 'kommune'], ['land', 'BE'], ['role', 'Projektleitung'], ['privacy', 'yes'], ['listed', 'yes'],
  ];
  for (const q of questions) {
    const name = `q${q.id}`;
    if (q.kind === 'multiple_choice') for (const o of q.options.slice(0, 2)) fields.push([name, o.value]);
    else if (q.kind === 'single_choice') fields.push([name, q.options[0]!.value]);
    else if (q.kind === 'yes_no') fields.push([name, 'no']);
    else fields.push([name, 'Neue Kontakte und übertragbare Praktiken für unser Labor.']);
  }
  const encode = (pairs: Array<[string, string]>) =>
    pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v === EMAIL_PLACEHOLDER ? v : encodeURIComponent(v)}`).join('&');
  const body = encode(fields);
  // The bare route gets the same body without the CSRF token: same parsing work, one INSERT.
  const bareBody = encode(fields.filter(([k]) => k !== '_csrf'));
  return { cookie: csrfCookie, body, bareBody };
}

// ---------------------------------------------------------------------------------------------
// Load

const autocannonVersion = (require('autocannon/package.json') as { version: string }).version;
const children = new Set<ChildProcess>();

function runLoad(spec: LoadSpec): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    // NODE_OPTIONS is dropped so that a --cpu-prof of the server does not profile the load generator too.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, ['--import', 'tsx', LOAD_GENERATOR, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'pipe'], env });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Bounded: autocannon stops on its own after `duration`; this only catches a hang.
    const timer = setTimeout(() => child.kill('SIGKILL'), (spec.duration + 30) * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      children.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code !== 0) return reject(new Error(`load generator exited with ${code ?? signal}: ${stderr.trim()}`));
      const line = stdout.trim().split('\n').filter(Boolean).pop();
      try {
        resolve(JSON.parse(line ?? '') as AutocannonResult);
      } catch {
        reject(new Error(`load generator printed no JSON: ${stdout.slice(0, 500)} ${stderr.slice(0, 500)}`));
      }
    });
  });
}

type Route = 'bare' | 'form';

interface Measurement {
  label: string;
  route: Route;
  prefix: string;
  result: AutocannonResult;
  /** Answers the server counted for this phase, by status. */
  server: Record<string, number>;
  rows: number;
  outbox: number;
  withSeat: number;
  outboxSent: number;
  /** SQLite: writers (transactions and single writing statements) and the COMMITs they shared. */
  commits: { writers: number; commits: number } | null;
  /** Form phases: from registration to its confirmation mail handed to the transport, in ms. */
  mailDelay?: { p50: number; p99: number; max: number };
}

const runId = randomBytes(3).toString('hex');
let phaseNo = 0;

/**
 * Waits until the server has answered every request of the phase. Requests still in the socket
 * buffers when autocannon stops arrive a little later, so "nothing in flight" must also have held
 * for a quiet half second; otherwise they would be counted in the next phase.
 */
async function drain(server: Server): Promise<void> {
  const settled = () => server.inFlight.n === 0 && Date.now() - server.inFlight.lastArrival > 500;
  for (let i = 0; i < 300 && !settled(); i++) await new Promise((r) => setTimeout(r, 100));
  if (server.inFlight.n > 0) throw new Error(`${server.inFlight.n} requests still unanswered 30 s after the load stopped`);
}

async function measure(server: Server, form: FormSetup, route: Route, label: string, seconds: number, connections: number): Promise<Measurement> {
  const prefix = `burst-${runId}-${++phaseNo}-`;
  process.stderr.write(`  ${label}: ${seconds} s, ${connections} connections…\n`);
  server.tally.clear();
  const stats = server.database.groupCommit;
  const before = stats ? { ...stats } : null;
  const result = await runLoad({
    url: server.origin + (route === 'bare' ? BARE_PATH : FORM_PATH),
    connections,
    duration: seconds,
    headers: route === 'bare' ? HEADERS : { ...HEADERS, Cookie: form.cookie },
    body: route === 'bare' ? form.bareBody : form.body,
    emailPrefix: prefix,
  });
  await drain(server);
  const commits = stats && before ? { writers: stats.writers - before.writers, commits: stats.commits - before.commits } : null;
  const serverCounts: Record<string, number> = {};
  const path = route === 'bare' ? BARE_PATH : '/events/:slug/register';
  for (const [key, n] of server.tally) {
    const [method, url, status] = key.split(' ');
    if (method === 'POST' && url === path) serverCounts[status!] = n;
    else serverCounts[`other ${key}`] = n;
  }
  const { db } = server.database;
  const like = `${prefix}%`;
  let rows = 0;
  let outbox = 0;
  let withSeat = 0;
  let outboxSent = 0;
  if (route === 'bare') {
    rows = Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(BENCH_TABLE)} where email like ${like}`.execute(db)).rows[0]!.n);
  } else {
    const r = await db.selectFrom('registrations').select([(eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.sum<number | string | null>('holds_seat').as('seats')])
      .where('event_id', '=', server.eventId).where('email', 'like', like).executeTakeFirstOrThrow();
    rows = Number(r.n);
    withSeat = Number(r.seats ?? 0);
    const o = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('template', '=', 'confirm_email').where('to_address', 'like', like).groupBy('status').execute();
    for (const s of o) {
      outbox += Number(s.n);
      if (s.status === 'sent') outboxSent += Number(s.n);
    }
  }
  return { label, route, prefix, result, server: serverCounts, rows, outbox, withSeat, outboxSent, commits };
}

function problemsOf(m: Measurement, connections: number): string[] {
  const problems: string[] = [];
  const r = m.result;
  const ok = m.route === 'bare' ? '204' : '200';
  const served = m.server[ok] ?? 0;
  if (r.non2xx > 0) problems.push(`${m.label}: ${r.non2xx} non-2xx answers (${JSON.stringify(r.statusCodeStats)})`);
  if (r.errors > 0 || r.timeouts > 0) problems.push(`${m.label}: ${r.errors} errors, ${r.timeouts} timeouts`);
  if (r['2xx'] === 0) problems.push(`${m.label}: no request completed`);
  const other = Object.entries(m.server).filter(([k]) => k !== ok);
  if (other.length > 0) problems.push(`${m.label}: the server also answered ${JSON.stringify(Object.fromEntries(other))}`);
  if (served < r['2xx'] || served > r['2xx'] + connections) problems.push(`${m.label}: server answered ${served} × ${ok}, autocannon counted ${r['2xx']} 2xx`);
  if (m.rows !== served) problems.push(`${m.label}: ${served} answers ${ok} but ${m.rows} new rows`);
  if (m.route === 'form' && m.outbox !== served) problems.push(`${m.label}: ${served} registrations but ${m.outbox} confirmation mails in the outbox`);
  return problems;
}

/**
 * How long registrants of a phase waited for their confirmation mail: the outbox row's created_at
 * (the registration's commit) to its sent_at (the transport took it), by the app's clock.
 */
async function mailDelay(server: Server, prefix: string): Promise<{ p50: number; p99: number; max: number }> {
  const rows = await server.database.db.selectFrom('outbox').select(['created_at', 'sent_at'])
    .where('template', '=', 'confirm_email').where('to_address', 'like', `${prefix}%`).execute();
  const delays = rows.map((r) => (r.sent_at ? Date.parse(r.sent_at) - Date.parse(r.created_at) : Infinity)).sort((a, b) => a - b);
  const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: delays[delays.length - 1] ?? NaN };
}

/** How far the mail worker is behind when the load stops, and how long it takes to catch up. */
async function drainOutbox(server: Server): Promise<{ backlog: number; left: number; ms: number }> {
  const unsent = async () => Number((await server.database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', 'in', ['queued', 'sending']).executeTakeFirstOrThrow()).n);
  const started = Date.now();
  const backlog = await unsent();
  let left = backlog;
  while (left > 0 && Date.now() - started < 120_000) {
    await new Promise((r) => setTimeout(r, 250));
    left = await unsent();
  }
  return { backlog, left, ms: Date.now() - started };
}

// ---------------------------------------------------------------------------------------------
// Sanity: the routes do what the benchmark claims before anything is measured

async function sanityChecks(server: Server, form: FormSetup): Promise<void> {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(server.origin + path, { method: 'POST', headers: { ...HEADERS, ...headers }, body, redirect: 'manual' });
  const email = (s: string) => encodeURIComponent(`sanity-${runId}-${s}@bench.example.org`);

  // A route added after buildApp goes through app.ts's onRoute hook: csrf:false opts out …
  const bare = await post(BARE_PATH, form.bareBody.replace(EMAIL_PLACEHOLDER, email('bare')));
  await bare.arrayBuffer();
  if (bare.status !== 204) throw new Error(`POST ${BARE_PATH} without a CSRF token answered ${bare.status}, expected 204`);
  // … while the form refuses a post without the token …
  const noToken = await post(FORM_PATH, form.bareBody.replace(EMAIL_PLACEHOLDER, email('no-token')), { Cookie: form.cookie });
  await noToken.arrayBuffer();
  if (noToken.status !== 403) throw new Error(`POST ${FORM_PATH} without _csrf answered ${noToken.status}, expected 403`);
  // … and takes a complete one: a registration with a seat and its confirmation mail.
  const done = await post(FORM_PATH, form.body.replace(EMAIL_PLACEHOLDER, email('form')), { Cookie: form.cookie });
  const html = await done.text();
  if (done.status !== 200 || !html.includes('Fast geschafft')) throw new Error(`POST ${FORM_PATH} answered ${done.status}, not the "done" page:\n${html.slice(0, 2000)}`);
  const reg = await server.database.db.selectFrom('registrations').selectAll().where('email', '=', decodeURIComponent(email('form'))).executeTakeFirst();
  if (!reg || reg.status !== 'unconfirmed' || reg.holds_seat !== 1) throw new Error(`the sanity registration was not stored with a seat: ${JSON.stringify(reg)}`);
  const mails = await server.database.db.selectFrom('outbox').select('template').where('registration_id', '=', reg.id).execute();
  if (mails.length !== 1 || mails[0]!.template !== 'confirm_email') throw new Error(`expected one confirm_email in the outbox, got ${JSON.stringify(mails)}`);
}

// ---------------------------------------------------------------------------------------------
// Output

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });


// ---------------------------------------------------------------------------------------------
// Main

interface DialectResult {
  dialect: TestDialect;
  measurements: Measurement[];
  bareMean: number;
}

async function runDialect(dialect: TestDialect, options: Options): Promise<{ result: DialectResult | null; problems: string[] }> {
  console.log(`\n== ${dialect} — load ${loadAverage()}`);
  const server = await startServer(dialect);
  try {
    console.log(`server: ${server.origin} (real app + POST ${BARE_PATH}; mail worker running, dev-inbox transport)`);
    const form = await prepareForm(server);
    await sanityChecks(server, form);
    console.log('sanity: bare route 204 without CSRF token (csrf:false honoured); form 403 without token, 200 + seat + confirm_email with it');

    if (options.warmup > 0) {
      await measure(server, form, 'bare', 'warm-up bare', options.warmup, options.connections);
      await measure(server, form, 'form', 'warm-up form', options.warmup, options.connections);
    }
    const c = options.connections;
    const measurements = [
      await measure(server, form, 'bare', 'bare (1st)', options.duration, c),
      await measure(server, form, 'form', 'form', options.duration, c),
      await measure(server, form, 'bare', 'bare (2nd)', options.duration, c),
    ];
    if (options.full) {
      await server.database.db.updateTable('events').set({ capacity: FULL_CAPACITY }).where('id', '=', server.eventId).execute();
      measurements.push(await measure(server, form, 'form', `form, event full (capacity ${FULL_CAPACITY})`, options.duration, c));
    }
    const outboxDrain = await drainOutbox(server);
    for (const m of measurements) if (m.route === 'form') m.mailDelay = await mailDelay(server, m.prefix);
    const problems = measurements.flatMap((m) => problemsOf(m, c));
    const full = measurements.find((m) => m.label.startsWith('form, event full'));
    if (full && full.withSeat !== 0) problems.push(`${full.label}: ${full.withSeat} registrations got a seat although the event was full`);
    const main = measurements.find((m) => m.label === 'form')!;
    if (main.withSeat !== main.rows) problems.push(`form: ${main.rows - main.withSeat} registrations without a seat although the capacity is unlimited`);

    const bares = measurements.filter((m) => m.route === 'bare');
    const bareMean = bares.reduce((s, m) => s + m.result.requests.mean, 0) / bares.length;
    for (const m of measurements) {
      const r = m.result;
      const batches = m.commits ? `; ${fmt(m.commits.writers)} writers in ${fmt(m.commits.commits)} COMMITs (group commit, ADR 35)` : '';
      const delay = m.mailDelay ? `, mail handed to the transport p50 ${fmt(m.mailDelay.p50)} / p99 ${fmt(m.mailDelay.p99)} / max ${fmt(m.mailDelay.max)} ms after registering` : '';
      const extra = m.route === 'form' ? `; rows ${fmt(m.rows)} (${fmt(m.withSeat)} with seat), outbox ${fmt(m.outbox)} (${fmt(m.outboxSent)} already sent by the worker${delay})` : `; rows ${fmt(m.rows)}`;
      console.log(`  ${m.label}: ${fmt(r.requests.mean)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; autocannon 2xx ${fmt(r["2xx"])}, server ${JSON.stringify(m.server)}${extra}${batches}`);
    }
    console.log(`  outbox when the load stopped: ${fmt(outboxDrain.backlog)} mails not yet sent; ${outboxDrain.left === 0 ? `all sent ${(outboxDrain.ms / 1000).toFixed(1)} s later` : `${fmt(outboxDrain.left)} still unsent after ${(outboxDrain.ms / 1000).toFixed(0)} s`} (dev-inbox transport)`);
    return { result: { dialect, measurements, bareMean }, problems: problems.map((p) => `${dialect}: ${p}`) };
  } finally {
    await shutdown(server);
  }
}

async function main(): Promise<number> {
  const options = readOptions();
  console.log('LabCamp benchmark — registration burst vs bare insert (issue #3, item 9)');
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(`machine:  ${machine()}`);
  console.log(`settings: dialects=${options.dialects.join(',')} duration=${options.duration}s connections=${options.connections} warmup=${options.warmup}s per route; autocannon ${autocannonVersion} in a child process; RATE_LIMITS=off; logger off`);

  const results: DialectResult[] = [];
  const problems: string[] = [];
  for (const dialect of options.dialects) {
    const outcome = await runDialect(dialect, options);
    if (outcome.result) results.push(outcome.result);
    problems.push(...outcome.problems);
  }

  console.log(`\nload average at the end: ${loadAverage()}`);
  console.log('\nSummary (ratio = req/s ÷ mean of the two bare runs of the same server)');
  const rows: string[][] = [['dialect', 'route', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'form/bare']];
  for (const d of results) {
    for (const m of d.measurements) {
      const r = m.result;
      rows.push([
        d.dialect, m.label, fmt(r.requests.mean), String(r.latency.p50), String(r.latency.p99), String(r.non2xx), String(r.errors + r.timeouts),
        m.route === 'form' ? `${((r.requests.mean / d.bareMean) * 100).toFixed(1)} %` : '',
      ]);
    }
  }
  console.log(table(rows, 2));
  const sqlite = results.find((d) => d.dialect === 'sqlite');
  if (sqlite) {
    const form = sqlite.measurements.find((m) => m.label === 'form')!;
    const ratio = form.result.requests.mean / sqlite.bareMean;
    console.log(`\nTarget on SQLite: form ≥ 50 % of bare → ${(ratio * 100).toFixed(1)} % (${ratio >= 0.5 ? 'met' : 'NOT met'}); p99 < 100 ms → ${form.result.latency.p99} ms (${form.result.latency.p99 < 100 ? 'met' : 'NOT met'})`);
  }
  if (problems.length > 0) {
    console.error(`\nThe figures are not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  return 0;
}

// On a crash or Ctrl-C: stop the load generator; the finally blocks close the app and drop the database.
runMain(main, () => {
  for (const child of children) child.kill('SIGKILL');
});

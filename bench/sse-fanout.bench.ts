// Benchmark of the live room's server-sent events fan-out on one instance (issue #5, item 6):
// N connected clients (default 2,000), M questions asked through the real form; the time from
// sending a question's POST until each client has that question's event, and the server's memory
// per connected client. Target: p99 < 1 s at 2,000 clients, server RSS < 400 MB.
//
//   npx tsx bench/sse-fanout.bench.ts [--dialect sqlite|postgres|sqlite,postgres]
//       [--connections 2000 | 500,2000] [--questions 20] [--interval 500] [--workers 2]
//   (or BENCH_DIALECT, BENCH_CONNECTIONS, BENCH_QUESTIONS, BENCH_INTERVAL, BENCH_WORKERS)
//   npm run bench:sse               # both dialects, 2,000 clients
//   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npx tsx bench/sse-fanout.bench.ts …   # profile the server
//
// The server is the production entry point in a process of its own — `node --import tsx
// src/main.ts`, as test/main.test.ts starts it — with a throwaway data directory and SQLite file,
// or (postgres) a throwaway PostgreSQL database created for the run and dropped afterwards, so its
// PubSub is LISTEN/NOTIFY. Settings: HOST=127.0.0.1, LOG_LEVEL=warn, RATE_LIMITS=off (the access
// link allows 30 entries a minute per IP and the question form 30 posts, and every client here
// comes from 127.0.0.1), no SMTP_URL (mails go to the dev inbox). The mail worker and the other
// background jobs of main.ts run as in production.
//
// This process creates the people through the app's own services on the same database (as
// test/modules/live/live-stream.test.ts does): N listeners plus a few askers, entered by hand and
// so admitted at once (the demo event labcamp-2, its capacity lifted so nobody lands on the waiting
// list). Each follows the personal link from their mail once (GET /r/<token>/live → 303 and the
// lc_live cookie). The askers also fetch the question form once for its CSRF cookie and token.
// A person may ask 3 questions a minute, hence ceil(M / 3) askers, taking turns.
//
// The clients run in child processes (bench/sse-fanout.client.ts, plain http.request, one socket
// per stream), so reading thousands of streams does not share this process's event loop. The POST
// time and the arrival times are taken on one clock: performance.timeOrigin + performance.now()
// in every process of this machine.
//
// Order: server up → people registered, their mails out of the outbox → links followed → one
// warm-up question through one stream (code paths compiled) → RSS "before" → N streams opened,
// each counted once its `retry:` line arrived → 2 s idle → RSS "idle" → M questions, one every
// `interval` ms → wait until every client has every question (giving up after 10 s without
// progress) → RSS "end".
// Memory per client = (RSS idle − RSS before) / N, RSS read from /proc/<pid>/status (VmRSS).
//
// Checked: every stream answered 200 and stayed open; every POST answered 303 ("asked", not held);
// every client got every question exactly once and no other event. Otherwise the figures are
// invalid and the script exits 1. A benchmark prints figures; it asserts no timing.
//
// File descriptors: the server holds N sockets and each client process N / workers; the spawned
// processes inherit this shell's `ulimit -n` (20,000 on the project's machines). The script
// refuses to start when the soft limit is below N + 1,000.
import { fork, spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { systemClock } from '../src/platform/clock.js';
import { createServices, type Services } from '../src/app.js';
import type { LabEvent } from '../src/modules/events/events.types.js';
import { RATE_MAX } from '../src/modules/qa/qa.service.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from '../test/helpers/databases.js';
import { freePort } from '../test/helpers/net.js';
import { openStream } from '../test/helpers/sse.js';
import type { ClientReport, FromClient, OpenSpec, ToClient } from './sse-fanout.client.js';
import { loadAverage, machine, runMain, table } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLIENT = fileURLToPath(new URL('./sse-fanout.client.ts', import.meta.url));
const SLUG = 'labcamp-2';
const ROOM = `/events/${SLUG}/live`;
/** A person may ask this many questions a minute, so the questions need several askers. */
const QUESTIONS_PER_ASKER = RATE_MAX;
/** Connections each client process sets up at once. */
const PARALLEL_OPENS = 50;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runId = randomBytes(3).toString('hex');

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  dialects: TestDialect[];
  counts: number[];
  questions: number;
  interval: number;
  workers: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      dialect: { type: 'string' },
      connections: { type: 'string' },
      questions: { type: 'string' },
      interval: { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('Usage: npx tsx bench/sse-fanout.bench.ts [--dialect sqlite|postgres|sqlite,postgres] [--connections N[,N…]] [--questions M] [--interval MS] [--workers K]');
    process.exit(0);
  }
  const env = process.env;
  const dialects = (values.dialect ?? env.BENCH_DIALECT ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  for (const d of dialects) if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--dialect must be sqlite, postgres or both (comma-separated), got "${d}"`);
  const number = (name: string, raw: string, min: number, max: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  return {
    dialects: dialects as TestDialect[],
    counts: (values.connections ?? env.BENCH_CONNECTIONS ?? '2000').split(',').map((c) => number('connections', c.trim(), 1, 10_000)),
    questions: number('questions', values.questions ?? env.BENCH_QUESTIONS ?? '20', 1, 300),
    interval: number('interval', values.interval ?? env.BENCH_INTERVAL ?? '500', 10, 60_000),
    workers: number('workers', values.workers ?? env.BENCH_WORKERS ?? '2', 1, 16),
  };
}

// ---------------------------------------------------------------------------------------------
// The server: src/main.ts in a process of its own

interface Server {
  child: ChildProcess;
  origin: string;
  testDb: TestDatabase;
  output: () => string;
}

const children = new Set<ChildProcess>();

async function startServer(dialect: TestDialect): Promise<Server> {
  const testDb = await createTestDatabase(dialect);
  try {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const databaseUrl = testDb.config.dialect === 'sqlite' ? `sqlite:${testDb.config.file}` : testDb.config.url;
    const env: NodeJS.ProcessEnv = {
      ...process.env, DATA_DIR: testDb.dataDir, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), BASE_URL: origin,
      LOG_LEVEL: 'warn', RATE_LIMITS: 'off', SEED_DEMO: 'auto',
    };
    // Mails must stay on this machine: the dev inbox only marks them sent.
    delete env.SMTP_URL;
    // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (not allowed in NODE_OPTIONS).
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.on('exit', () => children.delete(child));
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const started = Date.now();
    while (!/LabCamp is running/.test(output)) {
      if (child.exitCode !== null || Date.now() - started > 60_000) {
        child.kill('SIGKILL');
        throw new Error(`the server did not start:\n${output}`);
      }
      await sleep(50);
    }
    return { child, origin, testDb, output: () => output };
  } catch (error) {
    await testDb.drop().catch(() => {});
    throw error;
  }
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  await server.testDb.drop().catch((error: unknown) => console.error('could not drop the benchmark database:', error));
}

/** The server's resident memory and its peak, in MB, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * The V8 heap in use, in MB, from the server's own /metrics (prom-client, loopback only): a
 * cross-check of the RSS figures, which move with the heap's size rather than with what lives in it.
 */
async function heapUsedOf(server: Server): Promise<number> {
  const text = await (await fetch(`${server.origin}/metrics`)).text();
  return Number(/^labcamp_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? NaN) / 1024 / 1024;
}

/** CPU seconds (user + system) the server has used so far. */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
function cpuSecondsOf(pid: number): number {
  // Fields after the command name (which is in parentheses and may contain spaces).
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

// ---------------------------------------------------------------------------------------------
// People: registered through the services in this process, inside the room through their link

interface People {
  /** lc_live cookie (Cookie header) of each listener. */
  listeners: string[];
  askers: Asker[];
  warmup: Asker;
}

interface Asker {
  /** lc_live + CSRF cookies. */
  cookie: string;
  csrf: string;
}

/** Opens the same database as the server, with the app's services (mail worker stopped: the server sends). */
async function openServices(server: Server): Promise<{ database: Database; services: Services; event: LabEvent }> {
  const { testDb } = server;
  const config = { ...loadConfig({ DATA_DIR: testDb.dataDir, BASE_URL: server.origin, RATE_LIMITS: 'off' }), database: testDb.config };
  const database = openDatabase(config.database);
  const services = createServices({ config, database, clock: systemClock });
  await services.mailWorker.stop();
  const event = await services.events.findBySlug(SLUG);
  if (!event) throw new Error(`demo event ${SLUG} is missing`);
  // Everyone gets a seat: admitted, not waiting-listed (the demo capacity is 40).
  await database.db.updateTable('events').set({ capacity: null }).where('id', '=', event.id).execute();
  return { database, services, event: (await services.events.findBySlug(SLUG))! };
}

/**
 * Runs a transaction again when SQLite says "database is locked". Two processes write the SQLite
 * file here (this one registering, the server's mail worker marking the mails sent); a deferred
 * transaction that read before the other process committed cannot become a writer, and SQLite
 * fails it at once instead of waiting out busy_timeout. It was rolled back, so repeating is safe.
 */
async function retryWhenLocked<T>(fn: () => Promise<T>, counter: { retries: number }): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!String((error as { code?: string }).code).startsWith('SQLITE_BUSY') || attempt >= 50) throw error;
      counter.retries++;
      await sleep(10 * attempt);
    }
  }
}

/** Registers `count` people by hand (admitted) and returns the access-link token from each one's mail. */
async function admit(services: Services, database: Database, event: LabEvent, prefix: string, count: number): Promise<string[]> {
  const counter = { retries: 0 };
  for (let i = 0; i < count; i++) {
    const outcome = await retryWhenLocked(() => services.registration.register(event, {
      name: `Bench ${prefix} ${i}`, email: `${prefix}-${i}@bench.example.org`, organisation: 'Stadtlabor Benchhausen', level: 'kommune',
      land: null, role: null, listed: false, answers: { 2: 'no' },
    }, 'de', 'manual', { id: null, label: 'bench' }), counter);
    if (outcome.kind !== 'registered' || outcome.status !== 'admitted') throw new Error(`registration ${i} was not admitted: ${JSON.stringify(outcome)}`);
  }
  const mails = await database.db.selectFrom('outbox').select(['to_address', 'text_body']).where('to_address', 'like', `${prefix}-%`).orderBy('id').execute();
  const tokens = new Map<string, string>();
  for (const mail of mails) {
    const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1];
    if (token) tokens.set(mail.to_address, token);
  }
  if (tokens.size !== count) throw new Error(`found the personal link of ${tokens.size} of ${count} people in the outbox`);
  if (counter.retries > 0) console.log(`registering: ${counter.retries} transactions repeated after SQLITE_BUSY (the server's mail worker wrote meanwhile)`);
  return [...tokens.values()];
}

/** Waits until the server's mail worker has sent what registering queued, so it is quiet when measured. */
async function outboxDrained(database: Database): Promise<void> {
  const unsent = async () => Number((await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', 'in', ['queued', 'sending']).executeTakeFirstOrThrow()).n);
  for (let i = 0; i < 600; i++) {
    if ((await unsent()) === 0) return;
    await sleep(250);
  }
  throw new Error(`${await unsent()} mails still unsent after 150 s`);
}

const cookiePairs = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]!);

/** Follows the access links, `parallel` at a time; returns each person's Cookie header. */
async function enterAll(origin: string, tokens: string[], parallel = 16): Promise<string[]> {
  const cookies: string[] = new Array(tokens.length);
  let next = 0;
  const lane = async () => {
    while (next < tokens.length) {
      const i = next++;
      const response = await fetch(`${origin}/r/${tokens[i]}/live`, { redirect: 'manual' });
      await response.arrayBuffer();
      const cookie = cookiePairs(response).find((c) => c.startsWith('lc_live='));
      if (response.status !== 303 || !cookie) throw new Error(`GET /r/<token>/live answered ${response.status} without lc_live (rate limits on?)`);
      cookies[i] = cookie;
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return cookies;
}

/** The question form once: its CSRF cookie and token, reused for every question of this asker. */
async function asker(origin: string, liveCookie: string): Promise<Asker> {
  const page = await fetch(`${origin}${ROOM}/questions`, { headers: { Cookie: liveCookie, 'Accept-Language': 'de' } });
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !csrf) throw new Error(`GET ${ROOM}/questions answered ${page.status}${csrf ? '' : ' without a _csrf field'}`);
  return { cookie: [liveCookie, ...cookiePairs(page)].join('; '), csrf };
}

async function preparePeople(server: Server, services: Services, database: Database, event: LabEvent, listeners: number, askers: number): Promise<People> {
  const started = Date.now();
  const tokens = await admit(services, database, event, `sse-${runId}-${listeners}`, listeners + askers + 1);
  await outboxDrained(database);
  const cookies = await enterAll(server.origin, tokens);
  const inside = cookies.slice(listeners);
  const askerList = await Promise.all(inside.map((c) => asker(server.origin, c)));
  console.log(`people: ${listeners} listeners + ${askers} askers + 1 warm-up asker registered, admitted and inside the room in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { listeners: cookies.slice(0, listeners), askers: askerList.slice(0, askers), warmup: askerList[askers]! };
}

// ---------------------------------------------------------------------------------------------
// Asking

interface Asked {
  text: string;
  sentAt: number;
  /** How long the POST took to answer. */
  answerMs: number;
  status: number;
  location: string;
}

async function ask(origin: string, who: Asker, text: string): Promise<Asked> {
  const body = new URLSearchParams({ _csrf: who.csrf, about: 'general', text });
  const sentAt = now();
  const response = await fetch(`${origin}${ROOM}/questions`, {
    method: 'POST', body, redirect: 'manual',
    headers: { Cookie: who.cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'de' },
  });
  await response.arrayBuffer();
  return { text, sentAt, answerMs: now() - sentAt, status: response.status, location: response.headers.get('location') ?? '' };
}

/** One question through one stream, before anything is measured: the paths are compiled, and the form works. */
async function warmUp(server: Server, who: Asker, since: number): Promise<void> {
  const stream = await openStream(`${server.origin}${ROOM}/stream?since=${since}`, { cookie: who.cookie.split('; ')[0]! });
  try {
    if (stream.status !== 200) throw new Error(`the warm-up stream answered ${stream.status}`);
    const asked = await ask(server.origin, who, `Aufwärmfrage ${runId}: kommt sie an?`);
    if (asked.status !== 303 || !asked.location.includes('done=asked')) throw new Error(`the warm-up question answered ${asked.status} → ${asked.location}`);
    await stream.waitFor((e) => e.event === 'question', 5000);
  } finally {
    stream.close();
  }
}

/** Sends M questions on a fixed schedule (not waiting for the previous answer), askers taking turns. */
async function askAll(server: Server, askers: Asker[], count: number, interval: number): Promise<Asked[]> {
  const start = now();
  const pending: Array<Promise<Asked>> = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    await sleep(Math.max(0, due - now()));
    pending.push(ask(server.origin, askers[i % askers.length]!, `Frage ${i + 1} von Lauf ${runId}: wie verteilt ihr Aufgaben im Labor?`));
  }
  return Promise.all(pending);
}

// ---------------------------------------------------------------------------------------------
// The client processes

interface Client {
  child: ChildProcess;
  request<T extends FromClient['type']>(message: ToClient, answer: T): Promise<Extract<FromClient, { type: T }>>;
}

function startClient(): Client {
  const child = fork(CLIENT, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return {
    child,
    // One question at a time per client, so the next message of the asked type is the answer.
    request: (message, answer) => new Promise((resolve, reject) => {
      const onMessage = (m: FromClient) => {
        if (m.type !== answer) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as never);
      };
      const onExit = (code: number | null) => reject(new Error(`a client process exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(message);
    }),
  };
}

/** Opens `cookies.length` streams spread over the clients; returns how many connected. */
async function openStreams(clients: Client[], server: Server, cookies: string[], since: number): Promise<{ connected: number; failed: number; errors: string[]; ms: number }> {
  const started = now();
  const share = Math.ceil(cookies.length / clients.length);
  const answers = await Promise.all(clients.map((client, k) => {
    const spec: OpenSpec = { origin: server.origin, path: `${ROOM}/stream?since=${since}`, cookies: cookies.slice(k * share, (k + 1) * share), parallel: PARALLEL_OPENS };
    return client.request({ type: 'open', spec }, 'opened');
  }));
  return {
    connected: answers.reduce((s, a) => s + a.connected, 0),
    failed: answers.reduce((s, a) => s + a.failed, 0),
    errors: [...new Set(answers.flatMap((a) => a.errors))],
    ms: now() - started,
  };
}

/** Waits until the clients hold `expected` question events, or until nothing new came for 10 s. */
async function allDelivered(clients: Client[], expected: number): Promise<number> {
  let got = 0;
  let lastProgress = Date.now();
  while (got < expected && Date.now() - lastProgress < 10_000) {
    await sleep(100);
    const counts = await Promise.all(clients.map((c) => c.request({ type: 'count' }, 'count')));
    const total = counts.reduce((s, c) => s + c.questions, 0);
    if (total > got) lastProgress = Date.now();
    got = total;
  }
  return got;
}

// ---------------------------------------------------------------------------------------------
// Figures

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface QuestionFigures {
  n: number;
  id: number;
  answerMs: number;
  received: number;
  firstMs: number;
  lastMs: number;
}

interface RunFigures {
  dialect: TestDialect;
  clients: number;
  connected: number;
  openMs: number;
  rss: { before: number; idle: number; end: number; peak: number };
  heap: { before: number; idle: number; end: number };
  perClientKb: number;
  cpuSeconds: number;
  questions: QuestionFigures[];
  deliveries: { p50: number; p99: number; max: number; count: number };
  last: { p50: number; p99: number; max: number };
  problems: string[];
}

/** Arrival latencies per question and the exactly-once check per connection. */
function analyse(reports: ClientReport[], asked: Asked[], ids: number[]): Pick<RunFigures, 'questions' | 'deliveries' | 'last' | 'problems'> {
  const index = new Map(ids.map((id, i) => [id, i]));
  const perQuestion = asked.map(() => [] as number[]);
  const problems: string[] = [];
  let missing = 0;
  let duplicates = 0;
  let unknown = 0;
  let other = 0;
  let dropped = 0;
  const dropReasons = new Set<string>();
  for (const connection of reports.flatMap((r) => r.connections)) {
    const seen = new Set<number>();
    for (const [id, at] of connection.questions) {
      const i = index.get(id);
      if (i === undefined) { unknown++; continue; }
      if (seen.has(id)) { duplicates++; continue; }
      seen.add(id);
      perQuestion[i]!.push(at - asked[i]!.sentAt);
    }
    missing += ids.length - seen.size;
    other += connection.other.length;
    if (connection.droppedAt !== null) {
      dropped++;
      dropReasons.add(connection.error ?? '?');
    }
  }
  if (missing) problems.push(`${missing} deliveries missing (a client did not get a question)`);
  if (duplicates) problems.push(`${duplicates} questions delivered twice to the same client`);
  if (unknown) problems.push(`${unknown} question events with an id the benchmark did not ask`);
  if (other) problems.push(`${other} events of another kind (vote/reload)`);
  if (dropped) problems.push(`${dropped} streams ended early (${[...dropReasons].slice(0, 5).join('; ')})`);

  const questions = perQuestion.map((times, i) => {
    const sorted = [...times].sort((a, b) => a - b);
    return { n: i + 1, id: ids[i]!, answerMs: asked[i]!.answerMs, received: times.length, firstMs: sorted[0] ?? NaN, lastMs: sorted.at(-1) ?? NaN };
  });
  const all = perQuestion.flat().sort((a, b) => a - b);
  const lasts = questions.map((q) => q.lastMs).sort((a, b) => a - b);
  return {
    questions,
    deliveries: { p50: percentile(all, 50), p99: percentile(all, 99), max: all.at(-1) ?? NaN, count: all.length },
    last: { p50: percentile(lasts, 50), p99: percentile(lasts, 99), max: lasts.at(-1) ?? NaN },
    problems,
  };
}

/** The ids of the asked questions, by their (unique) text. */
async function questionIds(database: Database, eventId: number, asked: Asked[]): Promise<number[]> {
  const rows = await database.db.selectFrom('questions').select(['id', 'text']).where('event_id', '=', eventId).where('text', 'in', asked.map((a) => a.text)).execute();
  const byText = new Map(rows.map((r) => [r.text, r.id]));
  return asked.map((a) => byText.get(a.text) ?? -1);
}

// ---------------------------------------------------------------------------------------------
// One run: one dialect, one number of clients, a fresh server

async function run(dialect: TestDialect, count: number, options: Options): Promise<RunFigures> {
  console.log(`\n== ${dialect}, ${count} clients — load ${loadAverage()}`);
  const server = await startServer(dialect);
  const clients: Client[] = [];
  let database: Database | undefined;
  try {
    const pid = server.child.pid!;
    const opened = await openServices(server);
    database = opened.database;
    const { services, event } = opened;
    const askerCount = Math.ceil(options.questions / QUESTIONS_PER_ASKER);
    const people = await preparePeople(server, services, database, event, count, askerCount);

    // The client processes first (their start-up compiles TypeScript), so opening is timed alone.
    for (let k = 0; k < options.workers; k++) clients.push(startClient());
    await Promise.all(clients.map((c) => c.request({ type: 'count' }, 'count')));
    await warmUp(server, people.warmup, await services.liveFeed.head(event.id));
    await sleep(1000);
    const before = memoryOf(pid).rss;
    const heapBefore = await heapUsedOf(server);

    const since = await services.liveFeed.head(event.id);
    const streams = await openStreams(clients, server, people.listeners, since);
    console.log(`streams: ${streams.connected} of ${count} connected in ${(streams.ms / 1000).toFixed(1)} s (${options.workers} client processes)${streams.failed ? `; ${streams.failed} failed: ${streams.errors.join('; ')}` : ''}`);
    await sleep(2000);
    const idle = memoryOf(pid).rss;
    const heapIdle = await heapUsedOf(server);

    const cpuBefore = cpuSecondsOf(pid);
    const asked = await askAll(server, people.askers, options.questions, options.interval);
    const refused = asked.filter((a) => a.status !== 303 || !a.location.includes('done=asked'));
    const got = await allDelivered(clients, streams.connected * options.questions);
    const cpuSeconds = cpuSecondsOf(pid) - cpuBefore;
    const end = memoryOf(pid);
    const heapEnd = await heapUsedOf(server);
    console.log(`questions: ${asked.length} asked, ${got} of ${streams.connected * options.questions} deliveries`);

    const reports = await Promise.all(clients.map((c) => c.request({ type: 'report' }, 'report')));
    const ids = await questionIds(database, event.id, asked);
    const figures = analyse(reports.map((r) => r.report), asked, ids);
    if (streams.failed) figures.problems.unshift(`${streams.failed} streams did not connect (${streams.errors.join('; ')})`);
    if (refused.length) figures.problems.unshift(`${refused.length} questions not asked: ${refused.map((a) => `${a.status} → ${a.location}`).slice(0, 3).join(', ')}`);
    const warnings = server.output().split('\n').filter((l) => /"level":(40|50|60)/.test(l));
    if (warnings.length) console.log(`server warnings/errors: ${warnings.length}, first: ${warnings[0]!.slice(0, 300)}`);
    return {
      dialect, clients: count, connected: streams.connected, openMs: streams.ms,
      rss: { before, idle, end: end.rss, peak: end.peak }, heap: { before: heapBefore, idle: heapIdle, end: heapEnd }, perClientKb: ((idle - before) * 1024) / count, cpuSeconds,
      ...figures,
    };
  } finally {
    for (const c of clients) if (c.child.connected) c.child.send({ type: 'close' } satisfies ToClient);
    await Promise.all(clients.map((c) => (c.child.exitCode !== null ? null : new Promise((r) => c.child.once('exit', r)))));
    await database?.close().catch(() => {});
    await stopServer(server);
  }
}

// ---------------------------------------------------------------------------------------------
// Output

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');

/** The soft limit on open files of this shell, which the server and the clients inherit. */
function openFileLimit(): number {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  } catch {
    return NaN;
  }
}

function printRun(f: RunFigures): void {
  console.log(table([
    ['question', 'id', 'POST ms', 'clients', 'first ms', 'last ms'],
    ...f.questions.map((q) => [String(q.n), String(q.id), fmt(q.answerMs, 1), String(q.received), fmt(q.firstMs, 1), fmt(q.lastMs, 1)]),
  ]));
  console.log(`deliveries (${fmt(f.deliveries.count)}): p50 ${fmt(f.deliveries.p50, 1)} ms, p99 ${fmt(f.deliveries.p99, 1)} ms, max ${fmt(f.deliveries.max, 1)} ms`);
  console.log(`until the last client had it, over ${f.questions.length} questions: p50 ${fmt(f.last.p50, 1)} ms, p99 ${fmt(f.last.p99, 1)} ms, max ${fmt(f.last.max, 1)} ms`);
  console.log(`server RSS: before ${fmt(f.rss.before, 1)} MB, ${f.connected} idle streams ${fmt(f.rss.idle, 1)} MB, end ${fmt(f.rss.end, 1)} MB, peak ${fmt(f.rss.peak, 1)} MB; per client ${fmt(f.perClientKb, 1)} KB; server CPU during the questions ${fmt(f.cpuSeconds, 2)} s`);
  console.log(`server V8 heap in use (/metrics): before ${fmt(f.heap.before, 1)} MB, idle ${fmt(f.heap.idle, 1)} MB, end ${fmt(f.heap.end, 1)} MB; (idle − before) / clients = ${fmt(((f.heap.idle - f.heap.before) * 1024) / f.clients, 1)} KB`);
  console.log(f.problems.length ? `INVALID: ${f.problems.join('; ')}` : 'checks: every client got every question exactly once, no other event, no stream dropped');
}

async function main(): Promise<number> {
  const options = readOptions();
  const limit = openFileLimit();
  const most = Math.max(...options.counts);
  console.log('LabCamp benchmark — SSE fan-out on one instance (issue #5, item 6)');
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(`machine:  ${machine()}`);
  console.log(`settings: dialects=${options.dialects.join(',')} clients=${options.counts.join(',')} questions=${options.questions} every ${options.interval} ms; ${options.workers} client processes; ulimit -n ${limit}; server: node --import tsx src/main.ts, RATE_LIMITS=off, LOG_LEVEL=warn`);
  if (limit < most + 1000) throw new Error(`ulimit -n is ${limit}; ${most} streams need at least ${most + 1000} (raise it with ulimit -n in this shell)`);

  const results: RunFigures[] = [];
  for (const dialect of options.dialects) {
    for (const count of options.counts) {
      const figures = await run(dialect, count, options);
      printRun(figures);
      results.push(figures);
    }
  }

  console.log(`\nload average at the end: ${loadAverage()}`);
  console.log('\nSummary (ms from sending the POST; RSS of the server process in MB)');
  console.log(table([
    ['dialect', 'clients', 'connected', 'delivery p50', 'p99', 'max', 'last client p50', 'p99', 'RSS before', 'idle', 'end', 'KB/client', 'valid'],
    ...results.map((f) => [
      f.dialect, String(f.clients), String(f.connected), fmt(f.deliveries.p50, 1), fmt(f.deliveries.p99, 1), fmt(f.deliveries.max, 1),
      fmt(f.last.p50, 1), fmt(f.last.p99, 1), fmt(f.rss.before, 1), fmt(f.rss.idle, 1), fmt(f.rss.end, 1), fmt(f.perClientKb, 1), f.problems.length ? 'NO' : 'yes',
    ]),
  ]));
  for (const f of results.filter((r) => r.clients >= 2000)) {
    console.log(`Target at ${f.clients} clients (${f.dialect}): p99 < 1 s → ${fmt(f.deliveries.p99, 1)} ms (${f.deliveries.p99 < 1000 ? 'met' : 'NOT met'}); RSS < 400 MB → ${fmt(Math.max(f.rss.end, f.rss.peak), 1)} MB peak (${f.rss.peak < 400 ? 'met' : 'NOT met'})`);
  }
  const invalid = results.filter((f) => f.problems.length > 0);
  if (invalid.length > 0) {
    console.error(`\nThe figures are not valid:\n${invalid.map((f) => `  - ${f.dialect}, ${f.clients}: ${f.problems.join('; ')}`).join('\n')}`);
    return 1;
  }
  return 0;
}

// On a crash or Ctrl-C: stop the server and the clients; the finally blocks drop the database.
runMain(main, () => {
  for (const child of children) child.kill('SIGKILL');
}, 15_000);

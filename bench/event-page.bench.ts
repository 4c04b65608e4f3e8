// Benchmark of the public event page (issue #2): the event page against a bare route of the same
// server, in the same run, plus the page weight and the requests a real browser makes.
//
//   npx tsx bench/event-page.bench.ts [--dialect sqlite|postgres] [--duration 10] [--connections 50]
//                                     [--warmup 2] [--path /events/labcamp-2020] [--no-browser]
//   (or BENCH_DIALECT, BENCH_DURATION, BENCH_CONNECTIONS, BENCH_WARMUP, BENCH_PATH)
//
// The server is the real app, built and bootstrapped like `npm start` does it (temp data directory,
// demo data seeded), with ONE extra route, GET /__bench/bare: a constant text body that passes the
// same global hooks (security headers, locale, metrics) but touches neither the database nor the
// renderer. The load generator (autocannon) runs in a separate process so it does not share the
// server's event loop. Order: warm-up of both routes, then bare → page → bare.
//
// A benchmark prints figures; it does not assert timings. It exits non-zero only when the figures
// are meaningless: a failed request, a non-2xx answer, a missing measurement.
//
// To see where the page request spends its time:
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/event-page.bench.ts --duration 5 --no-browser
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Request } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { systemClock } from '../src/platform/clock.js';
import { loadOrCreateSecret } from '../src/platform/secrets.js';
import { buildApp } from '../src/app.js';
import { bootstrap } from '../src/bootstrap.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from '../test/helpers/databases.js';
import { loadAverage, machine, runMain, table } from './report.js';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  dialect: TestDialect;
  duration: number;
  connections: number;
  warmup: number;
  pagePath: string;
  browser: boolean;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      dialect: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      path: { type: 'string' },
      'no-browser': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('Usage: npx tsx bench/event-page.bench.ts [--dialect sqlite|postgres] [--duration SEC] [--connections N] [--warmup SEC] [--path /events/SLUG] [--no-browser]');
    process.exit(0);
  }
  const env = process.env;
  const dialect = values.dialect ?? env.BENCH_DIALECT ?? 'sqlite';
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error(`--dialect must be sqlite or postgres, got "${dialect}"`);
  const number = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  const pagePath = values.path ?? env.BENCH_PATH ?? '/events/labcamp-2020';
  if (!pagePath.startsWith('/')) throw new Error(`--path must start with /, got "${pagePath}"`);
  return {
    dialect,
    duration: number('duration', values.duration ?? env.BENCH_DURATION, 10, 1, 600),
    connections: number('connections', values.connections ?? env.BENCH_CONNECTIONS, 50, 1, 1000),
    warmup: number('warmup', values.warmup ?? env.BENCH_WARMUP, 2, 0, 60),
    pagePath,
    browser: !values['no-browser'],
  };
}

const BARE_PATH = '/__bench/bare';
const LOCALE_HEADER = { name: 'Accept-Language', value: 'de' };
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------
// The server: the production app plus the bare route

interface Server {
  app: FastifyInstance;
  database: Database;
  testDb: TestDatabase;
  origin: string;
}

async function startServer(dialect: TestDialect): Promise<Server> {
  // A throwaway database: a SQLite file in a temp data directory, or a fresh PostgreSQL database.
  const testDb = await createTestDatabase(dialect);
  let database: Database | undefined;
  try {
    const config = {
      ...loadConfig({ DATA_DIR: testDb.dataDir, RATE_LIMITS: 'off', LOG_LEVEL: 'silent', HOST: '127.0.0.1', SEED_DEMO: 'auto' }),
      database: testDb.config,
    };
    database = openDatabase(config.database);
    const secret = loadOrCreateSecret(config.dataDir, config.secretKey);
    const { app, services } = await buildApp({ config, database, clock: systemClock, secret, logger: false });
    const report = await bootstrap(config, database, systemClock, services);
    if (report.seeded.length === 0) throw new Error('bootstrap did not seed the demo data');

    // The reference route: same server, same global hooks, no database, no rendering.
    app.get(BARE_PATH, async (_request, reply) => reply.type('text/plain; charset=utf-8').send('ok\n'));

    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    // Absolute URLs on the page (JSON-LD, calendar) should name this server, not localhost:3000.
    // The routes read config.baseUrl at request time from this same object.
    config.baseUrl = new URL(origin);
    return { app, database, testDb, origin };
  } catch (error) {
    await database?.close().catch(() => {});
    await testDb.drop().catch(() => {});
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Load: autocannon in a child process

interface LoadResult {
  label: string;
  path: string;
  requestsMean: number;
  requestsStddev: number;
  latencyP50: number;
  latencyP99: number;
  latencyMean: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerRequest: number;
}

/** Autocannon's JSON summary (only what we read). */
interface AutocannonJson {
  requests: { mean: number; stddev: number; total: number };
  latency: { mean: number; p50: number; p99: number };
  throughput: { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}

const autocannonBin = createRequire(import.meta.url).resolve('autocannon');
const children = new Set<ChildProcess>();

function runAutocannon(url: string, seconds: number, connections: number): Promise<AutocannonJson> {
  const args = [
    autocannonBin, '-j', '-c', String(connections), '-d', String(seconds),
    '-H', `${LOCALE_HEADER.name}=${LOCALE_HEADER.value}`, url,
  ];
  return new Promise((resolve, reject) => {
    // NODE_OPTIONS is dropped so that a --cpu-prof of the server does not profile the load generator too.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Bounded: autocannon stops on its own after `seconds`; this only catches a hang.
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      children.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code !== 0) return reject(new Error(`autocannon exited with ${code ?? signal}: ${stderr.trim()}`));
      const line = stdout.trim().split('\n').filter(Boolean).pop();
      try {
        resolve(JSON.parse(line ?? '') as AutocannonJson);
      } catch {
        reject(new Error(`autocannon printed no JSON: ${stdout.slice(0, 500)} ${stderr.slice(0, 500)}`));
      }
    });
  });
}

async function measure(label: string, origin: string, urlPath: string, options: Options): Promise<LoadResult> {
  process.stderr.write(`  measuring ${label} (${urlPath}) for ${options.duration} s…\n`);
  const json = await runAutocannon(origin + urlPath, options.duration, options.connections);
  return {
    label,
    path: urlPath,
    requestsMean: json.requests.mean,
    requestsStddev: json.requests.stddev,
    latencyP50: json.latency.p50,
    latencyP99: json.latency.p99,
    latencyMean: json.latency.mean,
    total: json.requests.total,
    non2xx: json.non2xx,
    errors: json.errors,
    timeouts: json.timeouts,
    bytesPerRequest: json.requests.total > 0 ? json.throughput.total / json.requests.total : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Page weight: the HTML and everything it references, fetched like a browser without cache

type Kind = 'HTML' | 'CSS' | 'JS' | 'image/icon' | 'other';

interface Resource {
  url: string;
  kind: Kind;
  status: number;
  bytes: number;
}

interface PageWeight {
  resources: Resource[];
  byKind: Record<Kind, number>;
  /** HTML + CSS + JS, the figure of the target. */
  htmlCssJs: number;
  total: number;
  /** Absolute references to hosts other than the server (not fetched). */
  foreignReferences: string[];
  bareHeaders: Record<string, string>;
}

const ASSET_LINK_RELS = ['stylesheet', 'icon', 'shortcut', 'apple-touch-icon', 'preload', 'modulepreload', 'manifest', 'mask-icon'];

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e] ?? _m);
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([^\s"'<>\/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g)) {
    attrs.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/** URLs of the stylesheets, scripts, images and icons an HTML document references. */
function referencedUrls(html: string): string[] {
  const urls: string[] = [];
  // Skip inline scripts' bodies and comments: only tags matter.
  const stripped = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of stripped.matchAll(/<(link|script|img|source)\b[^>]*>/gi)) {
    const name = m[1]!.toLowerCase();
    const attrs = attributes(m[0]);
    if (name === 'link') {
      const rels = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
      if (rels.some((r) => ASSET_LINK_RELS.includes(r)) && attrs.get('href')) urls.push(attrs.get('href')!);
    } else if (name === 'script') {
      if (attrs.get('src')) urls.push(attrs.get('src')!);
    } else {
      if (attrs.get('src')) urls.push(attrs.get('src')!);
      for (const candidate of (attrs.get('srcset') ?? '').split(',')) {
        const u = candidate.trim().split(/\s+/)[0];
        if (u) urls.push(u);
      }
    }
  }
  return urls;
}

/** url(...) and @import references of a stylesheet (fonts, background images). */
function cssUrls(css: string): string[] {
  const urls: string[] = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g)) {
    const u = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
    if (u) urls.push(u);
  }
  return urls;
}

function kindOf(contentType: string, url: string): Kind {
  const type = contentType.toLowerCase();
  if (type.includes('text/html')) return 'HTML';
  if (type.includes('text/css')) return 'CSS';
  if (type.includes('javascript') || type.includes('ecmascript')) return 'JS';
  if (type.startsWith('image/') || /\.(svg|png|ico|jpe?g|webp|avif|gif)$/i.test(new URL(url).pathname)) return 'image/icon';
  return 'other';
}

async function fetchResource(url: string): Promise<Resource & { body: Buffer; headers: Headers }> {
  const response = await fetch(url, { headers: { [LOCALE_HEADER.name]: LOCALE_HEADER.value, 'Accept-Encoding': 'identity' }, redirect: 'follow' });
  const body = Buffer.from(await response.arrayBuffer());
  return { url, kind: kindOf(response.headers.get('content-type') ?? '', url), status: response.status, bytes: body.length, body, headers: response.headers };
}

async function measurePageWeight(origin: string, pagePath: string): Promise<PageWeight> {
  const resources: Resource[] = [];
  const foreign = new Set<string>();
  const seen = new Set<string>();
  const queue: Array<{ url: string; base: string }> = [];

  const page = await fetchResource(origin + pagePath);
  resources.push(page);
  seen.add(page.url);
  for (const ref of referencedUrls(page.body.toString('utf8'))) queue.push({ url: ref, base: page.url });

  while (queue.length > 0) {
    const { url: ref, base } = queue.shift()!;
    if (/^(data|blob|about|javascript):/i.test(ref)) continue;
    const absolute = new URL(ref, base);
    absolute.hash = '';
    if (absolute.origin !== origin) {
      foreign.add(absolute.href); // only loopback traffic: counted, never fetched
      continue;
    }
    if (seen.has(absolute.href)) continue;
    seen.add(absolute.href);
    const resource = await fetchResource(absolute.href);
    resources.push(resource);
    if (resource.kind === 'CSS') for (const u of cssUrls(resource.body.toString('utf8'))) queue.push({ url: u, base: absolute.href });
  }

  const byKind: Record<Kind, number> = { HTML: 0, CSS: 0, JS: 0, 'image/icon': 0, other: 0 };
  for (const r of resources) byKind[r.kind] += r.bytes;

  const bare = await fetch(origin + BARE_PATH, { headers: { [LOCALE_HEADER.name]: LOCALE_HEADER.value } });
  await bare.arrayBuffer();
  const bareHeaders: Record<string, string> = {};
  bare.headers.forEach((value, name) => (bareHeaders[name] = value));

  return {
    resources: resources.map(({ url, kind, status, bytes }) => ({ url, kind, status, bytes })),
    byKind,
    htmlCssJs: byKind.HTML + byKind.CSS + byKind.JS,
    total: resources.reduce((sum, r) => sum + r.bytes, 0),
    foreignReferences: [...foreign],
    bareHeaders,
  };
}

// ---------------------------------------------------------------------------------------------
// The browser: every request Chromium makes for the page

interface BrowserRequest {
  url: string;
  type: string;
  status: number | null;
  failure: string | null;
  /** Response headers + body as seen on the wire. */
  transferred: number;
  body: number;
}

interface BrowserReport {
  requests: BrowserRequest[];
  thirdParty: string[];
  transferred: number;
  body: number;
}

let browser: Browser | undefined;

async function observeInBrowser(origin: string, pagePath: string): Promise<BrowserReport> {
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 30_000,
  });
  const context = await browser.newContext({ locale: 'de-DE', serviceWorkers: 'block' });
  const serverHost = new URL(origin).host;
  const isLocal = (url: string) => {
    const u = new URL(url);
    return !['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) || u.host === serverHost;
  };
  // Only loopback traffic leaves this machine: a request elsewhere is recorded (below) and aborted.
  await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));

  const page = await context.newPage();
  const seen: Request[] = [];
  page.on('request', (request) => seen.push(request));
  await page.goto(origin + pagePath, { waitUntil: 'networkidle', timeout: 30_000 });

  const requests: BrowserRequest[] = [];
  for (const request of seen) {
    const response = await request.response().catch(() => null);
    let transferred = 0;
    let body = 0;
    if (response) {
      const sizes = await request.sizes().catch(() => null);
      if (sizes) {
        transferred = sizes.responseHeadersSize + sizes.responseBodySize;
        body = sizes.responseBodySize;
      }
    }
    requests.push({ url: request.url(), type: request.resourceType(), status: response?.status() ?? null, failure: request.failure()?.errorText ?? null, transferred, body });
  }
  await context.close();
  await browser.close();
  browser = undefined;

  return {
    requests,
    thirdParty: requests.filter((r) => !isLocal(r.url)).map((r) => r.url),
    transferred: requests.reduce((sum, r) => sum + r.transferred, 0),
    body: requests.reduce((sum, r) => sum + r.body, 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Output

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });


// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  const options = readOptions();
  const started = new Date();
  console.log(`LabCamp benchmark — event page vs bare route (issue #2)`);
  console.log(`date:     ${started.toISOString()}`);
  console.log(`machine:  ${machine()}`);
  console.log(`load:     ${loadAverage()} (1/5/15 min; other processes on the machine skew the figures)`);
  console.log(`settings: dialect=${options.dialect} duration=${options.duration}s connections=${options.connections} warmup=${options.warmup}s page=${options.pagePath} (Accept-Language: de)`);

  const server = await startServer(options.dialect);
  let failed = false;
  try {
    console.log(`server:   ${server.origin} (in-process, real app + ${BARE_PATH}; autocannon ${createRequire(import.meta.url)('autocannon/package.json').version} in a child process)\n`);

    // Sanity first: both routes answer 200, or there is nothing to measure.
    for (const p of [BARE_PATH, options.pagePath]) {
      const r = await fetch(server.origin + p, { headers: { [LOCALE_HEADER.name]: LOCALE_HEADER.value } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`GET ${p} answered ${r.status}, expected 200`);
    }

    // Warm-up (JIT, statement caches, connection pool), then bare → page → bare.
    if (options.warmup > 0) {
      process.stderr.write(`  warming up both routes, ${options.warmup} s each…\n`);
      for (const p of [BARE_PATH, options.pagePath]) await runAutocannon(server.origin + p, options.warmup, options.connections);
    }
    const bare1 = await measure('bare (1st)', server.origin, BARE_PATH, options);
    const page = await measure('event page', server.origin, options.pagePath, options);
    const bare2 = await measure('bare (2nd)', server.origin, BARE_PATH, options);
    const loads = [bare1, page, bare2];

    process.stderr.write('  measuring page weight…\n');
    const weight = await measurePageWeight(server.origin, options.pagePath);
    let seenByBrowser: BrowserReport | null = null;
    if (options.browser) {
      process.stderr.write('  loading the page in Chromium…\n');
      seenByBrowser = await observeInBrowser(server.origin, options.pagePath);
    }

    // --- Throughput
    const bareMean = (bare1.requestsMean + bare2.requestsMean) / 2;
    const ratio = page.requestsMean / bareMean;
    console.log('Throughput (autocannon, loopback, same run)');
    console.log(table([
      ['run', 'req/s mean', '± stddev', 'p50 ms', 'p99 ms', 'mean ms', 'requests', 'bytes/req', 'non-2xx', 'errors', 'timeouts'],
      ...loads.map((l) => [
        `${l.label} ${l.path}`, fmt(l.requestsMean), fmt(l.requestsStddev), fmt(l.latencyP50), fmt(l.latencyP99), fmt(l.latencyMean, 2),
        fmt(l.total), fmt(l.bytesPerRequest), String(l.non2xx), String(l.errors), String(l.timeouts),
      ]),
    ]));
    const drift = Math.abs(bare1.requestsMean - bare2.requestsMean) / bareMean;
    console.log(`\nratio page/bare: ${(ratio * 100).toFixed(1)} % (vs mean of both bare runs; vs 1st ${((page.requestsMean / bare1.requestsMean) * 100).toFixed(1)} %, vs 2nd ${((page.requestsMean / bare2.requestsMean) * 100).toFixed(1)} %)  target ≥ 50 %`);
    console.log(`bare runs differ by ${(drift * 100).toFixed(1)} %${drift > 0.1 ? ' — noisy machine, read the ratio with care' : ''}`);
    const hooks = ['content-security-policy', 'x-content-type-options', 'referrer-policy'].every((h) => h in weight.bareHeaders);
    console.log(`bare route passed the global hooks (security headers present): ${hooks ? 'yes' : 'NO'}`);

    // --- Page weight
    console.log('\nPage weight (uncompressed bytes; the server sends no compression)');
    console.log(table([
      ['resource', 'type', 'status', 'bytes'],
      ...weight.resources.map((r) => [new URL(r.url).pathname, r.kind, String(r.status), fmt(r.bytes)]),
    ]));
    console.log('');
    console.log(table([
      ['type', 'bytes', 'KB'],
      ...(['HTML', 'CSS', 'JS', 'image/icon', 'other'] as Kind[]).map((k) => [k, fmt(weight.byKind[k]), kb(weight.byKind[k])]),
      ['HTML + CSS + JS', fmt(weight.htmlCssJs), kb(weight.htmlCssJs)],
      ['total (all of the above)', fmt(weight.total), kb(weight.total)],
    ]));
    console.log(`target: HTML + CSS + JS < 60 KB → ${weight.htmlCssJs < 60 * 1024 ? 'met' : 'NOT met'} (total incl. icons ${weight.total < 60 * 1024 ? 'also under' : 'over'} 60 KB)`);
    if (weight.foreignReferences.length > 0) console.log(`references to other hosts in the markup (not fetched): ${weight.foreignReferences.join(', ')}`);
    const badResource = weight.resources.filter((r) => r.status < 200 || r.status >= 300);

    // --- Browser
    if (seenByBrowser) {
      console.log('\nChromium (headless, no cache): every request of the page');
      console.log(table([
        ['request', 'type', 'status', 'transferred', 'body'],
        ...seenByBrowser.requests.map((r) => {
          const u = new URL(r.url);
          return [u.host === new URL(server.origin).host ? u.pathname + u.search : r.url, r.type, r.status === null ? (r.failure ?? '—') : String(r.status), fmt(r.transferred), fmt(r.body)];
        }),
      ]));
      console.log(`\nthird-party requests: ${seenByBrowser.thirdParty.length} (target 0)${seenByBrowser.thirdParty.length ? ': ' + seenByBrowser.thirdParty.join(', ') : ''}`);
      console.log(`browser total: ${fmt(seenByBrowser.requests.length)} requests, ${fmt(seenByBrowser.transferred)} bytes transferred incl. headers (${kb(seenByBrowser.transferred)}), ${fmt(seenByBrowser.body)} bytes of bodies (${kb(seenByBrowser.body)}) — cross-check of the page weight`);
    }

    // --- Summary
    console.log(`\nload average at the end: ${loadAverage()}`);
    console.log('\nSummary');
    console.log(table([
      ['figure', 'value', 'target'],
      ['req/s bare (1st / 2nd)', `${fmt(bare1.requestsMean)} / ${fmt(bare2.requestsMean)}`, ''],
      ['req/s event page', fmt(page.requestsMean), ''],
      ['ratio page / bare', `${(ratio * 100).toFixed(1)} %`, '≥ 50 %'],
      ['p50 / p99 bare (1st)', `${fmt(bare1.latencyP50)} / ${fmt(bare1.latencyP99)} ms`, ''],
      ['p50 / p99 bare (2nd)', `${fmt(bare2.latencyP50)} / ${fmt(bare2.latencyP99)} ms`, ''],
      ['p50 / p99 event page', `${fmt(page.latencyP50)} / ${fmt(page.latencyP99)} ms`, ''],
      ['page weight HTML / CSS / JS', `${kb(weight.byKind.HTML)} / ${kb(weight.byKind.CSS)} / ${kb(weight.byKind.JS)}`, ''],
      ['page weight HTML + CSS + JS', kb(weight.htmlCssJs), '< 60 KB'],
      ['page weight incl. icons', kb(weight.total), ''],
      ['third-party requests', seenByBrowser ? String(seenByBrowser.thirdParty.length) : 'not measured (--no-browser)', '0'],
    ]));

    const problems: string[] = [];
    for (const l of loads) {
      if (l.non2xx > 0) problems.push(`${l.label}: ${l.non2xx} non-2xx responses`);
      if (l.errors > 0 || l.timeouts > 0) problems.push(`${l.label}: ${l.errors} errors, ${l.timeouts} timeouts`);
      if (l.total === 0) problems.push(`${l.label}: no requests completed`);
    }
    for (const r of badResource) problems.push(`page weight: ${r.url} answered ${r.status}`);
    if (seenByBrowser) {
      for (const r of seenByBrowser.requests) {
        if (r.failure && isLoopback(r.url, server.origin)) problems.push(`browser: ${r.url} failed (${r.failure})`);
        else if (r.status !== null && r.status >= 400) problems.push(`browser: ${r.url} answered ${r.status}`);
      }
    }
    if (problems.length > 0) {
      failed = true;
      console.error(`\nThe figures are not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
  } finally {
    await shutdown(server);
  }
  return failed ? 1 : 0;
}

function isLoopback(url: string, origin: string): boolean {
  return new URL(url).host === new URL(origin).host;
}

async function shutdown(server: Server | null): Promise<void> {
  for (const child of children) child.kill('SIGKILL');
  await browser?.close().catch(() => {});
  if (server) {
    await server.app.close().catch(() => {});
    await server.database.close().catch(() => {});
    await server.testDb.drop().catch((error: unknown) => console.error('could not drop the benchmark database:', error));
  }
}

// On a crash or Ctrl-C: stop the load generator and the browser; the temp database is dropped by
// main's finally only if it is running, so stop hard after a moment.
runMain(main, () => {
  for (const child of children) child.kill('SIGKILL');
  void browser?.close().catch(() => {});
});

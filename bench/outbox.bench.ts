// Benchmark of the outbox (issue #4, item 8): how many mails per second the worker delivers to a
// local SMTP server, and that each arrives exactly once. Target: ≥ 200 mails/s.
//
//   npx tsx bench/outbox.bench.ts [--dialect sqlite|postgres|sqlite,postgres] [--mails 3000]
//   npm run bench:outbox          # both dialects
//
// What runs: the real app's services (loadConfig, openDatabase, buildApp, bootstrap with the demo
// data) on a fresh SQLite file or a throwaway PostgreSQL database, SMTP_URL pointing at a sink
// (bench/smtp-sink.ts: smtp-server in a child process, counting mails by Message-ID). The queue
// is filled first with realistic mails — the German "admitted" mail of the demo event (text and
// HTML) with the event's invitation as text/calendar — written in transactions of 100, as a
// burst of admissions would. Then one worker run is timed until the queue is empty; the figure
// is mails delivered ÷ seconds. Afterwards it checks: every mail is "sent" in the outbox, the sink
// received exactly as many mails as were queued, each Message-ID once.
// A benchmark prints figures; it asserts no timing. It exits 1 only when a check fails.
import { spawn } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { systemClock } from '../src/platform/clock.js';
import { buildApp } from '../src/app.js';
import { bootstrap } from '../src/bootstrap.js';
import { enqueueMail } from '../src/modules/messaging/outbox.js';
import { renderMail } from '../src/modules/messaging/templates.js';
import { BATCH, PARALLEL_SENDS } from '../src/modules/messaging/worker.js';
import { eventCalendar } from '../src/modules/events/events.structured.js';
import { text, when } from '../src/modules/events/events.present.js';
import { messages } from '../src/platform/i18n/index.js';
import { createTestDatabase, type TestDialect } from '../test/helpers/databases.js';

const { values } = parseArgs({ options: { dialect: { type: 'string', default: 'sqlite,postgres' }, mails: { type: 'string', default: '3000' } } });
const dialects = values.dialect.split(',') as TestDialect[];
const COUNT = Number(values.mails);
if (!Number.isInteger(COUNT) || COUNT < 1 || dialects.some((d) => d !== 'sqlite' && d !== 'postgres')) {
  console.error('Usage: npx tsx bench/outbox.bench.ts [--dialect sqlite|postgres|sqlite,postgres] [--mails N]');
  process.exit(2);
}

interface Sink {
  url: string;
  report(): Promise<{ received: number; distinct: number; twice: number; withoutId: number; bytes: number }>;
  stop(): void;
}

async function startSink(): Promise<Sink> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./smtp-sink.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const { port } = JSON.parse(await next()) as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    async report() {
      const answer = next();
      child.stdin!.write('report\n');
      return JSON.parse(await answer);
    },
    stop: () => child.kill(),
  };
}

async function measure(dialect: TestDialect, sink: Sink) {
  const testDb = await createTestDatabase(dialect);
  const config = { ...loadConfig({ DATA_DIR: testDb.dataDir, SEED_DEMO: 'auto', SMTP_URL: sink.url, MAIL_FROM: 'LabCamp <labcamp@example.org>' }), database: testDb.config };
  const database = openDatabase(config.database);
  const { app, services } = await buildApp({ config, database, clock: systemClock, secret: 'bench-secret-bench-secret-bench-secret-00', logger: false });
  try {
    await bootstrap(config, database, systemClock, services);
    const event = (await services.events.findBySlug('labcamp-2'))!;
    const t = messages('de');
    const calendar = eventCalendar(event, `${config.baseUrl.origin}/events/labcamp-2`, config.baseUrl.hostname, 'de', systemClock.now());
    const before = Date.now();
    for (let start = 0; start < COUNT; start += 100) {
      await database.db.transaction().execute(async (trx) => {
        for (let i = start; i < Math.min(COUNT, start + 100); i++) {
          const mail = renderMail('admitted', 'de', {
            name: `Person ${i}`, event: text(event, 'title', 'de').text, when: when(event, t, 'de').label,
            personalLink: `${config.baseUrl.origin}/r/${'x'.repeat(43)}${i}`, contact: event.contactEmail,
          });
          await enqueueMail(trx, systemClock, {
            ...mail, idempotencyKey: `bench:${i}`, eventId: event.id, registrationId: null, template: 'admitted', locale: 'de',
            to: { address: `person-${i}@lab.example`, name: `Person ${i}` }, calendar,
          });
        }
      });
    }
    const queuedMs = Date.now() - before;

    const started = process.hrtime.bigint();
    let attempted = 0;
    for (;;) {
      const n = await services.mailWorker.runOnce();
      attempted += n;
      if (n === 0) break;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rows = await database.db.selectFrom('outbox').select(['status']).execute();
    const sent = rows.filter((r) => r.status === 'sent').length;
    return { dialect, queuedMs, seconds, attempted, sent, rows: rows.length };
  } finally {
    await app.close();
    await database.close();
    await testDb.drop();
  }
}

console.log(`LabCamp benchmark — outbox to a local SMTP sink (issue #4, item 8)`);
console.log(`date:     ${new Date().toISOString()}`);
console.log(`machine:  ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
console.log(`settings: ${COUNT} mails per dialect ("admitted", text + HTML + text/calendar), claim batches of ${BATCH}, ${PARALLEL_SENDS} in flight over a pool of SMTP connections\n`);

let failed = false;
const results = [];
for (const dialect of dialects) {
  const sink = await startSink();
  try {
    const r = await measure(dialect, sink);
    const report = await sink.report();
    const ok = r.sent === COUNT && report.received === COUNT && report.distinct === COUNT && report.twice === 0 && report.withoutId === 0;
    if (!ok) failed = true;
    results.push({ ...r, report, ok });
    console.log(`${dialect}: queued ${COUNT} in ${r.queuedMs} ms; delivered ${r.sent} in ${r.seconds.toFixed(2)} s = ${Math.round(r.sent / r.seconds)} mails/s; sink received ${report.received} (${report.distinct} distinct Message-IDs, ${report.twice} twice, ${(report.bytes / report.received / 1024).toFixed(1)} KB each) — ${ok ? 'exactly once' : 'CHECK FAILED'}`);
  } finally {
    sink.stop();
  }
}
console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
console.log('\n| DB | mails | seconds | mails/s | received / distinct / twice | target ≥ 200/s |\n|---|---|---|---|---|---|');
for (const r of results) {
  const rate = Math.round(r.sent / r.seconds);
  console.log(`| ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${COUNT} | ${r.seconds.toFixed(2)} | ${rate} | ${r.report.received} / ${r.report.distinct} / ${r.report.twice} | ${rate >= 200 ? 'met' : 'not met'} |`);
}
process.exit(failed ? 1 : 0);

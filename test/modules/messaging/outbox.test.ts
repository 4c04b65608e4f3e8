// The outbox against a real SMTP server in this process (smtp-server, parsed by mailparser):
// what arrives (headers, parts, the calendar attachment), an SMTP outage of many attempts, a
// process that stops with mails queued or in flight, two workers on one queue, and giving up.
// "Nothing twice" is checked by the Message-ID every mail carries, as a mail system would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { startTestSmtp, type TestSmtp } from '../../helpers/smtp.js';
import { freePort } from '../../helpers/net.js';
import { createServices } from '../../../src/app.js';
import { openDatabase } from '../../../src/platform/db/database.js';
import { enqueueMail } from '../../../src/modules/messaging/outbox.js';
import { backoffMs, PERMANENT_ATTEMPTS } from '../../../src/modules/messaging/worker.js';

const CALENDAR = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//LabCamp//Test//DE', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:test@labcamp', 'DTSTAMP:20261128T100000Z', 'DTSTART:20270105T140000Z', 'SUMMARY:Test', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

async function queue(t: TestApp, count: number, prefix: string, extra: { calendar?: string } = {}): Promise<void> {
  for (let i = 0; i < count; i++) {
    await enqueueMail(t.database.db, t.clock, {
      idempotencyKey: `${prefix}:${i}`, eventId: null, registrationId: null, template: 'personal_link', locale: 'de',
      to: { address: `${prefix}-${i}@lab.example`, name: `Person <${i}>` },
      subject: `Betreff ${prefix} ${i} – Grüße`, text: `Hallo ${i}`, html: `<p>Hallo <b>${i}</b></p>`, calendar: extra.calendar ?? null,
    });
  }
}

async function statuses(t: TestApp, prefix: string): Promise<Record<string, number>> {
  const rows = await t.database.db.selectFrom('outbox').select(['status']).where('idempotency_key', 'like', `${prefix}:%`).execute();
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** Message-IDs of the mails received for `prefix`, with how often each arrived. */
function arrivals(smtp: TestSmtp, prefix: string): Map<string, number> {
  const seen = new Map<string, number>();
  for (const m of smtp.mails) {
    if (!m.envelopeTo[0]?.startsWith(`${prefix}-`)) continue;
    const id = m.parsed.messageId ?? '';
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return seen;
}

function assertEachOnce(smtp: TestSmtp, prefix: string, count: number): void {
  const seen = arrivals(smtp, prefix);
  assert.equal(seen.size, count, `${count} different mails arrive`);
  assert.deepEqual([...seen.values()].filter((n) => n !== 1), [], 'no mail arrives twice');
}

for (const dialect of testDialects()) {
  describe(`outbox and SMTP (${dialect})`, () => {
    let smtp: TestSmtp;
    let t: TestApp;
    before(async () => {
      smtp = await startTestSmtp();
      t = await createTestApp(dialect, { SMTP_URL: smtp.url, MAIL_FROM: 'LabCamp <labcamp@example.org>', BASE_URL: 'https://labcamp.example' });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('what arrives: sender, recipient, subject in UTF-8, Message-ID, text and HTML parts, the invitation as text/calendar', async () => {
      await queue(t, 1, 'parts', { calendar: CALENDAR });
      assert.equal(await t.services.mailWorker.runOnce(), 1);
      const [mail] = smtp.mails.filter((m) => m.envelopeTo[0] === 'parts-0@lab.example');
      assert.ok(mail);
      const p = mail.parsed;
      assert.deepEqual(p.from?.value[0], { address: 'labcamp@example.org', name: 'LabCamp' });
      assert.equal(p.to && !Array.isArray(p.to) ? p.to.value[0]?.address : '', 'parts-0@lab.example');
      assert.equal(p.to && !Array.isArray(p.to) ? p.to.value[0]?.name : '', 'Person <0>');
      assert.equal(p.subject, 'Betreff parts 0 – Grüße');
      const row = await t.database.db.selectFrom('outbox').select(['id', 'status', 'transport', 'attempts']).where('idempotency_key', '=', 'parts:0').executeTakeFirstOrThrow();
      assert.match(p.messageId ?? '', new RegExp(`^<outbox-${row.id}\\.\\d+@labcamp\\.example>$`));
      assert.equal(p.text?.trim(), 'Hallo 0');
      assert.equal(p.html, '<p>Hallo <b>0</b></p>');
      assert.match(mail.raw, /Content-Type: multipart\/(alternative|mixed)/);
      assert.match(mail.raw, /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
      assert.ok(p.attachments.some((a) => a.contentType === 'text/calendar' && a.content.toString('utf8').includes('UID:test@labcamp')), 'the invitation is attached');
      assert.deepEqual({ ...row, id: 0 }, { id: 0, status: 'sent', transport: 'smtp', attempts: 1 });
    });

    test('a cancelled invitation travels as method=CANCEL, as calendar programs expect', async () => {
      await queue(t, 1, 'cancel', { calendar: CALENDAR.replace('METHOD:REQUEST', 'METHOD:CANCEL') });
      await t.services.mailWorker.runOnce();
      const mail = smtp.mails.find((m) => m.envelopeTo[0] === 'cancel-0@lab.example');
      assert.match(mail?.raw ?? '', /Content-Type: text\/calendar; charset=utf-8; method=CANCEL/);
      assert.doesNotMatch(mail?.raw ?? '', /method=REQUEST/);
    });

    test('the same idempotency key twice is one mail', async () => {
      await queue(t, 1, 'twice');
      await queue(t, 1, 'twice');
      await t.services.mailWorker.runOnce();
      assertEachOnce(smtp, 'twice', 1);
    });

    test('two workers of two app instances on one queue: every mail once, none twice', async () => {
      await queue(t, 120, 'pair');
      const second = openDatabase(t.config.database);
      const other = createServices({ config: t.config, database: second, clock: t.clock });
      try {
        const [a, b] = await Promise.all([t.services.mailWorker.runOnce(), other.mailWorker.runOnce()]);
        assert.equal(a + b, 120, 'together they attempted each mail once');
        assertEachOnce(smtp, 'pair', 120);
        assert.deepEqual(await statuses(t, 'pair'), { sent: 120 });
      } finally {
        await other.mailWorker.stop();
        await second.close();
      }
    });

    test('a batch so slow that its lease runs out: the mails another instance took over are not sent again', async () => {
      await queue(t, 8, 'slow');
      // Instance A's relay takes half a second per mail; its five lanes are all busy with mails 0–4.
      const slowRelay = await startTestSmtp(0, { acceptDelayMs: 500 });
      const slowDb = openDatabase(t.config.database);
      const slow = createServices({ config: { ...t.config, smtpUrl: new URL(slowRelay.url) }, database: slowDb, clock: t.clock });
      try {
        const runA = slow.mailWorker.runOnce();
        for (let i = 0; i < 200 && slowRelay.dataStarted < 5; i++) await new Promise((r) => setTimeout(r, 10));
        assert.equal(slowRelay.dataStarted, 5, 'A sends five at once');
        assert.deepEqual(await statuses(t, 'slow'), { sending: 8 }, 'A claimed all eight');
        // The lease ends while A still waits for its relay; instance B (this app) takes all eight and sends them.
        t.clock.advance(60_001);
        assert.equal(await t.services.mailWorker.runOnce(), 8);
        assert.equal(await runA, 8);
        assertEachOnce(smtp, 'slow', 8);
        // A sent only what was already in flight when its lease ran out (0–4); 5–7 it left to B.
        assert.deepEqual(slowRelay.mails.map((m) => m.envelopeTo[0]).sort(), [0, 1, 2, 3, 4].map((i) => `slow-${i}@lab.example`));
        assert.deepEqual(await statuses(t, 'slow'), { sent: 8 });
      } finally {
        await slow.mailWorker.stop();
        await slowDb.close();
        await slowRelay.close();
      }
    });
  });

  describe(`outbox through an SMTP outage and a restart (${dialect})`, () => {
    let port: number;
    let t: TestApp;
    let smtp: TestSmtp | undefined;
    before(async () => {
      port = await freePort();
      // Nothing listens on the port yet: the SMTP server is down.
      t = await createTestApp(dialect, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'labcamp@example.org' });
    });
    after(async () => {
      await t.close();
      await smtp?.close();
    });

    test('SMTP down for six attempts (backoff 30 s, 1, 2, 4, 8, 16 min), then up: nothing lost, nothing twice', async () => {
      await queue(t, 30, 'outage');
      for (let attempt = 1; attempt <= 6; attempt++) {
        assert.equal(await t.services.mailWorker.runOnce(), 30, `attempt ${attempt} tries every mail`);
        const rows = await t.database.db.selectFrom('outbox').select(['status', 'attempts', 'next_attempt_at', 'last_error']).where('idempotency_key', 'like', 'outage:%').execute();
        assert.ok(rows.every((r) => r.status === 'queued' && r.attempts === attempt && r.last_error), `after attempt ${attempt} every mail waits for the next`);
        assert.ok(rows.every((r) => r.next_attempt_at === new Date(t.clock.now().getTime() + backoffMs(attempt)).toISOString()));
        // Before the backoff has passed, nothing is tried.
        t.clock.advance(backoffMs(attempt) - 1000);
        assert.equal(await t.services.mailWorker.runOnce(), 0);
        t.clock.advance(1000);
      }
      smtp = await startTestSmtp(port);
      assert.equal(await t.services.mailWorker.runOnce(), 30);
      assertEachOnce(smtp, 'outage', 30);
      assert.deepEqual(await statuses(t, 'outage'), { sent: 30 });
      t.clock.advance(3_600_000);
      assert.equal(await t.services.mailWorker.runOnce(), 0, 'a sent mail is never tried again');
      assertEachOnce(smtp, 'outage', 30);
    });

    test('the process stops with mails queued and one batch in flight; a new process sends each once', async () => {
      await queue(t, 25, 'restart');
      // A process that died while sending: it had claimed five mails (status sending, lease running).
      const claimed = await t.database.db.selectFrom('outbox').select('id').where('idempotency_key', 'like', 'restart:%').orderBy('id').limit(5).execute();
      const lease = new Date(t.clock.now().getTime() + 60_000).toISOString();
      await t.database.db.updateTable('outbox').set({ status: 'sending', locked_until: lease }).where('id', 'in', claimed.map((c) => c.id)).execute();
      await t.services.mailWorker.stop();

      // The new process: its own connection, its own worker, same database.
      const database = openDatabase(t.config.database);
      const restarted = createServices({ config: { ...t.config, smtpUrl: new URL(smtp!.url) }, database, clock: t.clock });
      try {
        assert.equal(await restarted.mailWorker.runOnce(), 20, 'the queued ones go at once');
        assert.equal(arrivals(smtp!, 'restart').size, 20);
        t.clock.advance(60_001);
        assert.equal(await restarted.mailWorker.runOnce(), 5, 'the ones in flight go when their lease has ended');
        assertEachOnce(smtp!, 'restart', 25);
        assert.deepEqual(await statuses(t, 'restart'), { sent: 25 });
      } finally {
        await restarted.mailWorker.stop();
        await database.close();
      }
    });

    test('an outage of a day and a half (40 attempts, hourly at the end) loses nothing', async () => {
      const away = await startTestSmtp();
      await away.close();
      const database = openDatabase(t.config.database);
      const services = createServices({ config: { ...t.config, smtpUrl: new URL(away.url) }, database, clock: t.clock });
      try {
        await queue(t, 3, 'long');
        for (let attempt = 1; attempt <= 40; attempt++) {
          assert.equal(await services.mailWorker.runOnce(), 3);
          t.clock.advance(backoffMs(attempt));
        }
        const rows = await t.database.db.selectFrom('outbox').select(['status', 'attempts', 'last_error']).where('idempotency_key', 'like', 'long:%').execute();
        assert.ok(rows.every((r) => r.status === 'queued' && r.attempts === 40 && /ECONNREFUSED|connect/i.test(r.last_error ?? '')), 'still queued, the reason kept');
        assert.equal(backoffMs(40), 3_600_000, 'retried hourly');
      } finally {
        await services.mailWorker.stop();
        await database.close();
      }
    });
  });

  describe(`a recipient the server rejects for good (${dialect})`, () => {
    test(`is tried ${PERMANENT_ATTEMPTS} times, then marked failed with the server's answer; the others arrive`, async () => {
      const rejecting = await startTestSmtp(0, { rejectRecipient: (address) => address.startsWith('gone-') });
      const t = await createTestApp(dialect, { SMTP_URL: rejecting.url, MAIL_FROM: 'labcamp@example.org' });
      try {
        await queue(t, 2, 'gone');
        await queue(t, 2, 'here');
        for (let attempt = 1; attempt <= PERMANENT_ATTEMPTS; attempt++) {
          await t.services.mailWorker.runOnce();
          t.clock.advance(backoffMs(attempt));
        }
        assert.equal(await t.services.mailWorker.runOnce(), 0, 'nothing is tried after that');
        const gone = await t.database.db.selectFrom('outbox').select(['status', 'attempts', 'last_error']).where('idempotency_key', 'like', 'gone:%').execute();
        assert.ok(gone.every((r) => r.status === 'failed' && r.attempts === PERMANENT_ATTEMPTS), JSON.stringify(gone));
        assert.match(gone[0]!.last_error ?? '', /550/);
        assertEachOnce(rejecting, 'here', 2);
        assert.deepEqual(await statuses(t, 'here'), { sent: 2 });
      } finally {
        await t.close();
        await rejecting.close();
      }
    });
  });
}

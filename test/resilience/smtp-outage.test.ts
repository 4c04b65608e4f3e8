// The SMTP server unreachable for a long stretch, then refusing for a while, then back (issue #8,
// item 6): registrations keep coming in through the form the whole time, and not one mail is lost
// or sent twice. The worker runs on its own timer as in main.ts; the stretch is shortened by the
// app's clock, which the test moves on by each backoff (30 s, 1, 2, 4, … 60 min), so nine hours of
// outage take seconds and the real retry schedule is the one exercised. And a relay that takes the
// connection but never answers: the attempt gives up after nodemailer's greeting timeout (10 s of
// real time), so a hung server holds the worker for seconds, not for good.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/databases.js';
import { createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { freePort } from '../helpers/net.js';
import { visitor } from '../helpers/visitor.js';
import { backoffMs } from '../../src/modules/messaging/worker.js';
import net from 'node:net';
import { questionAnswers } from './registrant.js';

const SLUG = 'labcamp-2';

async function register(t: TestApp, email: string): Promise<void> {
  const person = visitor(t);
  const form = await person.get(`/events/${SLUG}/register`, { 'accept-language': 'de' });
  const answers = questionAnswers(form.body);
  const res = await person.post(`/events/${SLUG}/register`, {
    name: 'Otto Ausfall', email, organisation: 'Labor Funkstille', level: 'land', land: 'HH', privacy: 'yes', ...answers,
  }, { 'accept-language': 'de' });
  assert.equal(res.statusCode, 200, `${email}: ${res.body.slice(0, 300)}`);
  assert.match(res.body, /Fast geschafft/);
}

/**
 * Waits until the worker, on its own timer, has tried every mail that is due: nothing in flight,
 * nothing queued whose next attempt has come. Returns the outbox rows then.
 */
async function settled(t: TestApp) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rows = await t.database.db.selectFrom('outbox').select(['to_address', 'status', 'attempts', 'next_attempt_at', 'last_error'])
      .where('template', '=', 'confirm_email').where('to_address', 'like', 'outage-%').orderBy('id').execute();
    const now = t.clock.now().toISOString();
    if (rows.every((r) => r.status === 'sent' || r.status === 'failed' || (r.status === 'queued' && r.next_attempt_at > now))) return rows;
    if (Date.now() > deadline) throw new Error(`the worker did not get through the due mails: ${JSON.stringify(rows.map((r) => [r.status, r.attempts]))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const dialect of testDialects()) {
  describe(`SMTP unreachable for hours, then back (${dialect})`, () => {
    let t: TestApp;
    let port: number;
    let smtp: TestSmtp | null = null;
    before(async () => {
      port = await freePort(); // nothing listens there yet: connections are refused
      t = await createTestApp(dialect, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'LabCamp <labcamp@example.org>', RATE_LIMITS: 'off' });
      t.services.mailWorker.start(10);
    });
    after(async () => {
      await t.close();
      await smtp?.close();
    });

    test('nothing is lost, nothing arrives twice, and the back office said why mail was waiting', async () => {
      let registered = 0;
      const more = async (n: number) => {
        for (let i = 0; i < n; i++) await register(t, `outage-${registered++}@lab.example`);
      };

      // Nine hours with no SMTP server at all (connection refused), registrations coming in throughout.
      await more(20);
      let rounds = 0;
      let outage = 0;
      for (; outage < 9 * 3_600_000; rounds++) {
        if (rounds === 3 || rounds === 8) await more(5);
        const rows = await settled(t);
        assert.ok(rows.every((r) => r.status === 'queued' && r.attempts > 0), 'every mail was tried and waits, none is given up');
        const step = backoffMs(Math.max(...rows.map((r) => r.attempts)));
        t.clock.advance(step);
        outage += step;
      }
      const waiting = await settled(t);
      assert.equal(waiting.length, registered);
      assert.ok(waiting[0]!.attempts >= 15, `the first mails were tried ${waiting[0]!.attempts} times`);
      assert.ok(waiting.every((r) => /ECONNREFUSED|connect/i.test(r.last_error ?? '')), 'the reason is kept on every mail');
      const admin = await t.app.inject({ url: `/admin/events/${SLUG}/mails`, headers: { cookie: await signIn(t, t.report.firstLoginLink!), 'accept-language': 'de' } });
      assert.equal(admin.statusCode, 200);
      assert.match(admin.body, /ECONNREFUSED/, 'organizers see why their mails wait');

      // The server is back but refuses for now (421 on connect, 451 on MAIL FROM): still nothing is lost.
      smtp = await startTestSmtp(port);
      smtp.temporaryFailure = true;
      let refused = await settled(t);
      for (let i = 0; i < 3; i++) {
        t.clock.advance(backoffMs(Math.max(...refused.map((r) => r.attempts))));
        refused = await settled(t);
      }
      assert.equal(smtp.mails.length, 0);
      assert.ok(refused.every((r) => r.status === 'queued' && /421|451/.test(r.last_error ?? '')), JSON.stringify(refused.map((r) => r.last_error)));

      // Back for good: every mail arrives once.
      smtp.temporaryFailure = false;
      await more(5);
      t.clock.advance(3_600_000);
      const sent = await settled(t);
      assert.deepEqual(sent.filter((r) => r.status !== 'sent'), [], 'all sent');
      const received = smtp.mails.map((m) => m.envelopeTo[0]!).sort();
      const expected = Array.from({ length: registered }, (_, i) => `outage-${i}@lab.example`).sort();
      assert.deepEqual(received, expected, 'each registration got its mail, exactly once');
      assert.equal(new Set(smtp.mails.map((m) => m.parsed.messageId)).size, registered);
      // And it stays that way: a day later nothing is sent again.
      t.clock.advance(24 * 3_600_000);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(smtp.mails.length, registered);
    });
  });

  describe(`an SMTP server that accepts the connection and never answers (${dialect})`, () => {
    test('the attempt gives up after the greeting timeout, the mail waits, and goes once the server works', async () => {
      // A host that takes the TCP connection and then stays silent (a hung relay, a broken proxy).
      const sockets = new Set<net.Socket>();
      const silent = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const port = (silent.address() as net.AddressInfo).port;
      const t = await createTestApp(dialect, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'LabCamp <labcamp@example.org>', RATE_LIMITS: 'off' });
      let smtp: TestSmtp | null = null;
      try {
        await register(t, 'outage-silent@lab.example');
        const started = Date.now();
        assert.equal(await t.services.mailWorker.runOnce(), 1);
        const waited = Date.now() - started;
        assert.ok(waited < 20_000, `the worker was held ${waited} ms, not for good`);
        const [row] = await settled(t);
        assert.equal(row!.status, 'queued');
        assert.match(row!.last_error ?? '', /greeting|timeout/i);
        // The relay works again on the same address.
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
        smtp = await startTestSmtp(port);
        t.clock.advance(backoffMs(1));
        assert.equal(await t.services.mailWorker.runOnce(), 1);
        assert.deepEqual(smtp.mails.map((m) => m.envelopeTo[0]), ['outage-silent@lab.example']);
        assert.equal((await settled(t))[0]!.status, 'sent');
      } finally {
        for (const socket of sockets) socket.destroy();
        silent.close();
        await t.close();
        await smtp?.close();
      }
    });
  });
}

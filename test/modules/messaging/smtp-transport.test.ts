// SMTP with TLS and a login, against a real smtp-server in this process with a certificate made
// for the test run: STARTTLS and implicit TLS (smtps://) with AUTH, a wrong password, a server
// that offers no STARTTLS, and a certificate nobody said to trust. What the server saw (TLS or
// not, which user, which login attempts) is what the tests look at; the outbox must never lose a
// mail over any of it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { createTestCertificate, startTestSmtp, type TestCertificate, type TestSmtp, type TestSmtpOptions } from '../../helpers/smtp.js';
import { createServices } from '../../../src/app.js';
import { openDatabase } from '../../../src/platform/db/database.js';
import { enqueueMail } from '../../../src/modules/messaging/outbox.js';
import { backoffMs, PERMANENT_ATTEMPTS } from '../../../src/modules/messaging/worker.js';
import type { Config } from '../../../src/config.js';

const USER = 'labcamp@stadt.example';
// Characters that must be percent-encoded in the URL (":", "@", "/", "%", "#", "?") and one that is not ASCII.
const PASS = 'p@ss:w/rd%#?ü';

/** smtp(s)://USER:PASS@127.0.0.1:PORT with both parts percent-encoded, as docs/operations.md says. */
function withLogin(serverUrl: string, user: string, pass: string, query = ''): string {
  const url = new URL(serverUrl);
  return `${url.protocol}//${encodeURIComponent(user)}:${encodeURIComponent(pass)}@${url.host}${query}`;
}

async function queueOne(t: TestApp, key: string): Promise<void> {
  await enqueueMail(t.database.db, t.clock, {
    idempotencyKey: key, eventId: null, registrationId: null, template: 'personal_link', locale: 'de',
    to: { address: `${key}@lab.example`, name: 'Person' }, subject: `Betreff ${key}`, text: 'Hallo', html: '<p>Hallo</p>', calendar: null,
  });
}

async function row(t: TestApp, key: string) {
  return t.database.db.selectFrom('outbox').select(['status', 'attempts', 'last_error', 'transport']).where('idempotency_key', '=', key).executeTakeFirstOrThrow();
}

function arrived(smtp: TestSmtp, key: string) {
  return smtp.mails.filter((m) => m.envelopeTo[0] === `${key}@lab.example`);
}

/** The same database with another SMTP configuration, as after an operator fixed it and restarted. */
async function withServices(t: TestApp, config: Partial<Config>, run: (services: ReturnType<typeof createServices>) => Promise<void>): Promise<void> {
  const database = openDatabase(t.config.database);
  const services = createServices({ config: { ...t.config, ...config }, database, clock: t.clock });
  try {
    await run(services);
  } finally {
    await services.mailWorker.stop();
    await database.close();
  }
}

for (const dialect of testDialects()) {
  describe(`SMTP with TLS and a login (${dialect})`, () => {
    let cert: TestCertificate;
    const open: Array<{ close(): Promise<void> }> = [];
    before(async () => {
      cert = await createTestCertificate();
    });
    after(async () => {
      for (const o of open.reverse()) await o.close();
      await cert.remove();
    });

    async function server(options: Omit<TestSmtpOptions, 'tls'> & { tls?: boolean }): Promise<TestSmtp> {
      const smtp = await startTestSmtp(0, { ...options, tls: options.tls === false ? undefined : { key: cert.key, cert: cert.cert } });
      open.push(smtp);
      return smtp;
    }

    async function app(env: Record<string, string>): Promise<TestApp> {
      const t = await createTestApp(dialect, { MAIL_FROM: 'labcamp@example.org', ...env });
      open.push(t);
      return t;
    }

    test('STARTTLS with a login: the session is upgraded before the password goes over it, the mail arrives as that user', async () => {
      const smtp = await server({ auth: { user: USER, pass: PASS } });
      const t = await app({ SMTP_URL: withLogin(smtp.url, USER, PASS), SMTP_CA_FILE: cert.certFile });
      await queueOne(t, 'starttls');
      assert.equal(await t.services.mailWorker.runOnce(), 1);

      const mails = arrived(smtp, 'starttls');
      assert.equal(mails.length, 1, `the mail arrives once; outbox: ${JSON.stringify(await row(t, 'starttls'))}`);
      assert.equal(mails[0]!.secure, true, 'the session was upgraded to TLS');
      assert.equal(mails[0]!.user, USER, 'the server saw the configured user');
      assert.equal(mails[0]!.parsed.subject, 'Betreff starttls');
      assert.deepEqual(smtp.authAttempts.map((a) => ({ username: a.username, accepted: a.accepted, secure: a.secure })), [{ username: USER, accepted: true, secure: true }]);
      assert.deepEqual(await row(t, 'starttls'), { status: 'sent', attempts: 1, last_error: null, transport: 'smtp' });
    });

    test('implicit TLS (smtps://) with a login: the mail arrives over TLS', async () => {
      const smtp = await server({ secure: true, auth: { user: USER, pass: PASS } });
      assert.match(smtp.url, /^smtps:\/\//);
      const t = await app({ SMTP_URL: withLogin(smtp.url, USER, PASS), SMTP_CA_FILE: cert.certFile });
      await queueOne(t, 'smtps');
      assert.equal(await t.services.mailWorker.runOnce(), 1);

      const mails = arrived(smtp, 'smtps');
      assert.equal(mails.length, 1, `the mail arrives once; outbox: ${JSON.stringify(await row(t, 'smtps'))}`);
      assert.equal(mails[0]!.secure, true);
      assert.equal(mails[0]!.user, USER);
      assert.equal((await row(t, 'smtps')).status, 'sent');
    });

    test('a wrong password: the mail waits with the server\'s answer (never marked failed), and goes once the password is fixed', async () => {
      const smtp = await server({ auth: { user: USER, pass: PASS } });
      const t = await app({ SMTP_URL: withLogin(smtp.url, USER, 'wrong'), SMTP_CA_FILE: cert.certFile });
      await queueOne(t, 'badpass');
      // More attempts than a rejected recipient gets: a refused login is the operator's to fix.
      for (let attempt = 1; attempt <= PERMANENT_ATTEMPTS + 1; attempt++) {
        assert.equal(await t.services.mailWorker.runOnce(), 1, `attempt ${attempt}`);
        const r = await row(t, 'badpass');
        assert.equal(r.status, 'queued', `still queued after attempt ${attempt}`);
        assert.equal(r.attempts, attempt);
        assert.match(r.last_error ?? '', /535|auth|login/i, 'the error names the refused login');
        t.clock.advance(backoffMs(attempt));
      }
      assert.equal(arrived(smtp, 'badpass').length, 0, 'nothing was delivered');
      assert.ok(smtp.authAttempts.length >= 1 && smtp.authAttempts.every((a) => !a.accepted && a.secure && a.username === USER), JSON.stringify(smtp.authAttempts));

      await withServices(t, { smtpUrl: new URL(withLogin(smtp.url, USER, PASS)) }, async (fixed) => {
        assert.equal(await fixed.mailWorker.runOnce(), 1);
      });
      const mails = arrived(smtp, 'badpass');
      assert.equal(mails.length, 1, 'the waiting mail arrives once');
      assert.equal(mails[0]!.user, USER);
      assert.deepEqual(await row(t, 'badpass'), { status: 'sent', attempts: PERMANENT_ATTEMPTS + 2, last_error: null, transport: 'smtp' });
    });

    test('a login over a server without STARTTLS is refused, the password never sent, unless the URL says ?requireTLS=false', async () => {
      // This server would take the password in clear text, as a misconfigured or tampered relay does.
      const smtp = await server({ tls: false, auth: { user: USER, pass: PASS, allowInsecure: true } });
      const t = await app({ SMTP_URL: withLogin(smtp.url, USER, PASS) });
      await queueOne(t, 'cleartext');
      assert.equal(await t.services.mailWorker.runOnce(), 1);
      const r = await row(t, 'cleartext');
      assert.equal(r.status, 'queued');
      assert.match(r.last_error ?? '', /STARTTLS/);
      assert.equal(smtp.authAttempts.length, 0, 'the server never saw the credentials');
      assert.equal(arrived(smtp, 'cleartext').length, 0);

      // The operator's explicit opt-out (e.g. a relay on the same host): then it does go in clear.
      t.clock.advance(backoffMs(1));
      await withServices(t, { smtpUrl: new URL(withLogin(smtp.url, USER, PASS, '?requireTLS=false')) }, async (services) => {
        assert.equal(await services.mailWorker.runOnce(), 1);
      });
      const mails = arrived(smtp, 'cleartext');
      assert.equal(mails.length, 1);
      assert.equal(mails[0]!.secure, false);
      assert.equal(mails[0]!.user, USER);
      assert.deepEqual(smtp.authAttempts.map((a) => ({ accepted: a.accepted, secure: a.secure })), [{ accepted: true, secure: false }]);
    });

    test('a certificate nobody said to trust is refused before the login; the mail waits, and goes with SMTP_CA_FILE', async () => {
      const smtp = await server({ auth: { user: USER, pass: PASS } });
      const t = await app({ SMTP_URL: withLogin(smtp.url, USER, PASS) });
      await queueOne(t, 'untrusted');
      assert.equal(await t.services.mailWorker.runOnce(), 1);
      const r = await row(t, 'untrusted');
      assert.equal(r.status, 'queued');
      assert.match(r.last_error ?? '', /certificate/i);
      assert.equal(smtp.authAttempts.length, 0, 'the password was not sent to an unverified server');
      assert.equal(arrived(smtp, 'untrusted').length, 0);

      t.clock.advance(backoffMs(1));
      await withServices(t, { smtpCa: cert.cert }, async (services) => {
        assert.equal(await services.mailWorker.runOnce(), 1);
      });
      assert.equal(arrived(smtp, 'untrusted').length, 1);
      assert.equal((await row(t, 'untrusted')).status, 'sent');
    });

    test('implicit TLS with an untrusted certificate is refused too; the mail waits', async () => {
      const smtp = await server({ secure: true, auth: { user: USER, pass: PASS } });
      const t = await app({ SMTP_URL: withLogin(smtp.url, USER, PASS) });
      await queueOne(t, 'untrusted-smtps');
      assert.equal(await t.services.mailWorker.runOnce(), 1);
      const r = await row(t, 'untrusted-smtps');
      assert.equal(r.status, 'queued');
      assert.match(r.last_error ?? '', /certificate/i);
      assert.equal(smtp.authAttempts.length, 0);
      assert.equal(arrived(smtp, 'untrusted-smtps').length, 0);
    });

    test('without a login, STARTTLS is used when offered (and a plain server still works, as before)', async () => {
      const tlsServer = await server({});
      const plainServer = await server({ tls: false });
      const t = await app({ SMTP_URL: tlsServer.url, SMTP_CA_FILE: cert.certFile });
      await queueOne(t, 'opportunistic');
      assert.equal(await t.services.mailWorker.runOnce(), 1);
      assert.equal(arrived(tlsServer, 'opportunistic')[0]?.secure, true, 'upgraded because the server offered it');

      await queueOne(t, 'plain');
      await withServices(t, { smtpUrl: new URL(plainServer.url) }, async (services) => {
        assert.equal(await services.mailWorker.runOnce(), 1);
      });
      assert.equal(arrived(plainServer, 'plain')[0]?.secure, false);
    });
  });
}

// Organizers sign in with e-mail and password (argon2id) or ask for a login link by mail; they
// set their password on /admin/account. Failures all look alike; ten wrong passwords lock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects, createTestDatabase } from '../../helpers/databases.js';
import { cookieHeader, createTestApp, signIn, TEST_NOW, type TestApp } from '../../helpers/app.js';
import { visitor } from '../../helpers/visitor.js';
import { run } from '../../../src/cli/labcamp.js';

const PASSWORD = 'korrekt pferd batterie heftklammer';

/** The page without what differs per request (CSRF token, the e-mail typed back). */
const comparable = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '').replace(/name="email" type="email" value="[^"]*"/g, '');

for (const dialect of testDialects()) {
  describe(`password sign-in (${dialect})`, () => {
    let t: TestApp;

    before(async () => {
      t = await createTestApp(dialect, { RATE_LIMITS: 'off' });
      await t.services.access.createOrganizer({ email: 'lea@example.org', name: 'Lea Muster', isAdmin: false });
      await t.services.access.setPasswordByEmail('lea@example.org', PASSWORD);
      await t.services.access.createOrganizer({ email: 'nopass@example.org', name: 'Ohne Passwort', isAdmin: false });
    });
    after(async () => t.close());

    async function tryLogin(email: string, password: string) {
      const browser = visitor(t);
      const page = await browser.get('/admin/login');
      assert.equal(page.statusCode, 200);
      return { res: await browser.post('/admin/login', { email, password }), browser };
    }

    test('the sign-in page is a labelled form, German first, with the link request below', async () => {
      const page = await t.app.inject({ url: '/admin/login' });
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /<label class="field__label" for="field-email">E-Mail-Adresse/);
      assert.match(page.body, /<label class="field__label" for="field-password">Passwort/);
      assert.match(page.body, /type="password"[^>]*autoComplete="current-password"|autocomplete="current-password"/i);
      assert.match(page.body, /action="\/admin\/login\/link"/);
      const english = await t.app.inject({ url: '/admin/login', headers: { 'accept-language': 'en' } });
      assert.match(english.body, /Send sign-in link/);
    });

    test('the right password signs in with the same session cookie as the link; the hash is argon2id', async () => {
      const row = await t.database.db.selectFrom('organizers').select('password_hash').where('email', '=', 'lea@example.org').executeTakeFirstOrThrow();
      assert.match(row.password_hash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.ok(!row.password_hash!.includes(PASSWORD));

      const { res, browser } = await tryLogin('  LEA@example.org ', PASSWORD);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin');
      const session = res.cookies.find((c) => c.name === 'lc_session');
      assert.ok(session);
      assert.equal(session.httpOnly, true);
      assert.equal(session.sameSite, 'Lax');
      assert.equal(session.path, '/');
      const dashboard = await browser.get('/admin');
      assert.equal(dashboard.statusCode, 200);
      assert.match(dashboard.body, /Angemeldet als Lea Muster/);
      const audit = await t.database.db.selectFrom('audit_log').select('after_json').where('action', '=', 'access.organizer.signed_in').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.match(audit.after_json ?? '', /"method":"password"/);
    });

    test('wrong password, unknown address and an account without password get the very same answer', async () => {
      const wrong = (await tryLogin('lea@example.org', 'falsches passwort 123')).res;
      const unknown = (await tryLogin('nobody@example.org', 'falsches passwort 123')).res;
      const nopass = (await tryLogin('nopass@example.org', 'falsches passwort 123')).res;
      for (const res of [wrong, unknown, nopass]) {
        assert.equal(res.statusCode, 401);
        assert.match(res.body, /E-Mail-Adresse oder Passwort stimmen nicht/);
        assert.match(res.body, /aria-describedby="login-error"/);
        assert.equal(res.cookies.find((c) => c.name === 'lc_session'), undefined);
      }
      assert.equal(comparable(wrong.body), comparable(unknown.body));
      assert.equal(comparable(wrong.body), comparable(nopass.body));
      const english = await t.app.inject({ url: '/admin/login?lang=en' });
      const cookies = cookieHeader(english);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(english.body)![1]!;
      const res = await t.app.inject({ method: 'POST', url: '/admin/login', headers: { cookie: cookies }, payload: { _csrf: csrf, email: 'x@example.org', password: 'y' } });
      assert.match(res.body, /E-mail address or password is wrong/);
    });

    test('hostile input is refused calmly: huge, empty, control characters, arrays', async () => {
      for (const form of [{ email: 'a'.repeat(100_000), password: 'b'.repeat(100_000) }, { email: '', password: '' }, { email: 'lea@example.org\u0000', password: `${PASSWORD}\u0000` }, { email: ['x@example.org', 'lea@example.org'], password: ['y', PASSWORD] }]) {
        const { res } = await tryLogin(form.email as string, form.password as string);
        assert.equal(res.statusCode, 401);
      }
      const noCsrf = await t.app.inject({ method: 'POST', url: '/admin/login', payload: { email: 'lea@example.org', password: PASSWORD } });
      assert.equal(noCsrf.statusCode, 403);
    });

    test('ten wrong passwords in a row lock the account for 15 minutes, audited; then the right one works again', async () => {
      await t.services.access.createOrganizer({ email: 'locked@example.org', name: 'Locked', isAdmin: false });
      await t.services.access.setPasswordByEmail('locked@example.org', PASSWORD);
      for (let i = 0; i < 9; i++) assert.equal((await tryLogin('locked@example.org', `wrong password ${i}`)).res.statusCode, 401);
      // A success resets the count.
      assert.equal((await tryLogin('locked@example.org', PASSWORD)).res.statusCode, 303);
      for (let i = 0; i < 10; i++) assert.equal((await tryLogin('locked@example.org', `wrong password ${i}`)).res.statusCode, 401);
      const locked = await tryLogin('locked@example.org', PASSWORD);
      assert.equal(locked.res.statusCode, 401, 'locked: even the right password is refused');
      assert.match(locked.res.body, /15 Minuten/);
      const audit = await t.database.db.selectFrom('audit_log').select(['subject_id', 'after_json']).where('action', '=', 'access.organizer.locked').execute();
      assert.equal(audit.length, 1);
      assert.match(audit[0]!.after_json ?? '', /"failedLogins":10/);
      try {
        t.clock.advance(14 * 60 * 1000);
        assert.equal((await tryLogin('locked@example.org', PASSWORD)).res.statusCode, 401);
        t.clock.advance(60 * 1000 + 1);
        assert.equal((await tryLogin('locked@example.org', PASSWORD)).res.statusCode, 303);
      } finally {
        t.clock.set(TEST_NOW);
      }
    });

    test('a disabled account cannot sign in, with the same answer', async () => {
      await t.services.access.createOrganizer({ email: 'gone@example.org', name: 'Gone', isAdmin: false });
      await t.services.access.setPasswordByEmail('gone@example.org', PASSWORD);
      assert.equal((await tryLogin('gone@example.org', PASSWORD)).res.statusCode, 303);
      await t.database.db.updateTable('organizers').set({ disabled_at: TEST_NOW }).where('email', '=', 'gone@example.org').execute();
      const res = (await tryLogin('gone@example.org', PASSWORD)).res;
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /E-Mail-Adresse oder Passwort stimmen nicht/);
    });

    test('"send me a login link" answers the same for every address and mails a working link only to active accounts', async () => {
      const before = await t.database.db.selectFrom('outbox').select('id').execute();
      const answers: string[] = [];
      for (const email of ['Lea@Example.org', 'nobody@example.org', 'gone@example.org']) {
        const browser = visitor(t);
        await browser.get('/admin/login');
        const res = await browser.post('/admin/login/link', { link_email: email });
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /Wenn es ein Konto mit dieser Adresse gibt, ist ein Anmeldelink unterwegs/);
        answers.push(comparable(res.body));
      }
      assert.equal(answers[0], answers[1]);
      assert.equal(answers[0], answers[2]);
      const mails = await t.database.db.selectFrom('outbox').selectAll().where('id', 'not in', before.length ? before.map((r) => r.id) : [0]).execute();
      assert.equal(mails.length, 1, 'only the active account got a mail');
      const mail = mails[0]!;
      assert.equal(mail.to_address, 'lea@example.org');
      assert.equal(mail.template, 'login_link');
      assert.equal(mail.event_id, null);
      assert.match(mail.subject, /Anmeldelink/);
      const link = /http:\/\/localhost:3000\/admin\/login\/[A-Za-z0-9_-]{43}/.exec(mail.text_body)?.[0];
      assert.ok(link, 'the text part carries the link');
      assert.ok(mail.html_body.includes(link), 'the HTML part too');
      const cookies = await signIn(t, link);
      assert.equal((await t.app.inject({ url: '/admin', headers: { cookie: cookies } })).statusCode, 200);
    });

    test('the account page sets a first password without the current one, then asks for it; name changes; all audited', async () => {
      const link = `http://localhost:3000/admin/login/${await t.services.access.issueLoginLink('nopass@example.org')}`;
      const me = visitor(t, await signIn(t, link));
      const page = await me.get('/admin/account');
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /name="current_password"/);
      assert.match(page.body, /for="field-new_password"/);

      const short = await me.post('/admin/account/password', { new_password: 'kurz', confirm_password: 'kurz' });
      assert.equal(short.statusCode, 422);
      assert.match(short.body, /Mindestens 12 Zeichen/);
      assert.match(short.body, /aria-describedby="hint-new_password error-new_password"/);
      const mismatch = await me.post('/admin/account/password', { new_password: PASSWORD, confirm_password: `${PASSWORD}!` });
      assert.equal(mismatch.statusCode, 422);
      assert.match(mismatch.body, /stimmen nicht überein/);
      const tooLong = await me.post('/admin/account/password', { new_password: 'x'.repeat(201), confirm_password: 'x'.repeat(201) });
      assert.equal(tooLong.statusCode, 422);

      const first = await me.post('/admin/account/password', { new_password: PASSWORD, confirm_password: PASSWORD });
      assert.equal(first.statusCode, 303);
      assert.equal((await tryLogin('nopass@example.org', PASSWORD)).res.statusCode, 303);

      const page2 = await me.get('/admin/account?done=password');
      assert.match(page2.body, /Passwort gespeichert/);
      assert.match(page2.body, /name="current_password"/);
      const missing = await me.post('/admin/account/password', { new_password: 'ein ganz neues passwort', confirm_password: 'ein ganz neues passwort' });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.body, /id="error-current_password"/);
      const wrong = await me.post('/admin/account/password', { current_password: 'nicht das richtige', new_password: 'ein ganz neues passwort', confirm_password: 'ein ganz neues passwort' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /Das aktuelle Passwort stimmt nicht/);
      const changed = await me.post('/admin/account/password', { current_password: PASSWORD, new_password: 'ein ganz neues passwort', confirm_password: 'ein ganz neues passwort' });
      assert.equal(changed.statusCode, 303);
      assert.equal((await tryLogin('nopass@example.org', PASSWORD)).res.statusCode, 401);
      assert.equal((await tryLogin('nopass@example.org', 'ein ganz neues passwort')).res.statusCode, 303);

      const badName = await me.post('/admin/account/name', { name: '' });
      assert.equal(badName.statusCode, 422);
      const renamed = await me.post('/admin/account/name', { name: 'Mit Passwort <b>' });
      assert.equal(renamed.statusCode, 303);
      const shown = await me.get('/admin/account?done=name');
      assert.match(shown.body, /value="Mit Passwort &lt;b/);
      assert.doesNotMatch(shown.body, /Mit Passwort <b>/);

      const actions = (await t.database.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'organizer').execute()).map((r) => r.action);
      for (const a of ['access.password.set', 'access.password.changed', 'access.organizer.renamed']) assert.ok(actions.includes(a), a);
    });
  });

  describe(`npm run labcamp -- set-password (${dialect})`, () => {
    test('reads the password from LABCAMP_PASSWORD or standard input; refuses a short one', async () => {
      const testDb = await createTestDatabase(dialect);
      const saved = { ...process.env };
      process.env.DATABASE_URL = testDb.config.dialect === 'sqlite' ? `sqlite:${testDb.config.file}` : testDb.config.url;
      process.env.DATA_DIR = testDb.dataDir;
      delete process.env.LABCAMP_PASSWORD;
      try {
        const out: string[] = [];
        const say = (line: string) => out.push(line);
        assert.equal(await run(['create-organizer', '--email', 'cli@example.org', '--name', 'Cli'], say), 0);
        assert.equal(await run(['set-password', '--email', 'cli@example.org'], say, async () => 'zu kurz'), 64);
        assert.match(out.join('\n'), /12 to 200 characters/);
        assert.equal(await run(['set-password', '--email', 'cli@example.org'], say, async () => PASSWORD), 0);
        assert.match(out.join('\n'), /Password set for Cli <cli@example\.org>/);
        process.env.LABCAMP_PASSWORD = 'aus der umgebung gesetzt';
        assert.equal(await run(['set-password', '--email', 'cli@example.org'], say, async () => { throw new Error('stdin must not be read'); }), 0);
        await assert.rejects(run(['set-password', '--email', 'nobody@example.org'], say), /No organizer/);
        assert.equal(await run(['set-password'], say), 64);
      } finally {
        process.env = saved;
        await testDb.drop();
      }
    });
  });
}

describe('password sign-in rate limit', () => {
  test('more than 10 sign-in or link requests a minute from one address get 429', async () => {
    const t = await createTestApp(testDialects()[0]!);
    try {
      const browser = visitor(t);
      await browser.get('/admin/login');
      const codes: number[] = [];
      for (let i = 0; i < 11; i++) codes.push((await browser.post('/admin/login', { email: 'x@example.org', password: 'y' })).statusCode);
      assert.deepEqual(codes.slice(0, 10), Array(10).fill(401));
      assert.equal(codes[10], 429);
      const links: number[] = [];
      for (let i = 0; i < 11; i++) links.push((await browser.post('/admin/login/link', { link_email: 'x@example.org' })).statusCode);
      assert.equal(links[10], 429);
    } finally {
      await t.close();
    }
  });
});

// The JSON API /api/v1 with personal bearer tokens: tokens shown once and stored hashed, the
// token owner's event roles, the error shape, validation in the caller's language, hostile input,
// and an OpenAPI document that lists exactly the routes the app has.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, signIn, TEST_NOW, type TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { openDatabase } from '../../../src/platform/db/database.js';
import { fixedClock } from '../../../src/platform/clock.js';

type Json = Record<string, any>;
type ApiCall = { token?: string | null; body?: unknown; headers?: Record<string, string>; raw?: string };

/** labcamp-2 asks three questions: topics (multiple choice), a required yes/no, a long text. */
let yesNoId = 0;
const person = (extra: Json = {}) => ({ name: 'Jana Beispiel', email: 'jana@example.org', organisation: 'CityLAB Berlin', level: 'land', land: 'BE', answers: { [yesNoId]: 'yes' }, ...extra });

for (const dialect of testDialects()) {
  describe(`JSON API /api/v1 (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let adminCookie: string;
    let adminToken: string;
    let organizerToken: string;
    let readonlyToken: string;
    let strangerToken: string;
    let eventId: number;
    let questionId: number;

    const api = async (method: 'GET' | 'POST' | 'PATCH', url: string, options: ApiCall = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      const token = options.token === undefined ? adminToken : options.token;
      if (token) headers.authorization = `Bearer ${token}`;
      if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
      const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, payload: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
      assert.ok(res.statusCode < 500, `${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').startsWith('application/json') ? res.json() as Json : {}, res };
    };

    async function member(email: string, role: 'organizer' | 'readonly' | null): Promise<string> {
      const { organizer } = await t.services.access.createOrganizer({ email, name: email.split('@')[0]!, isAdmin: false });
      if (role) await t.database.db.insertInto('event_team').values({ event_id: eventId, organizer_id: organizer.id, role, created_at: TEST_NOW }).execute();
      return (await t.services.access.apiTokens.create({ id: organizer.id, label: organizer.name }, { name: 'test', expiresAt: null })).token;
    }

    before(async () => {
      t = await createTestApp(dialect, { RATE_LIMITS: 'off' });
      adminCookie = await signIn(t, t.report.firstLoginLink!);
      admin = visitor(t, adminCookie);
      eventId = (await t.services.events.findBySlug('labcamp-2'))!.id;
      const questions = await t.services.registration.questions(eventId);
      questionId = questions.find((q) => q.kind === 'multiple_choice')!.id;
      yesNoId = questions.find((q) => q.kind === 'yes_no')!.id;
      organizerToken = await member('orga@example.org', 'organizer');
      readonlyToken = await member('lesen@example.org', 'readonly');
      strangerToken = await member('fremd@example.org', null);
    });
    after(async () => t.close());

    test('a token is created on /admin/account, shown once, stored only as its SHA-256, listed with its last use', async () => {
      await admin.get('/admin/account');
      const created = await admin.post('/admin/account/tokens', { token_name: 'Auswertung', token_expires: '' });
      assert.equal(created.statusCode, 200);
      adminToken = /id="new-token">(lc_[A-Za-z0-9_-]{43})</.exec(created.body)?.[1] ?? '';
      assert.ok(adminToken, 'the token is shown');
      assert.equal(created.headers['cache-control'], 'no-store');

      const rows = await t.database.db.selectFrom('api_tokens').selectAll().execute();
      const dump = JSON.stringify(rows) + JSON.stringify(await t.database.db.selectFrom('audit_log').selectAll().execute());
      assert.ok(!dump.includes(adminToken) && !dump.includes(adminToken.slice(3)), 'the plain token is nowhere in the database');
      assert.ok(rows.some((r) => r.token_hash === createHash('sha256').update(adminToken).digest('hex')));

      const page = await admin.get('/admin/account');
      assert.doesNotMatch(page.body, new RegExp(adminToken), 'shown once only');
      assert.match(page.body, /Auswertung/);
      assert.match(page.body, /<td>nie<\/td>/);
      assert.equal((await api('GET', '/events')).status, 200);
      assert.doesNotMatch((await admin.get('/admin/account')).body, /<td>nie<\/td>/, 'last use is shown');

      const bad = await admin.post('/admin/account/tokens', { token_name: '', token_expires: '2020-01-01' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-token_name"/);
      assert.match(bad.body, /Bitte ein Datum in der Zukunft wählen/);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'access.api_token.created').execute();
      assert.ok(audit.length >= 1);
    });

    test('without a valid token there is nothing: 401 in the error shape; the session cookie is never accepted', async () => {
      const cookie = adminCookie;
      const refused: ApiCall[] = [{ token: null }, { token: 'lc_nope' }, { token: `lc_${'A'.repeat(43)}` }, { token: null, headers: { cookie } }, { token: null, headers: { authorization: 'Basic YTpi', cookie } }];
      for (const options of refused) {
        const res = await api('GET', '/events', options);
        assert.equal(res.status, 401);
        assert.equal(res.body.error.code, 'unauthorized');
        assert.match(res.body.error.message, /API-Token/);
        assert.equal(res.res.headers['www-authenticate'], 'Bearer realm="labcamp"');
      }
      const post = await api('POST', '/events/labcamp-2/registrations', { token: null, headers: { cookie }, body: person() });
      assert.equal(post.status, 401, 'cookie + no CSRF token would be a CSRF hole');
      const unknownRoute = await api('GET', '/nothing-here');
      assert.equal(unknownRoute.status, 404);
      assert.equal(unknownRoute.body.error.code, 'not_found');
    });

    test('revoked and expired tokens are refused', async () => {
      const { organizer } = await t.services.access.createOrganizer({ email: 'kurz@example.org', name: 'Kurz', isAdmin: false });
      const actor = { id: organizer.id, label: organizer.name };
      const expiring = await t.services.access.apiTokens.create(actor, { name: 'bald', expiresAt: new Date(Date.parse(TEST_NOW) + 24 * 3600_000) });
      const revoked = await t.services.access.apiTokens.create(actor, { name: 'weg', expiresAt: null });
      assert.equal((await api('GET', '/events', { token: expiring.token })).status, 200);
      assert.equal((await api('GET', '/events', { token: revoked.token })).status, 200);
      assert.equal(await t.services.access.apiTokens.revoke(actor, revoked.id), true);
      assert.equal((await api('GET', '/events', { token: revoked.token })).status, 401);
      try {
        t.clock.advance(24 * 3600_000);
        assert.equal((await api('GET', '/events', { token: expiring.token })).status, 401);
      } finally {
        t.clock.set(TEST_NOW);
      }
      // Revoking through the account page: only one's own tokens.
      const mine = await t.database.db.selectFrom('api_tokens').select('id').where('name', '=', 'Auswertung').executeTakeFirstOrThrow();
      await admin.get('/admin/account');
      assert.equal((await admin.post(`/admin/account/tokens/${expiring.id}/revoke`, {})).statusCode, 404, 'not someone else\'s');
      const disabled = await member('disabled@example.org', 'organizer');
      await t.database.db.updateTable('organizers').set({ disabled_at: TEST_NOW }).where('email', '=', 'disabled@example.org').execute();
      assert.equal((await api('GET', '/events', { token: disabled })).status, 401, 'a disabled account\'s tokens stop working');
      assert.ok(mine.id > 0);
    });

    test('events: each token sees the events of its owner, with its role; others\' events are 404', async () => {
      const all = await api('GET', '/events');
      assert.deepEqual(all.body.data.map((e: Json) => e.slug).sort(), ['labcamp-2', 'labcamp-2020']);
      const readonly = await api('GET', '/events', { token: readonlyToken });
      assert.deepEqual(readonly.body.data.map((e: Json) => [e.slug, e.role]), [['labcamp-2', 'readonly']]);
      assert.deepEqual((await api('GET', '/events', { token: strangerToken })).body.data, []);

      const detail = await api('GET', '/events/labcamp-2', { token: readonlyToken });
      assert.equal(detail.status, 200);
      assert.equal(detail.body.capacity, 40);
      assert.equal(typeof detail.body.seats_taken, 'number');
      assert.ok(['open', 'closed', 'not-yet-open', 'past', 'cancelled'].includes(detail.body.registration.state));
      assert.ok(Array.isArray(detail.body.hosts) && detail.body.hosts.length > 0);
      assert.ok(Array.isArray(detail.body.agenda));
      assert.equal(detail.body.questions[0].id, questionId);

      assert.equal((await api('GET', '/events/labcamp-2', { token: strangerToken })).status, 404);
      assert.equal((await api('GET', '/events/labcamp-2020', { token: readonlyToken })).status, 404);
      assert.equal((await api('GET', '/events/no-such-event')).status, 404);
    });

    test('create a registration like the back office: admitted, mailed, audited; a duplicate is 409 with its id', async () => {
      const created = await api('POST', '/events/labcamp-2/registrations', { token: organizerToken, body: person({ email: 'Jana@Example.org', listed: true, answers: { [questionId]: ['daten'], [yesNoId]: 'yes' } }) });
      assert.equal(created.status, 201);
      assert.equal(created.body.status, 'admitted');
      assert.equal(created.body.source, 'api');
      assert.equal(created.body.email, 'jana@example.org');
      assert.deepEqual(created.body.answers, { [questionId]: ['daten'], [yesNoId]: 'yes' });
      assert.equal(created.res.headers.location, `/api/v1/events/labcamp-2/registrations/${created.body.id}`);
      const mail = await t.database.db.selectFrom('outbox').select('template').where('to_address', '=', 'jana@example.org').execute();
      assert.deepEqual(mail.map((m) => m.template), ['admitted']);
      const audit = await t.database.db.selectFrom('audit_log').select('actor_label').where('action', '=', 'registration.created').where('subject_id', '=', String(created.body.id)).executeTakeFirstOrThrow();
      assert.equal(audit.actor_label, 'orga (API)');

      const again = await api('POST', '/events/labcamp-2/registrations', { token: organizerToken, body: person({ email: 'JANA@example.org' }) });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'duplicate');
      assert.equal(again.body.error.id, created.body.id);

      const forbidden = await api('POST', '/events/labcamp-2/registrations', { token: readonlyToken, body: person({ email: 'other@example.org' }) });
      assert.equal(forbidden.status, 403);
      assert.equal(forbidden.body.error.code, 'forbidden');
      assert.equal((await api('POST', '/events/labcamp-2/registrations', { token: strangerToken, body: person({ email: 'other@example.org' }) })).status, 404);
    });

    test('validation: 422 with a message per field, in the language of Accept-Language (German by default)', async () => {
      const bad = { name: '', email: 'nope', organisation: 'x'.repeat(201), level: 'mars', land: 'XX', answers: { [questionId]: ['gibts-nicht'], 999999: 'x' }, colour: 'blue' };
      const de = await api('POST', '/events/labcamp-2/registrations', { body: bad });
      assert.equal(de.status, 422);
      assert.equal(de.body.error.code, 'validation_failed');
      const fields = de.body.error.fields as Json;
      assert.deepEqual(Object.keys(fields).sort(), ['answers.999999', `answers.${questionId}`, `answers.${yesNoId}`, 'colour', 'email', 'land', 'level', 'name', 'organisation'].sort());
      assert.equal(fields.name, 'Bitte ausfüllen.');
      assert.equal(fields.email, 'Bitte gebt eine gültige E-Mail-Adresse an.');
      assert.equal(fields.organisation, 'Höchstens 200 Zeichen.');
      const en = await api('POST', '/events/labcamp-2/registrations', { body: bad, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
      assert.equal(en.body.error.fields.name, 'Please fill in.');
      const types = await api('POST', '/events/labcamp-2/registrations', { body: { ...person(), name: 42, listed: 'yes', answers: [] } });
      assert.equal(types.status, 422);
      assert.deepEqual(Object.keys(types.body.error.fields).sort(), ['answers', `answers.${yesNoId}`, 'listed', 'name'].sort());
      const count = await t.database.db.selectFrom('registrations').select('id').where('email', '=', 'nope').execute();
      assert.equal(count.length, 0, 'nothing half-written');
    });

    test('hostile input gets a 4xx in the error shape, never a 5xx', async () => {
      const huge = 'ü'.repeat(100_000);
      const cases: Array<[string, ApiCall, number]> = [
        ['100 KB strings', { body: person({ name: huge, organisation: huge, role: huge, email: `${huge}@example.org` }) }, 422],
        ['control characters', { body: person({ name: 'Jana\u0000\u0007', email: 'ctl@example.org' }) }, 422],
        ['NUL in the e-mail', { body: person({ email: 'nul\u0000@example.org' }) }, 422],
        ['invalid JSON', { raw: '{"name": ' }, 400],
        ['an array', { body: [person()] }, 400],
        ['null', { raw: 'null' }, 400],
        ['a string', { body: 'hello' }, 400],
        ['prototype pollution', { raw: '{"__proto__": {"isAdmin": true}, "name": "x"}' }, 400],
        ['a form post', { raw: 'name=x&email=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415],
        ['text/plain', { raw: '{}', headers: { 'content-type': 'text/plain' } }, 415],
        ['no content type', { raw: '{}', headers: { 'content-type': '' } }, 415],
        ['more than the body limit', { raw: JSON.stringify({ name: 'x'.repeat(1_100_000) }) }, 413],
      ];
      for (const [label, options, expected] of cases) {
        const res = await api('POST', '/events/labcamp-2/registrations', options);
        assert.equal(res.status, expected, label);
        assert.equal(typeof res.body.error?.code, 'string', label);
      }
      const html = await api('POST', '/events/labcamp-2/registrations', { body: person({ name: '<script>alert(1)</script>', email: 'html@example.org' }) });
      assert.equal(html.status, 201);
      assert.match(html.res.headers['content-type'] as string, /^application\/json/);
      assert.equal(html.body.name, '<script>alert(1)</script>', 'stored and returned as text; JSON is not HTML');
      for (const url of ['/events/labcamp-2/registrations/abc', '/events/labcamp-2/registrations/99999999999999999999', '/events/labcamp-2/registrations/-1', `/events/${'x'.repeat(500)}`]) {
        const res = await api('GET', url);
        // A slug longer than the router's parameter limit is refused by Fastify's router (414) before any route runs.
        assert.ok(res.status === 404 || res.status === 414, `${url.slice(0, 60)}: ${res.status}`);
        if (res.status === 404) assert.equal(res.body.error.code, 'not_found');
      }
      for (const query of ['per_page=1000', 'per_page=0', 'page=-1', 'page=1e3', 'status=bogus', `q=${encodeURIComponent(huge)}`, 'q=%00', 'status=admitted&status=waitlisted']) {
        const res = await api('GET', `/events/labcamp-2/registrations?${query}`);
        assert.equal(res.status, 422, query);
        assert.ok(res.body.error.fields, query);
      }
    });

    test('list with status, search and paging, with the answers; one registration; only through its own event', async () => {
      const list = await api('GET', '/events/labcamp-2/registrations?per_page=1&page=1', { token: readonlyToken });
      assert.equal(list.status, 200);
      assert.equal(list.body.per_page, 1);
      assert.equal(list.body.data.length, 1);
      assert.ok(list.body.total >= 2);
      const found = await api('GET', '/events/labcamp-2/registrations?q=JANA&status=admitted', { token: readonlyToken });
      assert.deepEqual(found.body.data.map((r: Json) => r.email), ['jana@example.org']);
      assert.deepEqual(found.body.data[0].answers, { [questionId]: ['daten'], [yesNoId]: 'yes' });
      const id = found.body.data[0].id;
      const one = await api('GET', `/events/labcamp-2/registrations/${id}`, { token: readonlyToken });
      assert.equal(one.body.name, 'Jana Beispiel');
      assert.equal((await api('GET', `/events/labcamp-2020/registrations/${id}`)).status, 404);
    });

    test('change the status: read-only is 403; waitlist, admit, cancel, reject with reason; wrong transitions 409', async () => {
      const created = await api('POST', '/events/labcamp-2/registrations', { body: person({ email: 'wechsel@example.org' }) });
      const url = `/events/labcamp-2/registrations/${created.body.id}`;
      const readonly = await api('PATCH', url, { token: readonlyToken, body: { status: 'cancelled' } });
      assert.equal(readonly.status, 403);
      assert.equal((await api('PATCH', url, { token: strangerToken, body: { status: 'cancelled' } })).status, 404);

      t.clock.advance(1000);
      const waitlisted = await api('PATCH', url, { token: organizerToken, body: { status: 'waitlisted' } });
      assert.equal(waitlisted.status, 200);
      // The seat it frees goes to the head of the waiting list at once: here, the same person.
      assert.ok(['waitlisted', 'offered'].includes(waitlisted.body.status), waitlisted.body.status);
      t.clock.advance(1000);
      const admitted = await api('PATCH', url, { token: organizerToken, body: { status: 'admitted' } });
      assert.equal(admitted.status, 200);
      assert.equal(admitted.body.status, 'admitted');
      t.clock.advance(1000);
      const rejected = await api('PATCH', url, { token: organizerToken, body: { status: 'rejected', reason: 'Nur für öffentliche Labore' } });
      assert.equal(rejected.body.status, 'rejected');
      assert.equal(rejected.body.reject_reason, 'Nur für öffentliche Labore');
      const conflict = await api('PATCH', url, { token: organizerToken, body: { status: 'waitlisted' } });
      assert.equal(conflict.status, 409);
      assert.equal(conflict.body.error.code, 'status_conflict');
      assert.equal(conflict.body.error.current_status, 'rejected');

      const other = await api('POST', '/events/labcamp-2/registrations', { body: person({ email: 'storno@example.org' }) });
      t.clock.advance(1000);
      assert.equal((await api('PATCH', `/events/labcamp-2/registrations/${other.body.id}`, { body: { status: 'cancelled' } })).body.status, 'cancelled');

      for (const body of [{ status: 'offered' }, {}, { status: 'rejected', reason: 7 }, { status: 'rejected', reason: 'x'.repeat(1001) }, { status: 'cancelled', extra: 1 }]) {
        const res = await api('PATCH', url, { body });
        assert.equal(res.status, 422, JSON.stringify(body).slice(0, 80));
      }
      const changes = await t.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', String(created.body.id)).where('subject_type', '=', 'registration').execute();
      assert.ok(changes.some((c) => c.action === 'registration.rejected'));
    });

    test('the OpenAPI document is public and describes every route registered under /api/v1, and no other', async () => {
      const res = await api('GET', '/openapi.json', { token: null });
      assert.equal(res.status, 200);
      const doc = res.body;
      assert.equal(doc.openapi, '3.1.0');
      assert.equal(doc.components.securitySchemes.bearerToken.scheme, 'bearer');
      assert.ok(doc.components.schemas.Error);

      // A second app on the same configuration, watching every route as it is registered.
      const routes: Array<{ method: string; url: string }> = [];
      const config = { ...loadConfig({ DATA_DIR: t.config.dataDir }), database: t.config.database };
      const database = openDatabase(config.database);
      const { app } = await buildApp({
        config, database, clock: fixedClock(TEST_NOW), secret: 'x'.repeat(40), logger: false,
        onRoute: (route: RouteOptions) => {
          for (const method of [route.method].flat()) routes.push({ method, url: route.url });
        },
      });
      try {
        await app.ready();
        const registered = new Set(routes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
          .map((r) => `${r.method.toLowerCase()} ${r.url.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`));
        const documented = new Set(Object.entries(doc.paths as Record<string, Json>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
        assert.ok(registered.size >= 7);
        assert.deepEqual([...registered].sort(), [...documented].sort());
      } finally {
        await app.close();
        await database.close();
      }
    });
  });
}

describe('API rate limit', () => {
  test('300 requests a minute per token, then 429 in the error shape; another token is not affected', async () => {
    const t = await createTestApp(testDialects()[0]!);
    try {
      const admin = (await t.services.access.findOrganizerByEmail('admin@localhost'))!;
      const actor = { id: admin.id, label: admin.name };
      const [first, second] = [await t.services.access.apiTokens.create(actor, { name: 'a', expiresAt: null }), await t.services.access.apiTokens.create(actor, { name: 'b', expiresAt: null })];
      const get = (token: string) => t.app.inject({ url: '/api/v1/events', headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 300; i++) assert.equal((await get(first.token)).statusCode, 200);
      const limited = await get(first.token);
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().error.code, 'rate_limited');
      assert.equal((await get(second.token)).statusCode, 200);
    } finally {
      await t.close();
    }
  });
});

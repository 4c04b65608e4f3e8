// Live updates (#5, item 4): server-sent events for people inside the room, over real HTTP. A
// question asked arrives at the others' streams, one that waits for a moderator only at the
// moderators' and the asker's; a reconnect with Last-Event-ID gets what it missed; strangers get
// 403. Then two app processes on one PostgreSQL: a question asked on one arrives at a client of
// the other (LISTEN/NOTIFY).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { testDialects, createTestDatabase } from '../../helpers/databases.js';
import { createTestApp, cookieHeader, csrfTokenFrom, type TestApp } from '../../helpers/app.js';
import { memberCookies } from '../../helpers/team.js';
import { freePort } from '../../helpers/net.js';
import { openStream } from '../../helpers/sse.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';
import { loadConfig } from '../../../src/config.js';
import { openDatabase } from '../../../src/platform/db/database.js';
import { systemClock } from '../../../src/platform/clock.js';
import { createServices, type Services } from '../../../src/app.js';

const ROOM = '/events/labcamp-2/live';

/** Registers `name` by hand (admitted) and returns the access-link token from their mail. */
async function admittedToken(services: Pick<Services, 'registration'>, db: TestApp['database']['db'], event: LabEvent, name: string): Promise<string> {
  const email = `${name.toLowerCase()}.stream@example.org`;
  await services.registration.register(event, { name, email, organisation: 'Lab', level: 'kommune', land: null, role: null, listed: false, answers: { 2: 'no' } }, 'de', 'manual', { id: null, label: 'test' });
  const mail = await db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
}

/** Follows the access link on `origin` and returns the Cookie header of the live session. */
async function enter(origin: string, token: string): Promise<string> {
  const res = await fetch(`${origin}/r/${token}/live`, { redirect: 'manual' });
  assert.equal(res.status, 303);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** Asks a question through the form on `origin` as the person with `cookie`. */
async function ask(origin: string, cookie: string, text: string): Promise<number> {
  const page = await fetch(`${origin}${ROOM}/questions`, { headers: { cookie } });
  assert.equal(page.status, 200);
  const html = await page.text();
  const jar = cookieHeader({ cookies: page.headers.getSetCookie().map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1, c.indexOf(';')) })) }, cookie);
  const body = new URLSearchParams({ _csrf: csrfTokenFrom(html), about: 'general', text });
  const res = await fetch(`${origin}${ROOM}/questions`, { method: 'POST', body, headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  assert.equal(res.status, 303, await res.text());
  return Date.now();
}

for (const dialect of testDialects()) {
  describe(`live updates over server-sent events (${dialect})`, () => {
    let t: TestApp;
    let origin: string;
    let event: LabEvent;

    before(async () => {
      t = await createTestApp(dialect);
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const address = t.app.server.address();
      origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      event = (await t.services.events.findBySlug('labcamp-2'))!;
    });
    after(async () => t.close());

    test('strangers get no stream', async () => {
      const stream = await openStream(`${origin}${ROOM}/stream`);
      assert.equal(stream.status, 403);
      stream.close();
    });

    test('a question reaches the others at once; one held for moderation only the moderators and the asker', async () => {
      const anna = await enter(origin, await admittedToken(t.services, t.database.db, event, 'Anna'));
      const bert = await enter(origin, await admittedToken(t.services, t.database.db, event, 'Bert'));
      const moderator = (await memberCookies(t, event.id, 'moderator', 'mod.stream@example.org')).cookies;
      const since = String(await t.services.liveFeed.head(event.id));
      const annaStream = await openStream(`${origin}${ROOM}/stream?since=${since}`, { cookie: anna });
      const bertStream = await openStream(`${origin}${ROOM}/stream?since=${since}`, { cookie: bert });
      const modStream = await openStream(`${origin}${ROOM}/stream?since=${since}`, { cookie: moderator });
      try {
        assert.equal(bertStream.status, 200);
        const asked = await ask(origin, anna, 'Was lernt ihr aus gescheiterten Projekten?');
        const arrived = await bertStream.waitFor((e) => e.event === 'question', 2000);
        assert.ok(arrived.at - asked < 1000, `within 1 s (${arrived.at - asked} ms)`);
        await modStream.waitFor((e) => e.event === 'question');

        await t.services.qa.saveSettings(event.id, { allowAnonymous: true, premoderation: true, wordFilter: [] }, { id: null, label: 'test' });
        await ask(origin, anna, 'Eine Frage, die auf Freigabe wartet?');
        const held = await modStream.waitFor((e) => e.event === 'question' && e.id !== arrived.id);
        await annaStream.waitFor((e) => e.id === held.id, 2000);
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(bertStream.events.some((e) => e.id === held.id), false, 'others do not hear of it');

        // Bert was away: his reconnect with Last-Event-ID brings what he may see of what he missed.
        bertStream.close();
        const id = (await t.database.db.selectFrom('questions').select('id').where('text', '=', 'Eine Frage, die auf Freigabe wartet?').executeTakeFirstOrThrow()).id;
        await t.services.qa.moderate(event.id, id, 'approve', { id: null, label: 'test' });
        await t.services.liveFeed.post(event.id, 'question', { id }, ['all']);
        const back = await openStream(`${origin}${ROOM}/stream`, { cookie: bert, 'last-event-id': arrived.id! });
        const missed = await back.waitFor((e) => e.event === 'question');
        assert.ok(Number(missed.id) > Number(held.id), 'the approval, not the held question');
        back.close();
      } finally {
        await t.services.qa.saveSettings(event.id, { allowAnonymous: true, premoderation: false, wordFilter: [] }, { id: null, label: 'test' });
        annaStream.close();
        bertStream.close();
        modStream.close();
      }
    });

    test('votes arrive with their new count', async () => {
      const carla = await enter(origin, await admittedToken(t.services, t.database.db, event, 'Carla'));
      const stream = await openStream(`${origin}${ROOM}/stream?since=${await t.services.liveFeed.head(event.id)}`, { cookie: carla });
      try {
        const question = (await t.services.qa.list(event.id, { asker: null, sort: 'new' }))[0]!;
        const page = await fetch(`${origin}${ROOM}/questions`, { headers: { cookie: carla } });
        const jar = cookieHeader({ cookies: page.headers.getSetCookie().map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1, c.indexOf(';')) })) }, carla);
        const body = new URLSearchParams({ _csrf: csrfTokenFrom(await page.text()), up: '1' });
        await fetch(`${origin}${ROOM}/questions/${question.id}/vote`, { method: 'POST', body, headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
        const vote = await stream.waitFor((e) => e.event === 'vote');
        assert.deepEqual(JSON.parse(vote.data), { id: question.id, votes: question.votes + 1 });
      } finally {
        stream.close();
      }
    });
    test('moderators move "now" in the programme: the room shows it and the streams hear of it', async () => {
      const frieda = await enter(origin, await admittedToken(t.services, t.database.db, event, 'Frieda'));
      const stream = await openStream(`${origin}${ROOM}/stream?since=${await t.services.liveFeed.head(event.id)}`, { cookie: frieda });
      const moderator = (await memberCookies(t, event.id, 'moderator', 'mod2.stream@example.org')).cookies;
      const readonly = (await memberCookies(t, event.id, 'readonly', 'ro.stream@example.org')).cookies;
      const post = async (cookie: string, item: string) => {
        const page = await fetch(`${origin}/admin/events/labcamp-2/live`, { headers: { cookie } });
        const jar = cookieHeader({ cookies: page.headers.getSetCookie().map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1, c.indexOf(';')) })) }, cookie);
        const html = await page.text();
        const body = new URLSearchParams({ _csrf: /name="_csrf"/.test(html) ? csrfTokenFrom(html) : '', item });
        return fetch(`${origin}/admin/events/labcamp-2/live/now`, { method: 'POST', body, headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
      };
      try {
        const agenda = (await t.services.program.forEvent(event.id)).agenda;
        assert.equal((await post(readonly, 'next')).status, 403, 'read-only members look, they do not steer');
        assert.equal((await post(moderator, '999999')).status, 400);
        assert.equal((await post(moderator, 'next')).status, 303);
        assert.equal((await t.services.live.room(event.id)).nowItemId, agenda[0]!.id, 'next from nothing: the first item');
        const heard = await stream.waitFor((e) => e.event === 'now');
        assert.deepEqual(JSON.parse(heard.data), { itemId: agenda[0]!.id });
        await post(moderator, 'next');
        assert.equal((await t.services.live.room(event.id)).nowItemId, agenda[1]!.id);
        const page = await fetch(`${origin}${ROOM}`, { headers: { cookie: frieda } });
        const html = await page.text();
        assert.match(html, /Jetzt im Programm/);
        assert.equal((html.match(/aria-current="time"/g) ?? []).length, 1);
        const part = await fetch(`${origin}${ROOM}?fragment=now`, { headers: { cookie: frieda } });
        assert.match(await part.text(), /^<section class="live-now"/, 'the part the live updates fetch');
        await post(moderator, '');
        assert.equal((await t.services.live.room(event.id)).nowItemId, null);
        const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'live.now').execute();
        assert.equal(audit.length, 3);
      } finally {
        stream.close();
      }
    });
  });
}

if (testDialects().includes('postgres')) {
  describe('live updates between two app processes on one PostgreSQL', () => {
    const children: ChildProcess[] = [];
    let drop: () => Promise<void> = async () => {};

    after(async () => {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r)))));
      await drop();
    });

    async function start(env: Record<string, string>): Promise<string> {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), BASE_URL: `http://127.0.0.1:${port}`, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (d) => (output += d));
      child.stderr!.on('data', (d) => (output += d));
      const started = Date.now();
      while (!/LabCamp is running/.test(output)) {
        if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`the server did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return `http://127.0.0.1:${port}`;
    }

    test('a question asked on one instance arrives at a client of the other within 1 s', async () => {
      const database = await createTestDatabase('postgres');
      drop = database.drop;
      if (database.config.dialect !== 'postgres') throw new Error('needs PostgreSQL');
      const env = { DATABASE_URL: database.config.url, DATA_DIR: database.dataDir, SECRET_KEY: 'two-instances-share-this-secret-0123456789' };
      const first = await start(env);
      const second = await start(env);

      // The test process registers someone through the same database, as a third party would.
      const config = { ...loadConfig({ DATA_DIR: database.dataDir, DATABASE_URL: database.config.url }), database: database.config };
      const db = openDatabase(config.database);
      try {
        const services = createServices({ config, database: db, clock: systemClock });
        const event = (await services.events.findBySlug('labcamp-2'))!;
        const dora = await enter(first, await admittedToken(services, db.db, event, 'Dora'));
        const emil = await enter(second, await admittedToken(services, db.db, event, 'Emil'));
        const stream = await openStream(`${first}${ROOM}/stream?since=0`, { cookie: dora });
        assert.equal(stream.status, 200);
        await new Promise((r) => setTimeout(r, 300));
        const asked = await ask(second, emil, 'Kommt das auf der anderen Instanz an?');
        const arrived = await stream.waitFor((e) => e.event === 'question', 3000);
        assert.ok(arrived.at - asked < 1000, `within 1 s (${arrived.at - asked} ms)`);
        stream.close();
        await services.mailWorker.stop();
      } finally {
        await db.close();
      }
    });
  });
}

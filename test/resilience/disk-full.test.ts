// The disk fills up in the middle of a registration burst (SQLite; ADR 33, ADR 35). SQLite's
// max_page_count stands in for the full disk: writes beyond it fail with SQLITE_FULL, exactly as
// on a full file system. What must hold: every visitor either saw "almost done" and is stored with
// their confirmation mail, or got a 503 "try again" and nothing of theirs is stored; never a 500,
// never half a registration; and once there is room again, registering works without a restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openRegistrationForm, type Outcome } from './registrant.js';

const SLUG = 'labcamp-2';
const BURST = 80;

describe('the disk fills up during a registration burst (sqlite)', () => {
  let t: TestApp;
  let origin: string;

  before(async () => {
    t = await createTestApp('sqlite', { RATE_LIMITS: 'off' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    // Every POST a new seat: no capacity, so nothing but the space decides.
    await t.database.db.updateTable('events').set({ capacity: null }).where('slug', '=', SLUG).execute();
  });

  after(async () => {
    await t.close();
  });

  async function pages(): Promise<number> {
    return (await sql<{ page_count: number }>`pragma page_count`.execute(t.database.db)).rows[0]!.page_count;
  }

  async function limitPages(n: number): Promise<void> {
    await sql.raw(`pragma max_page_count = ${n}`).execute(t.database.db);
  }

  async function stored(email: string) {
    const reg = await t.database.db.selectFrom('registrations').select(['id']).where('email', '=', email).executeTakeFirst();
    const mails = await t.database.db.selectFrom('outbox').select(['id']).where('to_address', '=', email).execute();
    const tokens = reg ? await t.database.db.selectFrom('registration_tokens').select('id').where('registration_id', '=', reg.id).execute() : [];
    return { registered: reg !== undefined, mails: mails.length, tokens: tokens.length };
  }

  test('each visitor is either registered with their mail or told to try again; nothing half-written; room again, registering works', async (ctx) => {
    const form = await openRegistrationForm(origin, SLUG);
    // Room for a handful of registrations (each is a row, answers, a token and a rendered mail).
    await limitPages((await pages()) + 12);

    const emails = Array.from({ length: BURST }, (_, i) => `voll-${i}@lab.example`);
    const answers = await Promise.all(emails.map((email) => form.submit(email)));
    const outcomes = new Map<Outcome, number>();
    for (const a of answers) outcomes.set(a.outcome, (outcomes.get(a.outcome) ?? 0) + 1);
    const summary = JSON.stringify(Object.fromEntries(outcomes));
    ctx.diagnostic(`${BURST} registrations into a nearly full database: ${summary}`);
    assert.deepEqual([...outcomes.keys()].filter((o) => o !== 'acknowledged' && o !== 'status 503'), [], `only "almost done" or 503: ${summary}`);
    assert.ok((outcomes.get('acknowledged') ?? 0) > 0, `some fitted before the disk was full: ${summary}`);
    assert.ok((outcomes.get('status 503') ?? 0) > 0, `the rest were told to try again: ${summary}`);
    for (const a of answers) if (a.outcome === 'status 503') assert.equal(a.retryAfter, '5');

    for (const [i, email] of emails.entries()) {
      const s = await stored(email);
      if (answers[i]!.outcome === 'acknowledged') assert.deepEqual(s, { registered: true, mails: 1, tokens: 1 }, `${email} was acknowledged`);
      else assert.deepEqual(s, { registered: false, mails: 0, tokens: 0 }, `${email} got a 503`);
    }

    // The operator makes room: the same server takes registrations again, and the file is sound.
    await limitPages(1_000_000_000);
    const again = await form.submit('wieder-platz@lab.example');
    assert.equal(again.outcome, 'acknowledged');
    assert.deepEqual(await stored('wieder-platz@lab.example'), { registered: true, mails: 1, tokens: 1 });
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.database.db);
    assert.deepEqual(integrity.rows, [{ integrity_check: 'ok' }]);
  });
});

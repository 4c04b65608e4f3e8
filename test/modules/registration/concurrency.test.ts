import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { zonedTimeToUtc } from '../../../src/platform/time.js';
import { SYSTEM_ACTOR } from '../../../src/platform/audit/audit.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';

for (const dialect of testDialects()) {
  describe(`the last seat is never given twice (${dialect})`, () => {
    let t: TestApp;
    let event: LabEvent;
    before(async () => {
      t = await createTestApp(dialect);
      const base = (await t.services.events.findBySlug('labcamp-2'))!;
      const id = await t.services.events.createEvent({ ...base, slug: 'rush', capacity: 100, startsAt: zonedTimeToUtc('2027-02-02T15:00', 'Europe/Berlin'), endsAt: zonedTimeToUtc('2027-02-02T17:00', 'Europe/Berlin') }, SYSTEM_ACTOR);
      event = (await t.services.events.findById(id))!;
    });
    after(async () => t.close());

    test('200 simultaneous registrations and confirmations for 100 seats: exactly 100 admitted, 100 waitlisted', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          t.services.registration.register(event, { name: `Person ${i}`, email: `person${i}@lab.example`, organisation: 'Lab', level: 'kommune', land: 'NW', role: null, listed: false, answers: {} }, 'de'),
        ),
      );
      assert.ok(outcomes.every((o) => o.kind === 'registered'));
      assert.equal(outcomes.filter((o) => o.kind === 'registered' && o.holdsSeat).length, 100, 'seats reserved at registration');

      // Confirm all at once, each through the token of its confirmation mail.
      const mails = await t.database.db.selectFrom('outbox').select(['text_body']).where('template', '=', 'confirm_email').where('event_id', '=', event.id).execute();
      assert.equal(mails.length, 200);
      const tokens = mails.map((m) => /\/r\/([A-Za-z0-9_-]{43})/.exec(m.text_body)![1]!);
      const statuses = await Promise.all(tokens.map((token) => t.services.registration.confirm(token)));
      assert.equal(statuses.filter((s) => s === 'admitted').length, 100);
      assert.equal(statuses.filter((s) => s === 'waitlisted').length, 100);
      assert.deepEqual(await t.services.registration.counts(event.id), { admitted: 100, waitlisted: 100 });
      const seats = await t.database.db.selectFrom('registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('event_id', '=', event.id).where('holds_seat', '=', 1).executeTakeFirstOrThrow();
      assert.equal(Number(seats.n), 100);
    });

    test('the same address sent twice at once gives one registration', async () => {
      const details = { name: 'Twice', email: 'Twice@Lab.example', organisation: 'Lab', level: 'land' as const, land: 'BE', role: null, listed: false, answers: {} };
      const outcomes = await Promise.all([1, 2, 3].map(() => t.services.registration.register(event, details, 'de')));
      assert.equal(outcomes.filter((o) => o.kind === 'registered').length, 1);
      assert.equal(outcomes.filter((o) => o.kind === 'duplicate').length, 2);
      const rows = await t.database.db.selectFrom('registrations').select('id').where('email', '=', 'twice@lab.example').execute();
      assert.equal(rows.length, 1);
    });
  });
}

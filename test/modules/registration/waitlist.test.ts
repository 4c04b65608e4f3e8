import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/app.js';
import { SYSTEM_ACTOR } from '../../../src/platform/audit/audit.js';
import { DEFAULT_POLICY } from '../../../src/modules/registration/registration.types.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';
import type { Level } from '../../../src/platform/germany.js';

const HOUR = 3600_000;

for (const dialect of testDialects()) {
  describe(`waiting list, deadlines and approval (${dialect})`, () => {
    let t: TestApp;
    let seq = 0;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(async () => t.close());

    async function smallEvent(capacity: number, admissionMode: 'automatic' | 'approval' = 'automatic'): Promise<LabEvent> {
      const base = (await t.services.events.findBySlug('labcamp-2'))!;
      const id = await t.services.events.createEvent({ ...base, slug: `small-${++seq}`, capacity }, SYSTEM_ACTOR);
      await t.services.registration.configure(id, { policy: { ...DEFAULT_POLICY, admissionMode }, questions: [] });
      return (await t.services.events.findById(id))!;
    }

    /** Registers and returns the token of the confirmation mail. */
    async function register(event: LabEvent, who: string): Promise<string> {
      const outcome = await t.services.registration.register(event, { name: who, email: `${who}@lab.example`, organisation: 'Lab', level: 'kommune' as Level, land: null, role: null, listed: false, answers: {} }, 'de');
      assert.equal(outcome.kind, 'registered');
      return latestToken(who, 'confirm_email');
    }

    async function latestToken(who: string, template: string): Promise<string> {
      const mail = await t.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', `${who}@lab.example`).where('template', '=', template).orderBy('id', 'desc').executeTakeFirstOrThrow();
      return /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
    }

    async function statusOf(who: string): Promise<string> {
      const row = await t.database.db.selectFrom('registrations').select('status').where('email', '=', `${who}@lab.example`).orderBy('id', 'desc').executeTakeFirstOrThrow();
      return row.status;
    }

    test('a capacity lowered below the seats already given: newcomers wait, until enough seats are freed', async () => {
      const event = await smallEvent(3);
      for (const who of ['dora', 'emil', 'fiona']) assert.equal(await t.services.registration.confirm(await register(event, who)), 'admitted');
      // The organizers make the room smaller: three seats given, one left in the new capacity.
      await t.database.db.updateTable('events').set({ capacity: 1 }).where('id', '=', event.id).execute();
      const smaller = (await t.services.events.findById(event.id))!;
      assert.equal(await t.services.registration.confirm(await register(smaller, 'gregor')), 'waitlisted');
      // Back to three seats, with all three still taken: still no seat.
      await t.database.db.updateTable('events').set({ capacity: 3 }).where('id', '=', event.id).execute();
      const again = (await t.services.events.findById(event.id))!;
      const hanna = await register(again, 'hanna');
      assert.equal(await t.services.registration.confirm(hanna), 'waitlisted');
      assert.equal(await t.services.registration.seatsTaken(event.id), 3);
    });

    test('a freed seat is offered to the first on the waiting list, who accepts it', async () => {
      const event = await smallEvent(1);
      const ana = await register(event, 'ana');
      const ben = await register(event, 'ben');
      const cem = await register(event, 'cem');
      assert.equal(await t.services.registration.confirm(ana), 'admitted');
      assert.equal(await t.services.registration.confirm(ben), 'waitlisted');
      assert.equal(await t.services.registration.confirm(cem), 'waitlisted');
      const benPage = await t.services.registration.personalView(ben);
      assert.equal(benPage?.waitlistPosition, 1);
      assert.equal((await t.services.registration.personalView(cem))?.waitlistPosition, 2);

      assert.equal(await t.services.registration.cancelByToken(ana), 'cancelled');
      assert.equal(await statusOf('ben'), 'offered');
      assert.equal(await statusOf('cem'), 'waitlisted');
      const offer = await latestToken('ben', 'seat_offered');
      assert.equal(await t.services.registration.acceptOffer(offer), 'admitted');
      assert.deepEqual(await t.services.registration.counts(event.id), { admitted: 1, cancelled: 1, waitlisted: 1 });
    });

    test('an offer not accepted in time moves on to the next person', async () => {
      const event = await smallEvent(1);
      const ana = await register(event, 'dora');
      await t.services.registration.confirm(ana);
      await t.services.registration.confirm(await register(event, 'emil'));
      await t.services.registration.confirm(await register(event, 'finn'));
      await t.services.registration.cancelByToken(ana);
      assert.equal(await statusOf('emil'), 'offered');
      t.clock.advance(49 * HOUR);
      try {
        assert.equal(await t.services.registration.processDeadlines(), 1);
        assert.equal(await statusOf('emil'), 'expired');
        assert.equal(await statusOf('finn'), 'offered');
        const told = await t.database.db.selectFrom('outbox').select('template').where('to_address', '=', 'emil@lab.example').where('template', '=', 'offer_expired').execute();
        assert.equal(told.length, 1);
        // Too late: the old offer link cannot take the seat any more.
        assert.equal(await t.services.registration.acceptOffer(await latestToken('emil', 'seat_offered')), 'expired');
        assert.equal(await statusOf('emil'), 'expired');
      } finally {
        t.clock.set(TEST_NOW);
      }
    });

    test('an unconfirmed registration expires after its deadline and frees its reserved seat', async () => {
      const event = await smallEvent(1);
      const gil = await register(event, 'gil');
      const hana = await register(event, 'hana');
      t.clock.advance(47 * HOUR);
      assert.equal(await t.services.registration.confirm(hana), 'waitlisted', 'gil still holds the seat');
      t.clock.advance(2 * HOUR);
      try {
        await t.services.registration.processDeadlines();
        assert.equal(await statusOf('gil'), 'expired');
        assert.equal(await statusOf('hana'), 'offered');
        assert.equal(await t.services.registration.confirm(gil), 'expired');
        // An expired address may register again.
        const again = await t.services.registration.register(event, { name: 'gil', email: 'gil@lab.example', organisation: 'Lab', level: 'land', land: null, role: null, listed: false, answers: {} }, 'de');
        assert.equal(again.kind, 'registered');
      } finally {
        t.clock.set(TEST_NOW);
      }
    });

    test('approval mode: confirmed people wait for an organizer; approve admits, reject tells the reason', async () => {
      const event = await smallEvent(1, 'approval');
      const ida = await register(event, 'ida');
      const jan = await register(event, 'jan');
      assert.equal(await t.services.registration.confirm(ida), 'pending');
      assert.equal(await t.services.registration.confirm(jan), 'pending');
      const id = async (who: string) => (await t.database.db.selectFrom('registrations').select('id').where('email', '=', `${who}@lab.example`).executeTakeFirstOrThrow()).id;
      const orga = { id: null, label: 'Orga' };
      assert.equal(await t.services.registration.approve(await id('ida'), orga), 'admitted');
      assert.equal(await t.services.registration.approve(await id('jan'), orga), 'waitlisted', 'no seat left');
      await t.services.registration.reject(await id('jan'), 'Kein öffentliches Innovationslabor', orga);
      const mail = await t.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', 'jan@lab.example').where('template', '=', 'rejected').executeTakeFirstOrThrow();
      assert.match(mail.text_body, /Begründung: Kein öffentliches Innovationslabor/);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'registration.%').execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['registration.approved', 'registration.approved', 'registration.rejected']);
    });

    test('a registration entered by an organizer needs no e-mail confirmation', async () => {
      const event = await smallEvent(5);
      const outcome = await t.services.registration.register(event, { name: 'Kai', email: 'kai@lab.example', organisation: 'Per Mail', level: 'bund', land: null, role: null, listed: false, answers: {} }, 'de', 'manual', { id: null, label: 'Orga' });
      assert.equal(outcome.kind === 'registered' && outcome.status, 'admitted');
      const templates = await t.database.db.selectFrom('outbox').select('template').where('to_address', '=', 'kai@lab.example').execute();
      assert.deepEqual(templates.map((r) => r.template), ['admitted']);
    });
  });
}

// The participant list (#8, item 3) on both databases: for admitted participants only, showing
// only admitted people who agreed, with name, lab and level and nothing else.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { visitor } from '../../helpers/visitor.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';

for (const dialect of testDialects()) {
  describe(`participant list (${dialect})`, () => {
    let t: TestApp;
    let event: LabEvent;
    const tokens: Record<string, string> = {};

    before(async () => {
      t = await createTestApp(dialect);
      event = (await t.services.events.findBySlug('labcamp-2'))!;
      const people: Array<[string, string, boolean]> = [
        ['Zoe <b>Zett</b>', 'Stadtlabor Soest', true], ['Anton Acker', 'CityLAB Berlin', true], ['Nina Nolist', 'Digitallabor', false], ['Wally Warte', 'Innolab', true],
      ];
      for (const [name, organisation, listed] of people) {
        const email = `${name.split(' ')[0]!.toLowerCase()}.list@example.org`;
        const outcome = await t.services.registration.register(event, { name, email, organisation, level: 'kommune', land: 'NW', role: null, listed, answers: { 2: 'no' } }, 'de', 'manual', { id: null, label: 'test' });
        assert.equal(outcome.kind, 'registered');
        const mail = await t.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
        tokens[name.split(' ')[0]!] = /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
      }
      const wally = await t.database.db.selectFrom('registrations').select('id').where('email', '=', 'wally.list@example.org').executeTakeFirstOrThrow();
      await t.services.registration.organizerChange(wally.id, { id: null, label: 'test' }, 'waitlist');
    });
    after(async () => t.close());

    test('admitted people who agreed, with name, lab and level only', async () => {
      const personal = await visitor(t).get(`/r/${tokens.Anton}`);
      assert.match(personal.body, /href="\/r\/[A-Za-z0-9_-]{43}\/participants"/);
      const res = await visitor(t).get(`/r/${tokens.Anton}/participants`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.body, /2 Personen in der Liste/);
      assert.ok(res.body.includes('Anton Acker') && res.body.includes('CityLAB Berlin'));
      assert.ok(res.body.includes('Zoe &lt;b>Zett&lt;/b>'), 'names are text');
      assert.ok(!res.body.includes('Nina'), 'not agreed');
      assert.ok(!res.body.includes('Wally'), 'not admitted');
      assert.ok(!res.body.includes('@example.org'), 'no addresses');
      assert.match(res.body, /Ihr steht in der Liste/);
      assert.match((await visitor(t).get(`/r/${tokens.Nina}/participants`)).body, /Ihr steht nicht in der Liste/);
    });

    test('only for admitted participants', async () => {
      assert.equal((await visitor(t).get(`/r/${tokens.Wally}/participants`)).statusCode, 403);
      assert.equal((await visitor(t).get(`/r/${'x'.repeat(43)}/participants`)).statusCode, 404);
    });
  });
}

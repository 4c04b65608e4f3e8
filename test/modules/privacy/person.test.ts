// The rights of the person (#8, item 2) on both databases: from the personal page, everything
// stored about the address as a page and as JSON, and erasure across every module after a
// confirmation; by platform admins for any address. Both audited, never with the address.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import type { TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { adminTestApp, signedInMember } from '../../helpers/team.js';
import { communityMember, registeredToken } from '../../helpers/community.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';

for (const dialect of testDialects()) {
  describe(`rights of the person (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let event: LabEvent;

    before(async () => {
      const setup = await adminTestApp(dialect, 'labcamp-2');
      t = setup.t;
      admin = setup.admin;
      event = (await t.services.events.findBySlug('labcamp-2'))!;
    });
    after(async () => t.close());

    const auditRows = () => t.database.db.selectFrom('audit_log').selectAll().execute();

    test('the personal page shows everything stored, as a page and as JSON', async () => {
      const member = await communityMember(t, event, 'Paula');
      await member.get('/community/profile');
      await member.post('/community/profile', { name: 'Paula P.', lab: '', about: 'Baut <Prototypen>', findable: 'yes' });
      const token = (await t.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', 'paula.community@example.org').orderBy('id').executeTakeFirstOrThrow()).text_body.match(/\/r\/([A-Za-z0-9_-]{43})/)![1]!;
      const personal = await visitor(t).get(`/r/${token}`);
      assert.match(personal.body, /Alle gespeicherten Daten ansehen/);
      const page = await visitor(t).get(`/r/${token}/data`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /paula\.community@example\.org/);
      assert.match(page.body, /Anmeldung: LabCamp #2/);
      assert.match(page.body, /Baut &lt;Prototypen/);
      const json = await visitor(t).get(`/r/${token}/data.json`);
      assert.match(json.headers['content-disposition'] as string, /attachment/);
      const data = JSON.parse(json.body);
      assert.equal(data.email, 'paula.community@example.org');
      assert.equal(data.registrations[0].organisation, 'Stadtlabor Soest');
      assert.ok(data.registrations[0].mails.length >= 1, 'the mails sent to her');
      assert.ok(data.registrations[0].answers.length >= 1, 'her answers');
      assert.equal(data.community.member.about, 'Baut <Prototypen>');
      const exported = (await auditRows()).filter((a) => a.action === 'privacy.person.exported');
      assert.equal(exported.length, 2);
      assert.ok(!JSON.stringify(exported).includes('paula'), 'the log never names the address');
      assert.equal((await visitor(t).get(`/r/${'y'.repeat(43)}/data.json`)).statusCode, 404);
    });

    test('erasure from the personal page: confirmed, cancels, anonymises everywhere, link dead', async () => {
      const token = await registeredToken(t, event, 'Erik', 'CityLAB Berlin');
      const erik = visitor(t);
      await erik.get(`/r/${token}`);
      await erik.post(`/r/${token}/community`, {});
      const reg = await t.database.db.selectFrom('registrations').selectAll().where('email', '=', 'erik.community@example.org').executeTakeFirstOrThrow();
      assert.equal(reg.status, 'admitted');
      await t.services.qa.ask(event.id, { kind: 'participant', registrationId: reg.id, name: 'Erik' }, { text: 'Gibt es Folien?', agendaItemId: null, anonymous: false });

      const confirm = await erik.get(`/r/${token}/erase`);
      assert.match(confirm.body, /lässt sich nicht rückgängig machen/);
      assert.equal((await erik.post(`/r/${token}/erase`, {})).statusCode, 303, 'no confirmation, no erasure');
      assert.equal((await t.database.db.selectFrom('registrations').select('name').where('id', '=', reg.id).executeTakeFirstOrThrow()).name, 'Erik');

      const done = await erik.post(`/r/${token}/erase`, { confirm: 'yes' });
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /Eure Daten sind gelöscht/);
      const after = await t.database.db.selectFrom('registrations').selectAll().where('id', '=', reg.id).executeTakeFirstOrThrow();
      assert.equal(after.status, 'cancelled', 'cancelled first: the seat goes back');
      assert.equal(after.name, '');
      assert.match(after.email, /@anonymised\.invalid$/);
      assert.equal(await t.database.db.selectFrom('members').select('id').where('email', '=', 'erik.community@example.org').executeTakeFirst(), undefined);
      const question = await t.database.db.selectFrom('questions').selectAll().where('text', '=', 'Gibt es Folien?').executeTakeFirstOrThrow();
      assert.equal(question.author_name, null);
      assert.equal((await visitor(t).get(`/r/${token}`)).statusCode, 404);
      const everything = JSON.stringify(await Promise.all(['registrations', 'outbox', 'questions', 'members', 'audit_log'].map((table) => t.database.db.selectFrom(table as 'registrations').selectAll().execute())));
      assert.ok(!everything.includes('erik.community@example.org'), 'the address is nowhere');
      assert.ok(!everything.includes('Erik'), 'nor the name');
      const erased = (await auditRows()).find((a) => a.action === 'privacy.person.erased')!;
      assert.match(erased.subject_id, /^sha256:[0-9a-f]{16}$/);
    });

    test('platform admins answer requests for any address; others may not', async () => {
      await registeredToken(t, event, 'Anna', 'Stadtlabor Soest');
      await admin.get('/admin/privacy');
      const bad = await admin.post('/admin/privacy', { email: 'kein-mail' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-email"/);
      const none = await admin.post('/admin/privacy', { email: 'niemand@example.org' });
      assert.match(none.body, /Zu dieser Adresse ist nichts gespeichert/);
      const found = await admin.post('/admin/privacy', { email: 'Anna.Community@example.org' });
      assert.match(found.body, /1 Anmeldung\(en\)\./);
      const json = await admin.post('/admin/privacy/export', { email: 'anna.community@example.org', format: 'json' });
      assert.equal(JSON.parse(json.body).registrations.length, 1);
      const html = await admin.post('/admin/privacy/export', { email: 'anna.community@example.org', format: 'html' });
      assert.match(html.body, /Eure Daten bei LabCamp/);
      const unconfirmed = await admin.post('/admin/privacy/erase', { email: 'anna.community@example.org' });
      assert.equal(unconfirmed.statusCode, 422);
      assert.match(unconfirmed.body, /Bitte bestätigt die Löschung/);
      const erased = await admin.post('/admin/privacy/erase', { email: 'anna.community@example.org', confirm: 'yes' });
      assert.match(erased.body, /Gelöscht: 1 Anmeldung/);
      assert.equal(await t.database.db.selectFrom('registrations').select('id').where('email', '=', 'anna.community@example.org').executeTakeFirst(), undefined);

      const organizer = await signedInMember(t, event.id, 'owner', 'owner.privacy@example.org');
      assert.equal((await organizer.visitor.get('/admin/privacy')).statusCode, 403, 'event owners are not platform admins');
    });
  });
}

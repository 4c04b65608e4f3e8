// "Get in touch" (#7, item 4) over HTTP on both databases: members write to members who chose to be
// found; the mail goes to the recipient through the outbox and reveals neither address; the
// recipient can answer the same way even when the writer cannot be found; hidden members, oneself
// and visitors are refused; bad input is refused next to the field; a daily limit stops floods.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import type { TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { adminTestApp } from '../../helpers/team.js';
import { communityMember } from '../../helpers/community.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';
import { CONTACT_PER_DAY } from '../../../src/modules/community/contact.service.js';

for (const dialect of testDialects()) {
  describe(`community contact (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let event: LabEvent;
    let gina: Visitor;
    let hans: Visitor;
    let ginaId: number;
    let hansId: number;

    before(async () => {
      const setup = await adminTestApp(dialect, 'labcamp-2');
      t = setup.t;
      admin = setup.admin;
      event = (await t.services.events.findBySlug('labcamp-2'))!;
      gina = await communityMember(t, event, 'Gina');
      hans = await communityMember(t, event, 'Hans', 'CityLAB Berlin');
      const id = async (name: string) => (await t.database.db.selectFrom('members').select('id').where('email', '=', `${name}.community@example.org`).executeTakeFirstOrThrow()).id;
      ginaId = await id('gina');
      hansId = await id('hans');
      // Gina can be found; Hans cannot.
      await gina.get('/community/profile');
      assert.equal((await gina.post('/community/profile', { name: 'Gina', lab: '', about: 'Open Data in Soest', findable: 'yes' })).statusCode, 303);
    });
    after(async () => t.close());

    const mailsTo = (address: string) => t.database.db.selectFrom('outbox').selectAll().where('to_address', '=', address).where('template', '=', 'community_contact').execute();

    test('the member list shows only those who chose to be found, to the community only', async () => {
      const list = await hans.get('/community/members');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Open Data in Soest/);
      assert.ok(list.body.includes(`/community/members/${ginaId}/contact`));
      assert.ok(!list.body.includes('>Hans'), 'Hans is not findable');
      assert.ok(!list.body.includes('@example.org'), 'no addresses');
      assert.equal((await visitor(t).get('/community/members')).statusCode, 403);
      assert.equal((await admin.get('/community/members')).statusCode, 200, 'team members see the list');
    });

    test('a message goes by mail through the platform, revealing neither address', async () => {
      await hans.get(`/community/members/${ginaId}/contact`);
      const bad = await hans.post(`/community/members/${ginaId}/contact`, { message: 'Hallo' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-message"/);
      assert.match(bad.body, /mindestens 10 Zeichen/);
      assert.equal((await mailsTo('gina.community@example.org')).length, 0);

      const sent = await hans.post(`/community/members/${ginaId}/contact`, { message: 'Wie habt ihr euer <Open-Data-Portal> aufgebaut?\nGruß, Hans' });
      assert.equal(sent.statusCode, 303);
      const [mail] = await mailsTo('gina.community@example.org');
      assert.ok(mail);
      assert.match(mail.subject, /Nachricht über LabCamp von Hans/);
      assert.match(mail.text_body, /Hans \(CityLAB Berlin\) hat euch/);
      assert.match(mail.text_body, /<Open-Data-Portal>/);
      assert.ok(mail.html_body.includes('&lt;Open-Data-Portal'), 'escaped in HTML');
      assert.ok(!mail.text_body.includes('hans.community@example.org') && !mail.html_body.includes('hans.community@example.org'), "the writer's address stays hidden");
      assert.ok(mail.text_body.includes(`${t.config.baseUrl.origin}/community/members/${hansId}/contact`), 'answer link');

      // Gina answers through the link, although Hans cannot be found.
      const answer = await gina.get(`/community/members/${hansId}/contact`);
      assert.equal(answer.statusCode, 200);
      assert.equal((await gina.post(`/community/members/${hansId}/contact`, { message: 'Gern, ruft mich über die Plattform an.' })).statusCode, 303);
      assert.equal((await mailsTo('hans.community@example.org')).length, 1);
    });

    test('hidden members, oneself and visitors are refused', async () => {
      const ida = await communityMember(t, event, 'Ida');
      await ida.get('/community/members');
      assert.equal((await ida.get(`/community/members/${hansId}/contact`)).statusCode, 404, 'Hans is hidden and never wrote to Ida');
      assert.equal((await gina.get(`/community/members/${ginaId}/contact`)).statusCode, 404, 'not to oneself');
      assert.equal((await ida.get('/community/members/999999/contact')).statusCode, 404);
      assert.equal((await visitor(t).get(`/community/members/${ginaId}/contact`)).statusCode, 403);
      assert.equal((await admin.get(`/community/members/${ginaId}/contact`)).statusCode, 403, 'team members write from their own mail');
    });

    test(`at most ${CONTACT_PER_DAY} messages a day`, async () => {
      const jo = await communityMember(t, event, 'Jo');
      await jo.get(`/community/members/${ginaId}/contact`);
      for (let i = 0; i < CONTACT_PER_DAY; i++) {
        assert.equal((await jo.post(`/community/members/${ginaId}/contact`, { message: `Nachricht Nummer ${i} an Gina` })).statusCode, 303);
      }
      const refused = await jo.post(`/community/members/${ginaId}/contact`, { message: 'Eine Nachricht zu viel' });
      assert.equal(refused.statusCode, 429);
      assert.match(refused.body, /viele Nachrichten/);
      assert.ok(refused.body.includes('Eine Nachricht zu viel'), 'the text is kept');
      assert.equal((await t.database.db.selectFrom('contact_messages').select('id').execute()).length, 2 + CONTACT_PER_DAY);
    });
  });
}

// The Datenschutz page's generated part and the record of processing activities (#8, item 4):
// built from the running settings (retention days, mail server, video systems), so they say
// what the platform does; the record is for platform admins only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import type { TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { adminTestApp, signedInMember } from '../../helpers/team.js';
import { processingActivities } from '../../../src/modules/privacy/processing.js';

describe('processing activities', () => {
  test('follow the settings', () => {
    const settings = { retention: { defaultDays: 60, minDays: 14, maxDays: 180 }, smtpHost: 'mail.stadt.example', jitsiDomain: 'meet.stadt.example', bbbHost: null, database: 'postgres' as const };
    const de = JSON.stringify(processingActivities(settings, 'de'));
    assert.match(de, /bis 60 Tage nach dem Ende der Veranstaltung \(die Organisierenden können 14 bis 180 Tage wählen/);
    assert.match(de, /der Mailserver mail\.stadt\.example/);
    assert.match(de, /Jitsi Meet \(meet\.stadt\.example\)/);
    assert.doesNotMatch(de, /BigBlueButton/);
    const en = JSON.stringify(processingActivities({ ...settings, smtpHost: null, jitsiDomain: null }, 'en'));
    assert.match(en, /no mail server configured/);
    assert.doesNotMatch(en, /Jitsi/);
  });
});

for (const dialect of testDialects()) {
  describe(`Datenschutz page and record (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;

    before(async () => {
      const setup = await adminTestApp(dialect, 'labcamp-2');
      t = setup.t;
      admin = setup.admin;
    });
    after(async () => t.close());

    test('the privacy page ends with what is processed, from the settings', async () => {
      const page = await visitor(t).get('/datenschutz');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Was LabCamp verarbeitet \(aus den Einstellungen erzeugt\)/);
      assert.match(page.body, /bis 90 Tage nach dem Ende der Veranstaltung/);
      assert.match(page.body, /kein Mailserver eingerichtet/);
      assert.match(page.body, /lc_member \(Community, 30 Tage\)/);
      const en = await visitor(t).get('/datenschutz?lang=en');
      assert.match(en.body, /What LabCamp processes/);
    });

    test('the record of processing activities is for platform admins', async () => {
      const record = await admin.get('/admin/privacy/record.md');
      assert.equal(record.statusCode, 200);
      assert.match(record.headers['content-type'] as string, /^text\/markdown/);
      assert.match(record.body, /^# Verzeichnis von Verarbeitungstätigkeiten \(Art\. 30 DSGVO\): LabCamp/);
      assert.match(record.body, /## Anmeldung zu Treffen\n\n- \*\*Zweck:\*\*/);
      const event = (await t.services.events.findBySlug('labcamp-2'))!;
      const owner = await signedInMember(t, event.id, 'owner', 'owner.record@example.org');
      assert.equal((await owner.visitor.get('/admin/privacy/record.md')).statusCode, 403);
    });
  });
}

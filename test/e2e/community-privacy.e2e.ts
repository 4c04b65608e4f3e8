// The remaining new pages of #7 and #8 in a real Chromium, on each database, each checked by
// axe-core (WCAG 2.1 AA) and used as a person would: the challenges board (naming one through its
// errors, "we have this too" with the keyboard), the members who can be found and "get in touch",
// the personal page's data view and erasure, the event's Datenschutz tab, access and erasure for
// admins, two-factor setup and its code step, and the generated part of the Datenschutz page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible, closeContext, navigation, newRecordedContext } from './helpers/browser.js';
import { serverAndBrowser } from './helpers/suite.js';
import { errorSummary, h1, pathOf, registered } from './helpers/community.js';
import { base32Decode, totpCode, totpStep } from '../../src/platform/totp.js';

for (const dialect of testDialects()) {
  describe(`challenges, members and privacy in Chromium (${dialect})`, () => {
    const running = serverAndBrowser(dialect);
    const german = { locale: 'de-DE', viewport: { width: 1280, height: 900 } };

    test('1. a member names a challenge through its errors, finds people to write to, and writes', async () => {
      const { server, browser } = running;
      // Someone who can be found, to write to.
      const other = await registered(server, 'Ole Offen', 'ole.e2e@example.org', 'CityLAB Berlin');
      const token = await registered(server, 'Mia Mitglied', 'mia.e2e@example.org', 'Stadtlabor Soest');
      const { context, page, recorder } = await newRecordedContext(browser, german);
      try {
        await page.goto(server.url(`/r/${other}`));
        await navigation(page, () => page.getByRole('button', { name: 'Zur Community', exact: true }).click());
        await page.getByRole('checkbox', { name: 'Andere Mitglieder dürfen mich finden (auf der Seite meines Labors).' }).check();
        await navigation(page, () => page.getByRole('button', { name: 'Profil speichern', exact: true }).click());
        await context.clearCookies();

        await page.goto(server.url(`/r/${token}`));
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Zur Community', exact: true }).click()), [303, 200]);
        await page.goto(server.url('/challenges'));
        assert.equal(await h1(page), 'Herausforderungen');
        await assertAccessible(page, '/challenges for a member');
        assert.deepEqual(await navigation(page, () => page.getByRole('link', { name: 'Eine Herausforderung nennen', exact: true }).click()), [200]);
        await assertAccessible(page, '/challenges/new');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Einreichen', exact: true }).click()), [422]);
        assert.deepEqual(await errorSummary(page), ['title', 'description']);
        await assertAccessible(page, '/challenges/new with errors');
        await page.getByRole('textbox', { name: 'Titel' }).fill('Datenschutz bremst Prototypen');
        await page.getByRole('textbox', { name: 'Beschreibung' }).fill('Jede Erprobung braucht eine Folgenabschätzung.');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Einreichen', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), '/challenges?done=submitted');
        assert.match(await page.locator('main').innerText(), /Eure Einreichungen[^]*Datenschutz bremst Prototypen[^]*In Prüfung/);
        await assertAccessible(page, '/challenges with a submission');

        // "We have this too" on the published demo challenge, with the keyboard.
        await page.goto(server.url('/challenges/exotenstatus-in-der-eigenen-verwaltung'));
        const vote = page.getByRole('button', { name: 'Haben wir auch: Exotenstatus in der eigenen Verwaltung' });
        assert.equal(await vote.getAttribute('aria-pressed'), 'false');
        await vote.focus();
        assert.deepEqual(await navigation(page, () => page.keyboard.press('Enter')), [303, 200]);
        assert.match(await page.locator('main').innerText(), /1 Labor hat das auch/);
        assert.equal(await page.getByRole('button', { name: 'Doch nicht: Exotenstatus in der eigenen Verwaltung' }).getAttribute('aria-pressed'), 'true');
        await assertAccessible(page, 'a challenge with a vote');

        // The members who can be found, and a message to one of them.
        await page.goto(server.url('/community/members'));
        await assertAccessible(page, '/community/members');
        assert.deepEqual(await navigation(page, () => page.getByRole('link', { name: 'Kontakt aufnehmen mit Ole Offen' }).click()), [200]);
        assert.equal(await h1(page), 'Nachricht an Ole Offen');
        await assertAccessible(page, 'the contact form');
        await page.getByRole('textbox', { name: 'Nachricht' }).fill('Hallo');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Senden', exact: true }).click()), [422]);
        assert.deepEqual(await errorSummary(page), ['message']);
        await page.getByRole('textbox', { name: 'Nachricht' }).fill('Hallo Ole, wie habt ihr eure Sprechstunde aufgebaut?');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Senden', exact: true }).click()), [303, 200]);
        assert.match(await page.locator('.notice[role="status"]').innerText(), /Gesendet/);
        const mail = await server.database.db.selectFrom('outbox').selectAll().where('to_address', '=', 'ole.e2e@example.org').where('template', '=', 'community_contact').executeTakeFirstOrThrow();
        assert.ok(!mail.text_body.includes('mia.e2e@example.org'), 'her address stays hidden');
      } finally {
        await closeContext(context, recorder);
      }
    });

    test('2. a participant sees their data and erases it; the Datenschutz page says what is processed', async () => {
      const { server, browser } = running;
      const token = await registered(server, 'Dora Daten', 'dora.e2e@example.org', 'Stadtlabor Soest');
      const { context, page, recorder } = await newRecordedContext(browser, german);
      try {
        await page.goto(server.url(`/r/${token}`));
        const data = page.getByRole('region', { name: 'Eure Daten' });
        assert.deepEqual(await navigation(page, () => data.getByRole('link', { name: 'Alle gespeicherten Daten ansehen' }).click()), [200]);
        assert.equal(await h1(page), 'Eure Daten bei LabCamp');
        assert.match(await page.locator('main').innerText(), /dora\.e2e@example\.org[^]*Anmeldung: LabCamp #2/);
        await assertAccessible(page, 'the data page');
        await page.goto(server.url(`/r/${token}`));
        assert.deepEqual(await navigation(page, () => data.getByRole('link', { name: 'Alle meine Daten löschen' }).click()), [200]);
        await assertAccessible(page, 'the erasure confirmation');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Ja, alles löschen', exact: true }).click()), [200]);
        assert.equal(await h1(page), 'Eure Daten sind gelöscht.');
        await assertAccessible(page, 'erased');
        assert.equal((await page.goto(server.url(`/r/${token}`)))?.status(), 404, 'the link is dead');

        await page.goto(server.url('/datenschutz'));
        assert.match(await page.locator('main').innerText(), /Was LabCamp verarbeitet \(aus den Einstellungen erzeugt\)[^]*bis 90 Tage nach dem Ende/);
        await assertAccessible(page, '/datenschutz');
      } finally {
        await closeContext(context, recorder);
      }
    });

    test('3. organizers: the Datenschutz tab, access and erasure, two-factor sign-in and its code step', async () => {
      const { server, browser } = running;
      const { context, page, recorder } = await newRecordedContext(browser, german);
      try {
        await page.goto(server.report.firstLoginLink!);
        await navigation(page, () => page.getByRole('button', { name: 'Jetzt anmelden', exact: true }).click());
        await page.goto(server.url('/admin/events/labcamp-2/privacy'));
        await assertAccessible(page, 'the Datenschutz tab');
        await page.getByRole('textbox', { name: 'Aufbewahrung nach dem Ende (Tage)' }).fill('3');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Speichern', exact: true }).click()), [422]);
        assert.deepEqual(await errorSummary(page), ['days']);
        await assertAccessible(page, 'the Datenschutz tab with an error');
        await page.getByRole('textbox', { name: 'Aufbewahrung nach dem Ende (Tage)' }).fill('30');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Speichern', exact: true }).click()), [303, 200]);
        assert.match(await page.locator('main').innerText(), /30 Tage nach dem Ende/);

        await page.goto(server.url('/admin/events/labcamp-2020/privacy'));
        assert.match(await page.locator('main').innerText(), /90 Tage nach dem Ende|Anonymisiert am/);
        await assertAccessible(page, 'the Datenschutz tab of a past event');

        await registered(server, 'Anfrage Person', 'anfrage.e2e@example.org', 'CityLAB Berlin');
        await page.goto(server.url('/admin/privacy'));
        await assertAccessible(page, '/admin/privacy');
        await page.getByRole('textbox', { name: 'E-Mail-Adresse der Person' }).fill('anfrage.e2e@example.org');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Suchen', exact: true }).click()), [200]);
        assert.match(await page.locator('main').innerText(), /1 Anmeldung\(en\)\./);
        await assertAccessible(page, '/admin/privacy with a person found');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Alles löschen', exact: true }).click()), [422]);
        await page.getByRole('checkbox', { name: /Ich habe die Identität der anfragenden Person geprüft/ }).check();
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Alles löschen', exact: true }).click()), [200]);
        assert.match(await page.locator('.notice[role="status"]').innerText(), /Gelöscht: 1 Anmeldung/);

        // Two-factor sign-in: set up with the key, then the code step on the next sign-in.
        await page.goto(server.url('/admin/account/totp'));
        await assertAccessible(page, 'the two-factor setup');
        const secret = (await page.locator('input[name="secret"]').getAttribute('value'))!;
        // The test server runs on its own fixed clock: codes for its time.
        const code = () => totpCode(base32Decode(secret)!, totpStep(server.clock.now()));
        await page.getByRole('textbox', { name: 'Code' }).fill(code());
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Einschalten', exact: true }).click()), [200]);
        // The recovery codes, shown this once.
        assert.equal(await h1(page), 'Wiederherstellungscodes');
        const recoveryCodes = await page.locator('.recovery-codes code').allInnerTexts();
        assert.equal(recoveryCodes.length, 10);
        await assertAccessible(page, 'the recovery codes');
        assert.deepEqual(await navigation(page, () => page.getByRole('link', { name: 'Ich habe die Codes gesichert' }).click()), [200]);
        assert.match(await page.locator('.notice[role="status"]').innerText(), /eingeschaltet/);
        await context.clearCookies();
        const link = await server.services.access.issueLoginLink('admin@localhost');
        await page.goto(server.url(`/admin/login/${link}`));
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Jetzt anmelden', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), '/admin/login/code');
        await assertAccessible(page, 'the code step');
        await page.getByRole('textbox', { name: 'Code' }).fill('000000' === code() ? '111111' : '000000');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Bestätigen', exact: true }).click()), [401]);
        await assertAccessible(page, 'the code step with a wrong code');
        // Without the phone: the recovery code, reached by keyboard.
        await page.locator('details.recovery summary').focus();
        await page.keyboard.press('Enter');
        const recovery = page.getByRole('textbox', { name: 'Wiederherstellungscode' });
        assert.equal(await recovery.isVisible(), true, 'Enter opens the disclosure');
        await recovery.fill('aaaaa-bbbbb');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Mit Wiederherstellungscode anmelden' }).click()), [401]);
        assert.equal(await page.locator('details.recovery').getAttribute('open'), '', 'open again with the error');
        await assertAccessible(page, 'the recovery code with an error');
        await page.getByRole('textbox', { name: 'Wiederherstellungscode' }).fill(recoveryCodes[0]!);
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Mit Wiederherstellungscode anmelden' }).click()), [303, 200]);
        assert.equal(pathOf(page), '/admin');
      } finally {
        await closeContext(context, recorder);
      }
    });
  });
}

// Messages to registrations in a real Chromium, with and without JavaScript: a bad message shows
// its errors, a good one is saved as a draft with its preview, tested and sent to the one admitted
// person it reaches. axe-core (WCAG 2.1 AA) on every state (with JavaScript), and no request
// leaves 127.0.0.1.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible, closeContext, newRecordedContext } from './helpers/browser.js';
import { serverAndBrowser } from './helpers/suite.js';

async function submit(page: Page, button: string | RegExp): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).click({ timeout: 10_000 })]);
}

for (const dialect of testDialects()) {
  describe(`messages to registrations in the browser (${dialect})`, () => {
    const running = serverAndBrowser(dialect);

    for (const javaScriptEnabled of [true, false]) {
      test(`an organizer writes, tests and sends a message (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
        const { context, page, recorder } = await newRecordedContext(running.browser, { javaScriptEnabled, locale: 'de-DE' });
        const accessible = (label: string) => (javaScriptEnabled ? assertAccessible(page, label) : Promise.resolve());
        const services = running.server.services;
        try {
          const event = (await services.events.findBySlug('labcamp-2'))!;
          const name = `Zivil ${javaScriptEnabled ? 'An' : 'Aus'}`;
          // Each run writes to a level of its own, so the other run's person is not among the recipients.
          const level = javaScriptEnabled ? 'zivilgesellschaft' : 'sonstige';
          const outcome = await services.registration.register(event, {
            name, email: `zivil-${javaScriptEnabled}@example.org`, organisation: 'Lab', level, land: null, role: null, listed: false, answers: { 2: 'no' },
          }, 'de', 'manual', { id: null, label: 'test' });
          assert.equal(outcome.kind, 'registered');
          const email = `send-${javaScriptEnabled}@example.org`;
          const { token } = await services.access.createOrganizer({ email, name: 'Senderin', isAdmin: true });
          await page.goto(running.server.url(`/admin/login/${token}`));
          await submit(page, 'Jetzt anmelden');

          await page.goto(running.server.url('/admin/events/labcamp-2/broadcasts'));
          await accessible('message list');
          await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Neue Nachricht schreiben' }).click()]);
          await page.getByRole('textbox', { name: 'Text', exact: true }).fill('Hallo {Name}');
          await submit(page, 'Entwurf speichern und Vorschau ansehen');
          assert.match((await page.locator('#error-subject').textContent()) ?? '', /Bitte/);
          assert.match((await page.locator('#error-body').textContent()) ?? '', /Unbekannter Platzhalter/);
          assert.equal(await page.getByRole('textbox', { name: 'Text', exact: true }).inputValue(), 'Hallo {Name}', 'what was typed stays');
          await accessible('new message with errors');

          await page.getByLabel('Betreff').fill('Kurzer Hinweis');
          await page.getByRole('textbox', { name: 'Text', exact: true }).fill('Hallo {name},\n\nhier ist euer Zugang: {access_link}');
          await page.getByRole('checkbox', { name: javaScriptEnabled ? 'Zivilgesellschaft' : 'Sonstige' }).check();
          await submit(page, 'Entwurf speichern und Vorschau ansehen');
          assert.equal(await page.locator('[role="status"]').textContent(), 'Der Entwurf ist gespeichert.');
          assert.match((await page.locator('pre.mail-text').textContent()) ?? '', /Hallo Alex Beispiel,/);
          assert.equal(await page.getByRole('button', { name: /senden$/ }).filter({ hasText: /^An / }).count(), 0, 'no sending before a test mail');
          await accessible('draft with preview');

          await submit(page, `Testmail an ${email} senden`);
          assert.match((await page.locator('[role="status"]').textContent()) ?? '', /Testmail/);
          await accessible('draft after the test mail');

          await submit(page, 'An 1 Person senden');
          assert.equal(await page.locator('[role="status"]').textContent(), 'Die Nachricht ist verschickt.');
          assert.match((await page.locator('dl.meta-list').textContent()) ?? '', /an 1 Person/);
          await accessible('sent message');
          const mails = await running.server.database.db.selectFrom('outbox').select(['to_address', 'text_body']).where('template', '=', 'broadcast').where('to_address', '=', `zivil-${javaScriptEnabled}@example.org`).execute();
          assert.equal(mails.length, 1);
          assert.match(mails[0]!.text_body, new RegExp(`^Hallo ${name},`));
        } finally {
          await closeContext(context, recorder);
        }
      });
    }
  });
}

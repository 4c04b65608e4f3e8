// Mail templates in a real Chromium, with and without JavaScript: the list, the editor with an
// unknown placeholder refused next to its field, a preview (text and HTML part; the HTML part also
// in its sandboxed tab), save and reset. axe-core (WCAG 2.1 AA) on every state with JavaScript on;
// no request leaves 127.0.0.1, no CSP violation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible, closeContext, newRecordedContext } from './helpers/browser.js';
import { serverAndBrowser } from './helpers/suite.js';

async function submit(page: Page, button: string | RegExp): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button, exact: typeof button === 'string' }).click({ timeout: 10_000 })]);
}

for (const dialect of testDialects()) {
  describe(`mail templates in the browser (${dialect})`, () => {
    const running = serverAndBrowser(dialect);

    for (const javaScriptEnabled of [true, false]) {
      test(`an organizer adapts a mail with a preview, saves and resets it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
        const { context, page, recorder } = await newRecordedContext(running.browser, { javaScriptEnabled, locale: 'de-DE' });
        const accessible = (label: string) => (javaScriptEnabled ? assertAccessible(page, label) : Promise.resolve());
        const template = javaScriptEnabled ? 'waitlisted' : 'reminder';
        const name = javaScriptEnabled ? 'Warteliste' : 'Erinnerung';
        try {
          const { token } = await running.server.services.access.createOrganizer({ email: `vorlagen-${javaScriptEnabled}@example.org`, name: 'Vorlagen', isAdmin: true });
          await page.goto(running.server.url(`/admin/login/${token}`));
          await submit(page, 'Jetzt anmelden');
          await page.goto(running.server.url('/admin/events/labcamp-2/edit'));
          await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Mail-Vorlagen', exact: true }).click()]);
          const table = page.getByRole('table', { name: 'Mails an Angemeldete' });
          assert.equal(await table.getByRole('row').count(), 16, 'a header and 15 mails');
          await accessible('mail templates list');

          await Promise.all([page.waitForEvent('load'), table.getByRole('link', { name: `Deutsch bearbeiten (${name})` }).click()]);
          assert.equal(await page.locator('h1').textContent(), `Mail-Vorlage „${name}“ (Deutsch)`);
          assert.ok(await page.locator('dt code', { hasText: '{personal_link}' }).isVisible(), 'the placeholders are listed beside the fields');
          await accessible('mail template editor');

          await page.getByLabel('Betreff').fill('Hallo {vorname}: {event}');
          await submit(page, 'Vorschau');
          assert.match((await page.locator('#error-subject').textContent()) ?? '', /Unbekannter Platzhalter: \{vorname\}\. Erlaubt sind: \{name\}/);
          assert.equal(await page.getByLabel('Betreff').getAttribute('aria-invalid'), 'true');
          assert.equal(await page.getByLabel('Betreff').inputValue(), 'Hallo {vorname}: {event}', 'what was typed stays');
          await accessible('mail template editor with an error');

          await page.getByLabel('Betreff').fill('Hallo {name}: {event}');
          await page.getByLabel('Text').fill('Liebe {name},\n\nnoch ist kein Platz frei <b>leider</b>.\n\nMeine Anmeldung: {personal_link}');
          await submit(page, 'Vorschau');
          const preview = page.getByRole('region', { name: 'Vorschau' });
          assert.match((await preview.locator('.mail-preview__subject').textContent()) ?? '', /^Hallo Alex Beispiel: /);
          assert.match((await preview.locator('pre').first().textContent()) ?? '', /Liebe Alex Beispiel,\n\nnoch ist kein Platz frei <b>leider<\/b>\./);
          assert.match((await preview.locator('pre').nth(1).textContent()) ?? '', /<p>noch ist kein Platz frei &lt;b>leider&lt;\/b>\.<\/p>/, 'the HTML part, as source');
          await accessible('mail template editor with a preview');

          if (javaScriptEnabled) {
            // The HTML part of the unsaved text, rendered in a tab of its own under the sandbox policy.
            const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'HTML-Teil in neuem Tab ansehen' }).click()]);
            await tab.waitForLoadState('load');
            assert.equal(await tab.getByRole('link', { name: 'Meine Anmeldung' }).getAttribute('href'), running.server.url('/r/BEISPIEL'));
            assert.match(await tab.locator('body').innerText(), /noch ist kein Platz frei <b>leider<\/b>\./);
            await tab.close();
          }

          await submit(page, 'Speichern');
          assert.equal(await page.locator('[role="status"]').textContent(), 'Die Mail-Vorlage ist gespeichert. Ab jetzt gehen neue Mails mit diesem Text raus.');
          assert.equal(await page.getByLabel('Betreff').inputValue(), 'Hallo {name}: {event}');
          await accessible('mail template editor after saving');

          await submit(page, 'Auf Standard zurücksetzen');
          assert.equal(await page.locator('[role="status"]').textContent(), 'Die Mail-Vorlage verwendet wieder den Standardtext.');
          assert.notEqual(await page.getByLabel('Betreff').inputValue(), 'Hallo {name}: {event}');
          const audit = await running.server.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', `${template}:de`).orderBy('id').execute();
          assert.deepEqual(audit.map((a) => a.action), ['mail_template.saved', 'mail_template.reset']);
        } finally {
          await closeContext(context, recorder);
        }
      });
    }
  });
}

// The team page of an event in a real Chromium, with and without JavaScript: an owner adds a
// person (errors first), changes a role; axe-core (WCAG 2.1 AA) on every state (with JavaScript), and no request
// leaving 127.0.0.1.
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
  describe(`event team in the browser (${dialect})`, () => {
    const running = serverAndBrowser(dialect);

    for (const javaScriptEnabled of [true, false]) {
      test(`an owner adds a person and changes a role (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
        const { context, page, recorder } = await newRecordedContext(running.browser, { javaScriptEnabled, locale: 'de-DE' });
        // axe runs as a script in the page: the same pages are checked in the run with JavaScript.
        const accessible = (label: string) => (javaScriptEnabled ? assertAccessible(page, label) : Promise.resolve());
        try {
          const { token } = await running.server.services.access.createOrganizer({ email: `chefin-${javaScriptEnabled}@example.org`, name: 'Chefin', isAdmin: true });
          await page.goto(running.server.url(`/admin/login/${token}`));
          await submit(page, 'Jetzt anmelden');
          await page.goto(running.server.url('/admin/events/labcamp-2/team'));
          assert.equal(await page.locator('h1').textContent(), 'Team: LabCamp #2: Vernetzungstreffen öffentliche Innovationslabore');
          await accessible('team page');

          const email = `person-${javaScriptEnabled}@example.org`;
          const name = javaScriptEnabled ? 'Paula <Probe>' : 'Pit <Probe>';
          await page.getByLabel('E-Mail-Adresse').fill(email);
          await page.getByRole('radio', { name: 'Orga-Team' }).check();
          await submit(page, 'Hinzufügen');
          assert.match((await page.locator('#error-name').textContent()) ?? '', /noch kein Konto/);
          assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), email);
          await accessible('team page with errors');

          await page.getByLabel('Name', { exact: true }).fill(name);
          await submit(page, 'Hinzufügen');
          assert.match((await page.locator('[role="status"]').textContent()) ?? '', /Einladung mit Anmeldelink/);
          await page.getByLabel(`Rolle von ${name}`).selectOption('moderator');
          await submit(page, new RegExp(`^Rolle ändern\\s*\\(${name}\\)$`));
          assert.match((await page.locator('[role="status"]').textContent()) ?? '', /Rolle geändert/);
          assert.equal(await page.getByRole('row', { name }).getByRole('cell').nth(1).textContent(), 'Moderation');
          await accessible('team page after changes');
        } finally {
          await closeContext(context, recorder);
        }
      });
    }
  });
}

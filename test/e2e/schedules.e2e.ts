// Scheduled mails in a real Chromium, with and without JavaScript: the demo plans are listed, a
// bad plan shows its errors, a good one is added and removed again. axe-core (WCAG 2.1 AA) on
// every state (with JavaScript), and no request leaves 127.0.0.1.
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
  describe(`scheduled mails in the browser (${dialect})`, () => {
    const running = serverAndBrowser(dialect);

    for (const javaScriptEnabled of [true, false]) {
      test(`an organizer plans and removes a mail (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
        const { context, page, recorder } = await newRecordedContext(running.browser, { javaScriptEnabled, locale: 'de-DE' });
        const accessible = (label: string) => (javaScriptEnabled ? assertAccessible(page, label) : Promise.resolve());
        try {
          const { token } = await running.server.services.access.createOrganizer({ email: `plan-${javaScriptEnabled}@example.org`, name: 'Planerin', isAdmin: true });
          await page.goto(running.server.url(`/admin/login/${token}`));
          await submit(page, 'Jetzt anmelden');
          await page.goto(running.server.url('/admin/events/labcamp-2/schedules'));
          const rows = page.getByRole('table', { name: 'Geplante Mails dieser Veranstaltung' }).getByRole('row');
          const before = await rows.count();
          assert.equal(await rows.nth(1).getByRole('cell').nth(1).textContent(), '24 Stunden vor Beginn');
          await accessible('schedules');

          await page.getByRole('radio', { name: 'Erinnerung' }).check();
          await page.getByLabel('Wie lange').fill('zw');
          await page.getByRole('checkbox', { name: 'Warteliste' }).check();
          await submit(page, 'Mail planen');
          assert.match((await page.locator('#error-amount').textContent()) ?? '', /ganze Zahl/);
          assert.match((await page.locator('#error-statuses').textContent()) ?? '', /nur an Zugelassene/);
          assert.equal(await page.getByLabel('Wie lange').inputValue(), 'zw', 'what was typed stays');
          await accessible('schedules with errors');

          await page.getByLabel('Wie lange').fill('2');
          await page.getByRole('checkbox', { name: 'Warteliste' }).uncheck();
          await page.getByRole('checkbox', { name: 'Land', exact: true }).check();
          await submit(page, 'Mail planen');
          assert.equal(await page.locator('[role="status"]').textContent(), 'Die Mail ist geplant.');
          assert.equal(await rows.count(), before + 1);
          await accessible('schedules after adding');

          await submit(page, /^Entfernen\s*\(Erinnerung, 2 Stunden vor Beginn\)$/);
          assert.equal(await page.locator('[role="status"]').textContent(), 'Die geplante Mail ist entfernt.');
          assert.equal(await rows.count(), before);
        } finally {
          await closeContext(context, recorder);
        }
      });
    }
  });
}

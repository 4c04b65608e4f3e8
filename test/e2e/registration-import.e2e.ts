// The CSV import in a real Chromium (plain forms, no script involved): the link on the registrations page, an
// upload that is refused with its message next to the field, the preview of an Eventbrite report
// with an error per row until a level is chosen, the confirmation and its result. axe-core
// (WCAG 2.1 AA) on every page, and not a single request leaving 127.0.0.1.
import path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible, closeContext, newRecordedContext } from './helpers/browser.js';
import { serverAndBrowser } from './helpers/suite.js';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/eventbrite-attendees.csv');

/** Presses a button and waits for the page it leads to; returns that page's HTTP status. */
async function submit(page: Page, button: string): Promise<number | undefined> {
  const statuses: number[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) statuses.push(response.status());
  };
  page.on('response', onResponse);
  try {
    await Promise.all([page.waitForEvent('load', { timeout: 15_000 }), page.getByRole('button', { name: button }).click({ timeout: 15_000 })]);
  } finally {
    page.off('response', onResponse);
  }
  return statuses.at(-1);
}

for (const dialect of testDialects()) {
  describe(`CSV import in Chromium (${dialect})`, () => {
    const running = serverAndBrowser(dialect);

    test('upload, a refused file, the preview with per-row errors, a level for all, confirm', async () => {
      const { context, page, recorder } = await newRecordedContext(running.browser, { locale: 'de-DE', viewport: { width: 1280, height: 900 } });
      await page.goto(running.server.url(`/admin/login/${await running.server.services.access.issueLoginLink('admin@localhost')}`));
      await submit(page, 'Jetzt anmelden');

      await page.goto(running.server.url('/admin/events/labcamp-2/registrations'));
      await page.getByRole('link', { name: 'Import (CSV)' }).click();
      assert.equal(new URL(page.url()).pathname, '/admin/events/labcamp-2/registrations/import');
      await assertAccessible(page, 'import: upload');

      assert.equal(await submit(page, 'Vorschau anzeigen'), 422);
      assert.ok(await page.locator('#error-file').isVisible());
      assert.equal(await page.locator('.error-summary a[href="#field-file"]').count(), 1);
      await assertAccessible(page, 'import: nothing chosen');

      await page.getByLabel('CSV-Datei (höchstens 2 MB)').setInputFiles(FIXTURE);
      assert.equal(await submit(page, 'Vorschau anzeigen'), 200);
      assert.match(new URL(page.url()).pathname, /\/registrations\/import\/\d+$/);
      assert.equal(await page.getByRole('button', { name: /importieren/ }).count(), 0, 'no confirmation while rows have errors');
      assert.ok(await page.locator('.error-summary a[href="#row-2"]').isVisible());
      await assertAccessible(page, 'import: preview with errors');

      await page.getByLabel('Ebene').selectOption('kommune');
      assert.equal(await submit(page, 'Vorschau aktualisieren'), 200);
      assert.equal(await page.locator('.error-summary').count(), 0);
      await assertAccessible(page, 'import: preview ready');

      assert.equal(await submit(page, '4 Personen importieren und benachrichtigen'), 200);
      assert.ok(await page.getByRole('status').filter({ hasText: 'Importiert: 4 mit Platz, 0 auf der Warteliste, 3 übersprungen.' }).isVisible());
      await assertAccessible(page, 'import: done');
      const imported = await running.server.database.db.selectFrom('registrations').select('status').where('source', '=', 'import').execute();
      assert.deepEqual(imported.map((r) => r.status), ['admitted', 'admitted', 'admitted', 'admitted']);
      await closeContext(context, recorder);
    });
  });
}

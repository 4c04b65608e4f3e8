// Password sign-in and the account page in a real Chromium, with and without JavaScript: a failed
// sign-in, setting a password with errors first, signing in with it, creating and revoking an API
// token; axe-core (WCAG 2.1 AA) on every state in the run with JavaScript, and no request leaving
// 127.0.0.1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible as checkAccessible, closeContext, launchBrowser, newRecordedContext, startTestServer, type TestServer } from './helpers/browser.js';

async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button, exact: true }).click()]);
}

const PASSWORD = 'ein langer satz als passwort';

for (const dialect of testDialects()) {
  describe(`password sign-in and account in the browser (${dialect})`, () => {
    let server: TestServer;
    let browser: Browser;

    before(async () => {
      server = await startTestServer(dialect, { RATE_LIMITS: 'off' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const javaScriptEnabled of [true, false]) {
      test(`sign in, set a password, make a token (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
        const { context, page, recorder } = await newRecordedContext(browser, { javaScriptEnabled, locale: 'de-DE' });
        // axe runs as a script in the page: the same pages are checked in the run with JavaScript.
        const assertAccessible = (target: Page, label: string) => (javaScriptEnabled ? checkAccessible(target, label) : Promise.resolve());
        try {
          const email = `konto-${javaScriptEnabled}@example.org`;
          const { token } = await server.services.access.createOrganizer({ email, name: 'Konto', isAdmin: false });

          await page.goto(server.url('/admin/login'));
          await assertAccessible(page, 'sign-in page');
          await page.getByLabel('E-Mail-Adresse').first().fill(email);
          await page.getByLabel('Passwort').fill('falsch falsch falsch');
          await submit(page, 'Anmelden');
          assert.match((await page.locator('[role="alert"]').textContent()) ?? '', /E-Mail-Adresse oder Passwort stimmen nicht/);
          await assertAccessible(page, 'sign-in page after a failure');

          await page.goto(server.url(`/admin/login/${token}`));
          await submit(page, 'Jetzt anmelden');
          await page.goto(server.url('/admin/account'));
          assert.equal(await page.locator('h1').textContent(), 'Mein Konto');
          await assertAccessible(page, 'account page');

          await page.locator('#field-new_password').fill('kurz');
          await page.getByLabel('Neues Passwort wiederholen').fill('kurz');
          await submit(page, 'Passwort speichern');
          assert.match((await page.locator('#error-new_password').textContent()) ?? '', /Mindestens 12 Zeichen/);
          await assertAccessible(page, 'account page with errors');

          await page.locator('#field-new_password').fill(PASSWORD);
          await page.getByLabel('Neues Passwort wiederholen').fill(PASSWORD);
          await submit(page, 'Passwort speichern');
          assert.match((await page.locator('[role="status"]').textContent()) ?? '', /Passwort gespeichert/);

          await page.getByLabel('Name des Tokens').fill('Tabelle <Auswertung>');
          await submit(page, 'Token erstellen');
          assert.match((await page.locator('#new-token').textContent()) ?? '', /^lc_[A-Za-z0-9_-]{43}$/);
          await assertAccessible(page, 'account page with a new token');
          await submit(page, 'Token „Tabelle <Auswertung>“ widerrufen');
          assert.match((await page.locator('[role="status"]').textContent()) ?? '', /Token widerrufen/);

          await submit(page, 'Abmelden');
          await page.goto(server.url('/admin/login'));
          await page.getByLabel('E-Mail-Adresse').first().fill(email);
          await page.getByLabel('Passwort').fill(PASSWORD);
          await submit(page, 'Anmelden');
          assert.equal(new URL(page.url()).pathname, '/admin');
        } finally {
          await closeContext(context, recorder);
        }
      });
    }
  });
}

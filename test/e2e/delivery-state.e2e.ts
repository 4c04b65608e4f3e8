// "Did this person get their mails?" in a real Chromium, against a real server on each database
// and an SMTP server in the test process that refuses one mailbox for good: the compact state in
// the registrations list, the person's mails page and "Send again". axe-core (WCAG 2.1 AA) on each
// page state, and no request leaves 127.0.0.1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { backoffMs, PERMANENT_ATTEMPTS } from '../../src/modules/messaging/worker.js';
import { assertAccessible, closeContext, launchBrowser, newRecordedContext, startTestServer, type TestServer } from './helpers/browser.js';

async function submit(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action()]);
}

for (const dialect of testDialects()) {
  describe(`delivery state in the browser (${dialect})`, () => {
    let smtp: TestSmtp;
    let server: TestServer;
    let browser: Browser;
    let registrationId: number;

    const statusOf = async () => (await server.database.db.selectFrom('outbox').select(['status', 'attempts']).where('registration_id', '=', registrationId).executeTakeFirstOrThrow());

    before(async () => {
      smtp = await startTestSmtp(0, { rejectRecipient: (address) => address.startsWith('gone') });
      server = await startTestServer(dialect, { SMTP_URL: smtp.url, MAIL_FROM: 'labcamp@example.org' });
      browser = await launchBrowser();
      const event = (await server.services.events.findBySlug('labcamp-2020'))!;
      const outcome = await server.services.registration.register(event, { name: 'Gero Weg', email: 'gone@lab.example', organisation: 'Stadtlabor', level: 'kommune', land: 'NW', role: null, listed: false, answers: {} }, 'de', 'manual');
      registrationId = (outcome as { registrationId: number }).registrationId;
      // The server refuses the mailbox: after PERMANENT_ATTEMPTS tries the mail failed for good.
      for (let attempt = 1; attempt <= PERMANENT_ATTEMPTS; attempt++) {
        for (let i = 0; (await statusOf()).attempts < attempt; i++) {
          assert.ok(i < 50, `attempt ${attempt} did not happen`);
          await server.services.mailWorker.runOnce();
        }
        server.clock.advance(backoffMs(attempt));
      }
      assert.equal((await statusOf()).status, 'failed');
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      await smtp?.close();
    });

    test('an organizer finds the failed mail from the list, reads why, and sends it again', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      try {
        await page.goto(server.report.firstLoginLink!);
        await submit(page, () => page.getByRole('button', { name: 'Jetzt anmelden', exact: true }).click());

        await page.goto(server.url('/admin/events/labcamp-2020/registrations'));
        await page.getByLabel('E-Mails', { exact: true }).selectOption('problems');
        await submit(page, () => page.getByRole('button', { name: 'Filtern' }).click());
        const link = page.getByRole('link', { name: 'E-Mails an Gero Weg: 1 fehlgeschlagen' });
        assert.equal(await link.count(), 1, 'the state names the person for screen readers and hides the symbol');
        assert.equal(await link.locator('.visually-hidden').textContent(), 'E-Mails an Gero Weg: ');
        assert.equal(await link.locator('[aria-hidden="true"]').textContent(), '✗ ');
        assert.match(await link.innerText(), /✗ 1 fehlgeschlagen$/);
        await assertAccessible(page, 'registrations with the mail problems filter');

        await submit(page, () => link.click({ timeout: 10_000 }));
        assert.equal(await page.locator('h1').textContent(), 'E-Mails an Gero Weg');
        const row = page.getByRole('table', { name: '1 E-Mail zu dieser Anmeldung' }).getByRole('row', { name: /^Zusage/ });
        assert.match(await row.innerText(), /Endgültig abgelehnt: .*550/);
        await assertAccessible(page, 'the mails of one registration');

        await submit(page, () => row.getByRole('button', { name: 'Erneut senden (Zusage)' }).click());
        assert.equal(await page.getByRole('status').textContent(), 'Die E-Mail steht wieder in der Warteschlange und wird gleich noch einmal gesendet.');
        await assertAccessible(page, 'after sending again');
      } finally {
        await closeContext(context, recorder);
      }
    });
  });
}

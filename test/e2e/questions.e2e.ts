// Q&A in a real Chromium with browser contexts for two participants, a moderator and a fourth
// person without JavaScript: a question asked by one appears for the other within a second,
// upvotes update everywhere, the moderator highlights it (the list and the presenter view follow)
// and marks it answered. axe-core (WCAG 2.1 AA) on the Q&A page as participant
// and as moderator, and on the back-office Q&A tab; no request leaves 127.0.0.1.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible, closeContext, newRecordedContext } from './helpers/browser.js';
import { serverAndBrowser } from './helpers/suite.js';
import type { TestServer } from './helpers/browser.js';

async function submit(page: Page, button: string | RegExp): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).first().click({ timeout: 10_000 })]);
}

/** A participant admitted by hand, who followed the access link in their mail into the room. */
async function participant(server: TestServer, browser: Browser, name: string, javaScriptEnabled: boolean) {
  const event = (await server.services.events.findBySlug('labcamp-2'))!;
  const email = `${name.toLowerCase()}.e2e-qa@example.org`;
  await server.services.registration.register(event, { name, email, organisation: 'Lab', level: 'land', land: null, role: null, listed: false, answers: { 2: 'no' } }, 'de', 'manual', { id: null, label: 'test' });
  const mail = await server.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1];
  const recorded = await newRecordedContext(browser, { javaScriptEnabled, locale: 'de-DE' });
  await recorded.page.goto(server.url(`/r/${token}/live`));
  return recorded;
}

for (const dialect of testDialects()) {
  describe(`questions in the browser (${dialect})`, () => {
    const running = serverAndBrowser(dialect);

    test('two participants and a moderator: ask, see, upvote, highlight, answer', async () => {
      const { server, browser } = running;
      const anna = await participant(server, browser, 'Anna', true);
      const bert = await participant(server, browser, 'Bert', true);
      // A fourth person without JavaScript: the same page, current on reload.
      const clara = await participant(server, browser, 'Clara', false);
      const moderator = await newRecordedContext(browser, { javaScriptEnabled: true, locale: 'de-DE' });
      try {
        const qa = server.url('/events/labcamp-2/live/questions');
        const { token } = await server.services.access.createOrganizer({ email: 'mod.e2e-qa@example.org', name: 'Moderatorin', isAdmin: true });
        await moderator.page.goto(server.url(`/admin/login/${token}`));
        await submit(moderator.page, 'Jetzt anmelden');

        // The moderator moves "now" in the programme; Anna's live room follows without a reload.
        await moderator.page.goto(server.url('/admin/events/labcamp-2/live'));
        await anna.page.waitForLoadState('networkidle');
        await submit(moderator.page, 'Weiter zum nächsten Programmpunkt');
        assert.equal(await moderator.page.locator('[role="status"]').textContent(), 'Der Live-Raum zeigt den neuen Programmpunkt.');
        await assertAccessible(moderator.page, 'live control with "now"');
        await anna.page.locator('.live-now', { hasText: 'Jetzt im Programm' }).waitFor({ timeout: 5000 });
        assert.equal(await anna.page.locator('.agenda__item[aria-current="time"]').count(), 1);
        await assertAccessible(anna.page, 'live room with "now"');

        // From the live room (where the access link led) to its questions.
        await Promise.all([anna.page.waitForEvent('load'), anna.page.getByRole('link', { name: 'Fragen stellen und unterstützen' }).click()]);
        assert.equal(anna.page.url(), qa);
        await assertAccessible(anna.page, 'questions, empty');
        await submit(anna.page, 'Frage senden');
        assert.match((await anna.page.locator('#error-text').textContent()) ?? '', /3 bis 500 Zeichen/);
        await assertAccessible(anna.page, 'questions with an error');
        // Bert has the page open already: the question appears there without a reload, within a second.
        await bert.page.goto(qa);
        await bert.page.waitForLoadState('networkidle');
        await anna.page.getByRole('textbox', { name: 'Eure Frage' }).fill('Wie messt ihr Wirkung in Reallaboren?');
        await submit(anna.page, 'Frage senden');
        const sent = Date.now();
        assert.equal(await anna.page.locator('[role="status"]').textContent(), 'Eure Frage ist da.');
        const question = bert.page.locator('.qa-question', { hasText: 'Wie messt ihr Wirkung' });
        await question.waitFor({ timeout: 5000 });
        assert.ok(Date.now() - sent < 1000, `the question arrived after ${Date.now() - sent} ms`);
        assert.match((await question.textContent()) ?? '', /Anna/);

        // Clara (no JavaScript) upvotes with the form; Anna's and Bert's counts follow live.
        await clara.page.goto(qa);
        const forClara = clara.page.locator('.qa-question', { hasText: 'Wie messt ihr Wirkung' });
        await Promise.all([clara.page.waitForEvent('load'), forClara.getByRole('button', { name: /Unterstützen/ }).click()]);
        assert.equal(await clara.page.locator('.qa-question', { hasText: 'Wie messt ihr Wirkung' }).getByRole('button', { name: /Unterstützen/ }).getAttribute('aria-pressed'), 'true');
        for (const page of [anna.page, bert.page]) {
          await page.locator('.qa-question', { hasText: 'Wie messt ihr Wirkung' }).locator('[data-votes]', { hasText: '1' }).waitFor({ timeout: 5000 });
        }
        assert.match((await bert.page.locator('.qa-question', { hasText: 'Wie messt ihr Wirkung' }).getByRole('button', { name: /Unterstützen/ }).textContent()) ?? '', /1 Stimme$/);

        await moderator.page.goto(server.url('/admin/events/labcamp-2/questions'));
        await assertAccessible(moderator.page, 'back-office Q&A tab');
        await Promise.all([moderator.page.waitForEvent('load'), moderator.page.getByRole('link', { name: 'Fragen moderieren' }).click()]);
        await assertAccessible(moderator.page, 'moderator view');
        // Anna keeps the presenter view open (with JavaScript): it follows the moderator.
        await anna.page.goto(server.url('/events/labcamp-2/live/presenter'));
        assert.match((await anna.page.locator('.presenter__none').textContent()) ?? '', /Gleich geht es/);
        await assertAccessible(anna.page, 'presenter view, nothing highlighted');
        await submit(moderator.page, /^Hervorheben/);
        await anna.page.locator('.presenter__text', { hasText: 'Wie messt ihr Wirkung' }).waitFor({ timeout: 10_000 });
        await assertAccessible(anna.page, 'presenter view with the highlighted question');
        // Bert's list follows the moderator too, without a reload.
        await bert.page.locator('.qa-question--highlighted', { hasText: 'Wie messt ihr Wirkung' }).waitFor({ timeout: 5000 });
        assert.match((await bert.page.locator('.qa-question--highlighted').textContent()) ?? '', /Wird gerade besprochen/);
        await assertAccessible(bert.page, 'questions after a live update');
        await submit(moderator.page, /^Als beantwortet markieren/);
        // Answered: the presenter view lets it go, the list marks it.
        await anna.page.locator('.presenter__none').waitFor({ timeout: 10_000 });
        await anna.page.goto(qa);
        assert.match((await anna.page.locator('.qa-question', { hasText: 'Wie messt ihr Wirkung' }).textContent()) ?? '', /Beantwortet/);
        await assertAccessible(anna.page, 'questions with an answered one');
      } finally {
        await closeContext(anna.context, anna.recorder);
        await closeContext(bert.context, bert.recorder);
        await closeContext(clara.context, clara.recorder);
        await closeContext(moderator.context, moderator.recorder);
      }
    });
  });
}

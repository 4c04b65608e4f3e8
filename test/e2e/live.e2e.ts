// The confidential live room in a real Chromium: an organizer sets the video link (a bad one
// first) and opens the room early; an admitted participant follows the personal link and finds
// the join button; a stranger gets the page that explains access. axe-core (WCAG 2.1 AA) on every
// page, and no request leaves 127.0.0.1 (the video link is only followed by the participant).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible, closeContext, newRecordedContext } from './helpers/browser.js';
import { serverAndBrowser } from './helpers/suite.js';
import type { TestServer } from './helpers/browser.js';

const VIDEO = 'https://video.example.org/labcamp-2-Q7xw';

async function submit(page: Page, button: string | RegExp): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).click({ timeout: 10_000 })]);
}

/** An admitted participant of labcamp-2, registered and confirmed through the service: their newest personal link. */
async function admittedLink(server: TestServer, email: string): Promise<string> {
  const event = (await server.services.events.findBySlug('labcamp-2'))!;
  await server.services.registration.register(event, { name: 'Lina Live', email, organisation: 'CityLAB Berlin', level: 'land', land: 'BE', role: null, listed: false, answers: { 2: 'no' } }, 'de');
  const token = async () => {
    const mail = await server.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
  };
  assert.equal(await server.services.registration.confirm(await token()), 'admitted');
  return `/r/${await token()}`;
}

for (const dialect of testDialects()) {
  describe(`live room in the browser (${dialect})`, () => {
    // A Jitsi server is set up (never contacted: the embed loads only on a click), so its settings are checked too.
    const running = serverAndBrowser(dialect, { JITSI_DOMAIN: 'meet.example.org' });

    test('an organizer prepares and opens the room; a participant gets in, a stranger does not', async () => {
      const organizer = await newRecordedContext(running.browser, { locale: 'de-DE' });
      const participant = await newRecordedContext(running.browser, { locale: 'de-DE' });
      const stranger = await newRecordedContext(running.browser, { locale: 'de-DE', javaScriptEnabled: false });
      try {
        const { page } = organizer;
        const { token } = await running.server.services.access.createOrganizer({ email: 'live-orga@example.org', name: 'Live Orga', isAdmin: true });
        await page.goto(running.server.url(`/admin/login/${token}`));
        await submit(page, 'Jetzt anmelden');
        await page.goto(running.server.url('/admin/events/labcamp-2/live'));
        assert.match((await page.locator('.badge').textContent()) ?? '', /Noch nicht offen – öffnet am .* um 14:45 Uhr/);
        await assertAccessible(page, 'live control');

        await page.getByLabel('Link zum Videoraum').fill('http://video.example.org/room');
        await submit(page, 'Einstellungen speichern');
        assert.match((await page.locator('#error-video_url').textContent()) ?? '', /https:\/\//);
        await assertAccessible(page, 'live control with an error');
        await page.getByLabel('Link zum Videoraum').fill(VIDEO);
        await submit(page, 'Einstellungen speichern');
        assert.equal(await page.locator('[role="status"]').textContent(), 'Gespeichert.');

        // Before the room opens, the participant is told when.
        const link = await admittedLink(running.server, 'lina.live@example.org');
        await participant.page.goto(running.server.url(`${link}/live`));
        assert.equal(new URL(participant.page.url()).pathname, '/events/labcamp-2/live');
        assert.equal(await participant.page.locator('h2#live-status').textContent(), 'Der Raum ist noch nicht geöffnet');
        assert.equal(await participant.page.getByRole('link', { name: 'Zum Videoraum' }).count(), 0);
        await assertAccessible(participant.page, 'live room before it opens');

        await submit(page, 'Raum öffnen');
        assert.equal(await page.locator('[role="status"]').textContent(), 'Der Raum ist geöffnet.');
        await assertAccessible(page, 'live control, room open');

        await participant.page.getByRole('link', { name: 'Seite neu laden' }).click();
        await participant.page.waitForLoadState('load');
        const join = participant.page.getByRole('link', { name: 'Zum Videoraum' });
        assert.equal(await join.getAttribute('href'), VIDEO);
        assert.equal(await join.getAttribute('target'), '_blank');
        await assertAccessible(participant.page, 'live room, open');

        // Jitsi embedded: the participant gets a "join here" button (JavaScript) besides the new-tab link.
        await page.getByRole('radio', { name: 'Jitsi Meet' }).check();
        await page.getByRole('radio', { name: /Eingebettet/ }).check();
        await submit(page, 'Einstellungen speichern');
        assert.equal(await page.locator('[role="status"]').textContent(), 'Gespeichert.');
        await participant.page.reload();
        assert.equal(await participant.page.getByRole('link', { name: 'Zum Videoraum' }).getAttribute('href'), '/events/labcamp-2/live/join');
        assert.equal(await participant.page.getByRole('button', { name: 'Hier im Browser beitreten' }).isVisible(), true);
        await assertAccessible(participant.page, 'live room, Jitsi embedded');

        const response = await stranger.page.goto(running.server.url('/events/labcamp-2/live'));
        assert.equal(response?.status(), 403);
        assert.equal(await stranger.page.locator('h1').textContent(), 'Zugang nur für angemeldete Teilnehmende');
        assert.doesNotMatch(await stranger.page.content(), /video\.example\.org/);
        // The same page with JavaScript, for axe.
        await participant.page.context().clearCookies();
        await participant.page.goto(running.server.url('/events/labcamp-2/live'));
        await assertAccessible(participant.page, 'live room refusal');
      } finally {
        await closeContext(organizer.context, organizer.recorder);
        await closeContext(participant.context, participant.recorder);
        await closeContext(stranger.context, stranger.recorder);
      }
    });
  });
}

// The public event page and the back office in a real Chromium, against a real server on each
// database: what people see, keyboard and small screens, no JavaScript, axe-core (WCAG 2.1 AA),
// and not a single request leaving 127.0.0.1.
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible, closeContext, launchBrowser, newRecordedContext, startTestServer, type TestServer } from './helpers/browser.js';

const TITLE_DE = 'LabCamp: Vernetzungstreffen öffentliche Innovationslabore';
const TITLE_EN = 'LabCamp: Networking meeting of public innovation labs';
const SPEAKERS = ['Aydan Portakaldali', 'Benjamin Seibel', 'Elisabeth Söllner', 'Hanna Hinrichs'];

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

for (const dialect of testDialects()) {
  describe(`event page and back office in Chromium (${dialect})`, () => {
    let server: TestServer;
    let browser: Browser;

    before(async () => {
      server = await startTestServer(dialect);
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    test('the past meeting in German: language, title, closed registration, speakers, axe', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      const response = await page.goto(server.url('/events/labcamp-2020'));
      assert.equal(response?.status(), 200);
      assert.equal(await htmlLang(page), 'de');
      const h1 = page.locator('h1');
      assert.equal(await h1.count(), 1);
      assert.equal((await h1.textContent())?.trim(), TITLE_DE);
      assert.ok(await h1.isVisible());
      const closed = page.locator('.badge', { hasText: 'Anmeldung geschlossen' });
      assert.equal(await closed.count(), 2, 'the status in the facts and in the registration section');
      for (const badge of await closed.all()) assert.ok(await badge.isVisible(), 'registration status visible');
      assert.equal(await page.getByText('Anmeldung bis').count(), 0);
      const speakers = page.locator('section[aria-labelledby="speakers"]');
      assert.equal((await speakers.locator('h2').textContent())?.trim(), 'Speaker:innen');
      for (const name of SPEAKERS) {
        const person = speakers.locator('.person__name', { hasText: name });
        assert.equal(await person.count(), 1, name);
        assert.ok(await person.isVisible(), `${name} visible`);
      }
      await assertAccessible(page, '/events/labcamp-2020 (de)');
      await closeContext(context, recorder);
    });

    test('the language switch reloads the page in English and the choice is remembered', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      await page.goto(server.url('/events/labcamp-2020'));
      assert.equal(await htmlLang(page), 'de');
      const sw = page.getByRole('link', { name: 'English', exact: true });
      assert.equal(await sw.count(), 1);
      assert.ok(await sw.isVisible());
      await Promise.all([page.waitForURL(server.url('/events/labcamp-2020?lang=en')), sw.click()]);
      assert.equal(await htmlLang(page), 'en');
      assert.equal((await page.locator('h1').textContent())?.trim(), TITLE_EN);
      assert.ok(await page.locator('.badge', { hasText: 'Registration closed' }).first().isVisible());
      assert.ok(await page.getByRole('link', { name: 'Deutsch', exact: true }).isVisible());
      await assertAccessible(page, '/events/labcamp-2020?lang=en');

      // The browser still says de-DE; the cookie wins.
      await page.goto(server.url('/'));
      assert.equal(await htmlLang(page), 'en');
      assert.ok(await page.getByRole('heading', { name: 'Upcoming meetings' }).isVisible());
      await closeContext(context, recorder);
    });

    test('the calendar file downloads with time zone, CRLF and folded lines', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE', acceptDownloads: true });
      await page.goto(server.url('/events/labcamp-2020'));
      const link = page.getByRole('link', { name: 'In den Kalender eintragen (.ics)' });
      assert.ok(await link.isVisible());
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), 'labcamp-2020.ics');
      assert.equal(download.url(), server.url('/events/labcamp-2020.ics'));
      const file = fs.readFileSync(await download.path());
      const ics = file.toString('utf8');
      assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), 'starts with BEGIN:VCALENDAR');
      assert.ok(ics.endsWith('END:VCALENDAR\r\n'), 'ends with END:VCALENDAR and CRLF');
      assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'every line break is CRLF');
      // Unfold (CRLF + space) before looking for properties.
      const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
      assert.ok(lines.includes('BEGIN:VTIMEZONE'));
      assert.ok(lines.includes('TZID:Europe/Berlin'));
      assert.ok(lines.indexOf('BEGIN:VTIMEZONE') < lines.indexOf('BEGIN:VEVENT'));
      assert.ok(lines.includes('DTSTART;TZID=Europe/Berlin:20200526T150000'));
      assert.ok(lines.includes('DTEND;TZID=Europe/Berlin:20200526T173000'));
      const stamp = lines.find((l) => l.startsWith('DTSTAMP:'));
      assert.match(stamp ?? '', /^DTSTAMP:\d{8}T\d{6}Z$/);
      const raw = file.toString('binary').split('\r\n');
      const long = raw.filter((l) => Buffer.byteLength(l, 'binary') > 75);
      assert.deepEqual(long, [], 'no line longer than 75 octets');
      await closeContext(context, recorder);
    });

    test('public pages have no WCAG 2.1 AA violations', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      const pages: Array<{ path: string; status: number; lang: string }> = [
        { path: '/', status: 200, lang: 'de' },
        { path: '/events/labcamp-2', status: 200, lang: 'de' },
        { path: '/events/labcamp-2?lang=en', status: 200, lang: 'en' },
        { path: '/events/labcamp-2?lang=de', status: 200, lang: 'de' },
        { path: '/impressum', status: 200, lang: 'de' },
        { path: '/datenschutz', status: 200, lang: 'de' },
        { path: '/events/nope', status: 404, lang: 'de' },
        { path: '/admin/login', status: 200, lang: 'de' },
      ];
      for (const { path, status, lang } of pages) {
        const response = await page.goto(server.url(path));
        assert.equal(response?.status(), status, path);
        assert.equal(await htmlLang(page), lang, path);
        assert.equal(await page.locator('h1').count(), 1, `${path}: one h1`);
        await assertAccessible(page, path);
      }
      await closeContext(context, recorder);
    });

    test('back office: one-time link, event list, pages, errors, safe Markdown', async () => {
      const loginLink = server.report.firstLoginLink;
      assert.ok(loginLink, 'bootstrap created the first organizer');
      assert.equal(new URL(loginLink).origin, server.baseUrl, 'the login link points at BASE_URL');
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });

      // Signing in: the link shows a button; pressing it signs in.
      assert.equal((await page.goto(loginLink))?.status(), 200);
      const signIn = page.getByRole('button', { name: 'Jetzt anmelden' });
      assert.ok(await signIn.isVisible());
      await assertAccessible(page, 'login confirmation');
      await Promise.all([page.waitForURL(server.url('/admin')), signIn.click()]);
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Veranstaltungen');
      const rows = page.locator('table tbody tr');
      assert.equal(await rows.count(), 2);
      assert.ok(await page.getByRole('link', { name: TITLE_DE, exact: true }).isVisible());
      assert.ok(await page.getByRole('link', { name: 'LabCamp #2: Vernetzungstreffen öffentliche Innovationslabore', exact: true }).isVisible());
      await assertAccessible(page, '/admin');

      for (const path of ['/admin/pages', '/admin/pages/impressum', '/admin/audit']) {
        const response = await page.goto(server.url(path));
        assert.equal(response?.status(), 200, path);
        await assertAccessible(page, path);
      }

      // An empty German text is refused; what was typed stays in the form.
      await page.goto(server.url('/admin/pages/impressum'));
      const german = page.getByLabel('Text (Deutsch, Markdown)');
      const english = page.getByLabel('Text (Englisch, Markdown)');
      await german.fill('');
      await english.fill('Kept English text');
      const save = page.getByRole('button', { name: 'Speichern' });
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url() === server.url('/admin/pages/impressum') && r.request().method() === 'POST'),
        save.click(),
      ]);
      assert.equal(refused.status(), 422);
      // The same URL again: wait for the answer page itself rather than for a URL change.
      const summary = page.locator('.error-summary');
      await summary.waitFor({ state: 'visible' });
      await page.waitForLoadState('load');
      assert.equal(await summary.getAttribute('role'), 'alert');
      const summaryLink = summary.locator('a[href="#field-body_de"]');
      assert.equal(await summaryLink.count(), 1, 'the summary links to the field');
      const fieldError = page.locator('#error-body_de');
      assert.ok(await fieldError.isVisible(), 'field error');
      assert.ok(((await fieldError.textContent()) ?? '').trim().length > 0);
      assert.equal(await german.getAttribute('aria-invalid'), 'true');
      assert.match((await german.getAttribute('aria-describedby')) ?? '', /\berror-body_de\b/);
      assert.equal(await german.inputValue(), '');
      assert.equal(await english.inputValue(), 'Kept English text');
      await assertAccessible(page, '/admin/pages/impressum (422)');

      // Markdown is rendered, raw HTML is shown as text.
      const hostile = '<script>alert(1)</script> **Fett**';
      await german.fill(hostile);
      await english.fill('');
      await Promise.all([page.waitForURL(server.url('/admin/pages/impressum?saved=1')), save.click()]);
      assert.ok(await page.getByRole('status').filter({ hasText: 'Gespeichert' }).isVisible());
      assert.equal(await german.inputValue(), hostile);

      const shown = await page.goto(server.url('/impressum'));
      assert.equal(shown?.status(), 200);
      assert.equal(await page.evaluate(() => document.querySelectorAll('main script').length), 0);
      assert.ok(((await page.locator('main').innerText()) ?? '').includes('<script>alert(1)</script>'), 'the tag is shown as text');
      const bold = page.locator('main .prose strong');
      assert.equal(await bold.count(), 1);
      assert.equal(await bold.textContent(), 'Fett');
      assert.deepEqual(dialogs, [], 'no script ran');
      await assertAccessible(page, '/impressum (edited)');

      // The link works once.
      const again = await page.goto(loginLink);
      assert.equal(again?.status(), 410);
      assert.ok(await page.getByRole('alert').filter({ hasText: 'ungültig' }).isVisible());
      assert.equal(await page.getByRole('button', { name: 'Jetzt anmelden' }).count(), 0);
      await assertAccessible(page, 'used login link');
      await closeContext(context, recorder);
    });

    test('keyboard: the first Tab reaches the visible skip link, Enter moves focus to main', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      await page.goto(server.url('/events/labcamp-2020'));
      const skip = page.locator('a.skip-link');
      const viewport = page.viewportSize()!;
      const inView = async () => {
        const box = await skip.boundingBox();
        return box !== null && box.width > 0 && box.height > 0 && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
      };
      assert.equal(await inView(), false, 'hidden until focused');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? { tag: el.tagName, text: el.textContent?.trim(), href: el.getAttribute('href'), outline: getComputedStyle(el).outlineStyle } : null;
      });
      assert.deepEqual(focused && { tag: focused.tag, text: focused.text, href: focused.href }, { tag: 'A', text: 'Zum Inhalt springen', href: '#main' });
      assert.ok(await inView(), 'the focused skip link is inside the viewport');
      assert.notEqual(focused?.outline, 'none', 'the focused skip link shows a focus outline');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'MAIN');
      assert.ok(page.url().endsWith('#main'));
      // The next Tab continues inside the content, not at the top of the page.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => Boolean(document.activeElement?.closest('main'))), true);
      await closeContext(context, recorder);
    });

    test('a 320 px wide screen needs no horizontal scrolling', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE', viewport: { width: 320, height: 640 } });
      for (const path of ['/events/labcamp-2020', '/events/labcamp-2020?lang=en', '/events/labcamp-2', '/']) {
        await page.goto(server.url(path));
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        assert.equal(clientWidth, 320, 'the viewport is 320 px wide');
        assert.ok(scrollWidth <= 320, `${path}: scrollWidth ${scrollWidth} > 320`);
      }
      await closeContext(context, recorder);
    });

    test('without JavaScript: read the event page, switch the language, sign in', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE', javaScriptEnabled: false });
      await page.goto(server.url('/events/labcamp-2020'));
      assert.equal(await htmlLang(page), 'de');
      assert.equal((await page.locator('h1').textContent())?.trim(), TITLE_DE);
      assert.ok(await page.locator('.badge', { hasText: 'Anmeldung geschlossen' }).first().isVisible());
      for (const name of SPEAKERS) assert.ok(await page.locator('.person__name', { hasText: name }).isVisible(), name);

      await Promise.all([page.waitForURL(server.url('/events/labcamp-2020?lang=en')), page.getByRole('link', { name: 'English', exact: true }).click()]);
      assert.equal(await htmlLang(page), 'en');
      assert.equal((await page.locator('h1').textContent())?.trim(), TITLE_EN);

      const token = await server.services.access.issueLoginLink('admin@localhost');
      await page.goto(server.url(`/admin/login/${token}`));
      await Promise.all([page.waitForURL(server.url('/admin')), page.getByRole('button', { name: 'Sign in now' }).click()]);
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Events');
      assert.equal(await page.locator('table tbody tr').count(), 2);
      await closeContext(context, recorder);
    });
  });
}

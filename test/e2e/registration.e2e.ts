// The public registration flow (issue #3) in a real Chromium, against a real server on each
// database and a real SMTP server in the test process: the form with the keyboard, its errors,
// double opt-in by the mailed link, the personal page (edit, calendar, cancel), the waiting list,
// no JavaScript, English, and the lost-link form. axe-core (WCAG 2.1 AA) on every state, and not
// a single request leaving 127.0.0.1.
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { personalLinkIn, startTestSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp.js';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.js';
import { messages } from '../../src/platform/i18n/index.js';
import { assertAccessible, closeContext, launchBrowser, newRecordedContext, startTestServer, type TestServer } from './helpers/browser.js';

const EVENT_DE = 'LabCamp #2: Vernetzungstreffen öffentliche Innovationslabore';
const EVENT_EN = 'LabCamp #2: Networking meeting of public innovation labs';
const Q_TOPICS = 'Welche Themen interessieren euch besonders?';
const Q_PRESENT = 'Möchtet ihr in einer Vernetzungsrunde ein eigenes Projekt vorstellen?';
const Q_TAKEAWAY = 'Was möchtet ihr aus dem Treffen mitnehmen?';
const LONG_ANSWER = 'Neue Kontakte zu anderen Laboren.\nUnd <b>fett</b> bleibt Text.';
const PRIVACY_DE = /Ich habe die Datenschutzerklärung gelesen/;

const MAIL_TIMEOUT = 15_000;

/** Waits for the next full page load that `action` causes; returns the HTTP statuses of the main document (e.g. [303, 200]). */
async function navigation(page: Page, action: () => Promise<unknown>): Promise<number[]> {
  const statuses: number[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) statuses.push(response.status());
  };
  page.on('response', onResponse);
  try {
    await Promise.all([page.waitForEvent('load'), action()]);
  } finally {
    page.off('response', onResponse);
  }
  return statuses;
}

/** The id, name and type of the focused element. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { id: el?.id ?? '', name: el?.getAttribute('name') ?? '', tag: el?.tagName ?? '', type: el?.getAttribute('type') ?? '', text: el?.textContent?.trim() ?? '', label: el?.labels?.[0]?.textContent?.trim() ?? '' };
  });
}

/** Presses Tab and checks that focus landed on `selector`. */
async function tabTo(page: Page, selector: string, what = selector): Promise<void> {
  await page.keyboard.press('Tab');
  const ok = await page.evaluate((s) => Boolean(document.activeElement?.matches(s)), selector);
  assert.ok(ok, `Tab should reach ${what}; focus is on ${JSON.stringify(await focused(page))}`);
}

async function statusText(page: Page): Promise<string> {
  return ((await page.locator('.status-box__value').textContent()) ?? '').trim();
}

async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ').trim();
}

/** Is the element's box at least partly inside the viewport? */
async function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
  });
}

for (const dialect of testDialects()) {
  describe(`registration in Chromium with mail over SMTP (${dialect})`, () => {
    let server: TestServer;
    let smtp: TestSmtp;
    let browser: Browser;

    const mailTo = (address: string, subject: RegExp): Promise<ReceivedMail> =>
      smtp.waitFor((m) => m.envelopeTo.includes(address) && subject.test(m.parsed.subject ?? ''), MAIL_TIMEOUT);
    const mailsTo = (address: string) => smtp.mails.filter((m) => m.envelopeTo.includes(address));

    /** Fills the public form by label (not the keyboard walk of test 1) and submits it. */
    async function fillAndSubmit(page: Page, who: { name: string; email: string; organisation: string }, labels = {
      name: 'Name', email: 'E-Mail-Adresse', organisation: 'Innovationslabor oder Organisation', level: 'Kommune', privacy: PRIVACY_DE, submit: 'Verbindlich anmelden',
    }, questions?: (page: Page) => Promise<void>): Promise<number[]> {
      await page.getByRole('textbox', { name: labels.name, exact: true }).fill(who.name);
      await page.getByRole('textbox', { name: labels.email, exact: true }).fill(who.email);
      await page.getByRole('combobox', { name: labels.organisation, exact: true }).fill(who.organisation);
      await page.getByRole('radio', { name: labels.level, exact: true }).check();
      await questions?.(page);
      await page.getByRole('checkbox', { name: labels.privacy }).check();
      return navigation(page, () => page.getByRole('button', { name: labels.submit, exact: true }).click());
    }

    // State carried from one test to the next (the tests of a describe run in order).
    let leaLink = '';
    const lea = { name: 'Lea Muster', typed: 'Lea.Muster@Stadt-Soest.de', email: 'lea.muster@stadt-soest.de', lab: 'Citylabor Soest' };

    before(async () => {
      smtp = await startTestSmtp();
      server = await startTestServer(dialect, { SMTP_URL: smtp.url, MAIL_FROM: 'LabCamp <labcamp@example.org>' });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      await smtp?.close();
    });

    test('1. a new user registers for labcamp-2 in German, with the keyboard, through the errors', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE', viewport: { width: 1280, height: 900 } });
      await page.goto(server.url('/events/labcamp-2'));
      const register = page.getByRole('link', { name: 'Jetzt anmelden', exact: true });
      assert.ok((await register.count()) >= 1);
      for (const link of await register.all()) assert.equal(await link.getAttribute('href'), '/events/labcamp-2/register');
      assert.deepEqual(await navigation(page, () => register.first().click()), [200]);
      assert.equal(page.url(), server.url('/events/labcamp-2/register'));
      assert.equal(await page.locator('html').getAttribute('lang'), 'de');
      assert.equal((await page.locator('h1').textContent())?.trim(), `Anmeldung: ${EVENT_DE}`);
      assert.equal(await page.locator('.error-summary').count(), 0, 'no errors before the first submit');
      await assertAccessible(page, 'registration form (empty)');

      // The empty form: a summary at the top, each message next to its field.
      const submit = page.getByRole('button', { name: 'Verbindlich anmelden', exact: true });
      assert.deepEqual(await navigation(page, () => submit.click()), [422]);
      const summary = page.locator('.error-summary');
      assert.equal(await summary.count(), 1);
      assert.ok(await summary.isVisible());
      assert.equal(await summary.getAttribute('role'), 'alert');
      assert.equal(await page.getByRole('alert').count(), 1);
      assert.equal((await summary.locator('h2').textContent())?.trim(), 'Bitte korrigiert die markierten Angaben:');
      const present = await page.locator('fieldset', { has: page.locator('legend', { hasText: Q_PRESENT }) }).getAttribute('id');
      assert.match(present ?? '', /^field-q\d+$/);
      const hrefs = await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      // Every required field that was left empty, in the order of the form.
      assert.deepEqual(hrefs, ['#field-name', '#field-email', '#field-organisation', '#field-level', `#${present}`, '#field-privacy']);
      const fieldOrder = await page.evaluate((ids) => {
        const els = ids.map((id) => document.getElementById(id.slice(1)));
        return els.every((el, i) => el && (i === 0 || (els[i - 1]!.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)));
      }, hrefs as string[]);
      assert.ok(fieldOrder, 'the summary lists the errors in the order of the fields');
      assert.equal((await summary.locator('a').first().textContent())?.trim(), 'Name: Bitte ausfüllen.');
      assert.equal((await summary.locator(`a[href="#${present}"]`).textContent())?.trim(), `${Q_PRESENT} Bitte wählt eine der Antworten.`, 'a question keeps its own "?" (no "?:")');
      for (const href of hrefs as string[]) {
        const name = href.slice('#field-'.length);
        const control = page.locator(href);
        assert.equal(await control.count(), 1, `${href} exists`);
        const error = page.locator(`#error-${name}`);
        assert.ok(await error.isVisible(), `${name}: error visible`);
        const message = ((await error.textContent()) ?? '').trim();
        assert.ok(message.length > 0, `${name}: error has text`);
        assert.ok(((await summary.locator(`a[href="${href}"]`).textContent()) ?? '').includes(message), `${name}: the summary repeats the message`);
        // Next to the field: inside the field's own box, announced with it, close on screen.
        assert.ok(await control.evaluate((el, id) => Boolean(el.closest('.field')?.querySelector(`#${id}`)), `error-${name}`), `${name}: the error is inside the field's box`);
        assert.match((await control.getAttribute('aria-describedby')) ?? '', new RegExp(`\\berror-${name}\\b`), `${name}: aria-describedby`);
        const [eBox, cBox] = [await error.boundingBox(), await control.boundingBox()];
        assert.ok(eBox && cBox, `${name}: laid out`);
        const inside = eBox.y >= cBox.y && eBox.y + eBox.height <= cBox.y + cBox.height;
        const gapAbove = cBox.y - (eBox.y + eBox.height);
        assert.ok(inside || (gapAbove >= 0 && gapAbove < 40), `${name}: the error is shown right at the field (error ${JSON.stringify(eBox)}, field ${JSON.stringify(cBox)})`);
        const inputs = (await control.evaluate((el) => el.tagName)) === 'FIELDSET' ? control.locator('input') : control;
        for (const input of await inputs.all()) assert.equal(await input.getAttribute('aria-invalid'), 'true', `${name}: aria-invalid`);
      }
      assert.equal(await page.locator('#error-land, #error-role').count(), 0, 'optional fields left empty are fine');
      await assertAccessible(page, 'registration form (errors)');

      // The small screen: no horizontal scrolling, and a picture of it.
      await page.setViewportSize({ width: 390, height: 844 });
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(widths.scroll <= widths.client, `390 px: scrollWidth ${widths.scroll} > ${widths.client}`);
      await page.screenshot({ path: '/tmp/e2e-form-errors.png', fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });

      // The first link of the summary moves focus to the name field.
      await summary.locator('a').first().click();
      await page.waitForFunction(() => document.activeElement?.id === 'field-name');
      assert.equal((await focused(page)).name, 'name');

      // From there on, only the keyboard: type, Tab, arrows, Space, Enter.
      await page.keyboard.type(lea.name);
      await tabTo(page, '#field-email');
      await page.keyboard.type(lea.typed);
      await tabTo(page, '#field-organisation');
      await page.keyboard.type('City'); // the known labs are offered (CityLAB Berlin …); pick none, type on
      await page.keyboard.type('labor Soest');
      await tabTo(page, 'input[name="level"]', 'the level radios');
      for (let i = 0; i < 6 && (await focused(page)).label !== 'Kommune'; i++) await page.keyboard.press('ArrowDown');
      assert.equal((await focused(page)).label, 'Kommune');
      await tabTo(page, '#field-land');
      await page.keyboard.type('Nordrhein'); // type-ahead on the closed select
      await tabTo(page, '#field-role');
      const topics = page.locator('fieldset', { has: page.locator('legend', { hasText: Q_TOPICS }) }).locator('input[type="checkbox"]');
      assert.equal(await topics.count(), 4);
      const topicsName = await topics.first().getAttribute('name');
      await tabTo(page, `input[name="${topicsName}"][value="beteiligung"]`, 'topic 1');
      await page.keyboard.press('Space');
      await tabTo(page, `input[name="${topicsName}"][value="daten"]`, 'topic 2');
      await page.keyboard.press('Space');
      await tabTo(page, `input[name="${topicsName}"][value="kultur"]`, 'topic 3');
      await tabTo(page, `input[name="${topicsName}"][value="methoden"]`, 'topic 4');
      await tabTo(page, `#${present} input[type="radio"]`, 'the yes/no question');
      assert.equal((await focused(page)).label, 'Ja');
      await page.keyboard.press('Space');
      const takeaway = page.getByRole('textbox', { name: Q_TAKEAWAY });
      await tabTo(page, `#${await takeaway.getAttribute('id')}`, 'the long-text question');
      await page.keyboard.type(LONG_ANSWER);
      await tabTo(page, '#field-privacy');
      await page.keyboard.press('Space');
      await tabTo(page, 'a[href="/datenschutz"]', 'the privacy policy link');
      await tabTo(page, '#field-listed');
      await tabTo(page, 'button[type="submit"]', 'the submit button');

      // What the keyboard did, before sending it.
      assert.equal(await page.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), lea.name);
      assert.equal(await page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }).inputValue(), lea.typed);
      assert.equal(await page.getByRole('combobox', { name: 'Innovationslabor oder Organisation', exact: true }).inputValue(), lea.lab, 'no suggestion replaced what was typed');
      assert.ok(await page.getByRole('radio', { name: 'Kommune', exact: true }).isChecked());
      assert.equal(await page.locator('#field-land').inputValue(), 'NW');
      assert.deepEqual(await topics.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).map((e) => (e as HTMLInputElement).value)), ['beteiligung', 'daten']);
      assert.ok(await page.locator(`#${present}`).getByRole('radio', { name: 'Ja', exact: true }).isChecked());
      assert.equal(await takeaway.inputValue(), LONG_ANSWER);
      assert.ok(await page.getByRole('checkbox', { name: PRIVACY_DE }).isChecked());
      assert.equal(await page.locator('#field-listed').isChecked(), false);

      assert.deepEqual(await navigation(page, () => page.keyboard.press('Enter')), [200]);
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Fast geschafft: Bitte bestätigt eure E-Mail-Adresse');
      const done = await mainText(page);
      assert.ok(done.includes(`Wir haben eine E-Mail an ${lea.email} geschickt.`), done);
      assert.ok(done.includes('Ein Platz ist bis dahin für euch reserviert.'), done);
      assert.equal(await page.locator('.error-summary').count(), 0);
      await assertAccessible(page, 'registration done');

      // The confirmation mail, as a mail client sees it.
      const mail = await mailTo(lea.email, /^Bitte bestätigt eure Anmeldung: /);
      assert.deepEqual(mail.envelopeTo, [lea.email]);
      assert.equal(mail.parsed.subject, `Bitte bestätigt eure Anmeldung: ${EVENT_DE}`);
      assert.equal(mail.parsed.from?.value[0]?.address, 'labcamp@example.org');
      assert.match(mail.raw, /Content-Type: multipart\/alternative/i);
      assert.ok((mail.parsed.text ?? '').trim().length > 0, 'a text part');
      assert.equal(typeof mail.parsed.html, 'string', 'an HTML part');
      assert.match(mail.parsed.text ?? '', /Hallo Lea Muster,/);
      leaLink = personalLinkIn(mail);
      assert.ok((mail.parsed.text ?? '').includes(server.url(leaLink)), 'the link points at this server (BASE_URL)');
      assert.ok(String(mail.parsed.html).includes(`href="${server.url(leaLink)}"`), 'the HTML part links to the same page');
      assert.equal(mailsTo(lea.email).length, 1, 'one mail, not two');
      await closeContext(context, recorder);
    });

    test('2. the mailed link: confirm, the personal page, the "Ihr seid dabei" mail and the calendar file', async () => {
      assert.ok(leaLink, 'test 1 registered');
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const opened = await page.goto(server.url(leaLink));
      assert.equal(opened?.status(), 200);
      assert.equal(opened?.headers()['cache-control'], 'no-store');
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Meine Anmeldung');
      assert.equal(await statusText(page), 'E-Mail noch nicht bestätigt');
      const confirm = page.getByRole('button', { name: 'Anmeldung bestätigen', exact: true });
      assert.ok(await confirm.isVisible());
      assert.equal(mailsTo(lea.email).length, 1, 'opening the link (as a mail scanner would) confirms nothing');
      await assertAccessible(page, 'personal page (unconfirmed)');

      assert.deepEqual(await navigation(page, () => confirm.click()), [303, 200]);
      assert.equal(page.url(), server.url(`${leaLink}?done=confirm`));
      assert.equal(await statusText(page), 'Angemeldet – ihr habt einen Platz');
      assert.ok(await page.getByRole('status').filter({ hasText: 'Danke, eure E-Mail-Adresse ist bestätigt.' }).isVisible());
      assert.equal(await page.getByRole('button', { name: 'Anmeldung bestätigen' }).count(), 0);

      // Everything typed in test 1 is there; the long answer is text, never markup.
      assert.equal(await page.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), lea.name);
      assert.ok((await mainText(page)).includes(`E-Mail-Adresse: ${lea.email}`));
      assert.equal(await page.getByRole('combobox', { name: 'Innovationslabor oder Organisation', exact: true }).inputValue(), lea.lab);
      assert.ok(await page.getByRole('radio', { name: 'Kommune', exact: true }).isChecked());
      assert.equal(await page.locator('#field-land').inputValue(), 'NW');
      assert.ok(await page.getByRole('checkbox', { name: 'Bürgerbeteiligung' }).isChecked());
      assert.ok(await page.getByRole('checkbox', { name: 'Offene Daten' }).isChecked());
      assert.equal(await page.getByRole('checkbox', { name: 'Verwaltungskultur und Mindset' }).isChecked(), false);
      assert.ok(await page.getByRole('group', { name: Q_PRESENT }).getByRole('radio', { name: 'Ja', exact: true }).isChecked());
      assert.equal(await page.getByRole('textbox', { name: Q_TAKEAWAY }).inputValue(), LONG_ANSWER);
      // The questions are part of "Eure Angaben": a sub-heading of it, not a section of their own.
      assert.deepEqual(await page.locator('main').locator('h1, h2, h3').evaluateAll((hs) => hs.map((h) => `${h.tagName} ${h.textContent?.trim()}`)),
        ['H1 Meine Anmeldung', 'H2 Status', 'H2 Eure Angaben', 'H3 Fragen des Orga-Teams', 'H2 Absagen', 'H2 Der Community beitreten', 'H2 Eure Daten']);
      assert.equal(await page.locator('main b').filter({ hasText: 'fett' }).count(), 0, 'no <b> element made from the answer');
      assert.equal(await page.locator('main b, main script').count(), 0);
      await assertAccessible(page, 'personal page (admitted)');
      await page.screenshot({ path: '/tmp/e2e-personal.png', fullPage: true });

      const admitted = await mailTo(lea.email, /^Ihr seid dabei: /);
      assert.equal(admitted.parsed.subject, `Ihr seid dabei: ${EVENT_DE}`);
      assert.equal(typeof admitted.parsed.html, 'string');
      assert.match(admitted.parsed.text ?? '', /Meine Anmeldung: http:\/\/127\.0\.0\.1:\d+\/r\/[A-Za-z0-9_-]{43}/);

      const ics = page.getByRole('link', { name: 'In den Kalender eintragen (.ics)' });
      assert.ok(await ics.isVisible());
      const [download] = await Promise.all([page.waitForEvent('download'), ics.click()]);
      assert.equal(download.suggestedFilename(), 'labcamp-2.ics');
      assert.equal(download.url(), server.url(`${leaLink}/event.ics`));
      const calendar = fs.readFileSync(await download.path(), 'utf8');
      assert.ok(calendar.startsWith('BEGIN:VCALENDAR\r\n'), 'BEGIN:VCALENDAR');
      const lines = calendar.replace(/\r\n[ \t]/g, '').split('\r\n');
      assert.ok(lines.some((l) => /^DTSTART;TZID=Europe\/Berlin:\d{8}T\d{6}$/.test(l)), 'DTSTART;TZID=Europe/Berlin:');
      assert.ok(lines.some((l) => l.startsWith('SUMMARY:')), 'SUMMARY');
      await closeContext(context, recorder);
    });

    test('3. the personal page edits the details; an empty name is refused next to the field', async () => {
      assert.ok(leaLink, 'test 1 registered');
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      await page.goto(server.url(leaLink));
      assert.equal(await statusText(page), 'Angemeldet – ihr habt einen Platz');
      const name = page.getByRole('textbox', { name: 'Name', exact: true });
      const land = page.getByRole('combobox', { name: 'Bundesland', exact: true });
      const save = page.getByRole('button', { name: 'Angaben speichern', exact: true });
      await name.fill('Lea M. Muster');
      await land.selectOption({ label: 'Hessen' });
      assert.deepEqual(await navigation(page, () => save.click()), [303, 200]);
      assert.equal(page.url(), server.url(`${leaLink}?saved=1`));
      assert.ok(await page.getByRole('status').filter({ hasText: 'Eure Angaben sind gespeichert.' }).isVisible());
      assert.equal(await name.inputValue(), 'Lea M. Muster');
      assert.equal(await land.inputValue(), 'HE');
      assert.equal((await land.locator('option:checked').textContent())?.trim(), 'Hessen');
      // What was not touched stays as it was.
      assert.equal(await page.getByRole('combobox', { name: 'Innovationslabor oder Organisation', exact: true }).inputValue(), lea.lab);
      assert.ok(await page.getByRole('checkbox', { name: 'Offene Daten' }).isChecked());
      assert.equal(await page.getByRole('textbox', { name: Q_TAKEAWAY }).inputValue(), LONG_ANSWER);
      assert.equal(await statusText(page), 'Angemeldet – ihr habt einen Platz');
      await assertAccessible(page, 'personal page (saved)');

      await name.fill('');
      assert.deepEqual(await navigation(page, () => save.click()), [422]);
      const error = page.locator('#error-name');
      assert.ok(await error.isVisible());
      assert.equal((await error.textContent())?.trim(), 'Bitte ausfüllen.');
      assert.ok(await name.evaluate((el) => Boolean(el.closest('.field')?.querySelector('#error-name'))), 'the error is in the name field\'s box');
      assert.equal(await name.getAttribute('aria-invalid'), 'true');
      assert.match((await name.getAttribute('aria-describedby')) ?? '', /\berror-name\b/);
      assert.equal(await page.locator('.error-summary a[href="#field-name"]').count(), 1);
      assert.equal(await page.getByRole('status').filter({ hasText: 'gespeichert' }).count(), 0);
      assert.equal(await land.inputValue(), 'HE', 'the other values are kept');
      await assertAccessible(page, 'personal page (error)');
      // Nothing was stored.
      await page.goto(server.url(leaLink));
      assert.equal(await name.inputValue(), 'Lea M. Muster');
      await closeContext(context, recorder);
    });

    test('4. cancelling asks first, then frees the seat and mails a confirmation', async () => {
      assert.ok(leaLink, 'test 1 registered');
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      await page.goto(server.url(leaLink));
      const cancel = page.getByRole('link', { name: 'Anmeldung stornieren', exact: true });
      assert.ok(await cancel.isVisible());
      assert.deepEqual(await navigation(page, () => cancel.click()), [200]);
      assert.equal(page.url(), server.url(`${leaLink}?cancel=1#cancel`));
      const question = page.getByText('Wollt ihr eure Anmeldung wirklich stornieren?');
      const yes = page.getByRole('button', { name: 'Ja, ich sage ab', exact: true });
      assert.ok(await question.isVisible());
      assert.ok(await inViewport(page.locator('#cancel')), 'scrolled to the question');
      assert.ok(await inViewport(question));
      assert.ok(await inViewport(yes));
      assert.equal(await statusText(page), 'Angemeldet – ihr habt einen Platz', 'asking changes nothing');
      await assertAccessible(page, 'personal page (cancel question)');
      // The keyboard continues from the question: the next Tab is the answer.
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).text, 'Ja, ich sage ab');

      assert.deepEqual(await navigation(page, () => page.keyboard.press('Enter')), [303, 200]);
      assert.equal(page.url(), server.url(leaLink));
      assert.equal(await statusText(page), 'Storniert');
      assert.equal(await page.locator(`main form[action="${leaLink}"]`).count(), 0, 'no edit form');
      assert.equal(await page.getByRole('button', { name: 'Angaben speichern' }).count(), 0);
      assert.equal(await page.getByRole('textbox', { name: 'Name', exact: true }).count(), 0);
      assert.equal(await page.getByRole('link', { name: 'Anmeldung stornieren' }).count(), 0);
      assert.equal(await page.getByRole('link', { name: /Kalender/ }).count(), 0);
      const mail = await mailTo(lea.email, /^Abmeldung bestätigt: /);
      assert.equal(mail.parsed.subject, `Abmeldung bestätigt: ${EVENT_DE}`);
      await assertAccessible(page, 'personal page (cancelled)');
      await closeContext(context, recorder);
    });

    test('5. the waiting list: a full meeting, an offer by mail, the seat accepted in the browser', async () => {
      const base = await server.services.events.findBySlug('labcamp-2');
      assert.ok(base);
      await server.services.events.createEvent({ ...base, slug: 'e2e-small', capacity: 1 }, SYSTEM_ACTOR);
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      const first = { name: 'Ana Erste', email: 'ana@lab.example', organisation: 'Lab Ana' };
      const second = { name: 'Ben Zweiter', email: 'ben@lab.example', organisation: 'Lab Ben' };

      await page.goto(server.url('/events/e2e-small/register'));
      assert.deepEqual(await fillAndSubmit(page, first), [200]);
      assert.ok((await mainText(page)).includes('Ein Platz ist bis dahin für euch reserviert.'));
      await page.goto(server.url('/events/e2e-small/register'));
      assert.deepEqual(await fillAndSubmit(page, second), [200]);
      assert.ok((await mainText(page)).includes('Das Treffen ist zurzeit ausgebucht'), 'the second is told about the waiting list');

      const anaLink = personalLinkIn(await mailTo(first.email, /^Bitte bestätigt eure Anmeldung/));
      const benLink = personalLinkIn(await mailTo(second.email, /^Bitte bestätigt eure Anmeldung/));
      await page.goto(server.url(anaLink));
      await navigation(page, () => page.getByRole('button', { name: 'Anmeldung bestätigen' }).click());
      assert.equal(await statusText(page), 'Angemeldet – ihr habt einen Platz');
      await page.goto(server.url(benLink));
      await navigation(page, () => page.getByRole('button', { name: 'Anmeldung bestätigen' }).click());
      assert.equal(await statusText(page), 'Auf der Warteliste');
      assert.ok(await page.getByText('Platz 1 auf der Warteliste').isVisible());
      await assertAccessible(page, 'personal page (waiting list)');
      await mailTo(second.email, /^Warteliste: /);

      // The first cancels; the seat is offered to the second by mail.
      await page.goto(server.url(anaLink));
      await navigation(page, () => page.getByRole('link', { name: 'Anmeldung stornieren' }).click());
      await navigation(page, () => page.getByRole('button', { name: 'Ja, ich sage ab' }).click());
      assert.equal(await statusText(page), 'Storniert');
      const offer = await mailTo(second.email, /^Ein Platz ist frei: /);
      await page.goto(server.url(personalLinkIn(offer)));
      assert.equal(await statusText(page), 'Ein Platz ist für euch reserviert');
      const accept = page.getByRole('button', { name: 'Platz annehmen', exact: true });
      assert.ok(await accept.isVisible());
      await assertAccessible(page, 'personal page (offer)');
      assert.deepEqual(await navigation(page, () => accept.click()), [303, 200]);
      assert.equal(await statusText(page), 'Angemeldet – ihr habt einen Platz');
      await mailTo(second.email, /^Ihr seid dabei: /);
      await closeContext(context, recorder);
    });

    test('6. without JavaScript: register, confirm by the mailed link, cancel', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE', javaScriptEnabled: false });
      const who = { name: 'Noa Ohnescript', email: 'noa@lab.example', organisation: 'Lab ohne Skript' };
      await page.goto(server.url('/events/labcamp-2'));
      assert.deepEqual(await navigation(page, () => page.getByRole('link', { name: 'Jetzt anmelden', exact: true }).first().click()), [200]);
      // Without JavaScript the browser checks nothing itself: the server's answer is the check.
      assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Verbindlich anmelden' }).click()), [422]);
      assert.ok(await page.getByRole('alert').isVisible());
      assert.deepEqual(await fillAndSubmit(page, who, undefined, async (p) => {
        await p.getByRole('group', { name: Q_PRESENT }).getByRole('radio', { name: 'Nein', exact: true }).check();
      }), [200]);
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Fast geschafft: Bitte bestätigt eure E-Mail-Adresse');

      const link = personalLinkIn(await mailTo(who.email, /^Bitte bestätigt eure Anmeldung/));
      await page.goto(server.url(link));
      assert.equal(await statusText(page), 'E-Mail noch nicht bestätigt');
      assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Anmeldung bestätigen' }).click()), [303, 200]);
      assert.equal(await statusText(page), 'Angemeldet – ihr habt einen Platz');
      await mailTo(who.email, /^Ihr seid dabei: /);
      assert.deepEqual(await navigation(page, () => page.getByRole('link', { name: 'Anmeldung stornieren' }).click()), [200]);
      assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Ja, ich sage ab' }).click()), [303, 200]);
      assert.equal(await statusText(page), 'Storniert');
      await mailTo(who.email, /^Abmeldung bestätigt: /);
      await closeContext(context, recorder);
    });

    test('7. in English: the whole form, and an English confirmation mail', async () => {
      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      const response = await page.goto(server.url('/events/labcamp-2/register?lang=en'));
      assert.equal(response?.status(), 200);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal((await page.locator('h1').textContent())?.trim(), `Registration: ${EVENT_EN}`);
      assert.ok(await page.getByRole('combobox', { name: 'Innovation lab or organisation', exact: true }).isVisible());
      assert.ok(await page.getByRole('group', { name: 'Level' }).isVisible());
      assert.ok(await page.getByRole('button', { name: 'Register', exact: true }).isVisible());
      assert.ok(await page.getByRole('group', { name: 'Which topics interest you most?' }).isVisible());
      assert.ok(await page.getByRole('textbox', { name: 'What would you like to take away from the meeting?' }).isVisible());
      assert.ok(await page.getByRole('option', { name: 'North Rhine-Westphalia' }).count() === 1);
      // Not a single German text of the form is left.
      const de = messages('de');
      const en = messages('en');
      const german = [
        ...Object.entries(de.registration).filter(([k, v]) => typeof v === 'string' && v !== (en.registration as Record<string, unknown>)[k]).map(([, v]) => v as string),
        // "State (Land)" names the German word on purpose.
        ...Object.entries(de.registration.levels).filter(([k, v]) => !(en.registration.levels[k] ?? '').includes(v)).map(([, v]) => v), de.personal.title, de.errors.formSummary, 'Bundesland', 'Ebene', 'Bürgerbeteiligung', 'Welche Themen', 'Nordrhein-Westfalen', 'Ja', 'Nein',
      ];
      const shown = `${await page.locator('body').innerText()} ${await page.locator('option').allTextContents()}`;
      const left = german.filter((g) => new RegExp(`(^|[^\\p{L}])${g.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(shown));
      assert.deepEqual(left, [], 'German text on the English form');
      await assertAccessible(page, 'registration form (en)');

      const who = { name: 'Sam English', email: 'sam@lab.example', organisation: 'Open Lab' };
      assert.deepEqual(await fillAndSubmit(page, who, {
        name: 'Name', email: 'E-mail address', organisation: 'Innovation lab or organisation', level: 'Municipal', privacy: /I have read the privacy policy/, submit: 'Register',
      }, async (p) => {
        await p.getByRole('group', { name: 'Would you like to present a project of your own in a networking round?' }).getByRole('radio', { name: 'No', exact: true }).check();
      }), [200]);
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Almost done: please confirm your e-mail address');
      await assertAccessible(page, 'registration done (en)');
      const mail = await mailTo(who.email, /confirm/i);
      assert.equal(mail.parsed.subject, `Please confirm your registration: ${EVENT_EN}`);
      assert.match(mail.parsed.text ?? '', /Confirm registration/);
      await closeContext(context, recorder);
    });

    test('8. a lost link: the same answer for any address, a mail only to a registered one', async () => {
      const event = await server.services.events.findBySlug('labcamp-2');
      assert.ok(event);
      const known = 'kim@lab.example';
      const unknown = 'nobody@lab.example';
      const outcome = await server.services.registration.register(event, { name: 'Kim Bekannt', email: known, organisation: 'Lab Kim', level: 'land', land: null, role: null, listed: false, answers: {} }, 'de');
      assert.equal(outcome.kind, 'registered');
      await mailTo(known, /^Bitte bestätigt eure Anmeldung/);

      const { context, page, recorder } = await newRecordedContext(browser, { locale: 'de-DE' });
      const ask = async (email: string) => {
        await page.goto(server.url('/events/labcamp-2/link'));
        assert.equal((await page.locator('h1').textContent())?.trim(), 'Persönlichen Link anfordern');
        await page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }).fill(email);
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Link schicken' }).click()), [200]);
        const status = page.getByRole('status');
        assert.ok(await status.isVisible());
        return { text: await mainText(page), status: (await status.textContent())?.trim(), field: await page.getByRole('textbox', { name: 'E-Mail-Adresse', exact: true }).inputValue() };
      };
      await page.goto(server.url('/events/labcamp-2/link'));
      await assertAccessible(page, '/events/labcamp-2/link');
      const before = smtp.mails.length;
      const forUnknown = await ask(unknown);
      await assertAccessible(page, 'link requested');
      const forKnown = await ask('Kim@Lab.Example');
      assert.deepEqual(forUnknown, forKnown, 'the page does not tell whether the address is registered');
      assert.equal(forKnown.status, 'Wenn diese Adresse für das Treffen angemeldet ist, ist eine E-Mail mit dem Link unterwegs.');
      assert.equal(forKnown.field, '');
      const mail = await mailTo(known, /persönlicher Link/);
      assert.equal(mail.parsed.subject, `Euer persönlicher Link: ${EVENT_DE}`);
      personalLinkIn(mail);
      assert.deepEqual(smtp.mails.slice(before).filter((m) => m.envelopeTo.includes(unknown)), [], 'no mail to an unregistered address');
      await closeContext(context, recorder);
    });
  });
}

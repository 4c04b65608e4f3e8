// The community (#7) in a real Chromium, against a real server on each database: the labs
// directory with the keyboard (a Land on the map, the filter form, the table of counts, a lab's
// page, reflow at 320 px), the practice library's German search, a member who joins through a
// registration's personal link, fills their profile and writes a practice through its errors,
// an organizer who publishes it (then it is in the library and the Atom feed), the same forms
// without JavaScript, and the back office (the lab form's errors, the CSV import). axe-core
// (WCAG 2.1 AA) on every page state, errors included, and not a single request leaving 127.0.0.1.
import fs from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible, closeContext, navigation, newRecordedContext, type TestServer } from './helpers/browser.js';
import { serverAndBrowser } from './helpers/suite.js';

/** Where the pictures go: never into the repository. */
const SHOTS = '/tmp/labcamp-community';
const SOEST_PRACTICE = 'Neue Technologien zum Ausprobieren: niedrigschwellige Abende im Stadtlabor';
const COMMUNITY_PRACTICE = 'Vernetzungstreffen öffentlicher Innovationslabore';
const NEW_PRACTICE = {
  title: 'Sprechstunde für offene Daten im Rathaus',
  slug: 'sprechstunde-fuer-offene-daten-im-rathaus',
  problem: 'Die Fachämter wissen nicht, welche ihrer Daten sie **veröffentlichen** dürfen.',
  approach: 'Eine wöchentliche Sprechstunde des Labors, in der Fachämter ihre Datensätze mitbringen und gemeinsam prüfen.',
  results: 'Zwölf neue Datensätze im Portal nach drei Monaten.',
  topics: 'Open Data, Verwaltung',
};
const NO_JS_PRACTICE = { title: 'Lesekreis für Verwaltungsinnovation', problem: 'Gute Texte über Innovation in der Verwaltung liest jede für sich.', approach: 'Ein monatlicher Lesekreis, offen für alle Ämter.' };

type Recorded = Awaited<ReturnType<typeof newRecordedContext>>;
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

const h1 = async (page: Page) => ((await page.locator('h1').textContent()) ?? '').trim();
const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ').trim();
const pathOf = (page: Page) => { const u = new URL(page.url()); return `${u.pathname}${u.search}`; };

/** What has the focus: enough to say where it went when it is not where it should be. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', id: el?.id ?? '', cls: el?.getAttribute('class') ?? '', label: el?.getAttribute('aria-label') ?? '', text: (el?.textContent ?? '').trim().slice(0, 60) };
  });
}

/** Presses Tab until the focus is on `selector` (at most `max` times); fails with where it went. */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => Boolean(document.activeElement?.matches(s)), selector)) return;
    const f = await focused(page);
    trail.push(`${f.tag}${f.id ? `#${f.id}` : ''}${f.label ? `[${f.label}]` : ''} ${f.text}`.trim());
  }
  assert.fail(`Tab never reached ${selector}; it went through:\n  ${trail.join('\n  ')}`);
}

/** The text of the live status line of the labs directory. */
const labsStatus = async (page: Page) => ((await page.locator('.labs-results [role="status"]').textContent()) ?? '').trim();
const labCards = (page: Page) => page.locator('.labs-results .card__title').allTextContents();

/** The error summary of a refused form: one alert, a link per field, each message at its field too; returns the fields it links to. */
async function errorSummary(page: Page): Promise<string[]> {
  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1, 'one error summary');
  assert.ok(await summary.isVisible(), 'the error summary is visible');
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.equal((await summary.locator('h2').textContent())?.trim(), 'Bitte korrigiert die markierten Angaben:');
  const hrefs = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    const name = href.replace(/^#field-/, '');
    const control = page.locator(href);
    assert.equal(await control.count(), 1, `${href}: the summary links to an existing field`);
    const error = page.locator(`#error-${name}`);
    assert.ok(await error.isVisible(), `${name}: the message is shown at the field too`);
    const message = ((await error.textContent()) ?? '').trim();
    assert.ok(message.length > 0 && ((await summary.locator(`a[href="${href}"]`).textContent()) ?? '').includes(message), `${name}: the summary repeats the message`);
    assert.ok(await control.evaluate((el, id) => Boolean(el.closest('.field')?.querySelector(`#${id}`)), `error-${name}`), `${name}: the message is inside the field's box`);
    assert.match((await control.getAttribute('aria-describedby')) ?? '', new RegExp(`\\berror-${name}\\b`), `${name}: aria-describedby names the message`);
    const inputs = (await control.evaluate((el) => el.tagName)) === 'FIELDSET' ? control.locator('input') : control;
    for (const input of await inputs.all()) assert.equal(await input.getAttribute('aria-invalid'), 'true', `${name}: aria-invalid`);
    // Right at the field: the message is drawn just above the control, not somewhere else.
    const [eBox, cBox] = [await error.boundingBox(), await control.boundingBox()];
    assert.ok(eBox && cBox, `${name}: laid out`);
    const inside = eBox.y >= cBox.y && eBox.y + eBox.height <= cBox.y + cBox.height;
    const gapAbove = cBox.y - (eBox.y + eBox.height);
    assert.ok(inside || (gapAbove >= 0 && gapAbove < 40), `${name}: the message is shown right at the field (message ${JSON.stringify(eBox)}, field ${JSON.stringify(cBox)})`);
  }
  return hrefs.map((h) => h.replace(/^#field-/, ''));
}

/** Clicks the summary's link to `name` and checks that focus moved to the field. */
async function followSummaryLink(page: Page, name: string): Promise<void> {
  await page.locator(`.error-summary a[href="#field-${name}"]`).click();
  await page.waitForFunction((id) => document.activeElement?.id === id, `field-${name}`, { timeout: 2000 }).catch(() => undefined);
  assert.equal((await focused(page)).id, `field-${name}`, `the summary link moves focus to ${name}`);
}

/** Does the page need horizontal scrolling? */
function widths(page: Page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
}

/** An admitted registration for labcamp-2 (registered by hand) and the token of its personal link. */
async function registered(server: TestServer, name: string, email: string, organisation: string): Promise<string> {
  const event = (await server.services.events.findBySlug('labcamp-2'))!;
  const outcome = await server.services.registration.register(event, { name, email, organisation, level: 'kommune', land: 'NW', role: null, listed: false, answers: { 2: 'no' } }, 'de', 'manual', { id: null, label: 'test' });
  assert.equal(outcome.kind, 'registered');
  const mail = await server.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
}

for (const dialect of testDialects()) {
  describe(`community in Chromium (${dialect})`, () => {
    const running = serverAndBrowser(dialect);
    const german = { locale: 'de-DE', viewport: { width: 1280, height: 900 } };

    // State carried from one test to the next (the tests of a describe run in order).
    const member = { name: 'Mara Beispiel', email: 'mara.e2e-community@example.org', token: '' };
    let organizerState: StorageState | undefined;

    test('1. a visitor explores the labs directory with the keyboard: map, filters, table, a lab; it reflows at 320 px', async () => {
      const { server, browser } = running;
      const { context, page, recorder } = await newRecordedContext(browser, german);
      try {
        assert.equal((await page.goto(server.url('/labs')))?.status(), 200);
        assert.equal(await h1(page), 'Verzeichnis der Innovationslabore');
        assert.equal(await page.locator('html').getAttribute('lang'), 'de');
        assert.equal(await labsStatus(page), '3 Labore');
        assert.equal(await page.locator('a.map-land').count(), 16, 'a link per Land');
        assert.equal(await page.getByRole('link', { name: 'Labore', exact: true }).getAttribute('aria-current'), 'page', 'the main navigation marks the directory');
        // Side by side, the map and the results start at the same height.
        const tops = await page.locator('.labs-layout > section > h2').evaluateAll((hs) => hs.map((h) => Math.round(h.getBoundingClientRect().top)));
        assert.equal(tops.length, 2);
        assert.equal(tops[0], tops[1], `the two columns' headings are level (${tops.join(' vs ')})`);
        await assertAccessible(page, '/labs');

        // Screenshots of the whole directory at desktop width and at 320 px (WCAG 1.4.10 Reflow).
        fs.mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: `${SHOTS}/${dialect}-labs-1280.png`, fullPage: true });
        await page.setViewportSize({ width: 320, height: 800 });
        const narrow = await widths(page);
        assert.ok(narrow.scroll <= 320, `320 px: the page scrolls sideways (scrollWidth ${narrow.scroll})`);
        assert.ok(await page.locator('.germany-map-svg').evaluate((svg) => svg.getBoundingClientRect().right <= document.documentElement.clientWidth), 'the map fits');
        await page.screenshot({ path: `${SHOTS}/${dialect}-labs-320.png`, fullPage: true });
        await assertAccessible(page, '/labs at 320 px');
        await page.setViewportSize(german.viewport);

        // --- Keyboard only: Tab to Nordrhein-Westfalen on the map, Enter.
        const nrw = 'a.map-land[data-land="NW"]';
        await tabTo(page, nrw);
        assert.equal(await page.locator(nrw).getAttribute('aria-label'), 'Nordrhein-Westfalen: 1 Labor');
        assert.equal(await page.locator(nrw).getAttribute('href'), '/labs?land=NW');
        // Its focus is visible (2.4.7): the shape gets a thick black outline.
        const stroke = await page.locator(`${nrw} .map-land-shape`).evaluate((el) => { const s = getComputedStyle(el); return { color: s.stroke, width: s.strokeWidth }; });
        assert.deepEqual(stroke, { color: 'rgb(0, 0, 0)', width: '4px' }, 'the focused Land is outlined');
        await page.screenshot({ path: `${SHOTS}/${dialect}-labs-map-focus.png` });
        assert.deepEqual(await navigation(page, () => page.keyboard.press('Enter')), [200]);
        assert.equal(pathOf(page), '/labs?land=NW');
        assert.equal(await labsStatus(page), '1 von 3 Laboren');
        assert.deepEqual(await labCards(page), ['Stadtlabor Soest']);
        assert.equal(await page.locator(nrw).getAttribute('aria-current'), 'true');
        assert.equal(await page.locator('a.map-land[aria-current]').count(), 1, 'only that Land is current');
        assert.equal(await page.locator('#filter-land').inputValue(), 'NW', 'the form shows the filter');
        assert.equal(await page.locator(nrw).getAttribute('href'), '/labs', 'the chosen Land leads back to all');
        assert.ok(await page.getByRole('link', { name: 'Filter zurücksetzen', exact: true }).isVisible());
        // The map still counts the other Länder, so it shows where else to look.
        assert.equal(await page.locator('a.map-land[data-land="BE"]').getAttribute('aria-label'), 'Berlin: 2 Labore');
        await assertAccessible(page, '/labs?land=NW');

        // --- The filter form with the keyboard: level "Bund", land back to "Alle", "Anzeigen".
        await tabTo(page, '#filter-level');
        await page.keyboard.type('Bund');
        assert.equal(await page.locator('#filter-level').inputValue(), 'bund');
        await tabTo(page, '#filter-land');
        await page.keyboard.type('Alle');
        assert.equal(await page.locator('#filter-land').inputValue(), '');
        await tabTo(page, '.filters button[type="submit"]', 2);
        assert.equal((await focused(page)).text, 'Anzeigen');
        assert.deepEqual(await navigation(page, () => page.keyboard.press('Enter')), [200]);
        assert.equal(pathOf(page), '/labs?level=bund&land=&topic=');
        assert.equal(await labsStatus(page), '1 von 3 Laboren');
        assert.deepEqual(await labCards(page), ['Digital Innovation Team des BMI (PG DIT)']);
        assert.equal(await page.locator('a.map-land[aria-current]').count(), 0);
        assert.equal(await page.locator('a.map-land[data-land="BE"]').getAttribute('aria-label'), 'Berlin: 1 Labor', 'the map counts under the other filters');
        await assertAccessible(page, '/labs?level=bund');

        // A topic that no federal lab has: nothing found, and the page says so.
        await tabTo(page, '#filter-topic');
        await page.keyboard.type('Partizipation');
        assert.equal(await page.locator('#filter-topic').inputValue(), 'Partizipation');
        await page.keyboard.press('Tab');
        assert.deepEqual(await navigation(page, () => page.keyboard.press('Enter')), [200]);
        assert.equal(pathOf(page), '/labs?level=bund&land=&topic=Partizipation');
        assert.equal(await labsStatus(page), '0 von 3 Laboren');
        assert.ok((await mainText(page)).includes('Kein Labor passt zu diesen Filtern.'));
        await assertAccessible(page, '/labs with no lab found');

        // Level back to "Alle": the two labs with that topic.
        await tabTo(page, '#filter-level');
        await page.keyboard.type('Alle');
        await tabTo(page, '.filters button[type="submit"]', 3);
        assert.deepEqual(await navigation(page, () => page.keyboard.press('Enter')), [200]);
        assert.equal(pathOf(page), '/labs?level=&land=&topic=Partizipation');
        assert.equal(await labsStatus(page), '2 von 3 Laboren');
        assert.deepEqual(await labCards(page), ['CityLAB Berlin', 'Stadtlabor Soest']);
        await assertAccessible(page, '/labs?topic=Partizipation');

        // "Filter zurücksetzen", then the table of counts: the same numbers as the map, as text.
        await tabTo(page, '.filters__submit a[href="/labs"]');
        assert.equal((await focused(page)).text, 'Filter zurücksetzen');
        assert.deepEqual(await navigation(page, () => page.keyboard.press('Enter')), [200]);
        assert.equal(pathOf(page), '/labs');
        assert.equal(await labsStatus(page), '3 Labore');
        const table = page.getByRole('table', { name: 'Zahl der Labore nach Land' });
        assert.deepEqual(await table.locator('thead th').allTextContents(), ['Land', 'Labore']);
        const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '')));
        assert.deepEqual(rows, [['Berlin', '2'], ['Nordrhein-Westfalen', '1']]);
        assert.equal(await table.getByRole('rowheader', { name: 'Berlin' }).count(), 1, 'the Land heads its row');
        // The table scrolls on its own when narrow, so it is reachable by keyboard (a region with a name).
        await tabTo(page, '.table-scroll[aria-label="Zahl der Labore nach Land"]');
        await tabTo(page, 'table a[href="/labs?land=BE"]', 1);
        assert.deepEqual(await navigation(page, () => page.keyboard.press('Enter')), [200]);
        assert.equal(await labsStatus(page), '2 von 3 Laboren');
        assert.deepEqual(await labCards(page), ['CityLAB Berlin', 'Digital Innovation Team des BMI (PG DIT)']);

        // --- A lab's page, reached with the keyboard from the directory.
        await page.goto(server.url('/labs'));
        await tabTo(page, '.labs-results a[href="/labs/stadtlabor-soest"]');
        assert.deepEqual(await navigation(page, () => page.keyboard.press('Enter')), [200]);
        assert.equal(pathOf(page), '/labs/stadtlabor-soest');
        assert.equal(await h1(page), 'Stadtlabor Soest');
        const facts = await page.locator('dl.facts .facts__row').evaluateAll((rs) => rs.map((r) => [r.querySelector('dt')?.textContent?.trim(), r.querySelector('dd')?.textContent?.trim()]));
        assert.deepEqual(facts.slice(0, 4), [['Ebene', 'Kommune'], ['Land', 'Nordrhein-Westfalen'], ['Ort', 'Soest'], ['Träger', 'Stadt Soest']]);
        assert.equal(await page.getByRole('link', { name: SOEST_PRACTICE, exact: true }).getAttribute('href'), '/practices/technologie-zum-ausprobieren');
        assert.equal(await page.locator('a[href^="mailto:"]').count(), 0, 'no contact address without the lab\'s consent');
        assert.equal(await page.getByRole('heading', { name: 'Mitglieder der Community aus diesem Labor' }).count(), 0, 'visitors never see members');
        await assertAccessible(page, '/labs/stadtlabor-soest');
        await page.setViewportSize({ width: 320, height: 800 });
        const labNarrow = await widths(page);
        assert.ok(labNarrow.scroll <= 320, `lab page at 320 px scrolls sideways (scrollWidth ${labNarrow.scroll})`);
        await page.setViewportSize(german.viewport);
        // Its topic links lead back to the directory, filtered.
        assert.deepEqual(await navigation(page, () => page.locator('dl.facts').getByRole('link', { name: 'Partizipation', exact: true }).click()), [200]);
        assert.equal(await labsStatus(page), '2 von 3 Laboren');
      } finally {
        await closeContext(context, recorder);
      }
    });

    test('2. a visitor searches the practice library: "Beteiligung" finds "Bürgerbeteiligungen"; community-only practices stay hidden', async () => {
      const { server, browser } = running;
      const { context, page, recorder } = await newRecordedContext(browser, german);
      try {
        await page.goto(server.url('/practices'));
        assert.equal(await h1(page), 'Praxis-Bibliothek');
        assert.equal((await page.locator('#library-heading').textContent())?.trim(), '1 Praxis');
        const titles = await page.locator('section[aria-labelledby="library-heading"] .card__title').allTextContents();
        assert.deepEqual(titles, [SOEST_PRACTICE]);
        assert.ok(!(await mainText(page)).includes(COMMUNITY_PRACTICE), 'the community-only practice is not listed');
        assert.equal(await page.getByRole('link', { name: 'Eine Praxis beschreiben' }).count(), 0, 'visitors cannot write');
        assert.ok((await mainText(page)).includes('Mitglied werdet ihr über den persönlichen Link'), 'visitors learn how to join');
        assert.equal(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href'), '/practices.atom');
        await assertAccessible(page, '/practices');
        assert.equal((await page.goto(server.url('/practices/vernetzungstreffen-oeffentlicher-labore')))?.status(), 404, 'not even by its address');

        await page.goto(server.url('/practices'));
        const search = page.getByRole('searchbox', { name: 'Suche' });
        assert.match((await search.getAttribute('aria-describedby')) ?? '', /practice-q-hint/);
        await search.fill('Beteiligung');
        assert.deepEqual(await navigation(page, () => search.press('Enter')), [200]);
        assert.equal(pathOf(page), '/practices?q=Beteiligung&topic=');
        assert.equal((await page.locator('#library-heading').textContent())?.trim(), '1 Praxis zu „Beteiligung“');
        assert.equal(await page.getByRole('heading', { level: 2, name: '1 Praxis zu „Beteiligung“', exact: true }).count(), 1, 'the count heads the results (a heading, not just a status)');
        assert.equal(await page.getByRole('region', { name: '1 Praxis zu „Beteiligung“', exact: true }).count(), 1, 'and names their region');
        assert.equal(await search.inputValue(), 'Beteiligung', 'the query stays in the field');
        const found = page.getByRole('link', { name: SOEST_PRACTICE, exact: true });
        assert.equal(await found.count(), 1);
        await assertAccessible(page, '/practices?q=Beteiligung');

        // Nothing found is said as much.
        await search.fill('Haushaltssperre');
        await navigation(page, () => page.getByRole('button', { name: 'Suchen', exact: true }).click());
        assert.equal((await page.locator('#library-heading').textContent())?.trim(), '0 Praktiken zu „Haushaltssperre“');
        assert.ok((await mainText(page)).includes('Keine Praxis gefunden.'));
        await assertAccessible(page, '/practices with nothing found');

        // The practice itself, whose text says "Bürgerbeteiligungen".
        await page.goBack();
        assert.deepEqual(await navigation(page, () => found.click()), [200]);
        assert.equal(pathOf(page), '/practices/technologie-zum-ausprobieren');
        assert.equal(await h1(page), SOEST_PRACTICE);
        assert.ok((await mainText(page)).includes('Bürgerbeteiligungen'));
        assert.equal(await page.getByRole('heading', { name: 'Moderation' }).count(), 0, 'no actions for visitors');
        await assertAccessible(page, '/practices/technologie-zum-ausprobieren');
      } finally {
        await closeContext(context, recorder);
      }
    });

    test('3. a participant joins the community from their personal page, fills the profile and writes a practice through its errors', async () => {
      const { server, browser } = running;
      member.token = await registered(server, member.name, member.email, 'Stadtlabor Soest');
      const { context, page, recorder } = await newRecordedContext(browser, german);
      try {
        assert.equal((await page.goto(server.url(`/r/${member.token}`)))?.status(), 200);
        const join = page.getByRole('region', { name: 'Der Community beitreten' });
        assert.ok((await join.innerText()).includes('Ein Passwort braucht ihr nicht'));
        await assertAccessible(page, 'personal page with the community offer');
        assert.deepEqual(await navigation(page, () => join.getByRole('button', { name: 'Zur Community', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), '/community/profile?welcome=1');
        assert.equal(await h1(page), 'Mein Profil');
        const welcome = page.locator('.notice[role="status"]');
        assert.equal((await welcome.textContent())?.trim(), 'Willkommen in der Community! Hier legt ihr fest, was andere von euch sehen.');
        assert.equal(await page.getByRole('textbox', { name: 'Name' }).inputValue(), member.name);
        const lab = page.getByRole('combobox', { name: 'Labor' });
        assert.equal(await lab.locator('option:checked').textContent(), 'Stadtlabor Soest', 'the lab of the registration is chosen');
        const findable = page.getByRole('checkbox', { name: 'Andere Mitglieder dürfen mich finden (auf der Seite meines Labors).' });
        assert.equal(await findable.isChecked(), false, 'not findable until they say so');
        await assertAccessible(page, 'profile with the welcome notice');

        // The profile: another lab, a line about the work, findable.
        await lab.selectOption({ label: 'CityLAB Berlin' });
        await page.getByRole('textbox', { name: 'Woran ich arbeite' }).fill('Offene Daten in der Verwaltung');
        await findable.check();
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Profil speichern', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), '/community/profile?saved=1');
        assert.equal((await page.locator('.notice[role="status"]').textContent())?.trim(), 'Profil gespeichert.');
        assert.equal(await lab.locator('option:checked').textContent(), 'CityLAB Berlin');
        assert.equal(await findable.isChecked(), true);
        await assertAccessible(page, 'profile saved');
        // The lab's page shows them to other members.
        await page.goto(server.url('/labs/citylab-berlin'));
        const members = page.getByRole('region', { name: 'Mitglieder der Community aus diesem Labor' });
        assert.equal((await members.locator('li').innerText()).trim(), `${member.name} – Offene Daten in der Verwaltung`);
        await assertAccessible(page, 'a lab page seen by a member');

        // --- The practice library as a member: the community-only practice too, and "Eine Praxis beschreiben".
        await page.goto(server.url('/practices'));
        assert.equal((await page.locator('#library-heading').textContent())?.trim(), '2 Praktiken');
        assert.ok((await mainText(page)).includes(COMMUNITY_PRACTICE));
        await assertAccessible(page, '/practices for a member');
        assert.deepEqual(await navigation(page, () => page.getByRole('link', { name: 'Eine Praxis beschreiben', exact: true }).click()), [200]);
        assert.equal(pathOf(page), '/practices/new');
        assert.equal(await h1(page), 'Eine Praxis beschreiben');
        assert.deepEqual(await page.getByRole('listbox', { name: 'Beteiligte Labore' }).locator('option:checked').allTextContents(), ['CityLAB Berlin'], 'their own lab is named');
        assert.equal(await page.getByRole('radio', { name: 'Nur für die Community' }).isChecked(), true, 'shared with the community unless chosen otherwise');
        assert.equal(await page.locator('.error-summary').count(), 0, 'no errors before the first submit');
        await assertAccessible(page, '/practices/new');

        // Submitted without the required texts (but with a result and a link that is no web address).
        await page.getByRole('textbox', { name: 'Ergebnisse' }).fill(NEW_PRACTICE.results);
        await page.getByRole('textbox', { name: 'Links' }).fill('ftp://daten.example.org');
        await page.getByRole('textbox', { name: 'Themen' }).fill(NEW_PRACTICE.topics);
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Entwurf speichern', exact: true }).click()), [422]);
        assert.deepEqual(await errorSummary(page), ['title', 'problem', 'approach', 'links']);
        assert.equal((await page.locator('.error-summary a').first().textContent())?.trim(), 'Titel: Bitte ausfüllen.');
        assert.ok((await page.locator('#error-links').textContent())?.includes('https://'), 'the link error says what is expected');
        assert.equal(await page.getByRole('textbox', { name: 'Ergebnisse' }).inputValue(), NEW_PRACTICE.results, 'typed values are kept');
        assert.equal(await page.getByRole('textbox', { name: 'Links' }).inputValue(), 'ftp://daten.example.org');
        assert.equal(await page.getByRole('textbox', { name: 'Themen' }).inputValue(), NEW_PRACTICE.topics);
        assert.deepEqual(await page.getByRole('listbox', { name: 'Beteiligte Labore' }).locator('option:checked').allTextContents(), ['CityLAB Berlin']);
        await assertAccessible(page, '/practices/new with errors');
        await page.setViewportSize({ width: 320, height: 800 });
        const formNarrow = await widths(page);
        assert.ok(formNarrow.scroll <= 320, `the practice form with errors at 320 px scrolls sideways (scrollWidth ${formNarrow.scroll})`);
        // The list box of labs shows whole names, not names cut off at its edge.
        const listbox = await page.getByRole('listbox', { name: 'Beteiligte Labore' }).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        assert.ok(listbox.scroll <= listbox.client, `at 320 px the lab names are cut off in the list box (scrollWidth ${listbox.scroll} > ${listbox.client})`);
        await page.screenshot({ path: `${SHOTS}/${dialect}-practice-errors-320.png`, fullPage: true });
        await page.setViewportSize(german.viewport);

        // From the summary to the fields, then fix them.
        await followSummaryLink(page, 'title');
        await page.keyboard.type(NEW_PRACTICE.title);
        await followSummaryLink(page, 'problem');
        await page.keyboard.type(NEW_PRACTICE.problem);
        await followSummaryLink(page, 'approach');
        await page.keyboard.type(NEW_PRACTICE.approach);
        await followSummaryLink(page, 'links');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Delete');
        await page.getByRole('radio', { name: 'Öffentlich', exact: true }).check();
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Entwurf speichern', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), `/practices/${NEW_PRACTICE.slug}?done=saved`);
        assert.equal(await h1(page), NEW_PRACTICE.title);
        assert.equal((await page.locator('.notice[role="status"]').textContent())?.trim(), 'Gespeichert.');
        assert.equal((await page.locator('h1 + .card__meta .badge').textContent())?.trim(), 'Entwurf');
        assert.match(await page.locator('h1 + .card__meta').innerText(), /Öffentlich/);
        assert.equal(await page.locator('#problem-heading + .prose strong').textContent(), 'veröffentlichen', 'Markdown rendered');
        assert.equal(await page.locator('dl.facts').getByRole('link', { name: 'CityLAB Berlin' }).getAttribute('href'), '/labs/citylab-berlin');
        await assertAccessible(page, 'a draft practice');
        // The library lists it under "Eure Entwürfe" for its author only.
        await page.goto(server.url('/practices'));
        const drafts = page.getByRole('region', { name: 'Eure Entwürfe' });
        assert.deepEqual(await drafts.locator('.card__title').allTextContents(), [NEW_PRACTICE.title]);
        assert.equal((await drafts.locator('.badge').textContent())?.trim(), 'Entwurf');
        await assertAccessible(page, '/practices with a draft');
        assert.deepEqual(await navigation(page, () => drafts.getByRole('link', { name: NEW_PRACTICE.title, exact: true }).click()), [200]);

        // "Zur Prüfung einreichen".
        const actions = page.getByRole('region', { name: 'Bearbeiten' });
        assert.ok((await actions.innerText()).includes('Das Moderationsteam prüft die Praxis'));
        assert.deepEqual(await navigation(page, () => actions.getByRole('button', { name: 'Zur Prüfung einreichen', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), `/practices/${NEW_PRACTICE.slug}?done=submitted`);
        assert.equal((await page.locator('.notice[role="status"]').textContent())?.trim(), 'Eingereicht. Das Moderationsteam prüft die Praxis.');
        assert.equal((await page.locator('h1 + .card__meta .badge').textContent())?.trim(), 'In Prüfung');
        assert.equal(await page.getByRole('button', { name: 'Zur Prüfung einreichen' }).count(), 0, 'submitted once');
        await assertAccessible(page, 'a practice in review');
        assert.equal((await server.services.practices.bySlug(NEW_PRACTICE.slug))!.status, 'review');
      } finally {
        await closeContext(context, recorder);
      }
    });

    test('4. an organizer signs in, finds the practice under "Zur Prüfung" and publishes it; visitors find it in the library and the feed', async () => {
      const { server, browser } = running;
      const link = server.report.firstLoginLink;
      assert.ok(link, 'bootstrap created the first organizer');
      const organizer = await newRecordedContext(browser, german);
      let visitor: Recorded | null = null;
      try {
        const page = organizer.page;
        assert.equal((await page.goto(link))?.status(), 200);
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Jetzt anmelden', exact: true }).click()), [303, 200]);
        organizerState = await organizer.context.storageState();
        // The back office's navigation leads to the community.
        assert.deepEqual(await navigation(page, () => page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Community', exact: true }).click()), [200]);
        assert.equal(pathOf(page), '/admin/community');
        assert.equal(await h1(page), 'Community');
        assert.equal((await page.locator('#review-heading').textContent())?.trim(), 'Zur Prüfung (1)');
        const queue = page.getByRole('table', { name: 'Zur Prüfung' });
        assert.deepEqual(await queue.locator('tbody tr td:first-child').allTextContents(), [NEW_PRACTICE.title]);
        // Each row's buttons say what they act on.
        assert.equal(await queue.getByRole('button', { name: `Veröffentlichen (${NEW_PRACTICE.title})`, exact: true }).count(), 1);
        const labsTable = page.getByRole('table', { name: 'Labore' });
        assert.equal(await labsTable.locator('tbody tr').count(), 3);
        assert.equal(await labsTable.getByRole('button', { name: 'Ausblenden (Stadtlabor Soest)', exact: true }).count(), 1);
        assert.equal(await labsTable.getByRole('link', { name: 'Bearbeiten (Stadtlabor Soest)', exact: true }).getAttribute('href'), '/admin/community/labs/stadtlabor-soest/edit');
        await assertAccessible(page, '/admin/community with a practice in review');

        // Open it, read it, publish it.
        assert.deepEqual(await navigation(page, () => queue.getByRole('link', { name: NEW_PRACTICE.title, exact: true }).click()), [200]);
        assert.equal(pathOf(page), `/practices/${NEW_PRACTICE.slug}`);
        const moderation = page.getByRole('region', { name: 'Moderation' });
        assert.deepEqual(await moderation.getByRole('button').allTextContents(), ['Veröffentlichen', 'Zurück an die Autor:innen']);
        await assertAccessible(page, 'a practice in review, seen by a moderator');
        assert.deepEqual(await navigation(page, () => moderation.getByRole('button', { name: 'Veröffentlichen', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), `/practices/${NEW_PRACTICE.slug}?done=status`);
        assert.equal((await page.locator('.notice[role="status"]').textContent())?.trim(), 'Status geändert.');
        assert.equal(await page.locator('h1 + .card__meta').innerText(), 'Veröffentlicht am Samstag, 28.11.2026 · Öffentlich');
        assert.deepEqual(await page.getByRole('region', { name: 'Moderation' }).getByRole('button').allTextContents(), ['Zurückziehen']);
        await assertAccessible(page, 'a published practice, seen by a moderator');
        await page.goto(server.url('/admin/community'));
        assert.equal((await page.locator('#review-heading').textContent())?.trim(), 'Zur Prüfung (0)');
        assert.ok((await mainText(page)).includes('Nichts wartet auf Prüfung.'));
        await assertAccessible(page, '/admin/community with nothing to review');

        // --- A visitor finds it: in the library, by a word form, and in the feed.
        visitor = await newRecordedContext(browser, german);
        const v = visitor.page;
        await v.goto(server.url('/practices'));
        assert.equal((await v.locator('#library-heading').textContent())?.trim(), '2 Praktiken');
        assert.equal(await v.getByRole('link', { name: NEW_PRACTICE.title, exact: true }).count(), 1);
        await v.getByRole('searchbox', { name: 'Suche' }).fill('Sprechstunden');
        await navigation(v, () => v.getByRole('searchbox', { name: 'Suche' }).press('Enter'));
        assert.equal((await v.locator('#library-heading').textContent())?.trim(), '1 Praxis zu „Sprechstunden“');
        assert.deepEqual(await navigation(v, () => v.getByRole('link', { name: NEW_PRACTICE.title, exact: true }).click()), [200]);
        assert.equal(await h1(v), NEW_PRACTICE.title);
        assert.equal(await v.getByRole('region', { name: 'Moderation' }).count(), 0);
        await assertAccessible(v, 'the new practice, seen by a visitor');
        const feed = await visitor.context.request.get(server.url('/practices.atom'));
        assert.equal(feed.status(), 200);
        assert.match(feed.headers()['content-type'] ?? '', /^application\/atom\+xml/);
        const xml = await feed.text();
        assert.ok(xml.includes(`<title>${NEW_PRACTICE.title}</title>`), 'the feed has the new practice');
        assert.ok(xml.includes(`<id>${server.url(`/practices/${NEW_PRACTICE.slug}`)}</id>`), 'with its absolute address on this server');
        assert.ok(!xml.includes(COMMUNITY_PRACTICE), 'but not the community-only one');
      } finally {
        await closeContext(organizer.context, organizer.recorder);
        if (visitor) await closeContext(visitor.context, visitor.recorder);
      }
    });

    test('5. without JavaScript: the labs filter, the practice search and the member\'s practice form work', async () => {
      const { server, browser } = running;
      const { context, page, recorder } = await newRecordedContext(browser, { ...german, javaScriptEnabled: false });
      try {
        // The labs filter form.
        await page.goto(server.url('/labs'));
        await page.getByRole('combobox', { name: 'Land' }).selectOption({ label: 'Nordrhein-Westfalen' });
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Anzeigen', exact: true }).click()), [200]);
        assert.equal(pathOf(page), '/labs?level=&land=NW&topic=');
        assert.equal(await labsStatus(page), '1 von 3 Laboren');
        assert.deepEqual(await labCards(page), ['Stadtlabor Soest']);
        assert.equal(await page.locator('a.map-land[data-land="NW"]').getAttribute('aria-current'), 'true');
        // A Land on the map is a plain link.
        assert.deepEqual(await navigation(page, () => page.locator('a.map-land[data-land="BE"]').click()), [200]);
        assert.equal(await labsStatus(page), '2 von 3 Laboren');

        // The practice search.
        await page.goto(server.url('/practices'));
        await page.getByRole('searchbox', { name: 'Suche' }).fill('beteiligungen');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Suchen', exact: true }).click()), [200]);
        assert.equal((await page.locator('#library-heading').textContent())?.trim(), '1 Praxis zu „beteiligungen“');
        assert.equal(await page.getByRole('link', { name: SOEST_PRACTICE, exact: true }).count(), 1);

        // The member signs in again with their personal link and writes a practice: errors first.
        assert.ok(member.token, 'test 3 created the member');
        await page.goto(server.url(`/r/${member.token}`));
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Zur Community', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), '/practices', 'a member who is back goes to the library');
        assert.deepEqual(await navigation(page, () => page.getByRole('link', { name: 'Eine Praxis beschreiben', exact: true }).click()), [200]);
        await page.getByRole('textbox', { name: 'Titel' }).fill(NO_JS_PRACTICE.title);
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Entwurf speichern', exact: true }).click()), [422]);
        assert.deepEqual(await errorSummary(page), ['problem', 'approach']);
        assert.equal(await page.getByRole('textbox', { name: 'Titel' }).inputValue(), NO_JS_PRACTICE.title, 'the title is kept');
        // The summary's links are plain fragment links: they still lead to the field.
        await page.locator('.error-summary a[href="#field-problem"]').click();
        assert.equal(new URL(page.url()).hash, '#field-problem');
        await page.getByRole('textbox', { name: 'Problem' }).fill(NO_JS_PRACTICE.problem);
        await page.getByRole('textbox', { name: 'Vorgehen' }).fill(NO_JS_PRACTICE.approach);
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Entwurf speichern', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), '/practices/lesekreis-fuer-verwaltungsinnovation?done=saved');
        assert.equal((await page.locator('h1 + .card__meta .badge').textContent())?.trim(), 'Entwurf');
        assert.match(await page.locator('h1 + .card__meta').innerText(), /Nur für die Community/);
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Zur Prüfung einreichen', exact: true }).click()), [303, 200]);
        assert.equal((await page.locator('h1 + .card__meta .badge').textContent())?.trim(), 'In Prüfung');
        assert.equal((await server.services.practices.bySlug('lesekreis-fuer-verwaltungsinnovation'))!.status, 'review');
        // (axe-core is a script: these pages are the ones checked with JavaScript on in tests 1–3.)
      } finally {
        await closeContext(context, recorder);
      }
    });

    test('6. the back office: a new lab through its errors, and a CSV import with a preview', async () => {
      const { server, browser } = running;
      assert.ok(organizerState, 'test 4 signed the organizer in');
      const { context, page, recorder } = await newRecordedContext(browser, { ...german, storageState: organizerState });
      try {
        await page.goto(server.url('/admin/community'));
        // (This state of the page was checked with axe in test 4.)
        assert.equal((await page.locator('#review-heading').textContent())?.trim(), 'Zur Prüfung (1)', 'the practice from test 5');

        // --- A new lab: wrong input refused, each message at its field.
        assert.deepEqual(await navigation(page, () => page.getByRole('link', { name: 'Neues Labor', exact: true }).click()), [200]);
        assert.equal(pathOf(page), '/admin/community/labs/new');
        assert.equal(await h1(page), 'Neues Labor');
        await assertAccessible(page, '/admin/community/labs/new');
        await page.getByRole('textbox', { name: 'Adresse (Kürzel)' }).fill('Nicht Gültig!');
        await page.getByRole('textbox', { name: 'Website' }).fill('javascript:alert(1)');
        await page.getByRole('textbox', { name: 'Gründungsjahr' }).fill('1800');
        await page.getByRole('textbox', { name: 'Kontaktadresse' }).fill('kein-mail');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Speichern', exact: true }).click()), [422]);
        assert.deepEqual(await errorSummary(page), ['name', 'slug', 'website', 'founded', 'contact_email']);
        assert.equal(await page.locator('#error-founded').textContent(), 'Bitte ein Jahr zwischen 1950 und 2026.');
        assert.equal(await page.getByRole('textbox', { name: 'Website' }).inputValue(), 'javascript:alert(1)', 'typed values are kept, as text');
        await assertAccessible(page, '/admin/community/labs/new with errors');
        await followSummaryLink(page, 'name');
        await page.keyboard.type('Innovationslabor Hessen');
        await page.getByRole('textbox', { name: 'Adresse (Kürzel)' }).fill('');
        await page.getByRole('textbox', { name: 'Website' }).fill('https://innovation.hessen.example');
        await page.getByRole('textbox', { name: 'Gründungsjahr' }).fill('2021');
        await page.getByRole('textbox', { name: 'Kontaktadresse' }).fill('');
        await page.getByRole('combobox', { name: 'Land' }).selectOption({ label: 'Hessen' });
        await page.getByRole('combobox', { name: 'Ebene' }).selectOption({ label: 'Land' });
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Speichern', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), '/labs/innovationslabor-hessen');
        assert.equal(await h1(page), 'Innovationslabor Hessen');
        await assertAccessible(page, 'the new lab\'s page');

        // --- CSV import: paste, preview (nothing written), import.
        await page.goto(server.url('/admin/community/labs/import'));
        assert.equal(await h1(page), 'Labore importieren');
        await assertAccessible(page, '/admin/community/labs/import');
        const csv = page.getByRole('textbox', { name: 'CSV-Inhalt' });
        await csv.fill('name;level;land;city;topics\nDigitallabor Leipzig;kommune;SN;Leipzig;Open Data, Beteiligung\nOhne Ebene;;BY;;\n');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Vorschau', exact: true }).click()), [422]);
        const preview = page.getByRole('table', { name: 'Vorschau' });
        assert.ok((await mainText(page)).includes('Es wurde nichts importiert'));
        assert.equal(await page.getByRole('alert').count(), 1, 'one alert says what is wrong');
        assert.match(await preview.locator('tbody tr').nth(1).innerText(), /Ebene: Bitte eine Ebene wählen\./);
        assert.equal(await page.getByRole('button', { name: /importieren$/ }).count(), 0, 'no import while a row is wrong');
        await assertAccessible(page, 'CSV import, preview with errors');
        await csv.fill('name;level;land;city;topics\nDigitallabor Leipzig;kommune;SN;Leipzig;Open Data, Beteiligung\nStadtlabor Soest;kommune;NW;Soest;Partizipation\n');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Vorschau', exact: true }).click()), [200]);
        const outcomes = await preview.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '')));
        assert.deepEqual(outcomes, [['2', 'Digitallabor Leipzig', 'digitallabor-leipzig', 'in Ordnung (neu)'], ['3', 'Stadtlabor Soest', 'stadtlabor-soest', 'in Ordnung (Aktualisierung)']]);
        assert.equal((await server.services.labs.all(true)).length, 4, 'a preview writes nothing');
        await assertAccessible(page, 'CSV import, preview');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: '2 Labore importieren', exact: true }).click()), [200]);
        assert.equal((await page.locator('.notice[role="status"]').textContent())?.trim(), 'Importiert: 1 neu, 1 aktualisiert.');
        assert.equal(await csv.inputValue(), '', 'the form is empty again');
        await assertAccessible(page, 'CSV import done');
        assert.equal((await server.services.labs.all(true)).length, 5);

        // The directory shows the new labs.
        await page.goto(server.url('/labs?land=SN'));
        assert.deepEqual(await labCards(page), ['Digitallabor Leipzig']);
        assert.equal(await labsStatus(page), '1 von 5 Laboren');
      } finally {
        await closeContext(context, recorder);
      }
    });
  });
}

// The community's public side (#7) in a real Chromium, against a real server on each database:
// the labs directory with the keyboard (a Land on the map, the filter form, the table of counts,
// a lab's page, reflow at 320 px), the practice library's German search, and both without
// JavaScript. axe-core (WCAG 2.1 AA) on every page state; no request leaves 127.0.0.1.
import fs from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible, closeContext, navigation, newRecordedContext } from './helpers/browser.js';
import { serverAndBrowser } from './helpers/suite.js';
import { SHOTS, SOEST_PRACTICE, COMMUNITY_PRACTICE, h1, mainText, pathOf, focused, tabTo, labsStatus, labCards, widths } from './helpers/community.js';
for (const dialect of testDialects()) {
  describe(`community directory in Chromium (${dialect})`, () => {
    const running = serverAndBrowser(dialect);
    const german = { locale: 'de-DE', viewport: { width: 1280, height: 900 } };

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


    test('3. without JavaScript: the labs filter, a Land on the map and the practice search work', async () => {
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

      } finally {
        await closeContext(context, recorder);
      }
    });

  });
}

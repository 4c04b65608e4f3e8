// The community's members and moderators (#7) in a real Chromium, against a real server on each
// database: a participant joins through a registration's personal link, fills their profile and
// writes a practice through its errors; an organizer publishes it (then it is in the library and
// the Atom feed); the member's form without JavaScript; the back office (the lab form's errors,
// the CSV import). axe-core (WCAG 2.1 AA) on every page state; no request leaves 127.0.0.1.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/databases.js';
import { assertAccessible, closeContext, navigation, newRecordedContext } from './helpers/browser.js';
import { serverAndBrowser } from './helpers/suite.js';
import { SHOTS, COMMUNITY_PRACTICE, NEW_PRACTICE, NO_JS_PRACTICE, type Recorded, type StorageState, h1, mainText, pathOf, labsStatus, labCards, errorSummary, followSummaryLink, widths, registered } from './helpers/community.js';
for (const dialect of testDialects()) {
  describe(`community members in Chromium (${dialect})`, () => {
    const running = serverAndBrowser(dialect);
    const german = { locale: 'de-DE', viewport: { width: 1280, height: 900 } };

    // State carried from one test to the next (the tests of a describe run in order).
    const member = { name: 'Mara Beispiel', email: 'mara.e2e-community@example.org', token: '' };
    let organizerState: StorageState | undefined;

    test('1. a participant joins the community from their personal page, fills the profile and writes a practice through its errors', async () => {
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

    test('2. an organizer signs in, finds the practice under "Zur Prüfung" and publishes it; visitors find it in the library and the feed', async () => {
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


    test('3. without JavaScript: the member signs in with their personal link and writes a practice through its errors', async () => {
      const { server, browser } = running;
      const { context, page, recorder } = await newRecordedContext(browser, { ...german, javaScriptEnabled: false });
      try {
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

    test('4. the back office: a new lab through its errors, and a CSV import with a preview', async () => {
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

    test('5. a member signs in again with a link by mail, through the address field\'s error', async () => {
      const { server, browser } = running;
      const { context, page, recorder } = await newRecordedContext(browser, german);
      try {
        await page.goto(server.url('/practices'));
        assert.deepEqual(await navigation(page, () => page.getByRole('link', { name: 'Schon Mitglied? Anmeldelink per Mail' }).click()), [200]);
        assert.equal(await h1(page), 'Als Mitglied anmelden');
        await assertAccessible(page, 'member sign-in form');
        const address = page.getByRole('textbox', { name: 'E-Mail-Adresse' });
        await address.fill('mara at example');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Anmeldelink schicken' }).click()), [422]);
        assert.deepEqual(await errorSummary(page), ['email']);
        assert.match((await page.locator('#error-email').textContent()) ?? '', /Bitte eine gültige E-Mail-Adresse angeben, z\. B\. name@stadt\.de\./);
        assert.equal(await address.inputValue(), 'mara at example', 'the input is kept');
        await assertAccessible(page, 'member sign-in form with an error');
        await address.fill(member.email);
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Anmeldelink schicken' }).click()), [200]);
        assert.match((await page.locator('.notice[role="status"]').textContent()) ?? '', /ist ein Anmeldelink unterwegs/);
        await assertAccessible(page, 'member sign-in link sent');

        const mail = await server.database.db.selectFrom('outbox').select('text_body').where('template', '=', 'community_sign_in').where('to_address', '=', member.email).orderBy('id', 'desc').executeTakeFirstOrThrow();
        const link = /https?:\/\/\S+\/community\/sign-in\/[A-Za-z0-9_-]{43}/.exec(mail.text_body)![0];
        assert.equal((await page.goto(link))?.status(), 200);
        await assertAccessible(page, 'the sign-in link page');
        assert.deepEqual(await navigation(page, () => page.getByRole('button', { name: 'Anmelden', exact: true }).click()), [303, 200]);
        assert.equal(pathOf(page), '/practices');
        assert.equal(await page.getByRole('link', { name: 'Eine Praxis beschreiben' }).count(), 1, 'signed in as a member');
      } finally {
        await closeContext(context, recorder);
      }
    });
  });
}

// Networking rounds in a real Chromium (#6, item 7): four participants from three labs in the live
// room, each in their own browser context; an organizer plans two rounds with the keyboard, sees
// the plan's figures and starts round 1. Without a reload every participant's live page shows
// their group and a running countdown; two members of one group write on their results board
// (one adds an entry, the other changes it by typing, each sees the other's text arrive); the
// organizer's page counts the entries as they come; a member without JavaScript adds an entry
// with the form's button; the organizer's message and "back to the plenary" reach the pages live.
// The outcome report for the team and, once released, for a participant. axe-core (WCAG 2.1 AA)
// on every new page; no request leaves 127.0.0.1.
//
// The test server's clock stands still at TEST_NOW; the browsers' clocks are set to it, so the
// countdown (the browser's time against the round's end) counts as it would with synchronised
// clocks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { testDialects } from '../helpers/databases.js';
import { TEST_NOW } from '../helpers/app.js';
import { assertAccessible, closeContext, newRecordedContext, type TestServer } from './helpers/browser.js';
import { serverAndBrowser } from './helpers/suite.js';

const WAIT = { timeout: 10_000 };
const ROOM = '/events/labcamp-2/live';
const ADMIN = '/admin/events/labcamp-2/networking';
const PROMPT = 'Welches Vorhaben eures Labors könnten andere übernehmen?';
const FIRST_TEXT = 'Gemeinsames Treffen zu Open Data im Januar';
const EDITED_TEXT = 'Gemeinsames Treffen zu Open Data am 15. Januar, Einladung: Stadtlabor Soest';
const NO_JS_TEXT = 'Wie finanzieren andere Labore ihre Reallabore?';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A pattern for exactly this text. */
const exactly = (text: string) => new RegExp(`^${escaped(text)}$`);
/** A pattern for this text anywhere. */
const containing = (text: string) => new RegExp(escaped(text));

type Recorded = Awaited<ReturnType<typeof newRecordedContext>>;
interface Participant extends Recorded { name: string; lab: string; token: string; id: number }

async function submit(page: Page, button: string | RegExp | Locator): Promise<void> {
  const target = typeof button === 'object' && !(button instanceof RegExp) ? button : page.getByRole('button', { name: button }).first();
  await Promise.all([page.waitForEvent('load'), target.click(WAIT)]);
}

/** Waits until `locator`'s text (or a form field's value) matches `pattern`; fails with what it showed last. */
async function waitForText(locator: Locator, pattern: RegExp, what: string): Promise<string> {
  const deadline = Date.now() + WAIT.timeout;
  let last = '';
  for (;;) {
    last = await locator.evaluate((el) => ('value' in el && typeof el.value === 'string' ? el.value : (el.textContent ?? '')).trim(), undefined, WAIT).catch(() => last);
    if (pattern.test(last)) return last;
    if (Date.now() > deadline) assert.fail(`${what}: expected ${pattern}, found ${JSON.stringify(last)}`);
    await locator.page().waitForTimeout(100);
  }
}

/** An admitted participant (registered by hand) who followed the access link into the live room in a fresh browser context. */
async function participant(server: TestServer, browser: Browser, name: string, lab: string, level: 'kommune' | 'land' | 'bund', answers: Record<number, string | string[]> = { 2: 'no' }): Promise<Participant> {
  const event = (await server.services.events.findBySlug('labcamp-2'))!;
  const email = `${name.split(' ')[0]!.toLowerCase()}.e2e-nw@example.org`;
  const outcome = await server.services.registration.register(event, { name, email, organisation: lab, level, land: null, role: null, listed: false, answers }, 'de', 'manual', { id: null, label: 'test' });
  assert.equal(outcome.kind, 'registered');
  const mail = await server.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
  const row = await server.database.db.selectFrom('registrations').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const recorded = await newRecordedContext(browser, { locale: 'de-DE' });
  await recorded.context.clock.install({ time: TEST_NOW });
  await recorded.page.goto(server.url(`/r/${token}/live`));
  assert.equal(new URL(recorded.page.url()).pathname, ROOM);
  return { ...recorded, name, lab, token, id: row.id };
}

for (const dialect of testDialects()) {
  describe(`networking rounds in the browser (${dialect})`, () => {
    const running = serverAndBrowser(dialect);

    test('an organizer plans and starts a round; four participants meet, write their results, hear the team and come back', async () => {
      const { server, browser } = running;
      const event = (await server.services.events.findBySlug('labcamp-2'))!;
      await server.services.live.open(event, { id: null, label: 'test' });
      const organizer = await newRecordedContext(browser, { locale: 'de-DE', viewport: { width: 1280, height: 900 } });
      await organizer.context.clock.install({ time: TEST_NOW });
      const people: Participant[] = [];
      let withoutJs: Recorded | null = null;
      try {
        people.push(await participant(server, browser, 'Anna Andersen', 'CityLAB Berlin', 'land'));
        people.push(await participant(server, browser, 'Bert Brandt', 'Stadtlabor Soest', 'kommune'));
        people.push(await participant(server, browser, 'Clara Conrad', 'Digital Innovation Team', 'bund'));
        // A second person of CityLAB Berlin: the plan has to keep the two apart.
        people.push(await participant(server, browser, 'Dana Dietz', 'CityLAB Berlin', 'kommune'));
        for (const p of people) assert.equal(await p.page.locator('#live-round').textContent(), '', `${p.name}: nothing of the rounds before they start`);

        // --- The organizer plans two rounds of pairs with the keyboard.
        const admin = organizer.page;
        const { token } = await server.services.access.createOrganizer({ email: 'orga.e2e-nw@example.org', name: 'Orga Netzwerk', isAdmin: true });
        await admin.goto(server.url(`/admin/login/${token}`));
        await submit(admin, 'Jetzt anmelden');
        await admin.goto(server.url(ADMIN));
        assert.equal(await admin.locator('#rounds-heading + p').textContent(), 'Noch keine Runden geplant.');
        assert.equal(await admin.getByRole('radio', { name: 'im Live-Raum (4)' }).isChecked(), true, 'planned for the people in the room');
        await assertAccessible(admin, 'networking, nothing planned');
        await admin.getByLabel('Personen je Gruppe').focus();
        const typeOver = async (value: string) => {
          await admin.keyboard.press('Control+A');
          await admin.keyboard.type(value);
          await admin.keyboard.press('Tab');
        };
        await typeOver('2');
        assert.equal(await admin.evaluate(() => document.activeElement?.id), 'field-rounds', 'Tab leads from group size to the number of rounds');
        await typeOver('2');
        assert.equal(await admin.evaluate(() => document.activeElement?.id), 'field-durationMinutes');
        await typeOver('10');
        assert.equal(await admin.evaluate(() => document.activeElement?.id), 'field-prompt');
        await typeOver(PROMPT);
        // Then the thematic part (left as it is: mixed rounds): the question, the six round checkboxes, the submit button.
        assert.equal(await admin.evaluate(() => document.activeElement?.id), 'field-themeQuestion');
        const passed: string[] = [];
        for (let i = 0; i < 6; i++) {
          await admin.keyboard.press('Tab');
          passed.push(await admin.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type ?? ''));
        }
        assert.deepEqual(passed, Array(6).fill('checkbox'), 'one checkbox per round');
        await admin.keyboard.press('Tab');
        assert.equal(await admin.evaluate(() => document.activeElement?.textContent), 'Runden planen', 'then the submit button');
        await Promise.all([admin.waitForEvent('load'), admin.keyboard.press('Enter')]);
        assert.equal(await admin.locator('[role="status"]').textContent(), 'Geplant für 4 Personen.');
        const figures = (await admin.locator('.plan-figures').textContent()) ?? '';
        assert.match(figures, /Niemand trifft jemanden ein zweites Mal/);
        assert.match(figures, /4 neue Begegnungen/);
        assert.match(figures, /Niemand sitzt mit jemandem aus dem eigenen Labor zusammen/);
        assert.equal(await admin.getByRole('region', { name: 'Gruppen von Runde 2' }).count(), 1);
        await assertAccessible(admin, 'networking with a plan');
        // Participants see nothing of a plan, on a fresh page either.
        await people[2]!.page.reload();
        for (const p of people) assert.equal(await p.page.locator('#live-round').textContent(), '', `${p.name}: a plan is not shown`);

        await submit(admin, 'Runde 1 starten');
        assert.equal(await admin.locator('[role="status"]').textContent(), 'Runde 1 läuft.');
        assert.equal(await admin.locator('#running-heading').textContent(), 'Runde 1 läuft mit 2 Gruppen');

        // --- Every participant's open page shows their group and the countdown, without a reload.
        const round = (await server.services.rounds.rounds(event.id)).find((r) => r.state === 'running')!;
        assert.equal(round.number, 1);
        const groupOf = (p: Participant) => round.groups.find((g) => g.members.some((m) => m.registrationId === p.id))!;
        for (const p of people) {
          const heading = p.page.locator('#live-round #round-heading');
          await waitForText(heading, new RegExp(`^Runde 1 läuft: eure Gruppe ${groupOf(p).number}$`), `${p.name}'s live page`);
          const left = await waitForText(p.page.locator('#live-round [data-countdown]'), /^\d+:\d\d$/, `${p.name}'s countdown`);
          const [m, s] = left.split(':').map(Number) as [number, number];
          assert.ok(m * 60 + s > 9 * 60 && m * 60 + s <= 10 * 60, `${p.name}: ${left} left of a ten-minute round`);
        }
        await assertAccessible(people[2]!.page, 'live room with a running round');

        // --- Two members of one group write on its board; each sees the other's text arrive.
        const [anna] = people as [Participant];
        const group = groupOf(anna);
        const partner = people.find((p) => p !== anna && groupOf(p).id === group.id)!;
        const others = people.filter((p) => p !== anna && p !== partner);
        assert.notEqual(partner.lab, anna.lab, 'labs are split');
        const groupUrl = server.url(`${ROOM}/groups/${group.id}`);
        for (const p of [partner, anna]) {
          await Promise.all([p.page.waitForEvent('load'), p.page.getByRole('link', { name: 'Ergebnisse der Gruppe' }).click(WAIT)]);
          assert.equal(p.page.url(), groupUrl);
          assert.equal(await p.page.locator('h1').textContent(), `Runde 1, Gruppe ${group.number}`);
          assert.equal(await p.page.locator('.round-prompt').textContent(), PROMPT);
          assert.deepEqual((await p.page.locator('.round-members li').allTextContents()).sort(), [`${anna.name} (${anna.lab})`, `${partner.name} (${partner.lab})`].sort());
          await waitForText(p.page.locator('[data-countdown]'), /^\d+:\d\d$/, `${p.name}'s countdown on the group page`);
        }
        // The other group's members may not look in.
        assert.equal((await others[0]!.context.request.get(groupUrl)).status(), 403);

        await anna.page.getByLabel('Neuer Eintrag: Nächste Schritte').fill(FIRST_TEXT);
        await anna.page.locator('form[data-add="next_steps"]').getByRole('button', { name: 'Hinzufügen' }).click(WAIT);
        const annasEntry = anna.page.getByLabel('Nächste Schritte, Eintrag 1', { exact: true });
        await waitForText(annasEntry, exactly(FIRST_TEXT), 'the new entry on Anna\'s page');
        assert.equal(await anna.page.getByLabel('Neuer Eintrag: Nächste Schritte').inputValue(), '', 'the "new" field is emptied');
        assert.equal(new URL(anna.page.url()).search, '', 'added without leaving the page');
        const partnersEntry = partner.page.getByLabel('Nächste Schritte, Eintrag 1', { exact: true });
        await waitForText(partnersEntry, exactly(FIRST_TEXT), `the entry on ${partner.name}'s page, without a reload`);
        const stored = await server.database.db.selectFrom('board_items').select(['id', 'text', 'version']).where('group_id', '=', group.id).execute();
        assert.deepEqual(stored.map((e) => [e.text, e.version]), [[FIRST_TEXT, 1]]);
        const entryId = stored[0]!.id;

        // The organizer's page counts it as it comes.
        const groupLink = `a[href="${ROOM}/groups/${group.id}"]`;
        const annasRow = admin.locator('[data-fragment="rounds"] tr', { has: admin.locator(groupLink) });
        await waitForText(annasRow.locator(groupLink), /^1 Eintrag/, 'the entry count on the organizer\'s page');
        await waitForText(annasRow.locator('.board-glance'), containing(FIRST_TEXT), 'the entry on the organizer\'s page');

        // The partner changes the entry by typing (no button): saved on its own, and it reaches Anna.
        await partnersEntry.click();
        await partner.page.keyboard.press('Control+A');
        await partner.page.keyboard.type(EDITED_TEXT);
        // Saved (the script marks the form) or refused (it shows why next to the field).
        const partnersForm = partner.page.locator(`form[data-entry="${entryId}"]`);
        await partner.page.locator(`form[data-entry="${entryId}"][data-saved="yes"], form[data-entry="${entryId}"] .board-entry__problem`).first().waitFor(WAIT);
        const refused = await partnersForm.locator('.board-entry__problem').allTextContents();
        assert.deepEqual(refused, [], `the change was not saved while typing; ${partner.name}'s page says: ${refused.join(' ')}`);
        assert.equal(await partnersForm.getAttribute('data-saved'), 'yes');
        await waitForText(annasEntry, exactly(EDITED_TEXT), 'the changed entry on Anna\'s page, without a reload');
        const saved = await server.database.db.selectFrom('board_items').select(['text', 'version']).where('id', '=', entryId).executeTakeFirstOrThrow();
        assert.deepEqual([saved.text, saved.version], [EDITED_TEXT, 2]);
        assert.equal(await anna.page.locator(`#entry-${entryId} input[name="version"]`).inputValue(), '2', 'Anna\'s page knows the new version');
        await waitForText(annasRow.locator('.board-glance'), containing(EDITED_TEXT), 'the change on the organizer\'s page');

        // --- A member without JavaScript adds an entry with the form's button.
        withoutJs = await newRecordedContext(browser, { locale: 'de-DE', javaScriptEnabled: false });
        const plain = withoutJs.page;
        await plain.goto(server.url(`/r/${partner.token}/live`));
        assert.equal(await plain.locator('#round-heading').textContent(), `Runde 1 läuft: eure Gruppe ${group.number}`);
        await Promise.all([plain.waitForEvent('load'), plain.getByRole('link', { name: 'Ergebnisse der Gruppe' }).click(WAIT)]);
        await plain.getByLabel('Neuer Eintrag: Offene Fragen').fill(NO_JS_TEXT);
        await submit(plain, plain.locator('form[data-add="questions"]').getByRole('button', { name: 'Hinzufügen' }));
        const back = new URL(plain.url());
        assert.equal(back.pathname, `${ROOM}/groups/${group.id}`);
        assert.equal(back.searchParams.get('done'), 'added');
        assert.equal(await plain.locator('[role="status"]').textContent(), 'Der Eintrag ist hinzugefügt.');
        assert.equal(await plain.getByLabel('Offene Fragen, Eintrag 1', { exact: true }).inputValue(), NO_JS_TEXT);
        assert.equal(await plain.getByLabel('Nächste Schritte, Eintrag 1', { exact: true }).inputValue(), EDITED_TEXT);
        // The pages with JavaScript follow.
        await waitForText(anna.page.getByLabel('Offene Fragen, Eintrag 1', { exact: true }), exactly(NO_JS_TEXT), 'the entry without JavaScript on Anna\'s page');
        await waitForText(annasRow.locator(groupLink), /^2 Einträge/, 'the count on the organizer\'s page');
        await assertAccessible(anna.page, 'group page with two entries');
        await anna.page.screenshot({ path: '/tmp/nw-group.png', fullPage: true });
        await assertAccessible(admin, 'networking with a running round');
        await admin.screenshot({ path: '/tmp/nw-admin.png', fullPage: true });

        // --- A message to all groups: on the group page and on the live page, without a reload.
        await admin.getByLabel('Nachricht an alle Gruppen').fill('Noch 2 Minuten');
        await submit(admin, 'Senden');
        assert.equal(await admin.locator('[role="status"]').first().textContent(), 'Die Nachricht ist bei allen Gruppen zu sehen.');
        const elsewhere = others[0]!;
        await waitForText(anna.page.locator('[data-fragment="group"] [role="status"]'), /^Nachricht vom Orga-Team: Noch 2 Minuten$/, 'the message on Anna\'s group page');
        await waitForText(elsewhere.page.locator('#live-round [role="status"]'), /^Nachricht vom Orga-Team: Noch 2 Minuten$/, `the message on ${elsewhere.name}'s live page`);
        await waitForText(elsewhere.page.locator('#live-round [data-countdown]'), /^\d+:\d\d$/, 'the countdown after the live update');
        await assertAccessible(elsewhere.page, 'live room with a message');
        // Updating the group's header leaves the board below it as it was.
        assert.equal(await anna.page.getByLabel('Offene Fragen, Eintrag 1', { exact: true }).inputValue(), NO_JS_TEXT);

        // --- Back to the plenary.
        await submit(admin, 'Zurück ins Plenum');
        assert.equal(await admin.locator('[role="status"]').first().textContent(), 'Alle sind zurück im Plenum.');
        for (const p of others) {
          await waitForText(p.page.locator('#live-round #round-heading'), /^Zurück im Plenum$/, `${p.name}'s live page`);
          assert.match((await p.page.locator('#live-round').textContent()) ?? '', new RegExp(`Ergebnisse von Runde 1, Gruppe ${groupOf(p).number}`));
        }
        await waitForText(anna.page.locator('[data-fragment="group"] .notice'), /^Runde 1 ist vorbei\./, 'Anna\'s group page after the round');
        assert.equal(await anna.page.locator('[data-fragment="group"] [data-countdown]').count(), 0, 'no countdown after the round');
        await assertAccessible(others[1]!.page, 'live room back in the plenary');

        // --- The outcome report: for the team, then released to the participants (no names).
        await admin.goto(server.url('/events/labcamp-2/outcomes'));
        const report = (await admin.locator('main').textContent()) ?? '';
        assert.match(report, /Lesen dürfen ihn: nur das Team/);
        assert.ok(report.includes(EDITED_TEXT) && report.includes(NO_JS_TEXT), 'both entries in the report');
        await assertAccessible(admin, 'outcome report for the team');
        assert.equal((await anna.page.goto(server.url(`/r/${anna.token}/outcomes`)))?.status(), 404, 'not released to participants yet');
        await admin.goto(server.url(ADMIN));
        await admin.getByRole('radio', { name: 'die Teilnehmenden (über ihren persönlichen Link)' }).check();
        await admin.getByLabel('Zusammenfassung').fill('Danke an **alle** Gruppen.');
        await submit(admin, 'Bericht speichern');
        assert.equal(await admin.locator('[role="status"]').first().textContent(), 'Der Bericht ist gespeichert.');
        const released = await anna.page.goto(server.url(`/r/${anna.token}/outcomes`));
        assert.equal(released?.status(), 200);
        const forAnna = (await anna.page.locator('main').textContent()) ?? '';
        assert.ok(forAnna.includes(EDITED_TEXT) && forAnna.includes(NO_JS_TEXT), 'both entries for participants');
        assert.equal(await anna.page.locator('main strong', { hasText: 'alle' }).count(), 1, 'the summary as Markdown');
        for (const p of people) assert.ok(!forAnna.includes(p.name.split(' ')[0]!), `no names in the report (${p.name})`);
        await assertAccessible(anna.page, 'outcome report for a participant');
      } finally {
        await closeContext(organizer.context, organizer.recorder);
        for (const p of people) await closeContext(p.context, p.recorder);
        if (withoutJs) await closeContext(withoutJs.context, withoutJs.recorder);
      }
    });
  });

  describe(`a thematic round in the browser (${dialect})`, () => {
    const running = serverAndBrowser(dialect);

    test('the organizer makes a round thematic; a participant changes their topic by keyboard and meets on it', async () => {
      const { server, browser } = running;
      const event = (await server.services.events.findBySlug('labcamp-2'))!;
      await server.services.live.open(event, { id: null, label: 'test' });
      const questions = await server.services.registration.questions(event.id);
      const topics = questions.find((q) => q.kind === 'multiple_choice')!.id;
      const yesNo = questions.find((q) => q.kind === 'yes_no')!.id;
      const organizer = await newRecordedContext(browser, { locale: 'de-DE', viewport: { width: 1280, height: 900 } });
      const people: Participant[] = [];
      try {
        people.push(await participant(server, browser, 'Eva Engel', 'Labor Eins', 'land', { [yesNo]: 'no', [topics]: ['daten'] }));
        people.push(await participant(server, browser, 'Fritz Falk', 'Labor Zwei', 'kommune', { [yesNo]: 'no', [topics]: ['kultur'] }));
        people.push(await participant(server, browser, 'Gesa Graf', 'Labor Drei', 'bund', { [yesNo]: 'no', [topics]: ['kultur'] }));
        // Hans is happy with both: once Eva switches, two groups on Kultur serve everyone.
        people.push(await participant(server, browser, 'Hans Horn', 'Labor Vier', 'land', { [yesNo]: 'no', [topics]: ['daten', 'kultur'] }));
        const [eva] = people as [Participant];
        // Hans's computer's clock is three hours fast: his countdown must still be right.
        const hans = people[3]!;
        await hans.context.clock.setSystemTime(new Date(Date.parse(TEST_NOW) + 3 * 3600_000));

        // --- The organizer plans one thematic round of pairs.
        const admin = organizer.page;
        const { token } = await server.services.access.createOrganizer({ email: 'orga.e2e-thema@example.org', name: 'Orga Thema', isAdmin: true });
        await admin.goto(server.url(`/admin/login/${token}`));
        await submit(admin, 'Jetzt anmelden');
        await admin.goto(server.url(ADMIN));
        await admin.getByLabel('Personen je Gruppe').fill('2');
        await admin.getByLabel('Anzahl der Runden').fill('1');
        await admin.getByLabel('Themen aus der Frage').selectOption({ label: 'Welche Themen interessieren euch besonders?' });
        // Ticked with the keyboard: the round's checkbox is reached by Tab and toggled by Space.
        await admin.getByRole('checkbox', { name: 'Runde 1' }).focus();
        await admin.keyboard.press('Space');
        assert.equal(await admin.getByRole('checkbox', { name: 'Runde 1' }).isChecked(), true);
        await submit(admin, 'Runden planen');
        assert.equal(await admin.locator('[role="status"]').textContent(), 'Geplant für 4 Personen.');
        assert.match((await admin.locator('.plan-figures').textContent()) ?? '', /Themenwünsche erfüllt: 100 %/);
        const groups = (await admin.getByRole('region', { name: 'Gruppen von Runde 1' }).textContent()) ?? '';
        assert.match(groups, /Thema: Offene Daten/);
        assert.match(groups, /Thema: Verwaltungskultur und Mindset/);
        await assertAccessible(admin, 'networking with a thematic plan');

        // --- Eva's open page shows the choice without a reload, her answer ticked; she switches to Kultur by keyboard.
        const choice = eva.page.locator('#live-round #topics-heading');
        await waitForText(choice, /^Runde 1 ist thematisch$/, "Eva's live page");
        const daten = eva.page.getByRole('checkbox', { name: 'Offene Daten' });
        const kultur = eva.page.getByRole('checkbox', { name: 'Verwaltungskultur und Mindset' });
        assert.equal(await daten.isChecked(), true);
        assert.equal(await kultur.isChecked(), false);
        await assertAccessible(eva.page, 'live room with the topic choice');
        await daten.focus();
        await eva.page.keyboard.press('Space');
        await kultur.focus();
        await eva.page.keyboard.press('Space');
        await Promise.all([eva.page.waitForEvent('load'), eva.page.getByRole('button', { name: 'Themen speichern' }).press('Enter')]);
        assert.equal(await eva.page.locator('#topics [role="status"]').textContent(), 'Eure Themen sind gespeichert.');
        assert.equal(await eva.page.getByRole('checkbox', { name: 'Verwaltungskultur und Mindset' }).isChecked(), true);
        await assertAccessible(eva.page, 'live room after saving topics');

        // --- The round starts: planned afresh, Eva meets on Kultur.
        await submit(admin, 'Runde 1 starten');
        assert.match((await admin.locator('[role="status"]').textContent()) ?? '', /nach den aktuellen Themenwünschen/);
        await waitForText(eva.page.locator('#live-round .round-prompt').first(), /^Thema eurer Gruppe: Verwaltungskultur und Mindset$/, "Eva's group topic");
        assert.equal(await eva.page.locator('#topics').count(), 0, 'no choice once the round runs');
        const left = await waitForText(hans.page.locator('#live-round [data-countdown]'), /^\d+:\d\d$/, "Hans's countdown");
        const [m, sec] = left.split(':').map(Number) as [number, number];
        assert.ok(m * 60 + sec > 14 * 60 && m * 60 + sec <= 15 * 60, `${left} left of a 15-minute round, although Hans's clock is three hours fast`);
        await assertAccessible(eva.page, 'live room in a thematic round');
      } finally {
        await closeContext(organizer.context, organizer.recorder);
        for (const p of people) await closeContext(p.context, p.recorder);
      }
    });
  });
}

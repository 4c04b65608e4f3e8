// The community (#7) over HTTP on both databases: the labs directory with its filters, map and
// table; lab editing and CSV import by moderators (bad input refused next to its field, nothing
// half-written, everything audited); members joining through an admitted registration's personal
// link; the practice library's workflow (draft → review → published), who may read what, German
// full-text search, and the Atom feed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import type { TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { adminTestApp, signedInMember } from '../../helpers/team.js';
import { communityMember, registeredToken } from '../../helpers/community.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';

const SOEST_PRACTICE = '/practices/technologie-zum-ausprobieren';
const COMMUNITY_PRACTICE = '/practices/vernetzungstreffen-oeffentlicher-labore';

const practiceForm = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Offene Daten für Haushaltsberatungen', problem: 'Niemand versteht den **Haushalt** der Stadt.',
  approach: 'Wir haben den Haushalt als offene Daten veröffentlicht und Visualisierungen gebaut.', results: 'Mehr Fragen in den Sitzungen.',
  adapt: 'Eine Person aus der Kämmerei.', effort: 'small', contact: 'team@example.org', topics: 'Open Data, Haushalt', links: 'https://example.org/haushalt',
  visibility: 'public', ...overrides,
});

for (const dialect of testDialects()) {
  describe(`community (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let event: LabEvent;

    before(async () => {
      const setup = await adminTestApp(dialect, 'labcamp-2');
      t = setup.t;
      admin = setup.admin;
      event = (await t.services.events.findBySlug('labcamp-2'))!;
    });
    after(async () => t.close());

    const audit = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

    const registered = (name: string, organisation?: string) => registeredToken(t, event, name, organisation);
    const member = (name: string, organisation?: string) => communityMember(t, event, name, organisation);

    test('the directory lists the seeded labs with a map, a table and filters', async () => {
      const res = await visitor(t).get('/labs');
      assert.equal(res.statusCode, 200);
      for (const name of ['CityLAB Berlin', 'Digital Innovation Team des BMI (PG DIT)', 'Stadtlabor Soest']) assert.ok(res.body.includes(name), name);
      assert.equal(res.body.match(/class="map-land"/g)?.length, 16, 'one link per Land');
      assert.match(res.body, /aria-label="Berlin: 2 Labore"/);
      assert.match(res.body, /aria-label="Nordrhein-Westfalen: 1 Labor"/);
      assert.match(res.body, /<caption[^>]*>Zahl der Labore nach Land<\/caption>/);
      assert.doesNotMatch(res.body, /style=/, 'no inline styles (CSP)');

      const nw = await visitor(t).get('/labs?land=nw');
      assert.match(nw.body, /1 von 3 Laboren/);
      assert.ok(nw.body.includes('Stadtlabor Soest'));
      assert.ok(!nw.body.includes('>CityLAB Berlin<'));
      assert.match(nw.body, /aria-current="true"/);

      const topic = await visitor(t).get(`/labs?topic=${encodeURIComponent('partizipation')}`);
      assert.match(topic.body, /2 von 3 Laboren/);
      const level = await visitor(t).get('/labs?level=bund');
      assert.match(level.body, /1 von 3 Laboren/);
      // Filters that do not exist are ignored, never an error.
      const unknown = await visitor(t).get('/labs?land=XX&level=%3Cscript%3E');
      assert.equal(unknown.statusCode, 200);
      assert.match(unknown.body, /3 Labore/);
    });

    test('the registration form suggests the labs of the directory', async () => {
      const form = await visitor(t).get('/events/labcamp-2/register');
      assert.match(form.body, /<datalist id="known-labs">[^]*<option value="Digital Innovation Team des BMI \(PG DIT\)">/);
    });

    test('a lab page shows the facts; the contact address only where the lab agreed', async () => {
      const citylab = await visitor(t).get('/labs/citylab-berlin');
      assert.equal(citylab.statusCode, 200);
      assert.match(citylab.body, /mailto:info@citylab-berlin.org/);
      assert.match(citylab.body, /Technologiestiftung Berlin/);
      const soest = await visitor(t).get('/labs/stadtlabor-soest');
      assert.match(soest.body, /Neue Technologien zum Ausprobieren/, 'its public practice');
      assert.doesNotMatch(soest.body, /mailto:/);
      assert.equal((await visitor(t).get('/labs/gibt-es-nicht')).statusCode, 404);
      assert.equal((await visitor(t).get('/labs/%3Cscript%3E')).statusCode, 404);
    });

    test('moderators add labs; bad input is refused next to its field and nothing is stored', async () => {
      await admin.get('/admin/community/labs/new');
      const before = (await t.services.labs.all(true)).length;
      const bad = await admin.post('/admin/community/labs/new', {
        name: '', slug: 'Nicht Gültig!', level: 'galaxie', land: 'XX', website: 'javascript:alert(1)', founded: '1800', topics: 'a'.repeat(41), contact_email: 'kein-mail',
      });
      assert.equal(bad.statusCode, 422);
      for (const field of ['name', 'slug', 'level', 'land', 'website', 'founded', 'topics', 'contact_email']) assert.match(bad.body, new RegExp(`id="error-${field}"`), field);
      assert.match(bad.body, /Bitte ein Jahr zwischen 1950 und 2026/);
      assert.equal((await t.services.labs.all(true)).length, before);

      const taken = await admin.post('/admin/community/labs/new', { name: 'Noch ein CityLAB', slug: 'citylab-berlin', level: 'land' });
      assert.equal(taken.statusCode, 422);
      assert.match(taken.body, /Diese Adresse hat schon ein anderes Labor/);

      const ok = await admin.post('/admin/community/labs/new', {
        name: 'Innovationslabor <Hessen> & Co', level: 'land', land: 'HE', city: 'Wiesbaden', parent_body: 'Land Hessen', website: 'https://example.org',
        founded: '2021', topics: 'KI, Beteiligung, ki', description: 'Wir **probieren** aus.', team: 'Fünf Leute', contact_email: 'Lab@Example.org', contact_public: 'yes',
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/labs/innovationslabor-hessen-co');
      const lab = (await t.services.labs.bySlug('innovationslabor-hessen-co'))!;
      assert.deepEqual(lab.topics, ['KI', 'Beteiligung'], 'duplicate topics (any case) dropped');
      assert.equal(lab.contactEmail, 'lab@example.org');
      const page = await visitor(t).get('/labs/innovationslabor-hessen-co');
      assert.ok(page.body.includes('Innovationslabor &lt;Hessen'), 'names are shown as text');
      assert.ok(!page.body.includes('<Hessen>'));
      assert.match(page.body, /<strong>probieren<\/strong>/);
      assert.equal((await audit('community.lab.created')).filter((a) => a.actor_id !== null).length, 1);

      // Hidden labs leave the directory for visitors, not for moderators.
      await admin.get('/admin/community');
      assert.equal((await admin.post('/admin/community/labs/innovationslabor-hessen-co/status', { status: 'hidden' })).statusCode, 303);
      assert.equal((await visitor(t).get('/labs/innovationslabor-hessen-co')).statusCode, 404);
      assert.ok(!(await visitor(t).get('/labs')).body.includes('Innovationslabor &lt;Hessen'));
      assert.equal((await admin.get('/labs/innovationslabor-hessen-co')).statusCode, 200);
      assert.equal((await audit('community.lab.hidden')).length, 1);
    });

    test('CSV import: a preview with per-row errors writes nothing; a clean file creates and updates', async () => {
      await admin.get('/admin/community/labs/import');
      const before = (await t.services.labs.all(true)).length;
      const broken = 'name,level,land,website\nDigitallabor Leipzig,kommune,SN,https://example.org\nOhne Ebene,,BY,\nDigitallabor Leipzig,kommune,SN,\n';
      const preview = await admin.post('/admin/community/labs/import', { text: broken, step: 'apply' });
      assert.equal(preview.statusCode, 422);
      assert.match(preview.body, /Es wurde nichts importiert/);
      assert.match(preview.body, /Bitte eine Ebene wählen/);
      assert.match(preview.body, /Dasselbe Labor steht schon in Zeile 2/);
      assert.equal((await t.services.labs.all(true)).length, before);

      const unknownColumn = await admin.post('/admin/community/labs/import', { text: 'name,passwort\nX,geheim\n', step: 'preview' });
      assert.equal(unknownColumn.statusCode, 422);
      assert.match(unknownColumn.body, /Unbekannte Spalten: passwort/);

      const clean = 'name;slug;level;land;city;topics;contact_email;contact_public\nDigitallabor Leipzig;;kommune;SN;Leipzig;Open Data, Beteiligung;;\nStadtlabor Soest;stadtlabor-soest;kommune;NW;Soest;Partizipation;hallo@soest.example;ja\n';
      const checked = await admin.post('/admin/community/labs/import', { text: clean, step: 'preview' });
      assert.equal(checked.statusCode, 200);
      assert.match(checked.body, /in Ordnung \(neu\)/);
      assert.match(checked.body, /in Ordnung \(Aktualisierung\)/);
      assert.equal((await t.services.labs.all(true)).length, before, 'a preview writes nothing');
      const applied = await admin.post('/admin/community/labs/import', { text: clean, step: 'apply' });
      assert.match(applied.body, /Importiert: 1 neu, 1 aktualisiert/);
      assert.equal((await t.services.labs.all(true)).length, before + 1);
      assert.equal((await t.services.labs.bySlug('stadtlabor-soest'))!.contactEmail, 'hallo@soest.example');
      assert.equal((await audit('community.labs.imported')).length, 1);
    });

    test('visitors see public practices only; German word forms are found on this database', async () => {
      const library = await visitor(t).get('/practices');
      assert.equal(library.statusCode, 200);
      assert.ok(library.body.includes('Neue Technologien zum Ausprobieren'));
      assert.ok(!library.body.includes('Vernetzungstreffen öffentlicher Innovationslabore'), 'community-only practice hidden');
      assert.equal((await visitor(t).get(COMMUNITY_PRACTICE)).statusCode, 404);
      assert.equal((await visitor(t).get(SOEST_PRACTICE)).statusCode, 200);

      // "Beteiligung" finds the text that only says "Bürgerbeteiligungen"; "Städte" finds "Stadt…".
      for (const q of ['Beteiligung', 'beteiligungen', 'Technologie', 'Stadtlabors']) {
        const found = await visitor(t).get(`/practices?q=${encodeURIComponent(q)}`);
        assert.ok(found.body.includes('Neue Technologien zum Ausprobieren'), q);
      }
      const none = await visitor(t).get('/practices?q=Haushaltssperre');
      assert.match(none.body, /0 Praktiken zu „Haushaltssperre“/);
      assert.match(none.body, /Keine Praxis gefunden/);
      // Search syntax and stop words are just words; nothing breaks.
      for (const q of ['"und" OR die*', 'NEAR(a b)', 'und oder', '<script>alert(1)</script>', 'a'.repeat(500)]) {
        const res = await visitor(t).get(`/practices?q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200, q);
        assert.ok(!res.body.includes('<script>alert(1)</script>'), 'query shown as text');
      }
    });

    test('joining needs an admitted registration; members see community practices and fill their profile', async () => {
      assert.equal((await visitor(t).post(`/r/${'x'.repeat(43)}/community`, {})).statusCode, 403, 'no CSRF token, no post');
      const stranger = visitor(t);
      await stranger.get('/events/labcamp-2/register');
      assert.equal((await stranger.post(`/r/${'x'.repeat(43)}/community`, {})).statusCode, 404);

      // Waitlisted is not admitted: no membership.
      const token = await registered('Warteliste');
      const waitlisted = await t.database.db.selectFrom('registrations').select('id').where('email', '=', 'warteliste.community@example.org').executeTakeFirstOrThrow();
      assert.equal(await t.services.registration.organizerChange(waitlisted.id, { id: null, label: 'test' }, 'waitlist'), 'waitlisted');
      const waiting = visitor(t);
      await waiting.get(`/r/${token}`);
      const refused = await waiting.post(`/r/${token}/community`, {});
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /deren Anmeldung zugelassen ist/);

      const anna = await member('Anna');
      const profile = await anna.get('/community/profile?welcome=1');
      assert.match(profile.body, /Willkommen in der Community/);
      // Her registration named "Stadtlabor Soest": the profile starts with that lab.
      const soest = (await t.services.labs.bySlug('stadtlabor-soest'))!;
      assert.match(profile.body, new RegExp(`<option value="${soest.id}" selected`));
      assert.equal((await anna.get(COMMUNITY_PRACTICE)).statusCode, 200);
      assert.ok((await anna.get('/practices')).body.includes('Vernetzungstreffen öffentlicher Innovationslabore'));

      // Members who are not findable do not appear on their lab's page.
      assert.ok(!(await anna.get('/labs/stadtlabor-soest')).body.includes('Anna'));
      const bad = await anna.post('/community/profile', { name: '', lab: '999999', about: 'x'.repeat(501), findable: 'yes' });
      assert.equal(bad.statusCode, 422);
      for (const field of ['name', 'lab', 'about']) assert.match(bad.body, new RegExp(`id="error-${field}"`), field);
      const saved = await anna.post('/community/profile', { name: 'Anna A.', lab: String(soest.id), about: 'Ich mache <Beteiligung>.', findable: 'yes' });
      assert.equal(saved.statusCode, 303);
      const labPage = await anna.get('/labs/stadtlabor-soest');
      assert.match(labPage.body, /Anna A\./);
      assert.ok(labPage.body.includes('Ich mache &lt;Beteiligung'));
      assert.ok(!labPage.body.includes('<Beteiligung>'));
      assert.ok(!(await visitor(t).get('/labs/stadtlabor-soest')).body.includes('Anna A.'), 'visitors never see members');
      assert.ok(!labPage.body.includes('anna.community@example.org'), 'addresses are never shown');
    });

    test('a practice goes from draft to review to published; only its audience can read it', async () => {
      const ben = await member('Ben');
      const other = await member('Clara');
      await ben.get('/practices/new');
      const bad = await ben.post('/practices/new', practiceForm({ title: '', problem: 'x'.repeat(5001), links: 'ftp://example.org\njavascript:alert(1)', visibility: 'alle', effort: 'riesig', labs: ['999999'] }));
      assert.equal(bad.statusCode, 422);
      for (const field of ['title', 'problem', 'links', 'visibility', 'effort', 'labs']) assert.match(bad.body, new RegExp(`id="error-${field}"`), field);
      assert.ok(bad.body.includes('javascript:alert(1)'), 'typed text is kept');
      assert.equal((await t.services.practices.all()).filter((p) => p.title.startsWith('Offene Daten')).length, 0);

      const citylab = (await t.services.labs.bySlug('citylab-berlin'))!;
      const created = await ben.post('/practices/new', practiceForm({ labs: [String(citylab.id)] }));
      assert.equal(created.statusCode, 303);
      const url = created.headers.location!.replace(/\?.*$/, '');
      assert.equal(url, '/practices/offene-daten-fuer-haushaltsberatungen');
      const draft = await ben.get(`${url}?done=saved`);
      assert.match(draft.body, /Entwurf/);
      assert.match(draft.body, /Zur Prüfung einreichen/);
      // Drafts are for their authors (and moderators) only.
      assert.equal((await other.get(url)).statusCode, 404);
      assert.equal((await visitor(t).get(url)).statusCode, 404);
      assert.equal((await other.get(`${url}/edit`)).statusCode, 404);
      assert.ok((await ben.get('/practices')).body.includes('Eure Entwürfe'));

      assert.equal((await ben.post(`${url}/submit`, {})).statusCode, 303);
      assert.equal((await t.services.practices.bySlug('offene-daten-fuer-haushaltsberatungen'))!.status, 'review');
      const queue = await admin.get('/admin/community');
      assert.match(queue.body, /Zur Prüfung \(1\)/);
      assert.ok(queue.body.includes('Offene Daten für Haushaltsberatungen'));

      // Only moderators publish; a member posting the moderation form gets the login redirect.
      const practice = (await t.services.practices.bySlug('offene-daten-fuer-haushaltsberatungen'))!;
      assert.equal((await ben.post(`/admin/community/practices/${practice.id}/status`, { status: 'published' })).statusCode, 303);
      assert.equal((await t.services.practices.bySlug(practice.slug))!.status, 'review');
      await admin.get(url);
      assert.equal((await admin.post(`/admin/community/practices/${practice.id}/status`, { status: 'unpublished' })).statusCode, 409, 'review cannot be withdrawn');
      assert.equal((await admin.post(`/admin/community/practices/${practice.id}/status`, { status: 'published' })).statusCode, 303);

      const published = await visitor(t).get(url);
      assert.equal(published.statusCode, 200);
      assert.match(published.body, /<strong>Haushalt<\/strong>/, 'Markdown rendered');
      assert.match(published.body, /href="https:\/\/example.org\/haushalt"/);
      assert.match(published.body, /href="\/labs\/citylab-berlin"/);
      assert.ok((await visitor(t).get('/labs/citylab-berlin')).body.includes('Offene Daten für Haushaltsberatungen'));
      const found = await visitor(t).get(`/practices?q=${encodeURIComponent('Haushaltsberatung')}`);
      assert.match(found.body, /1 Praxis zu „Haushaltsberatung“/);
      // Published practices are edited by moderators only.
      assert.equal((await ben.get(`${url}/edit`)).statusCode, 403);
      const actions = (await audit('community.practice.published')).filter((a) => a.subject_id === String(practice.id));
      assert.equal(actions.length, 1);
      assert.equal(actions[0]!.actor_id !== null, true);
    });

    test('the Atom feed lists new public practices, escaped', async () => {
      const create = await t.services.practices.create(
        { ...{ title: 'Fragen & <Antworten>', problem: 'Ein "Problem" mit <b>Tags</b>.', approach: 'So.', results: '', adapt: '', effort: null, contact: '', topics: ['A&B'], links: [], visibility: 'public', labIds: [] } },
        null, { id: null, label: 'test' }, { status: 'published' },
      );
      const res = await visitor(t).get('/practices.atom');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^application\/atom\+xml/);
      assert.match(res.body, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
      assert.ok(res.body.includes('<title>Fragen &amp; &lt;Antworten&gt;</title>'));
      assert.ok(res.body.includes('<category term="A&amp;B"/>'));
      assert.ok(res.body.includes(`<id>${t.config.baseUrl.origin}/practices/${create.slug}</id>`));
      assert.ok(res.body.includes('Neue Technologien zum Ausprobieren'));
      assert.ok(!res.body.includes('Vernetzungstreffen öffentlicher Innovationslabore'), 'community-only practices stay out');
      assert.ok(!/<b>/.test(res.body));
    });

    test('only community moderators reach the community back office', async () => {
      const readonly = await signedInMember(t, event.id, 'readonly', 'nur-lesen.community@example.org');
      assert.equal((await readonly.visitor.get('/admin/community')).statusCode, 403);
      assert.equal((await readonly.visitor.get('/admin/community/labs/new')).statusCode, 403);
      const organizer = await signedInMember(t, event.id, 'organizer', 'orga.community@example.org');
      assert.equal((await organizer.visitor.get('/admin/community')).statusCode, 200);
      assert.equal((await visitor(t).get('/admin/community')).statusCode, 303, 'visitors go to the login');
    });

    test('leaving the community deletes the profile; practices stay without the author', async () => {
      const dora = await member('Dora');
      await dora.get('/practices/new');
      const created = await dora.post('/practices/new', practiceForm({ title: 'Doras Praxis' }));
      assert.equal(created.statusCode, 303);
      await dora.get('/community/profile');
      // Deleting takes a second, explicit step.
      const asked = await dora.post('/community/leave', {});
      assert.equal(asked.statusCode, 303);
      assert.equal(asked.headers.location, '/community/profile?leave=1#leave-heading');
      assert.ok(await t.database.db.selectFrom('members').select('id').where('email', '=', 'dora.community@example.org').executeTakeFirst(), 'still a member');
      const confirm = await dora.get('/community/profile?leave=1');
      assert.match(confirm.body, /Wirklich die Community verlassen\?/);
      const left = await dora.post('/community/leave', { confirm: 'yes' });
      assert.equal(left.statusCode, 200);
      assert.match(left.body, /euer Profil ist gelöscht/);
      assert.equal(await t.database.db.selectFrom('members').select('id').where('email', '=', 'dora.community@example.org').executeTakeFirst(), undefined);
      const practice = (await t.services.practices.bySlug('doras-praxis'))!;
      assert.equal(practice.authorMemberId, null);
      assert.equal((await dora.get('/community/profile')).statusCode, 403, 'the session is gone too');
      assert.equal((await audit('community.member.left')).length, 1);
    });
  });
}

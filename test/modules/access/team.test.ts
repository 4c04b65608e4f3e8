// The team of an event over HTTP: owners invite people (new accounts get a sign-in link by mail),
// change roles and remove people; an event keeps at least one owner; members see, strangers do
// not learn the event exists; every change is audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import { signIn, type TestApp } from '../../helpers/app.js';
import { adminTestApp, signedInMember } from '../../helpers/team.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import type { EventRole } from '../../../src/modules/access/access.tables.js';
import { addOwner, createTeamService, TeamError } from '../../../src/modules/access/team.service.js';

const TEAM = '/admin/events/labcamp-2020/team';
const person = (name: string, email: string) => ({ name, email, organisation: 'Stadtlabor Soest', level: 'kommune', land: 'NW', role: '', language: 'de' });

for (const dialect of testDialects()) {
  describe(`event team (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let eventId: number;
    before(async () => ({ t, admin, eventId } = await adminTestApp(dialect, 'labcamp-2020')));
    after(async () => t.close());

    /** An organizer in the team with `role` (or not at all), signed in, with a form seen (CSRF token). */
    async function teamMember(role: EventRole | null, email: string): Promise<{ visitor: Visitor; id: number }> {
      const member = await signedInMember(t, eventId, role, email);
      await member.visitor.get('/admin');
      return member;
    }

    async function idOf(email: string): Promise<number> {
      return (await t.database.db.selectFrom('organizers').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    }

    async function roleOf(email: string): Promise<string | undefined> {
      const row = await t.database.db.selectFrom('event_team').innerJoin('organizers', 'organizers.id', 'event_team.organizer_id')
        .select('role').where('event_id', '=', eventId).where('organizers.email', '=', email).executeTakeFirst();
      return row?.role;
    }

    async function auditOf(action: string, subjectId: number) {
      return t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('subject_id', '=', String(subjectId)).orderBy('id').execute();
    }

    test('an owner adds a new person: account, invitation mail with a working sign-in link, access by role', async () => {
      const page = await admin.get(TEAM);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Die Rollen/);
      assert.match(page.body, /<strong>Leitung<\/strong> darf alles/);
      assert.match(page.body, /aria-current="page">Team</, 'the team tab is current');
      assert.match(page.body, /<legend class="field__label">Rolle/);

      const res = await admin.post(TEAM, { email: 'Neu.Person@Example.org', name: 'Nele Neu', role: 'readonly', language: 'de' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${TEAM}?done=invited`);
      const account = await t.database.db.selectFrom('organizers').selectAll().where('email', '=', 'neu.person@example.org').executeTakeFirstOrThrow();
      assert.equal(account.name, 'Nele Neu');
      assert.equal(account.is_admin, 0);
      assert.equal(await roleOf('neu.person@example.org'), 'readonly');

      const mail = await t.database.db.selectFrom('outbox').selectAll().where('to_address', '=', 'neu.person@example.org').executeTakeFirstOrThrow();
      assert.equal(mail.template, 'team_invitation');
      assert.equal(mail.event_id, eventId);
      assert.equal(mail.registration_id, null);
      assert.match(mail.subject, /Einladung ins Team/);
      assert.match(mail.text_body, /Admin hat euch als „Nur lesen“ in das Team/);
      const link = new RegExp(`${t.config.baseUrl.origin}/admin/login/[A-Za-z0-9_-]{20,}`).exec(mail.text_body)?.[0];
      assert.ok(link, 'the mail carries the sign-in link');
      assert.ok(mail.html_body.includes(`href="${link}"`), 'the HTML part links it too');

      const listed = await admin.get(`${TEAM}?done=invited`);
      assert.match(listed.body, /Einladung mit Anmeldelink ist unterwegs/);
      assert.match(listed.body, /<th scope="row">Nele Neu<\/th>/);

      // The new member follows the link, signs in and finds the event; reads, but changes nothing.
      const nele = visitor(t, await signIn(t, link));
      const dashboard = await nele.get('/admin');
      assert.match(dashboard.body, /labcamp-2020\/registrations/);
      assert.doesNotMatch(dashboard.body, /labcamp-2\/registrations/);
      assert.equal((await nele.get('/admin/events/labcamp-2020/registrations')).statusCode, 200);
      assert.equal((await nele.post('/admin/events/labcamp-2020/registrations/new', person('Zora Zu', 'zora@example.org'))).statusCode, 403);
      const teamPage = await nele.get(TEAM);
      assert.equal(teamPage.statusCode, 200);
      assert.doesNotMatch(teamPage.body, /name="email"/, 'no add form for read-only members');
      assert.doesNotMatch(teamPage.body, /\/role"/, 'no role forms');
      assert.doesNotMatch(teamPage.body, /labcamp-2020\/edit"/, 'no tabs that would answer 403');
      assert.match(teamPage.body, /Team verlassen <span class="visually-hidden">\(Nele Neu\)<\/span>/);
      assert.equal((await signIn(t, link).catch((e: Error) => e.message)), 'login page answered 410', 'the link works once');
    });

    test('a role change takes effect at once and is audited with before and after', async () => {
      const id = await idOf('neu.person@example.org');
      const nele = visitor(t, await signIn(t, `${t.config.baseUrl.origin}/admin/login/${await t.services.access.issueLoginLink('neu.person@example.org')}`));
      await nele.get('/admin/events/labcamp-2020/registrations');
      assert.equal((await nele.post('/admin/events/labcamp-2020/registrations/new', person('Zora Zu', 'zora@example.org'))).statusCode, 403);

      const page = await admin.get(TEAM);
      assert.match(page.body, new RegExp(`<label class="visually-hidden" for="member-role-${id}">Rolle von Nele Neu</label>`));
      assert.match(page.body, /Rolle ändern <span class="visually-hidden">\(Nele Neu\)<\/span>/);
      const res = await admin.post(`${TEAM}/${id}/role`, { role: 'organizer' });
      assert.equal(res.statusCode, 303);
      assert.equal(await roleOf('neu.person@example.org'), 'organizer');

      await nele.get('/admin/events/labcamp-2020/registrations/new');
      assert.equal((await nele.post('/admin/events/labcamp-2020/registrations/new', person('Zora Zu', 'zora@example.org'))).statusCode, 303);

      const [entry] = await auditOf('access.team.role_changed', id);
      assert.ok(entry);
      assert.equal(entry.event_id, eventId);
      assert.equal(entry.actor_label, 'Admin');
      assert.deepEqual(JSON.parse(entry.before_json!), { role: 'readonly' });
      assert.deepEqual(JSON.parse(entry.after_json!), { role: 'organizer' });
      const [added] = await auditOf('access.team.added', id);
      assert.equal(added?.event_id, eventId);
      assert.equal(JSON.parse(added!.after_json!).role, 'readonly');
    });

    test('an existing organizer is just added, with a short notice and no sign-in link; twice is refused', async () => {
      await t.services.access.createOrganizer({ email: 'bestand@example.org', name: 'Bea Bestand', isAdmin: false });
      const res = await admin.post(TEAM, { email: 'BESTAND@example.org', name: '', role: 'moderator', language: 'en' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `${TEAM}?done=added`);
      assert.equal(await roleOf('bestand@example.org'), 'moderator');
      const mails = await t.database.db.selectFrom('outbox').selectAll().where('to_address', '=', 'bestand@example.org').execute();
      assert.deepEqual(mails.map((m) => m.template), ['team_added']);
      assert.match(mails[0]!.subject, /^You're on the team/);
      assert.match(mails[0]!.text_body, /as “Moderator”/);
      assert.doesNotMatch(mails[0]!.text_body, /\/admin\/login\//);

      const again = await admin.post(TEAM, { email: 'bestand@example.org', name: 'Bea', role: 'owner', language: 'de' });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /id="error-email"[^>]*>Diese Person ist schon im Team/);
      assert.match(again.body, /value="bestand@example.org"/);
      assert.equal(await roleOf('bestand@example.org'), 'moderator');
    });

    test('an event keeps at least one owner; platform admins do not count, but manage every team', async () => {
      await admin.get(TEAM);
      assert.equal((await admin.post(TEAM, { email: 'olga@example.org', name: 'Olga Owner', role: 'owner', language: 'de' })).statusCode, 303);
      const olgaId = await idOf('olga@example.org');
      const olga = visitor(t, await signIn(t, `${t.config.baseUrl.origin}/admin/login/${await t.services.access.issueLoginLink('olga@example.org')}`));
      const page = await olga.get(TEAM);
      assert.match(page.body, /name="email"/, 'owners see the add form');

      const demote = await olga.post(`${TEAM}/${olgaId}/role`, { role: 'organizer' });
      assert.equal(demote.statusCode, 409);
      assert.match(demote.body, /mindestens eine Person mit der Rolle „Leitung“/);
      assert.equal((await olga.post(`${TEAM}/${olgaId}/remove`, {})).statusCode, 409, 'the last owner cannot leave');
      await admin.get(TEAM);
      assert.equal((await admin.post(`${TEAM}/${olgaId}/remove`, {})).statusCode, 409, 'nor be removed by a platform admin');
      assert.equal(await roleOf('olga@example.org'), 'owner');

      // A second owner: now Olga may step down, and Otto is the last owner.
      assert.equal((await olga.post(TEAM, { email: 'otto@example.org', name: 'Otto Owner', role: 'owner', language: 'de' })).statusCode, 303);
      await olga.get(TEAM);
      assert.equal((await olga.post(`${TEAM}/${olgaId}/role`, { role: 'organizer' })).statusCode, 303);
      assert.equal(await roleOf('olga@example.org'), 'organizer');
      const after = await olga.get(TEAM);
      assert.doesNotMatch(after.body, /name="email"/, 'the new role applies at once');
      assert.equal((await olga.post(`${TEAM}/${await idOf('otto@example.org')}/role`, { role: 'readonly' })).statusCode, 403);

      await admin.get(TEAM);
      const lastOwner = await admin.post(`${TEAM}/${await idOf('otto@example.org')}/role`, { role: 'readonly' });
      assert.equal(lastOwner.statusCode, 409);
      assert.equal(await roleOf('otto@example.org'), 'owner');
    });

    test('two owners demoting each other at the same moment: one of them stays owner', async () => {
      const team = createTeamService({ db: t.database.db, clock: t.clock, access: t.services.access, link: (path) => path });
      const event = (await t.services.events.findBySlug('labcamp-2'))!;
      const actor = { id: null, label: 'test' };
      const ids: number[] = [];
      for (const email of ['ann@example.org', 'ben@example.org']) {
        ids.push((await team.add(event, { email, name: email.split('@')[0]!, role: 'owner', locale: 'de' }, actor)).member.id);
      }
      const outcomes = await Promise.allSettled([team.changeRole(event.id, ids[0]!, 'readonly', actor), team.changeRole(event.id, ids[1]!, 'readonly', actor)]);
      assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
      const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
      assert.ok(rejected.reason instanceof TeamError && rejected.reason.reason === 'last-owner');
      const owners = (await team.list(event.id)).filter((m) => m.role === 'owner');
      assert.equal(owners.length, 1);
    });

    test('addOwner (called when an organizer creates an event) makes them owner, audited', async () => {
      const event = (await t.services.events.findBySlug('labcamp-2'))!;
      const { organizer } = await t.services.access.createOrganizer({ email: 'creator@example.org', name: 'Cleo Creator', isAdmin: false });
      await t.database.db.transaction().execute((trx) => addOwner(trx, t.clock, { eventId: event.id, organizerId: organizer.id }, { id: organizer.id, label: organizer.name }));
      const row = await t.database.db.selectFrom('event_team').select('role').where('event_id', '=', event.id).where('organizer_id', '=', organizer.id).executeTakeFirst();
      assert.equal(row?.role, 'owner');
      const [entry] = await auditOf('access.team.added', organizer.id);
      assert.equal(entry?.event_id, event.id);
      assert.equal(entry?.actor_label, 'Cleo Creator');
    });

    test('members may leave; non-owners get 403 on team changes, strangers 404', async () => {
      const { visitor: reader, id: readerId } = await teamMember('readonly', 'leser@example.org');
      const { visitor: orga } = await teamMember('organizer', 'orga@example.org');
      const nele = await idOf('neu.person@example.org');
      await orga.get(TEAM);
      assert.equal((await orga.post(TEAM, { email: 'x@example.org', name: 'X', role: 'owner', language: 'de' })).statusCode, 403);
      assert.equal((await orga.post(`${TEAM}/${nele}/role`, { role: 'owner' })).statusCode, 403);
      assert.equal((await orga.post(`${TEAM}/${nele}/remove`, {})).statusCode, 403);
      assert.equal((await reader.post(`${TEAM}/${nele}/remove`, {})).statusCode, 403);
      assert.equal(await roleOf('neu.person@example.org'), 'organizer');

      const { visitor: stranger } = await teamMember(null, 'fremd@example.org');
      assert.equal((await stranger.get(TEAM)).statusCode, 404);
      assert.equal((await stranger.post(TEAM, { email: 'y@example.org', name: 'Y', role: 'owner', language: 'de' })).statusCode, 404);
      assert.equal((await stranger.post(`${TEAM}/${nele}/remove`, {})).statusCode, 404);
      assert.equal((await stranger.get('/admin/events/no-such-event/team')).statusCode, 404);

      await reader.get(TEAM);
      const leave = await reader.post(`${TEAM}/${readerId}/remove`, {});
      assert.equal(leave.statusCode, 303);
      assert.equal(leave.headers.location, '/admin');
      assert.equal(await roleOf('leser@example.org'), undefined);
      assert.equal((await reader.get(TEAM)).statusCode, 404, 'gone means gone');
      const [removed] = await auditOf('access.team.removed', readerId);
      assert.equal(removed?.event_id, eventId);
      assert.deepEqual(JSON.parse(removed!.before_json!), { role: 'readonly' });

      // Owners remove others.
      await admin.get(TEAM);
      assert.equal((await admin.post(`${TEAM}/${await idOf('orga@example.org')}/remove`, {})).statusCode, 303);
      assert.equal(await roleOf('orga@example.org'), undefined);
      assert.equal((await admin.post(`${TEAM}/${await idOf('orga@example.org')}/remove`, {})).statusCode, 404, 'not in the team any more');
      assert.equal((await admin.post(`${TEAM}/abc/remove`, {})).statusCode, 404);
    });

    test('invalid input: messages next to the fields in the user\'s language, values kept, nothing stored', async () => {
      await admin.get(TEAM);
      const bad = await admin.post(TEAM, { email: 'nope', name: 'Kein Mail', role: 'king', language: 'de' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-email"[^>]*>Bitte gebt eine gültige E-Mail-Adresse an/);
      assert.match(bad.body, /id="error-role"[^>]*>Bitte wählt eine der Rollen/);
      assert.match(bad.body, /aria-describedby="error-email"/);
      assert.match(bad.body, /<a href="#field-email">E-Mail-Adresse: /, 'the summary links to the field');
      assert.match(bad.body, /value="nope"/);
      assert.match(bad.body, /value="Kein Mail"/);

      const noName = await admin.post(TEAM, { email: 'ohne.name@example.org', name: '', role: 'readonly', language: 'de' });
      assert.equal(noName.statusCode, 422);
      assert.match(noName.body, /id="error-name"[^>]*>Für diese Adresse gibt es noch kein Konto/);
      assert.match(noName.body, /value="readonly" checked/);

      const english = await admin.post(`${TEAM}?lang=en`, { email: 'a@b', name: '', role: '', language: 'de' });
      assert.equal(english.statusCode, 422);
      assert.match(english.body, /Please enter a valid e-mail address/);
      assert.match(english.body, /Please choose one of the roles/);
      await admin.get(`${TEAM}?lang=de`);

      const control = await admin.post(TEAM, { email: 'ctrl@example.org', name: 'Bell\u0007', role: 'readonly', language: 'de' });
      assert.equal(control.statusCode, 422);
      assert.match(control.body, /unzulässige Steuerzeichen/);
      const badRole = await admin.post(`${TEAM}/${await idOf('neu.person@example.org')}/role`, { role: 'superuser' });
      assert.equal(badRole.statusCode, 422);
      assert.equal(await roleOf('neu.person@example.org'), 'organizer');

      for (const email of ['ohne.name@example.org', 'ctrl@example.org', 'a@b']) {
        assert.equal(await t.database.db.selectFrom('organizers').select('id').where('email', '=', email).executeTakeFirst(), undefined, email);
      }
    });

    test('hostile input: HTML is text on the page and in the mail; a 100 KB name is refused, not a crash', async () => {
      await admin.get(TEAM);
      const res = await admin.post(TEAM, { email: 'html@example.org', name: '<img src=x onerror=alert(1)>', role: 'readonly', language: 'de' });
      assert.equal(res.statusCode, 303);
      const page = await admin.get(TEAM);
      assert.doesNotMatch(page.body, /<img src=x/);
      assert.match(page.body, /&lt;img src=x onerror=alert\(1\)>|&lt;img src=x onerror=alert\(1\)&gt;/);
      const mail = await t.database.db.selectFrom('outbox').select('html_body').where('to_address', '=', 'html@example.org').executeTakeFirstOrThrow();
      assert.doesNotMatch(mail.html_body, /<img src=x/);

      const huge = await admin.post(TEAM, { email: 'huge@example.org', name: 'x'.repeat(100_000), role: 'readonly', language: 'de' });
      assert.ok(huge.statusCode >= 400 && huge.statusCode < 500, String(huge.statusCode));
      assert.match(huge.body, /Höchstens 200 Zeichen/);
      const longMail = await admin.post(TEAM, { email: `${'a'.repeat(300)}@example.org`, name: 'Long', role: 'readonly', language: 'de' });
      assert.equal(longMail.statusCode, 422);
      for (const done of ['constructor', '__proto__', '<b>x</b>']) {
        const res = await admin.get(`${TEAM}?done=${encodeURIComponent(done)}`);
        assert.equal(res.statusCode, 200, done);
        assert.doesNotMatch(res.body, /role="status">/, done);
      }
      const arrays = await admin.post(TEAM, { email: ['a@example.org', 'b@example.org'], name: ['A', 'B'], role: ['owner', 'x'], language: 'xx' });
      assert.ok(arrays.statusCode < 500, String(arrays.statusCode));
    });

    test('sign-in links in invitations are only shown to those who manage the team', async () => {
      const invitation = await t.database.db.selectFrom('outbox').select('id').where('template', '=', 'team_invitation').executeTakeFirstOrThrow();
      assert.equal((await admin.get(`/admin/events/labcamp-2020/mails/${invitation.id}`)).statusCode, 200);
      const { visitor: orga } = await teamMember('organizer', 'orga2@example.org');
      assert.equal((await orga.get(`/admin/events/labcamp-2020/mails/${invitation.id}`)).statusCode, 403);
      assert.equal((await orga.get(`/admin/events/labcamp-2020/mails/${invitation.id}/html`)).statusCode, 403);
    });

    test('team changes without a CSRF token are refused', async () => {
      const { token } = await t.services.access.createOrganizer({ email: 'admin2@example.org', name: 'Admin 2', isAdmin: true });
      const session = await signIn(t, `${t.config.baseUrl.origin}/admin/login/${token}`);
      for (const [url, form] of [[TEAM, { email: 'csrf@example.org', name: 'C', role: 'owner', language: 'de' }], [`${TEAM}/${await idOf('neu.person@example.org')}/remove`, {}]] as const) {
        const res = await t.app.inject({ method: 'POST', url, headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
        assert.equal(res.statusCode, 403, url);
        assert.match(res.body, /Formular abgelaufen/);
      }
      assert.equal(await roleOf('neu.person@example.org'), 'organizer');
      assert.equal(await t.database.db.selectFrom('organizers').select('id').where('email', '=', 'csrf@example.org').executeTakeFirst(), undefined);
    });
  });
}

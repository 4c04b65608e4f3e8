// Networking rounds in the live room (#6, items 4–6), over HTTP on both databases: the organizers
// plan rounds for the people in the room (nobody meets twice, labs split), start one; each
// participant sees their group and nobody else's; the results board takes entries, refuses bad
// ones and stale saves without losing text; a late joiner places themselves; a person marked gone
// is planned out; moving, messages, more time, back to the plenary; the outcome report without
// names, for whom the organizers chose, as page, Markdown and PDF; roles.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import type { TestApp } from '../../helpers/app.js';
import { visitor, type Visitor } from '../../helpers/visitor.js';
import { signedInMember } from '../../helpers/team.js';
import { openLiveRoom, participantInside } from '../../helpers/networking.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';
import type { Level } from '../../../src/platform/germany.js';

const ADMIN = '/admin/events/labcamp-2/networking';
const ROOM = '/events/labcamp-2/live';

interface Person { name: string; lab: string; visitor: Visitor; token: string; id: number }

for (const dialect of testDialects()) {
  describe(`networking rounds (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let event: LabEvent;
    const people: Person[] = [];

    before(async () => {
      ({ t, admin, event } = await openLiveRoom(dialect));
      // Nine people from three labs, three levels: groups of three can split every lab.
      const labs = ['CityLAB Berlin', 'Stadtlabor Soest', 'Digital Innovation Team'];
      const levels: Level[] = ['kommune', 'land', 'bund'];
      for (let i = 0; i < 9; i++) people.push(await inside(`Person${i}`, labs[i % 3]!, levels[Math.floor(i / 3)]!));
    });
    after(async () => t.close());

    /** An admitted participant who followed their access link into the room. */
    async function inside(name: string, lab: string, level: Level): Promise<Person> {
      return { name, lab, ...(await participantInside(t, event, { name, organisation: lab, level, answers: { 2: 'no' } })) };
    }

    const rounds = () => t.services.rounds.rounds(event.id);
    const groupOf = async (number: number, person: Person) => (await rounds()).find((r) => r.number === number)!.groups.find((g) => g.members.some((m) => m.registrationId === person.id))!;
    const pairsOf = (groups: { members: { registrationId: number }[] }[]) => groups.flatMap((g) => g.members.flatMap((a) => g.members.filter((b) => a.registrationId < b.registrationId).map((b) => `${a.registrationId}-${b.registrationId}`)));

    test('bad planning input is refused next to its field, and nothing is planned', async () => {
      await admin.get(ADMIN);
      const res = await admin.post(`${ADMIN}/plan`, { pool: 'present', groupSize: '1', rounds: '9', durationMinutes: 'zehn', prompt: '' });
      assert.equal(res.statusCode, 422);
      for (const field of ['groupSize', 'rounds', 'durationMinutes', 'prompt']) assert.match(res.body, new RegExp(`id="error-${field}"`), field);
      assert.match(res.body, /ganze Zahl von 2 bis 8/);
      assert.equal((await rounds()).length, 0);
    });

    test('a plan for the people in the room: nobody meets twice, no two of one lab together, figures shown', async () => {
      await admin.get(ADMIN);
      const res = await admin.post(`${ADMIN}/plan`, { pool: 'present', groupSize: '3', rounds: '3', durationMinutes: '15', prompt: 'Woran <b>arbeitet</b> ihr?' });
      assert.equal(res.statusCode, 303);
      const planned = await rounds();
      assert.deepEqual(planned.map((r) => [r.number, r.state, r.groups.length]), [[1, 'planned', 3], [2, 'planned', 3], [3, 'planned', 3]]);
      const pairs = planned.flatMap((r) => pairsOf(r.groups));
      assert.equal(new Set(pairs).size, pairs.length, 'no pair meets twice');
      for (const r of planned) for (const g of r.groups) assert.equal(new Set(g.members.map((m) => m.organisation)).size, g.members.length, 'labs split');
      const page = await admin.get(`${ADMIN}?done=planned&n=9`);
      assert.match(page.body, /Geplant für 9 Personen/);
      assert.match(page.body, /Niemand trifft jemanden ein zweites Mal/);
      assert.match(page.body, /27 neue Begegnungen/);
      assert.match(page.body, /Runde 1 starten/);
      // Participants see nothing of a plan.
      assert.doesNotMatch((await people[0]!.visitor.get(ROOM)).body, /eure Gruppe|id="live-round"[^>]*>[^<]/);
    });

    test('starting a round shows each participant their own group, and only theirs', async () => {
      const first = (await rounds())[0]!;
      await admin.get(ADMIN);
      const badLength = await admin.post(`${ADMIN}/rounds/${first.id}/start`, { minutes: 'viel' });
      assert.equal(badLength.statusCode, 422, 'a length that is no number');
      assert.match(badLength.body, /id="error-minutes">[^<]*ganze Zahl von 3 bis 120/);
      assert.equal((await rounds())[0]!.state, 'planned');
      await admin.get(ADMIN);
      assert.equal((await admin.post(`${ADMIN}/rounds/${first.id}/start`, { minutes: '20' })).statusCode, 303);
      const started = (await rounds())[0]!;
      assert.equal(started.endsAt!.getTime() - started.startedAt!.getTime(), 20 * 60_000, 'the length chosen at the start');
      // A second click (or organizer) changes nothing.
      await admin.get(ADMIN);
      await admin.post(`${ADMIN}/rounds/${first.id}/start`, {});
      assert.deepEqual((await rounds()).map((r) => r.state), ['running', 'planned', 'planned']);

      const anna = people[0]!;
      const group = await groupOf(1, anna);
      const live = await anna.visitor.get(ROOM);
      assert.match(live.body, new RegExp(`Runde 1 läuft: eure Gruppe ${group.number}`));
      assert.match(live.body, /data-countdown/);
      const page = await anna.visitor.get(`${ROOM}/groups/${group.id}`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      for (const m of group.members) assert.match(page.body, new RegExp(m.name));
      assert.match(page.body, /Woran &lt;b>arbeitet&lt;\/b> ihr\?|Woran &lt;b&gt;arbeitet&lt;\/b&gt; ihr\?/, 'the prompt is text, not HTML');
      const outsider = people.find((p) => !group.members.some((m) => m.registrationId === p.id))!;
      assert.equal((await outsider.visitor.get(`${ROOM}/groups/${group.id}`)).statusCode, 403, 'another group is closed to them');
      assert.equal((await visitor(t).get(`${ROOM}/groups/${group.id}`)).statusCode, 403, 'strangers get nothing');
      assert.equal((await admin.get(`${ROOM}/groups/${group.id}`)).statusCode, 200, 'the team sees every group');
    });

    test('the results board: entries saved, HTML as text, bad input refused with the text kept, stale saves refused without loss', async () => {
      const anna = people[0]!;
      const group = await groupOf(1, anna);
      const base = `${ROOM}/groups/${group.id}`;
      await anna.visitor.get(base);
      const added = await anna.visitor.post(`${base}/entries`, { section: 'next_steps', text: 'Austausch zu <script>alert(1)</script> Open Data' });
      assert.equal(added.statusCode, 303);
      const [entry] = await t.services.boards.entries(group.id);
      assert.equal(entry!.version, 1);
      const page = await anna.visitor.get(base);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert/);
      assert.match((await admin.get(ADMIN)).body, /board-glance[\s\S]*Nächste Schritte[\s\S]*Austausch zu &lt;script/, 'organizers see the boards as they fill');

      for (const [text, why] of [['', 'empty'], ['x'.repeat(2001), 'too long'], ['a\u0007b', 'control character']] as const) {
        await anna.visitor.get(base);
        const res = await anna.visitor.post(`${base}/entries`, { section: 'questions', text });
        assert.equal(res.statusCode, 422, why);
        assert.match(res.body, /Bitte 1 bis 2000 Zeichen/, why);
      }
      await anna.visitor.get(base);
      assert.equal((await anna.visitor.post(`${base}/entries`, { section: 'nonsense', text: 'Hallo' })).statusCode, 400);
      assert.equal((await t.services.boards.entries(group.id)).length, 1, 'nothing stored by bad input');

      // Two people edit the same entry: the second save, based on version 1, is refused with the current text.
      const bert = people.find((p) => p.id !== anna.id && group.members.some((m) => m.registrationId === p.id))!;
      await anna.visitor.get(base);
      assert.equal((await anna.visitor.post(`${base}/entries/${entry!.id}`, { version: '1', text: 'Annas Fassung', action: 'save' })).statusCode, 303);
      await bert.visitor.get(base);
      const stale = await bert.visitor.post(`${base}/entries/${entry!.id}`, { version: '1', text: 'Berts Fassung', action: 'save' }, { accept: 'application/json' });
      assert.equal(stale.statusCode, 409);
      const body = stale.json() as { entry: { text: string; version: number }; yours: string };
      assert.equal(body.entry.text, 'Annas Fassung');
      assert.equal(body.entry.version, 2);
      assert.equal(body.yours, 'Berts Fassung', 'the refused text comes back to its writer');
      assert.equal((await t.services.boards.entries(group.id))[0]!.text, 'Annas Fassung');

      // The change was announced to the group and the moderators, nobody else.
      const feed = await t.database.db.selectFrom('live_feed').select(['kind', 'audience']).where('event_id', '=', event.id).where('kind', '=', 'board').orderBy('id', 'desc').executeTakeFirstOrThrow();
      const audience = JSON.parse(feed.audience) as string[];
      assert.deepEqual(audience.sort(), ['moderators', ...group.members.map((m) => `r${m.registrationId}`)].sort());
    });

    test('late joiners place themselves, each into a group without a colleague', async () => {
      const first = await inside('Spaet', 'Neues Labor', 'bund');
      const second = await inside('Spaeter', 'Neues  labor', 'kommune');
      people.push(first, second);
      const live = await first.visitor.get(ROOM);
      assert.match(live.body, /noch in keiner Gruppe/);
      for (const late of [first, second]) {
        await late.visitor.get(ROOM);
        assert.equal((await late.visitor.post(`${ROOM}/round/place`, {})).statusCode, 303);
      }
      const a = await groupOf(1, first);
      const b = await groupOf(1, second);
      assert.notEqual(a.id, b.id, 'two people of one lab (spelt differently) are not put together');
      assert.equal(a.members.length, 4);
      assert.equal(a.members.find((m) => m.registrationId === first.id)!.placedBy, 'late');
      // Placing again changes nothing.
      await first.visitor.get(ROOM);
      await first.visitor.post(`${ROOM}/round/place`, {});
      assert.equal((await groupOf(1, first)).id, a.id);
    });

    test('message to all groups, more time, moving a person, back to the plenary', async () => {
      await admin.get(ADMIN);
      assert.equal((await admin.post(`${ADMIN}/message`, { message: 'Noch <em>2</em> Minuten' })).statusCode, 303);
      const anna = people[0]!;
      assert.match((await anna.visitor.get(ROOM)).body, /Noch &lt;em>2&lt;\/em> Minuten|Noch &lt;em&gt;2&lt;\/em&gt; Minuten/);
      await admin.get(ADMIN);
      const tooLong = await admin.post(`${ADMIN}/message`, { message: 'x'.repeat(501) });
      assert.equal(tooLong.statusCode, 422);
      assert.match(tooLong.body, /id="error-message"/);

      const before = (await rounds())[0]!.endsAt!;
      await admin.get(ADMIN);
      await admin.post(`${ADMIN}/extend`, {});
      assert.equal((await rounds())[0]!.endsAt!.getTime() - before.getTime(), 5 * 60_000);

      const target = (await rounds())[0]!.groups.find((g) => !g.members.some((m) => m.registrationId === anna.id))!;
      await admin.get(ADMIN);
      assert.equal((await admin.post(`${ADMIN}/move`, { person: String(anna.id), group: String(target.id) })).statusCode, 303);
      assert.equal((await groupOf(1, anna)).id, target.id);
      await admin.get(ADMIN);
      assert.equal((await admin.post(`${ADMIN}/move`, { person: String(anna.id), group: '999999' })).statusCode, 400);

      await admin.get(ADMIN);
      assert.equal((await admin.post(`${ADMIN}/end`, {})).statusCode, 303);
      const live = await anna.visitor.get(ROOM);
      assert.match(live.body, /Zurück im Plenum/);
      assert.match(live.body, /Ergebnisse von Runde 1/);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('event_id', '=', event.id).where('action', 'like', 'networking.%').execute();
      for (const action of ['networking.planned', 'networking.round.started', 'networking.message', 'networking.round.extended', 'networking.member.moved', 'networking.round.ended']) {
        assert.ok(audit.some((a) => a.action === action), action);
      }
    });

    test('the next round is planned anew for who is still there, and nobody meets again', async () => {
      const gone = people[1]!;
      await admin.get(ADMIN);
      assert.equal((await admin.post(`${ADMIN}/absent`, { absentPerson: String(gone.id), absent: 'yes' })).statusCode, 303);
      const next = (await rounds()).find((r) => r.state === 'planned')!;
      await admin.get(ADMIN);
      await admin.post(`${ADMIN}/rounds/${next.id}/start`, {});
      const all = await rounds();
      const second = all.find((r) => r.state === 'running')!;
      assert.equal(second.number, 2);
      const members = second.groups.flatMap((g) => g.members.map((m) => m.registrationId));
      assert.ok(!members.includes(gone.id), 'who left is not placed');
      assert.equal(members.length, people.length - 1, 'everyone else is, the late joiner too');
      const firstRound = all.find((r) => r.number === 1)!;
      const firstPairs = new Set(pairsOf(firstRound.groups));
      const repeats = pairsOf(second.groups).filter((p) => firstPairs.has(p));
      // Round 1 ended with a group of five (a late joiner and a moved person joined it); five people
      // who all met cannot be spread over three groups without two pairs meeting again: the least
      // possible. The other groups' pairs never meet again.
      const biggest = Math.max(...firstRound.groups.map((g) => g.members.filter((m) => m.registrationId !== gone.id).length));
      const groups = second.groups.length;
      const q = Math.floor(biggest / groups);
      const r = biggest % groups;
      const leastRepeats = r * ((q + 1) * q / 2) + (groups - r) * (q * (q - 1) / 2);
      assert.equal(repeats.length, leastRepeats, `repeats ${JSON.stringify(repeats)} in ${JSON.stringify(all.map((x) => x.groups.map((g) => g.members.map((m) => m.registrationId))))}`);
      for (const group of firstRound.groups.filter((g) => g.members.length <= groups)) {
        for (const pair of pairsOf([group])) assert.ok(!repeats.includes(pair), `pair ${pair} of a small group meets again`);
      }
      await admin.get(ADMIN);
      await admin.post(`${ADMIN}/end`, {});
    });

    test('the outcome report: no names, only for whom the organizers chose, as page, Markdown and PDF; entries can be left out', async () => {
      const first = (await rounds()).find((r) => r.number === 1)!;
      const anna = people[0]!;
      const participantUrl = `/r/${anna.token}/outcomes`;
      assert.equal((await visitor(t).get('/events/labcamp-2/outcomes')).statusCode, 404, 'not public yet');
      assert.equal((await visitor(t).get(participantUrl)).statusCode, 404, 'not released to participants yet');
      const teamView = await admin.get('/events/labcamp-2/outcomes');
      assert.equal(teamView.statusCode, 200);
      assert.match(teamView.body, /Annas Fassung/);

      await admin.get(ADMIN);
      assert.equal((await admin.post(`${ADMIN}/report`, { visibility: 'participants', summary: 'Danke an **alle**.' })).statusCode, 303);
      const page = await visitor(t).get(participantUrl);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Annas Fassung/);
      assert.match(page.body, /<strong>alle<\/strong>/);
      for (const person of people) assert.doesNotMatch(page.body, new RegExp(person.name), 'Chatham House: no names');
      assert.equal((await visitor(t).get('/events/labcamp-2/outcomes')).statusCode, 404, 'participants only');

      const md = await visitor(t).get(`${participantUrl}.md`);
      assert.equal(md.statusCode, 200);
      assert.match(md.headers['content-type'] as string, /text\/markdown/);
      assert.match(md.body, /## Runde 1, Gruppe \d/);
      assert.match(md.body, /- Annas Fassung/);
      const pdf = await visitor(t).get(`${participantUrl}.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 8).toString('latin1'), '%PDF-1.4');
      assert.ok(pdf.rawPayload.includes(Buffer.from('Annas Fassung', 'latin1')));

      const entry = (await t.services.boards.forEvent(event.id)).find((e) => e.text === 'Annas Fassung')!;
      assert.ok(first.groups.some((g) => g.id === entry.groupId));
      await admin.get('/events/labcamp-2/outcomes');
      assert.equal((await admin.post(`/admin/events/labcamp-2/outcomes/entries/${entry.id}`, { include: 'no' })).statusCode, 303);
      assert.doesNotMatch((await visitor(t).get(participantUrl)).body, /Annas Fassung/, 'left out');
      assert.match((await admin.get('/events/labcamp-2/outcomes')).body, /Weggelassene Einträge[\s\S]*Annas Fassung/, 'the team still sees it');

      await admin.get(ADMIN);
      await admin.post(`${ADMIN}/report`, { visibility: 'public', summary: '' });
      assert.equal((await visitor(t).get('/events/labcamp-2/outcomes')).statusCode, 200);
      await admin.get(ADMIN);
      const bad = await admin.post(`${ADMIN}/report`, { visibility: 'everyone', summary: '' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-visibility"/);
    });

    test('roles: read-only members look, moderators steer, other events\' organizers get 404', async () => {
      const readonly = (await signedInMember(t, event.id, 'readonly', 'ro.nw@example.org')).visitor;
      const page = await readonly.get(ADMIN);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /action="[^"]*\/plan"/);
      assert.equal((await readonly.post(`${ADMIN}/plan`, { pool: 'present', groupSize: '3', rounds: '1', durationMinutes: '10', prompt: 'x' })).statusCode, 403);
      const moderator = (await signedInMember(t, event.id, 'moderator', 'mod.nw@example.org')).visitor;
      await moderator.get(ADMIN);
      assert.equal((await moderator.post(`${ADMIN}/plan`, { pool: 'present', groupSize: '3', rounds: '1', durationMinutes: '10', prompt: 'Noch eine Runde' })).statusCode, 303);
      await moderator.get(ADMIN);
      assert.equal((await moderator.post(`${ADMIN}/report`, { visibility: 'team', summary: '' })).statusCode, 403, 'the report is the organizers\' choice');
      const stranger = (await signedInMember(t, event.id, null, 'other.nw@example.org')).visitor;
      assert.equal((await stranger.get(ADMIN)).statusCode, 404);
    });
  });
}

// Thematic networking rounds (#6, item 1 "thematic rounds respect topic choices", in the live
// room): a round takes its topics from a choice question of the registration form; people are
// grouped on a topic they chose; they may change their choice in the live room until the round
// starts, and the round is planned afresh with it as it starts. Over HTTP on both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../../helpers/databases.js';
import type { TestApp } from '../../helpers/app.js';
import type { Visitor } from '../../helpers/visitor.js';
import { openLiveRoom, participantInside } from '../../helpers/networking.js';
import type { LabEvent } from '../../../src/modules/events/events.types.js';
import type { Level } from '../../../src/platform/germany.js';

const ADMIN = '/admin/events/labcamp-2/networking';
const ROOM = '/events/labcamp-2/live';

interface Person { name: string; visitor: Visitor; id: number; topics: string[] }

for (const dialect of testDialects()) {
  describe(`thematic networking rounds (${dialect})`, () => {
    let t: TestApp;
    let admin: Visitor;
    let event: LabEvent;
    let topicsQuestion: number;
    const people: Person[] = [];

    before(async () => {
      ({ t, admin, event } = await openLiveRoom(dialect));
      const questions = await t.services.registration.questions(event.id);
      topicsQuestion = questions.find((q) => q.kind === 'multiple_choice')!.id;
      const yesNo = questions.find((q) => q.kind === 'yes_no')!.id;
      // Twelve people of twelve labs (so that only topics and encounters decide): four chose
      // Daten, four Kultur, four both Beteiligung and Methoden.
      const choices = [['daten'], ['kultur'], ['beteiligung', 'methoden']];
      const levels: Level[] = ['kommune', 'land', 'bund'];
      for (let i = 0; i < 12; i++) {
        const topics = choices[i % 3]!;
        const inside = await participantInside(t, event, { name: `Thema${i}`, organisation: `Labor ${i}`, level: levels[i % 3]!, answers: { [yesNo]: 'no', [topicsQuestion]: topics } });
        people.push({ name: `Thema${i}`, visitor: inside.visitor, id: inside.id, topics });
      }
    });
    after(async () => t.close());

    const rounds = () => t.services.rounds.rounds(event.id);
    const plan = (extra: Record<string, string | string[]>) => admin.post(`${ADMIN}/plan`, { pool: 'present', groupSize: '4', rounds: '2', durationMinutes: '15', prompt: 'Was bewegt euch?', ...extra });

    test('the thematic part of the plan form: both parts or neither, only planned rounds; errors next to the field', async () => {
      const page = await admin.get(ADMIN);
      assert.match(page.body, /Themen aus der Frage/);
      assert.match(page.body, /Welche Themen/, 'the choice question is offered');
      const cases: Array<[Record<string, string | string[]>, string, RegExp]> = [
        [{ themeQuestion: '', thematic: ['1'] }, 'themeQuestion', /Bitte wählt die Frage/],
        [{ themeQuestion: String(topicsQuestion) }, 'thematic', /mindestens eine Runde/],
        [{ themeQuestion: String(topicsQuestion), thematic: ['2'] }, 'thematic', /Nur Runden, die ihr plant/],
        [{ themeQuestion: '99999', thematic: ['0'] }, 'themeQuestion', /Bitte wählt/],
        [{ themeQuestion: String(topicsQuestion), thematic: ['x'] }, 'thematic', /Nur Runden, die ihr plant/],
      ];
      for (const [fields, field, message] of cases) {
        await admin.get(ADMIN);
        const res = await plan(fields);
        assert.equal(res.statusCode, 422, JSON.stringify(fields));
        assert.match(res.body, new RegExp(`id="error-${field}"`), JSON.stringify(fields));
        assert.match(res.body, message);
      }
      assert.equal((await rounds()).length, 0, 'nothing planned');
    });

    test('a plan with a mixed and a thematic round: everyone meets on a topic they chose, and the figures say so', async () => {
      await admin.get(ADMIN);
      assert.equal((await plan({ themeQuestion: String(topicsQuestion), thematic: ['1'] })).statusCode, 303);
      const [first, second] = await rounds();
      assert.equal(first!.theme, null);
      assert.ok(first!.groups.every((g) => g.topic === null), 'round 1 is mixed');
      assert.equal(second!.theme?.questionId, topicsQuestion);
      for (const group of second!.groups) {
        assert.ok(group.topic !== null, 'every group of round 2 has a topic');
        for (const m of group.members) assert.ok(people.find((p) => p.id === m.registrationId)!.topics.includes(group.topic!), `${m.name} chose ${group.topic}`);
      }
      const page = await admin.get(ADMIN);
      assert.match(page.body, /Themenwünsche erfüllt: 100 %/);
      assert.match(page.body, /Thema: (Offene Daten|Verwaltungskultur und Mindset|Bürgerbeteiligung|Methoden)/);
      assert.match(page.body, /<option value="\d+" selected>Welche Themen/, 'the form shows the plan as it is');
    });

    test('participants change their topics in the live room until the round starts; the round follows the new choice', async () => {
      // One thematic round this time.
      await admin.get(ADMIN);
      assert.equal((await plan({ rounds: '1', themeQuestion: String(topicsQuestion), thematic: ['0'] })).statusCode, 303);
      const switcher = people[0]!; // chose Daten
      let room = await switcher.visitor.get(ROOM);
      assert.match(room.body, /Runde 1 ist thematisch/);
      assert.match(room.body, /value="daten" checked/);
      // Something that is not one of the topics: refused, nothing changed.
      let res = await switcher.visitor.post(`${ROOM}/topics`, { topic: ['daten', '<script>x</script>'] });
      assert.equal(res.statusCode, 303);
      room = await switcher.visitor.get(res.headers.location as string);
      assert.match(room.body, /Bitte wählt nur aus den angebotenen Themen/);
      assert.deepEqual(await t.services.rounds.chosen(switcher.id, (await rounds())[0]!.theme!), ['daten']);
      // Kultur instead.
      res = await switcher.visitor.post(`${ROOM}/topics`, { topic: 'kultur' });
      room = await switcher.visitor.get(res.headers.location as string);
      assert.match(room.body, /Eure Themen sind gespeichert/);
      assert.match(room.body, /value="kultur" checked/);
      assert.doesNotMatch(room.body, /value="daten" checked/);
      // The registration's answer is the same one the personal page edits.
      const answer = await t.database.db.selectFrom('registration_answers').select('value').where('registration_id', '=', switcher.id).where('question_id', '=', topicsQuestion).executeTakeFirstOrThrow();
      assert.equal(answer.value, '["kultur"]');

      // The plan still has the switcher on Daten; the round is planned afresh with the new choice as it starts.
      const [planned] = await rounds();
      assert.equal(planned!.groups.find((g) => g.members.some((m) => m.registrationId === switcher.id))!.topic, 'daten');
      await admin.get(ADMIN);
      res = await admin.post(`${ADMIN}/rounds/${planned!.id}/start`, {});
      const notice = await admin.get(res.headers.location as string);
      assert.match(notice.body, /nach den aktuellen Themenwünschen/);
      const running = (await rounds()).find((r) => r.state === 'running')!;
      assert.equal(running.number, 1);
      const mine = running.groups.find((g) => g.members.some((m) => m.registrationId === switcher.id))!;
      assert.equal(mine.topic, 'kultur', 'the switcher meets on their new topic');
      room = await switcher.visitor.get(ROOM);
      assert.match(room.body, /Thema eurer Gruppe: Verwaltungskultur und Mindset/);
      assert.doesNotMatch(room.body, /ist thematisch/, 'no choice once the round runs');
      const group = await switcher.visitor.get(`${ROOM}/groups/${mine.id}`);
      assert.match(group.body, /Thema eurer Gruppe: Verwaltungskultur und Mindset/);
      // Five now want Kultur in groups of four: one of them meets on another topic, nobody else.
      const offTopic = running.groups.flatMap((g) => g.members.filter((m) => !(m.registrationId === switcher.id ? ['kultur'] : people.find((p) => p.id === m.registrationId)!.topics).includes(g.topic!)));
      assert.ok(offTopic.length <= 1, `${offTopic.length} people on a topic they did not choose`);
      // Too late to choose now: the form is gone and a post changes nothing.
      await switcher.visitor.post(`${ROOM}/topics`, { topic: 'daten' });
      assert.equal((await t.database.db.selectFrom('registration_answers').select('value').where('registration_id', '=', switcher.id).where('question_id', '=', topicsQuestion).executeTakeFirstOrThrow()).value, '["kultur"]');
    });
  });
}

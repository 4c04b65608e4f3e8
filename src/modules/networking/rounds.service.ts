// Networking rounds of an event's live room: the organizers plan them (the scheduler computes the
// groups so that people meet new people, labs are split and levels mixed), start one at a time,
// send a message to every group, and bring everyone back to the plenary. People who come late are
// placed into the running round; people who left are planned out of the rounds still to come.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import type { LabEvent } from '../events/events.types.js';
import { planRounds } from './scheduler/scheduler.js';
import { evaluatePlan } from './scheduler/evaluate.js';
import type { Figures, Person, PlannedGroup } from './scheduler/scheduler.types.js';
import { chosenTopics, plannerTopic, saveChoice, type Theme, themesOf, topicValue } from './themes.js';

export const GROUP_SIZE_MIN = 2;
export const GROUP_SIZE_MAX = 8;
export const ROUNDS_MAX = 6;
export const DURATION_MIN = 3;
export const DURATION_MAX = 120;
export const PROMPT_MAX = 1000;
export const MESSAGE_MAX = 500;

/** Who the plan is made for: the people who entered the live room, or everyone admitted (planning ahead). */
export type PlanPool = 'present' | 'admitted';

export interface PlanSettings {
  groupSize: number;
  rounds: number;
  durationMinutes: number;
  prompt: string;
  pool: PlanPool;
  /** Thematic rounds: the question whose options are the topics, and which of the planned rounds (0 = the first) take them. */
  thematic: { questionId: number; positions: number[] } | null;
}

export interface GroupMember {
  registrationId: number;
  name: string;
  organisation: string;
  level: string;
  placedBy: 'plan' | 'late' | 'moved';
}

export interface Group {
  id: number;
  roundId: number;
  number: number;
  videoKey: string;
  members: GroupMember[];
  /** In a thematic round: the option value of the group's topic. */
  topic: string | null;
}

export interface Round {
  id: number;
  number: number;
  state: 'planned' | 'running' | 'ended';
  groupSize: number;
  durationMinutes: number;
  prompt: string;
  message: string | null;
  messageAt: Date | null;
  startedAt: Date | null;
  endsAt: Date | null;
  endedAt: Date | null;
  /** Seconds until endsAt by the server's clock when loaded: the countdown counts from this, not from the browser's clock. */
  secondsLeft: number | null;
  groups: Group[];
  /** A thematic round's question and topics; null for a mixed round. */
  theme: Theme | null;
}

type Candidate = { registrationId: number; name: string; organisation: string; level: string; land: string | null; email: string };

/** Labs compare by name without case and spacing: "CityLAB  Berlin" and "citylab berlin" are one lab. */
const labKey = (organisation: string) => organisation.toLocaleLowerCase('de').replace(/\s+/g, ' ').trim();

const toPerson = (c: Candidate): Person => ({ id: String(c.registrationId), lab: labKey(c.organisation) || null, level: c.level, land: c.land });

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** What every planned round of one plan shares. */
type RoundSettings = Pick<PlanSettings, 'groupSize' | 'durationMinutes' | 'prompt'>;

export type RoundsService = ReturnType<typeof createRoundsService>;

export function createRoundsService({ db, clock }: { db: Db; clock: Clock }) {
  /** Admitted people of the event; with `present`, only those who entered the live room; never those marked gone. */
  async function candidates(trx: Db, eventId: number, pool: PlanPool): Promise<Candidate[]> {
    let query = trx.selectFrom('registrations as r')
      .select(['r.id as registrationId', 'r.name', 'r.organisation', 'r.level', 'r.land', 'r.email'])
      .where('r.event_id', '=', eventId).where('r.status', '=', 'admitted')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('networking_absences as a').select('a.registration_id').where('a.event_id', '=', eventId).whereRef('a.registration_id', '=', 'r.id'))));
    if (pool === 'present') {
      query = query.where(({ exists, selectFrom }) => exists(selectFrom('live_sessions as s').select('s.registration_id').where('s.event_id', '=', eventId).whereRef('s.registration_id', '=', 'r.id')));
    }
    return (await query.orderBy('r.id').execute()).map((c) => ({ ...c, level: String(c.level) }));
  }

  /**
   * Pairs who already met: in this event's rounds that ran (or run), and — matched by e-mail
   * address — in earlier meetings' rounds, so a second LabCamp mixes people anew.
   */
  async function metPairs(trx: Db, eventId: number, people: Candidate[]): Promise<[string, string][]> {
    const pairs = new Map<string, [string, string]>();
    const here = await trx.selectFrom('networking_members as a')
      .innerJoin('networking_members as b', (join) => join.onRef('a.group_id', '=', 'b.group_id').onRef('a.registration_id', '<', 'b.registration_id'))
      .innerJoin('networking_rounds as n', 'n.id', 'a.round_id')
      .select(['a.registration_id as x', 'b.registration_id as y'])
      .where('n.event_id', '=', eventId).where('n.state', '!=', 'planned').execute();
    for (const { x, y } of here) pairs.set(pairKey(String(x), String(y)), [String(x), String(y)]);
    if (people.length > 1) {
      const byEmail = new Map(people.map((p) => [p.email, String(p.registrationId)]));
      const emails = [...byEmail.keys()];
      const earlier = await trx.selectFrom('networking_members as a')
        .innerJoin('networking_members as b', (join) => join.onRef('a.group_id', '=', 'b.group_id').onRef('a.registration_id', '<', 'b.registration_id'))
        .innerJoin('networking_rounds as n', 'n.id', 'a.round_id')
        .innerJoin('registrations as ra', 'ra.id', 'a.registration_id')
        .innerJoin('registrations as rb', 'rb.id', 'b.registration_id')
        .select(['ra.email as x', 'rb.email as y'])
        .where('n.event_id', '!=', eventId).where('n.state', '!=', 'planned')
        .where('ra.email', 'in', emails).where('rb.email', 'in', emails).execute();
      for (const { x, y } of earlier) {
        const a = byEmail.get(x);
        const b = byEmail.get(y);
        if (a && b && a !== b) pairs.set(pairKey(a, b), [a, b]);
      }
    }
    return [...pairs.values()];
  }

  /** The event's rounds with groups and members; `onlyRound` loads just that one (a board save, the live page's part). */
  async function roundsOf(trx: Db, eventId: number, onlyRound?: number): Promise<Round[]> {
    let roundQuery = trx.selectFrom('networking_rounds').selectAll().where('event_id', '=', eventId);
    let groupQuery = trx.selectFrom('networking_groups').selectAll().where('event_id', '=', eventId);
    let memberQuery = trx.selectFrom('networking_members as m')
      .innerJoin('networking_groups as g', 'g.id', 'm.group_id')
      .innerJoin('registrations as r', 'r.id', 'm.registration_id')
      .select(['m.group_id', 'm.registration_id', 'm.placed_by', 'r.name', 'r.organisation', 'r.level'])
      .where('g.event_id', '=', eventId);
    if (onlyRound !== undefined) {
      roundQuery = roundQuery.where('id', '=', onlyRound);
      groupQuery = groupQuery.where('round_id', '=', onlyRound);
      memberQuery = memberQuery.where('m.round_id', '=', onlyRound);
    }
    const rounds = await roundQuery.orderBy('number').execute();
    if (rounds.length === 0) return [];
    const themes = rounds.some((r) => r.theme_question_id !== null) ? new Map((await themesOf(trx, eventId)).map((t) => [t.questionId, t])) : new Map<number, Theme>();
    const groups = await groupQuery.orderBy('number').execute();
    const members = await memberQuery.orderBy('r.name').execute();
    const membersOf = new Map<number, GroupMember[]>();
    for (const m of members) {
      const list = membersOf.get(m.group_id) ?? [];
      list.push({ registrationId: m.registration_id, name: m.name, organisation: m.organisation, level: String(m.level), placedBy: m.placed_by });
      membersOf.set(m.group_id, list);
    }
    return rounds.map((r) => ({
      id: r.id, number: r.number, state: r.state, groupSize: r.group_size, durationMinutes: r.duration_minutes, prompt: r.prompt,
      message: r.message, messageAt: r.message_at ? new Date(r.message_at) : null,
      startedAt: r.started_at ? new Date(r.started_at) : null, endsAt: r.ends_at ? new Date(r.ends_at) : null, endedAt: r.ended_at ? new Date(r.ended_at) : null,
      secondsLeft: r.ends_at ? Math.max(0, Math.round((new Date(r.ends_at).getTime() - clock.now().getTime()) / 1000)) : null,
      groups: groups.filter((g) => g.round_id === r.id).map((g) => ({ id: g.id, roundId: r.id, number: g.number, videoKey: g.video_key, members: membersOf.get(g.id) ?? [], topic: g.topic })),
      theme: r.theme_question_id === null ? null : themes.get(r.theme_question_id) ?? null,
    }));
  }

  /** Writes planned rounds `from`, `from + 1`, … with their groups. */
  async function writePlan(trx: Db, eventId: number, from: number, settings: RoundSettings, themeIds: (number | null)[], planned: PlannedGroup[][]): Promise<void> {
    const now = clock.now().toISOString();
    for (const [index, groups] of planned.entries()) {
      const round = await trx.insertInto('networking_rounds').values({
        event_id: eventId, number: from + index, state: 'planned', group_size: settings.groupSize, duration_minutes: settings.durationMinutes,
        prompt: settings.prompt, message: null, message_at: null, started_at: null, ends_at: null, ended_at: null, created_at: now,
        theme_question_id: themeIds[index] ?? null,
      }).returning('id').executeTakeFirstOrThrow();
      for (const [g, group] of groups.entries()) {
        const row = await trx.insertInto('networking_groups').values({
          event_id: eventId, round_id: round.id, number: g + 1, video_key: randomBytes(12).toString('hex'), created_at: now,
          topic: group.topic === null ? null : topicValue(group.topic),
        }).returning('id').executeTakeFirstOrThrow();
        if (group.members.length > 0) {
          await trx.insertInto('networking_members').values(group.members.map((id) => ({ round_id: round.id, group_id: row.id, registration_id: Number(id), placed_by: 'plan' as const }))).execute();
        }
      }
    }
  }

  /**
   * Plans (again) every round that has not started yet, for the people in `pool`, keeping who
   * already met; `themeIds[i]` makes the i-th of them a thematic round on that question's topics.
   */
  async function replan(trx: Db, eventId: number, settings: RoundSettings & { pool: PlanPool }, rounds: number, themeIds: (number | null)[]): Promise<{ people: number }> {
    await trx.deleteFrom('networking_rounds').where('event_id', '=', eventId).where('state', '=', 'planned').execute();
    const last = await trx.selectFrom('networking_rounds').select((eb) => eb.fn.max('number').as('n')).where('event_id', '=', eventId).executeTakeFirst();
    const people = await candidates(trx, eventId, settings.pool);
    if (rounds <= 0) return { people: people.length };
    const met = await metPairs(trx, eventId, people);
    const themes = await roundThemes(trx, eventId, themeIds, rounds);
    const topics = await chosenTopics(trx, themes.flatMap((t) => (t ? [t.questionId] : [])), people.map((p) => p.registrationId));
    const plan = people.length === 0
      ? { rounds: Array.from({ length: rounds }, () => [] as PlannedGroup[]) }
      : planRounds({
        people: people.map((p) => ({ ...toPerson(p), topics: topics.get(p.registrationId) ?? [] })), groupSize: settings.groupSize, rounds, met,
        themes: themes.map((t) => (t ? t.topics.map((topic) => plannerTopic(t.questionId, topic.value)) : null)), seed: eventId * 7919 + Number(last?.n ?? 0),
      });
    await writePlan(trx, eventId, Number(last?.n ?? 0) + 1, settings, themes.map((t) => t?.questionId ?? null), plan.rounds);
    return { people: people.length };
  }

  /** The theme of each round to plan (null: mixed); a question that is gone or no longer a choice makes a mixed round. */
  async function roundThemes(trx: Db, eventId: number, themeIds: (number | null)[], rounds: number): Promise<(Theme | null)[]> {
    const known = themeIds.some((id) => id !== null) ? new Map((await themesOf(trx, eventId)).map((t) => [t.questionId, t])) : new Map<number, Theme>();
    return Array.from({ length: rounds }, (_, i) => known.get(themeIds[i] ?? -1) ?? null);
  }

  async function roundRow(trx: Db, eventId: number, roundId: number) {
    return trx.selectFrom('networking_rounds').selectAll().where('event_id', '=', eventId).where('id', '=', roundId).executeTakeFirst();
  }

  async function running(trx: Db, eventId: number) {
    return trx.selectFrom('networking_rounds').selectAll().where('event_id', '=', eventId).where('state', '=', 'running').executeTakeFirst();
  }

  /** Ends the running round, if there is one (starting the next one does so too). */
  async function endRunning(trx: Db, eventId: number): Promise<number | null> {
    const current = await running(trx, eventId);
    if (!current) return null;
    await trx.updateTable('networking_rounds').set({ state: 'ended', ended_at: clock.now().toISOString() }).where('id', '=', current.id).execute();
    return current.number;
  }

  /**
   * The group of the running round that suits a newcomer best: fewest repeats, no colleague, a
   * topic they chose (thematic round), then the smallest.
   */
  function bestGroupFor(newcomer: Candidate, groups: Group[], met: Set<string>, labOf: Map<number, string>, topics: string[]): Group | undefined {
    const me = String(newcomer.registrationId);
    const score = (g: Group) => {
      const repeats = g.members.filter((m) => met.has(pairKey(me, String(m.registrationId)))).length;
      const colleagues = g.members.filter((m) => labOf.get(m.registrationId) === labKey(newcomer.organisation)).length;
      const otherTopic = g.topic !== null && topics.length > 0 && !topics.includes(g.topic) ? 1 : 0;
      return repeats * 10_000 + colleagues * 100 + otherTopic * 50 + g.members.length;
    };
    return [...groups].sort((a, b) => score(a) - score(b) || a.number - b.number)[0];
  }

  return {
    rounds: (eventId: number) => roundsOf(db, eventId),

    /** The questions of the event's form that can make a round thematic. */
    themes: (eventId: number) => themesOf(db, eventId),

    /** Everyone admitted, with whether they entered the live room: the choices for moving and marking people. */
    async people(eventId: number): Promise<{ registrationId: number; name: string; organisation: string; present: boolean }[]> {
      const [admitted, present] = await Promise.all([candidates(db, eventId, 'admitted'), db.selectFrom('live_sessions').select('registration_id').where('event_id', '=', eventId).execute()]);
      const inside = new Set(present.map((p) => p.registration_id));
      const gone = await db.selectFrom('networking_absences').innerJoin('registrations', 'registrations.id', 'networking_absences.registration_id')
        .select(['registrations.id as registrationId', 'registrations.name', 'registrations.organisation']).where('networking_absences.event_id', '=', eventId).execute();
      return [...admitted, ...gone].map((p) => ({ registrationId: p.registrationId, name: p.name, organisation: p.organisation, present: inside.has(p.registrationId) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'de'));
    },

    /** How many people a plan would include now. */
    async poolSizes(eventId: number): Promise<Record<PlanPool, number>> {
      return { present: (await candidates(db, eventId, 'present')).length, admitted: (await candidates(db, eventId, 'admitted')).length };
    },

    /** Plans the rounds still to come (replacing an earlier plan of them); rounds that ran stay as they were. */
    async plan(event: LabEvent, settings: PlanSettings, actor: Actor): Promise<{ people: number }> {
      return db.transaction().execute(async (trx) => {
        const themeIds = Array.from({ length: settings.rounds }, (_, i) => (settings.thematic?.positions.includes(i) ? settings.thematic.questionId : null));
        const result = await replan(trx, event.id, settings, settings.rounds, themeIds);
        await recordAudit(trx, clock, actor, { action: 'networking.planned', subjectType: 'event', subjectId: event.id, eventId: event.id, after: { ...settings, people: result.people } });
        return result;
      });
    },

    /** Throws the plan of the rounds still to come away. */
    async discardPlan(event: LabEvent, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('networking_rounds').where('event_id', '=', event.id).where('state', '=', 'planned').execute();
        await recordAudit(trx, clock, actor, { action: 'networking.plan.discarded', subjectType: 'event', subjectId: event.id, eventId: event.id });
      });
    },

    /** The figures of the plan as it stands: encounters, repeats, colleagues together, mixing of levels. */
    async figures(eventId: number, loaded?: Round[]): Promise<Figures | null> {
      const all = loaded ?? await roundsOf(db, eventId);
      const planned = all.filter((r) => r.state === 'planned');
      if (planned.length === 0) return null;
      const ids = [...new Set(planned.flatMap((r) => r.groups.flatMap((g) => g.members.map((m) => m.registrationId))))];
      const topics = await chosenTopics(db, [...new Set(planned.flatMap((r) => (r.theme ? [r.theme.questionId] : [])))], ids);
      const people = new Map<string, Person>();
      for (const r of planned) for (const g of r.groups) for (const m of g.members) {
        people.set(String(m.registrationId), { id: String(m.registrationId), lab: labKey(m.organisation) || null, level: m.level, topics: topics.get(m.registrationId) ?? [] });
      }
      const met = await metPairs(db, eventId, await candidates(db, eventId, 'admitted'));
      const named = (r: Round, value: string | null) => (r.theme && value !== null ? plannerTopic(r.theme.questionId, value) : null);
      return evaluatePlan(
        {
          people: [...people.values()], groupSize: planned[0]!.groupSize, rounds: planned.length, met,
          themes: planned.map((r) => (r.theme ? r.theme.topics.map((t) => plannerTopic(r.theme!.questionId, t.value)) : null)),
        },
        planned.map((r) => r.groups.map((g) => ({ members: g.members.map((m) => String(m.registrationId)), topic: named(r, g.topic) }))),
      );
    },

    /**
     * Starts a planned round: the running one ends, and when the people in the room are no longer
     * those the plan was made for (late joiners, people who left), the rounds still to come are
     * planned again first — keeping who already met. The groups then meet for `durationMinutes`
     * (the plan's length, or what the organizers chose when starting).
     */
    async start(event: LabEvent, roundId: number, durationMinutes: number, actor: Actor): Promise<{ kind: 'started'; number: number; replanned: boolean; thematic: boolean } | { kind: 'not-planned' }> {
      return db.transaction().execute(async (trx) => {
        const round = await roundRow(trx, event.id, roundId);
        if (!round || round.state !== 'planned') return { kind: 'not-planned' as const };
        await endRunning(trx, event.id);
        const remaining = await trx.selectFrom('networking_rounds').select(['id', 'number', 'theme_question_id']).where('event_id', '=', event.id).where('state', '=', 'planned').orderBy('number').execute();
        // Rounds run in their order: only the next one can start (a second click finds it running).
        if (remaining[0]?.id !== round.id) return { kind: 'not-planned' as const };
        const planned = new Set((await trx.selectFrom('networking_members').select('registration_id').where('round_id', '=', round.id).execute()).map((m) => m.registration_id));
        const present = await candidates(trx, event.id, 'present');
        // Planned ahead for everyone admitted, or people came and went since: plan the rest for who is
        // here. A thematic round is always planned afresh as it starts: people may change their topics until then.
        const moved = present.length > 0 && (present.length !== planned.size || present.some((p) => !planned.has(p.registrationId)));
        const changed = moved || (round.theme_question_id !== null && present.length > 0);
        let target = round;
        if (changed) {
          const settings = { groupSize: round.group_size, durationMinutes: round.duration_minutes, prompt: round.prompt, pool: 'present' as const };
          await replan(trx, event.id, settings, remaining.length, remaining.map((r) => r.theme_question_id));
          target = (await trx.selectFrom('networking_rounds').selectAll().where('event_id', '=', event.id).where('state', '=', 'planned').orderBy('number').executeTakeFirstOrThrow());
        }
        const now = clock.now();
        await trx.updateTable('networking_rounds').set({
          state: 'running', duration_minutes: durationMinutes, started_at: now.toISOString(), ends_at: new Date(now.getTime() + durationMinutes * 60_000).toISOString(),
        }).where('id', '=', target.id).execute();
        await recordAudit(trx, clock, actor, { action: 'networking.round.started', subjectType: 'networking_round', subjectId: target.id, eventId: event.id, after: { number: target.number, durationMinutes, replanned: changed } });
        return { kind: 'started' as const, number: target.number, replanned: changed, thematic: target.theme_question_id !== null };
      });
    },

    /** Back to the plenary: the running round ends (its boards stay). */
    async end(event: LabEvent, actor: Actor): Promise<number | null> {
      return db.transaction().execute(async (trx) => {
        const number = await endRunning(trx, event.id);
        if (number !== null) await recordAudit(trx, clock, actor, { action: 'networking.round.ended', subjectType: 'event', subjectId: event.id, eventId: event.id, after: { number } });
        return number;
      });
    },

    /** Gives the running round more (or less) time. */
    async extend(event: LabEvent, minutes: number, actor: Actor): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const current = await running(trx, event.id);
        if (!current?.ends_at) return false;
        const base = Math.max(new Date(current.ends_at).getTime(), clock.now().getTime());
        const endsAt = new Date(base + minutes * 60_000).toISOString();
        await trx.updateTable('networking_rounds').set({ ends_at: endsAt }).where('id', '=', current.id).execute();
        await recordAudit(trx, clock, actor, { action: 'networking.round.extended', subjectType: 'networking_round', subjectId: current.id, eventId: event.id, before: { endsAt: current.ends_at }, after: { endsAt } });
        return true;
      });
    },

    /** A message to every group of the running round (shown in each group's part of the page). */
    async message(event: LabEvent, text: string, actor: Actor): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const current = await running(trx, event.id);
        if (!current) return false;
        await trx.updateTable('networking_rounds').set({ message: text || null, message_at: text ? clock.now().toISOString() : null }).where('id', '=', current.id).execute();
        await recordAudit(trx, clock, actor, { action: 'networking.message', subjectType: 'networking_round', subjectId: current.id, eventId: event.id, before: { message: current.message }, after: { message: text || null } });
        return true;
      });
    },

    /** Moves a person to another group of the same round (running or planned). */
    async move(event: LabEvent, registrationId: number, groupId: number, actor: Actor): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const group = await trx.selectFrom('networking_groups as g').innerJoin('networking_rounds as n', 'n.id', 'g.round_id')
          .select(['g.id', 'g.round_id', 'g.number', 'n.state']).where('g.id', '=', groupId).where('g.event_id', '=', event.id).executeTakeFirst();
        if (!group || group.state === 'ended') return false;
        const person = await trx.selectFrom('registrations').select('id').where('id', '=', registrationId).where('event_id', '=', event.id).where('status', '=', 'admitted').executeTakeFirst();
        if (!person) return false;
        const before = await trx.selectFrom('networking_members as m').innerJoin('networking_groups as g', 'g.id', 'm.group_id').select('g.number')
          .where('m.round_id', '=', group.round_id).where('m.registration_id', '=', registrationId).executeTakeFirst();
        await trx.deleteFrom('networking_members').where('round_id', '=', group.round_id).where('registration_id', '=', registrationId).execute();
        await trx.insertInto('networking_members').values({ round_id: group.round_id, group_id: group.id, registration_id: registrationId, placed_by: 'moved' }).execute();
        await trx.deleteFrom('networking_absences').where('event_id', '=', event.id).where('registration_id', '=', registrationId).execute();
        await recordAudit(trx, clock, actor, {
          action: 'networking.member.moved', subjectType: 'registration', subjectId: registrationId, eventId: event.id,
          before: { group: before?.number ?? null }, after: { group: group.number, roundId: group.round_id },
        });
        return true;
      });
    },

    /** Marks a person as gone (planned out of later rounds) or back. */
    async setAbsent(event: LabEvent, registrationId: number, absent: boolean, actor: Actor): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const person = await trx.selectFrom('registrations').select('id').where('id', '=', registrationId).where('event_id', '=', event.id).executeTakeFirst();
        if (!person) return false;
        if (absent) {
          await trx.insertInto('networking_absences').values({ event_id: event.id, registration_id: registrationId, created_at: clock.now().toISOString() })
            .onConflict((oc) => oc.columns(['event_id', 'registration_id']).doNothing()).execute();
        } else {
          await trx.deleteFrom('networking_absences').where('event_id', '=', event.id).where('registration_id', '=', registrationId).execute();
        }
        await recordAudit(trx, clock, actor, { action: absent ? 'networking.member.absent' : 'networking.member.back', subjectType: 'registration', subjectId: registrationId, eventId: event.id });
        return true;
      });
    },

    /**
     * A participant who is in no group of the running round (they came late) joins the group
     * that suits them best. Returns their group's id, or null when no round runs.
     */
    async placeLate(eventId: number, registrationId: number): Promise<number | null> {
      return db.transaction().execute(async (trx) => {
        const current = await running(trx, eventId);
        if (!current) return null;
        const already = await trx.selectFrom('networking_members').select('group_id').where('round_id', '=', current.id).where('registration_id', '=', registrationId).executeTakeFirst();
        if (already) return already.group_id;
        const me = (await trx.selectFrom('registrations').select(['id as registrationId', 'name', 'organisation', 'level', 'land', 'email'])
          .where('id', '=', registrationId).where('event_id', '=', eventId).where('status', '=', 'admitted').executeTakeFirst());
        if (!me) return null;
        const round = (await roundsOf(trx, eventId, current.id))[0];
        const groups = round?.groups ?? [];
        if (groups.length === 0) return null;
        const topics = round?.theme ? (await chosenTopics(trx, [round.theme.questionId], [registrationId])).get(registrationId)?.map(topicValue) ?? [] : [];
        const labOf = new Map(groups.flatMap((g) => g.members.map((m) => [m.registrationId, labKey(m.organisation)] as const)));
        const met = new Set((await metPairs(trx, eventId, [{ ...me, level: String(me.level) }])).map(([a, b]) => pairKey(a, b)));
        const group = bestGroupFor({ ...me, level: String(me.level) }, groups, met, labOf, topics)!;
        await trx.insertInto('networking_members').values({ round_id: current.id, group_id: group.id, registration_id: registrationId, placed_by: 'late' }).execute();
        await trx.deleteFrom('networking_absences').where('event_id', '=', eventId).where('registration_id', '=', registrationId).execute();
        return group.id;
      });
    },

    /** The ids of people marked gone. */
    async absent(eventId: number): Promise<Set<number>> {
      return new Set((await db.selectFrom('networking_absences').select('registration_id').where('event_id', '=', eventId).execute()).map((a) => a.registration_id));
    },

    /** A group with its round, for the group's pages (null: not this event's). */
    async group(eventId: number, groupId: number): Promise<{ round: Round; group: Group } | null> {
      const row = await db.selectFrom('networking_groups').select('round_id').where('id', '=', groupId).where('event_id', '=', eventId).executeTakeFirst();
      if (!row) return null;
      const [round] = await roundsOf(db, eventId, row.round_id);
      return { round: round!, group: round!.groups.find((g) => g.id === groupId)! };
    },

    /** The next planned round that is thematic, with its theme (what participants may still choose for). */
    async nextThematic(eventId: number): Promise<{ number: number; theme: Theme } | null> {
      const row = await db.selectFrom('networking_rounds').select(['number', 'theme_question_id']).where('event_id', '=', eventId)
        .where('state', '=', 'planned').where('theme_question_id', 'is not', null).orderBy('number').executeTakeFirst();
      if (!row) return null;
      const theme = (await themesOf(db, eventId)).find((t) => t.questionId === row.theme_question_id);
      return theme ? { number: row.number, theme } : null;
    },

    /** Stores a participant's topics for `theme` (values checked by readChoice). */
    saveTopics: (registrationId: number, theme: Theme, values: string[]) => saveChoice(db, registrationId, theme, values),

    /** The topics a participant chose for `theme` (option values). */
    async chosen(registrationId: number, theme: Theme): Promise<string[]> {
      return ((await chosenTopics(db, [theme.questionId], [registrationId])).get(registrationId) ?? []).map(topicValue);
    },

    /** The running round, or else the last one that ended (what the live room shows); null before the first. */
    async current(eventId: number): Promise<Round | null> {
      // 'running' sorts after 'ended': the running round first, else the highest number.
      const row = await db.selectFrom('networking_rounds').select('id').where('event_id', '=', eventId).where('state', '!=', 'planned')
        .orderBy('state', 'desc').orderBy('number', 'desc').executeTakeFirst();
      return row ? (await roundsOf(db, eventId, row.id))[0] ?? null : null;
    },
  };
}

/** Whether the registration is a member of `group`. */
export function inGroup(group: Group, registrationId: number): boolean {
  return group.members.some((m) => m.registrationId === registrationId);
}

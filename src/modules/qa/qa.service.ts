// Moderated Q&A of an event's live room: asking (named or anonymous, held for a moderator when
// the event pre-moderates or a word of its filter occurs), one upvote per person, sorting by
// popular or new, and the moderator's actions. Who may do what is decided by the caller (the
// live room's access rules); this module only knows who asks and votes.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { withoutControlChars } from '../../platform/http/form.js';
import { type RoomMember, personKey } from '../live/live.member.js';

export const QUESTION_MIN = 3;
export const QUESTION_MAX = 500;
export const REPLY_MAX = 1000;
/** Per person: this many questions in RATE_WINDOW_MS, then "please wait". */
export const RATE_MAX = 3;
export const RATE_WINDOW_MS = 60_000;

export interface QaSettings {
  allowAnonymous: boolean;
  premoderation: boolean;
  wordFilter: string[];
}

/** An event without settings of its own: named or anonymous, no pre-moderation, no filter. */
export const QA_DEFAULTS: QaSettings = { allowAnonymous: true, premoderation: false, wordFilter: [] };

/** Who asks or votes: a participant (their registration) or a member of the event's team. */
export type Asker = RoomMember;

export interface Question {
  id: number;
  agendaItemId: number | null;
  /** null: anonymous. */
  authorName: string | null;
  text: string;
  state: 'pending' | 'visible' | 'hidden';
  heldFor: 'premoderation' | 'word_filter' | null;
  votes: number;
  answered: boolean;
  highlighted: boolean;
  reply: string | null;
  edited: boolean;
  createdAt: Date;
  /** Set for the person looking: their own question, and whether they voted for it. */
  mine: boolean;
  voted: boolean;
}

export type QuestionSort = 'popular' | 'new';

export type AskOutcome =
  | { kind: 'asked'; id: number; state: 'pending' | 'visible' }
  | { kind: 'invalid'; field: 'text' | 'anonymous'; reason: 'too-short' | 'too-long' | 'anonymous-not-allowed' }
  | { kind: 'too-many'; retryAfterSeconds: number };

export type ModeratorAction = 'approve' | 'hide' | 'show' | 'answer' | 'unanswer' | 'highlight' | 'unhighlight';
export const MODERATOR_ACTIONS: readonly ModeratorAction[] = ['approve', 'hide', 'show', 'answer', 'unanswer', 'highlight', 'unhighlight'];

/** The first word of `filter` that occurs in `text` as a whole word (any case), or null. */
export function filteredWord(text: string, filter: readonly string[]): string | null {
  const words = new Set(text.toLocaleLowerCase('de').split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const haystack = ` ${text.toLocaleLowerCase('de').replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  for (const entry of filter) {
    const needle = entry.toLocaleLowerCase('de').trim();
    if (!needle) continue;
    // Single words by set lookup; phrases ("fake news") by their normalised form.
    if (needle.includes(' ') ? haystack.includes(` ${needle.replace(/[^\p{L}\p{N}]+/gu, ' ')} `) : words.has(needle)) return entry;
  }
  return null;
}

type QuestionRow = {
  id: number; agenda_item_id: number | null; registration_id: number | null; organizer_id: number | null; author_name: string | null; text: string;
  state: 'pending' | 'visible' | 'hidden'; held_for: 'premoderation' | 'word_filter' | null; votes: number; answered_at: string | null;
  highlighted_at: string | null; reply: string | null; edited_at: string | null; created_at: string;
};

function toQuestion(row: QuestionRow, asker: Asker | null, votedIds: Set<number>): Question {
  const mine = asker !== null && (asker.kind === 'participant' ? row.registration_id === asker.registrationId : row.organizer_id === asker.organizerId);
  return {
    id: row.id, agendaItemId: row.agenda_item_id, authorName: row.author_name, text: row.text, state: row.state, heldFor: row.held_for,
    votes: row.votes, answered: row.answered_at !== null, highlighted: row.highlighted_at !== null, reply: row.reply, edited: row.edited_at !== null,
    createdAt: new Date(row.created_at), mine, voted: votedIds.has(row.id),
  };
}

export type QaService = ReturnType<typeof createQaService>;

export function createQaService({ db, clock }: { db: Db; clock: Clock }) {
  async function settings(eventId: number, trx: Db = db): Promise<QaSettings> {
    const row = await trx.selectFrom('qa_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst();
    if (!row) return QA_DEFAULTS;
    return { allowAnonymous: row.allow_anonymous === 1, premoderation: row.premoderation === 1, wordFilter: row.word_filter.split('\n').filter(Boolean) };
  }

  async function questionOf(trx: Db, eventId: number, id: number): Promise<QuestionRow | undefined> {
    return trx.selectFrom('questions').selectAll().where('id', '=', id).where('event_id', '=', eventId).executeTakeFirst();
  }

  const describe = (q: QuestionRow) => ({ state: q.state, answered: q.answered_at !== null, highlighted: q.highlighted_at !== null, text: q.text, reply: q.reply });

  return {
    settings: (eventId: number) => settings(eventId),

    async saveSettings(eventId: number, next: QaSettings, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await settings(eventId, trx);
        const row = { allow_anonymous: next.allowAnonymous ? 1 : 0, premoderation: next.premoderation ? 1 : 0, word_filter: next.wordFilter.join('\n'), updated_at: clock.now().toISOString() };
        await trx.insertInto('qa_settings').values({ event_id: eventId, ...row }).onConflict((oc) => oc.column('event_id').doUpdateSet(row)).execute();
        await recordAudit(trx, clock, actor, { action: 'qa.settings', subjectType: 'event', subjectId: eventId, eventId, before, after: next });
      });
    },

    /** Asks a question; `agendaItemId` must belong to the event (the caller checks it against the programme). */
    async ask(eventId: number, asker: Asker, input: { text: string; agendaItemId: number | null; anonymous: boolean }): Promise<AskOutcome> {
      // Control characters carry no meaning in a one-line question (and PostgreSQL refuses NUL).
      const text = withoutControlChars(input.text).trim().replace(/\s+/g, ' ');
      if ([...text].length < QUESTION_MIN) return { kind: 'invalid', field: 'text', reason: 'too-short' };
      if ([...text].length > QUESTION_MAX) return { kind: 'invalid', field: 'text', reason: 'too-long' };
      const rules = await settings(eventId);
      if (input.anonymous && !rules.allowAnonymous) return { kind: 'invalid', field: 'anonymous', reason: 'anonymous-not-allowed' };
      const now = clock.now();
      return db.transaction().execute(async (trx): Promise<AskOutcome> => {
        // Counted in the database, so the limit holds across app instances.
        const since = new Date(now.getTime() - RATE_WINDOW_MS).toISOString();
        let recent = trx.selectFrom('questions').select('created_at').where('event_id', '=', eventId).where('created_at', '>', since);
        recent = asker.kind === 'participant' ? recent.where('registration_id', '=', asker.registrationId) : recent.where('organizer_id', '=', asker.organizerId);
        const times = (await recent.orderBy('created_at').execute()).map((r) => new Date(r.created_at).getTime());
        if (times.length >= RATE_MAX) return { kind: 'too-many', retryAfterSeconds: Math.max(1, Math.ceil((times[0]! + RATE_WINDOW_MS - now.getTime()) / 1000)) };
        const heldFor = filteredWord(text, rules.wordFilter) ? 'word_filter' as const : rules.premoderation ? 'premoderation' as const : null;
        const state = heldFor ? 'pending' as const : 'visible' as const;
        const row = await trx.insertInto('questions').values({
          event_id: eventId, agenda_item_id: input.agendaItemId,
          registration_id: asker.kind === 'participant' ? asker.registrationId : null, organizer_id: asker.kind === 'team' ? asker.organizerId : null,
          author_name: input.anonymous ? null : asker.name, text, state, held_for: heldFor, votes: 0,
          answered_at: null, highlighted_at: null, reply: null, edited_at: null, created_at: now.toISOString(),
        }).returning('id').executeTakeFirstOrThrow();
        return { kind: 'asked', id: row.id, state };
      });
    },

    /**
     * Upvotes a visible question, or takes the vote back: once per person, whatever the clicks.
     * Returns the new count, or null for a question that cannot be voted on.
     */
    async vote(eventId: number, id: number, asker: Asker, up: boolean): Promise<number | null> {
      return db.transaction().execute(async (trx) => {
        const question = await questionOf(trx, eventId, id);
        if (!question || question.state !== 'visible') return null;
        const voter = personKey(asker);
        const changed = up
          ? await trx.insertInto('question_votes').values({ question_id: id, voter, created_at: clock.now().toISOString() }).onConflict((oc) => oc.columns(['question_id', 'voter']).doNothing()).executeTakeFirst()
          : await trx.deleteFrom('question_votes').where('question_id', '=', id).where('voter', '=', voter).executeTakeFirst();
        const n = Number('numInsertedOrUpdatedRows' in changed ? changed.numInsertedOrUpdatedRows ?? 0n : changed.numDeletedRows);
        if (n === 0) return question.votes;
        // Counted from the votes themselves: concurrent votes cannot drift the number.
        const count = await trx.selectFrom('question_votes').select((eb) => eb.fn.countAll<number>().as('n')).where('question_id', '=', id).executeTakeFirstOrThrow();
        await trx.updateTable('questions').set({ votes: Number(count.n) }).where('id', '=', id).execute();
        return Number(count.n);
      });
    },

    /**
     * The questions someone sees: everything visible, plus their own that wait; moderators
     * (`all`) see every question. Highlighted first, then by votes (popular) or newest first.
     */
    async list(eventId: number, options: { asker: Asker | null; sort: QuestionSort; agendaItemId?: number | null | undefined; all?: boolean }): Promise<Question[]> {
      let query = db.selectFrom('questions').selectAll().where('event_id', '=', eventId);
      if (options.agendaItemId !== undefined) {
        query = options.agendaItemId === null ? query.where('agenda_item_id', 'is', null) : query.where('agenda_item_id', '=', options.agendaItemId);
      }
      const asker = options.asker;
      if (!options.all) {
        query = query.where((eb) => {
          const own = asker === null ? null
            : asker.kind === 'participant' ? eb('registration_id', '=', asker.registrationId) : eb('organizer_id', '=', asker.organizerId);
          return own ? eb.or([eb('state', '=', 'visible'), eb.and([eb('state', '=', 'pending'), own])]) : eb('state', '=', 'visible');
        });
      }
      query = options.sort === 'popular' ? query.orderBy('votes', 'desc').orderBy('created_at', 'desc') : query.orderBy('created_at', 'desc');
      const rows = await query.orderBy('id', 'desc').execute();
      const voted = asker && rows.length > 0
        ? new Set((await db.selectFrom('question_votes').select('question_id').where('voter', '=', personKey(asker)).where('question_id', 'in', rows.map((r) => r.id)).execute()).map((v) => v.question_id))
        : new Set<number>();
      const questions = rows.map((r) => toQuestion(r, asker, voted));
      // Answered questions sink below open ones; the highlighted one is on top.
      return [...questions.filter((q) => q.highlighted), ...questions.filter((q) => !q.highlighted && !q.answered), ...questions.filter((q) => !q.highlighted && q.answered)];
    },

    /** How many questions there are in each state (for the back office). */
    async counts(eventId: number): Promise<Record<'pending' | 'visible' | 'hidden', number>> {
      const rows = await db.selectFrom('questions').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('event_id', '=', eventId).groupBy('state').execute();
      const counts = { pending: 0, visible: 0, hidden: 0 };
      for (const r of rows) counts[r.state] = Number(r.n);
      return counts;
    },

    async highlighted(eventId: number): Promise<Question | null> {
      const row = await db.selectFrom('questions').selectAll().where('event_id', '=', eventId).where('highlighted_at', 'is not', null).where('state', '=', 'visible').executeTakeFirst();
      return row ? toQuestion(row, null, new Set()) : null;
    },

    /** A moderator's action; each is undone by its counterpart. One question is highlighted at a time. */
    async moderate(eventId: number, id: number, action: ModeratorAction, actor: Actor): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const before = await questionOf(trx, eventId, id);
        if (!before) return false;
        const now = clock.now().toISOString();
        const change = {
          approve: { state: 'visible' as const, held_for: null },
          hide: { state: 'hidden' as const, highlighted_at: null },
          show: { state: 'visible' as const, held_for: null },
          answer: { answered_at: now, highlighted_at: null },
          unanswer: { answered_at: null },
          highlight: { highlighted_at: now, state: 'visible' as const, held_for: null },
          unhighlight: { highlighted_at: null },
        }[action];
        if (action === 'highlight') await trx.updateTable('questions').set({ highlighted_at: null }).where('event_id', '=', eventId).where('highlighted_at', 'is not', null).execute();
        await trx.updateTable('questions').set(change).where('id', '=', id).execute();
        const after = (await questionOf(trx, eventId, id))!;
        await recordAudit(trx, clock, actor, { action: `qa.question.${action}`, subjectType: 'question', subjectId: id, eventId, before: describe(before), after: describe(after) });
        return true;
      });
    },

    /** Fixes a question's typos and sets (or clears) the moderators' written reply. */
    async edit(eventId: number, id: number, input: { text: string; reply: string }, actor: Actor): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const before = await questionOf(trx, eventId, id);
        if (!before) return false;
        const [text, reply] = [withoutControlChars(input.text), withoutControlChars(input.reply)];
        const textChanged = text !== before.text;
        await trx.updateTable('questions').set({
          text, reply: reply || null, ...(textChanged ? { edited_at: clock.now().toISOString() } : {}),
        }).where('id', '=', id).execute();
        const after = (await questionOf(trx, eventId, id))!;
        await recordAudit(trx, clock, actor, { action: 'qa.question.edited', subjectType: 'question', subjectId: id, eventId, before: describe(before), after: describe(after) });
        return true;
      });
    },
  };
}

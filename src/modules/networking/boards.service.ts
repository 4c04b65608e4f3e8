// The results board of a breakout group: short entries in four sections (next steps,
// recommendations, open questions, practices worth sharing), written by the group together while
// they talk and kept after the room closes. Each entry carries a version: a save made from an
// older version is refused with the current text, so two people typing into one entry never
// silently overwrite each other; entries of different people never collide at all.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';

export const BOARD_SECTIONS = ['next_steps', 'recommendations', 'questions', 'practices'] as const;
export type BoardSection = (typeof BOARD_SECTIONS)[number];
export const ENTRY_MAX = 2000;
/** A group's board holds at most this many entries: enough for any discussion, not for a flood. */
export const BOARD_MAX_ENTRIES = 200;

export interface BoardEntry {
  id: number;
  groupId: number;
  section: BoardSection;
  text: string;
  version: number;
  inReport: boolean;
  updatedAt: Date;
}

export type SaveOutcome =
  | { kind: 'saved'; entry: BoardEntry }
  | { kind: 'conflict'; entry: BoardEntry }
  | { kind: 'gone' }
  | { kind: 'full' };

export const isSection = (value: string): value is BoardSection => (BOARD_SECTIONS as readonly string[]).includes(value);

type EntryRow = { id: number; group_id: number; section: string; text: string; version: number; in_report: number; updated_at: string };
const toEntry = (r: EntryRow): BoardEntry => ({
  id: r.id, groupId: r.group_id, section: r.section as BoardSection, text: r.text, version: r.version, inReport: r.in_report === 1, updatedAt: new Date(r.updated_at),
});

export type BoardsService = ReturnType<typeof createBoardsService>;

export function createBoardsService({ db, clock }: { db: Db; clock: Clock }) {
  const columns = ['id', 'group_id', 'section', 'text', 'version', 'in_report', 'updated_at'] as const;

  return {
    /** A group's entries, oldest first within each section. */
    async entries(groupId: number): Promise<BoardEntry[]> {
      return (await db.selectFrom('board_items').select(columns).where('group_id', '=', groupId).orderBy('id').execute()).map(toEntry);
    },

    /** Every entry of an event's groups (the organizers' overview and the outcome report). */
    async forEvent(eventId: number): Promise<BoardEntry[]> {
      return (await db.selectFrom('board_items').select(columns).where('event_id', '=', eventId).orderBy('group_id').orderBy('id').execute()).map(toEntry);
    },

    async add(eventId: number, groupId: number, section: BoardSection, text: string, authorKey: string): Promise<SaveOutcome> {
      return db.transaction().execute(async (trx) => {
        const count = await trx.selectFrom('board_items').select((eb) => eb.fn.countAll<number>().as('n')).where('group_id', '=', groupId).executeTakeFirstOrThrow();
        if (Number(count.n) >= BOARD_MAX_ENTRIES) return { kind: 'full' as const };
        const now = clock.now().toISOString();
        const row = await trx.insertInto('board_items').values({
          event_id: eventId, group_id: groupId, section, text, version: 1, author_key: authorKey, in_report: 1, created_at: now, updated_at: now,
        }).returning(columns).executeTakeFirstOrThrow();
        return { kind: 'saved' as const, entry: toEntry(row) };
      });
    },

    /** Saves an entry's new text if `baseVersion` is still its version; otherwise returns what it says now. */
    async save(groupId: number, id: number, text: string, baseVersion: number, authorKey: string): Promise<SaveOutcome> {
      return db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('board_items').select(columns).where('id', '=', id).where('group_id', '=', groupId).executeTakeFirst();
        if (!current) return { kind: 'gone' as const };
        if (current.version !== baseVersion) return { kind: 'conflict' as const, entry: toEntry(current) };
        if (current.text === text) return { kind: 'saved' as const, entry: toEntry(current) };
        const now = clock.now().toISOString();
        await trx.updateTable('board_items').set({ text, version: current.version + 1, author_key: authorKey, updated_at: now }).where('id', '=', id).execute();
        return { kind: 'saved' as const, entry: toEntry({ ...current, text, version: current.version + 1, updated_at: now }) };
      });
    },

    async remove(groupId: number, id: number): Promise<boolean> {
      const result = await db.deleteFrom('board_items').where('id', '=', id).where('group_id', '=', groupId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** The organizers keep an entry in the outcome report or leave it out. */
    async setInReport(eventId: number, id: number, inReport: boolean, actor: Actor): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('board_items').select(['id', 'in_report']).where('id', '=', id).where('event_id', '=', eventId).executeTakeFirst();
        if (!current) return false;
        await trx.updateTable('board_items').set({ in_report: inReport ? 1 : 0 }).where('id', '=', id).execute();
        await recordAudit(trx, clock, actor, { action: inReport ? 'networking.entry.included' : 'networking.entry.left-out', subjectType: 'board_item', subjectId: id, eventId, before: { inReport: current.in_report === 1 }, after: { inReport } });
        return true;
      });
    },
  };
}

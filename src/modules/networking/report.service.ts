// The outcome report of a meeting: every breakout group's results on one page, under the Chatham
// House rule — what was said is kept, not who said it: the report never names a person, and
// groups are numbered, not listed with their members. The organizers choose who may read it
// (the team, the participants, everyone) and may leave single entries out.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { BOARD_SECTIONS, type BoardEntry, type BoardSection, type BoardsService } from './boards.service.js';
import type { RoundsService } from './rounds.service.js';

export const REPORT_VISIBILITIES = ['team', 'participants', 'public'] as const;
export type ReportVisibility = (typeof REPORT_VISIBILITIES)[number];
export const SUMMARY_MAX = 4000;

export interface ReportSettings {
  visibility: ReportVisibility;
  summary: string;
  publishedAt: Date | null;
}

export interface ReportGroup {
  roundNumber: number;
  groupNumber: number;
  prompt: string;
  sections: { section: BoardSection; entries: { id: number; text: string }[] }[];
}

export interface OutcomeReport {
  settings: ReportSettings;
  groups: ReportGroup[];
  /** How many groups met and how many entries the report holds (the numbers, without names). */
  groupCount: number;
  entryCount: number;
}

export type ReportService = ReturnType<typeof createReportService>;

export function createReportService({ db, clock, rounds, boards }: { db: Db; clock: Clock; rounds: Pick<RoundsService, 'rounds'>; boards: Pick<BoardsService, 'forEvent'> }) {
  async function settings(eventId: number): Promise<ReportSettings> {
    const row = await db.selectFrom('outcome_reports').selectAll().where('event_id', '=', eventId).executeTakeFirst();
    return { visibility: row?.visibility ?? 'team', summary: row?.summary ?? '', publishedAt: row?.published_at ? new Date(row.published_at) : null };
  }

  return {
    settings,

    async saveSettings(eventId: number, next: { visibility: ReportVisibility; summary: string }, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('outcome_reports').selectAll().where('event_id', '=', eventId).executeTakeFirst();
        const now = clock.now().toISOString();
        // Published: the first time it became readable beyond the team.
        const publishedAt = next.visibility === 'team' ? null : before?.published_at ?? now;
        const row = { visibility: next.visibility, summary: next.summary, published_at: publishedAt, updated_at: now };
        await trx.insertInto('outcome_reports').values({ event_id: eventId, ...row }).onConflict((oc) => oc.column('event_id').doUpdateSet(row)).execute();
        await recordAudit(trx, clock, actor, {
          action: 'networking.report.settings', subjectType: 'event', subjectId: eventId, eventId,
          before: before ? { visibility: before.visibility, summary: before.summary } : null, after: next,
        });
      });
    },

    /** The report as readers see it: rounds that ran, their groups in order, the entries kept in the report. */
    async report(eventId: number): Promise<OutcomeReport> {
      const [all, entries, current] = await Promise.all([rounds.rounds(eventId), boards.forEvent(eventId), settings(eventId)]);
      const byGroup = new Map<number, BoardEntry[]>();
      for (const e of entries.filter((x) => x.inReport && x.text.trim())) byGroup.set(e.groupId, [...(byGroup.get(e.groupId) ?? []), e]);
      const groups: ReportGroup[] = [];
      for (const round of all.filter((r) => r.state !== 'planned')) {
        for (const group of round.groups) {
          const mine = byGroup.get(group.id) ?? [];
          if (mine.length === 0) continue;
          groups.push({
            roundNumber: round.number, groupNumber: group.number, prompt: round.prompt,
            sections: BOARD_SECTIONS.map((section) => ({ section, entries: mine.filter((e) => e.section === section)
              .map((e) => ({ id: e.id, text: e.text })) })).filter((s) => s.entries.length > 0),
          });
        }
      }
      return { settings: current, groups, groupCount: all.filter((r) => r.state !== 'planned').reduce((n, r) => n + r.groups.length, 0), entryCount: groups.reduce((n, g) => n + g.sections.reduce((m, s) => m + s.entries.length, 0), 0) };
    },
  };
}

/** How long an event keeps personal data after it ended, and when it was anonymised. */
export interface EventRetentionTable {
  event_id: number;
  /** null: the operator's default (RETENTION_DAYS). */
  retention_days: number | null;
  anonymised_at: string | null;
  /** What stays after anonymising: counts by status, level and Land (JSON). */
  counts: string | null;
  updated_at: string;
}

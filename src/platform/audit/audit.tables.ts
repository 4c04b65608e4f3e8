import type { Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** The organizer who acted; null for the system (jobs, CLI). */
  actor_id: number | null;
  /** A readable name of the actor, kept even if the account is deleted later. */
  actor_label: string;
  /** Dotted action type in the style of pretix' log, e.g. `site.page.changed`. */
  action: string;
  subject_type: string;
  subject_id: string;
  event_id: number | null;
  /** JSON of the relevant fields before and after the change. */
  before_json: string | null;
  after_json: string | null;
}

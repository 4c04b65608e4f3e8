import type { Generated } from 'kysely';

export type PersonRole = 'speaker' | 'moderator';
export type AgendaKind = 'welcome' | 'talk' | 'qa' | 'networking' | 'break' | 'closing' | 'other';

/** A person on an event's programme: speaker or moderator, with a localized bio. */
export interface ProgramPeopleTable {
  id: Generated<number>;
  event_id: number;
  role: PersonRole;
  position: number;
  name: string;
  organisation: string | null;
  /** Localized Markdown-free text, JSON {"de": …, "en": …}. */
  bio: string;
}

export interface AgendaItemsTable {
  id: Generated<number>;
  event_id: number;
  position: number;
  kind: AgendaKind;
  title: string;
  /** Optional: the seed names the order of its programme but no times. */
  starts_at: string | null;
  duration_minutes: number | null;
}

export interface AgendaItemPeopleTable {
  agenda_item_id: number;
  person_id: number;
  position: number;
}

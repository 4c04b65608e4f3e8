import type { LocalizedText } from '../../platform/i18n/index.js';
import type { AgendaKind, PersonRole } from './program.tables.js';

export type { AgendaKind, PersonRole };

export interface ProgramPerson {
  id: number;
  role: PersonRole;
  name: string;
  organisation: string | null;
  bio: LocalizedText;
}

export interface AgendaItem {
  id: number;
  kind: AgendaKind;
  title: LocalizedText;
  startsAt: Date | null;
  durationMinutes: number | null;
  personIds: number[];
}

export interface Program {
  speakers: ProgramPerson[];
  moderators: ProgramPerson[];
  agenda: AgendaItem[];
}

export interface NewProgram {
  people: Array<Omit<ProgramPerson, 'id'> & { key: string }>;
  agenda: Array<Omit<AgendaItem, 'id' | 'personIds'> & { people: string[] }>;
}

import type { Db } from '../../platform/db/database.js';
import * as repo from './program.repo.js';
import type { NewProgram, Program, ProgramPerson } from './program.types.js';

export type ProgramService = ReturnType<typeof createProgramService>;

export function createProgramService({ db, contentChanged = () => {} }: { db: Db; contentChanged?: () => void }) {
  return {
    forEvent: (eventId: number): Promise<Program> => repo.loadProgram(db, eventId),
    async setUp(eventId: number, program: NewProgram, tx: Db = db): Promise<void> {
      await repo.insertProgram(tx, eventId, program);
      contentChanged();
    },
  };
}

/**
 * Speakers who present together and share one bio (the seed's "Elisabeth Söllner & Hanna
 * Hinrichs") are shown as one entry, as on the seed's page; everyone else stands alone.
 */
export function groupSpeakers(speakers: ProgramPerson[]): ProgramPerson[][] {
  const groups: ProgramPerson[][] = [];
  for (const person of speakers) {
    const last = groups.at(-1);
    const key = JSON.stringify(person.bio);
    if (last && JSON.stringify(last[0]!.bio) === key && key !== '{}') last.push(person);
    else groups.push([person]);
  }
  return groups;
}

import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import * as repo from './program.repo.js';
import type { NewProgram, Program, ProgramPerson } from './program.types.js';

export type ProgramService = ReturnType<typeof createProgramService>;

export function createProgramService({ db, clock, contentChanged = () => {} }: { db: Db; clock: Clock; contentChanged?: () => void }) {
  return {
    /** Replaces the whole programme of an event in one transaction, audited with a summary. */
    async replace(eventId: number, program: NewProgram, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await repo.loadProgram(trx, eventId);
        await repo.deleteProgram(trx, eventId);
        await repo.insertProgram(trx, eventId, program);
        await recordAudit(trx, clock, actor, {
          action: 'program.updated', subjectType: 'event', subjectId: eventId, eventId,
          before: { people: [...before.moderators, ...before.speakers].map((p) => p.name), agenda: before.agenda.map((i) => i.title.de ?? i.title.en ?? '') },
          after: { people: program.people.map((p) => p.name), agenda: program.agenda.map((i) => i.title.de ?? i.title.en ?? '') },
        });
      });
      contentChanged();
    },
    forEvent: (eventId: number): Promise<Program> => repo.loadProgram(db, eventId),
    /** Copies speakers, moderators and agenda to another event (cloning), in the caller's transaction. */
    async copy(tx: Db, fromEventId: number, toEventId: number): Promise<void> {
      await repo.insertProgram(tx, toEventId, asNewProgram(await repo.loadProgram(tx, fromEventId)));
      contentChanged();
    },
    async setUp(eventId: number, program: NewProgram, tx: Db = db): Promise<void> {
      await repo.insertProgram(tx, eventId, program);
      contentChanged();
    },
  };
}

/** A loaded programme in the shape `insertProgram` takes: people keyed by their old ids. */
export function asNewProgram(program: Program): NewProgram {
  return {
    people: [...program.moderators, ...program.speakers].map(({ id, ...person }) => ({ ...person, key: String(id) })),
    agenda: program.agenda.map(({ id: _id, personIds, ...item }) => ({ ...item, people: personIds.map(String) })),
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

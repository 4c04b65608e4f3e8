import type { Db } from '../../platform/db/database.js';
import { parseLocalized, serializeLocalized } from '../../platform/i18n/index.js';
import type { AgendaItem, NewProgram, Program, ProgramPerson } from './program.types.js';

export async function loadProgram(db: Db, eventId: number): Promise<Program> {
  const [people, items, links] = await Promise.all([
    db.selectFrom('program_people').selectAll().where('event_id', '=', eventId).orderBy('position').execute(),
    db.selectFrom('agenda_items').selectAll().where('event_id', '=', eventId).orderBy('position').execute(),
    db
      .selectFrom('agenda_item_people')
      .innerJoin('agenda_items', 'agenda_items.id', 'agenda_item_people.agenda_item_id')
      .select(['agenda_item_people.agenda_item_id', 'agenda_item_people.person_id'])
      .where('agenda_items.event_id', '=', eventId)
      .orderBy('agenda_item_people.position')
      .execute(),
  ]);
  const persons: ProgramPerson[] = people.map((p) => ({ id: p.id, role: p.role, name: p.name, organisation: p.organisation, bio: parseLocalized(p.bio) }));
  const agenda: AgendaItem[] = items.map((item) => ({
    id: item.id,
    kind: item.kind,
    title: parseLocalized(item.title),
    startsAt: item.starts_at === null ? null : new Date(item.starts_at),
    durationMinutes: item.duration_minutes,
    personIds: links.filter((l) => l.agenda_item_id === item.id).map((l) => l.person_id),
  }));
  return {
    speakers: persons.filter((p) => p.role === 'speaker'),
    moderators: persons.filter((p) => p.role === 'moderator'),
    agenda,
  };
}

/** Inserts people and agenda; agenda items name their people by the key given in `people`. */
export async function insertProgram(db: Db, eventId: number, program: NewProgram): Promise<void> {
  const idByKey = new Map<string, number>();
  for (const [position, person] of program.people.entries()) {
    const { id } = await db
      .insertInto('program_people')
      .values({ event_id: eventId, role: person.role, position, name: person.name, organisation: person.organisation, bio: serializeLocalized(person.bio) })
      .returning('id')
      .executeTakeFirstOrThrow();
    idByKey.set(person.key, id);
  }
  for (const [position, item] of program.agenda.entries()) {
    const { id } = await db
      .insertInto('agenda_items')
      .values({
        event_id: eventId, position, kind: item.kind, title: serializeLocalized(item.title),
        starts_at: item.startsAt?.toISOString() ?? null, duration_minutes: item.durationMinutes,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const links = item.people.map((key, index) => {
      const personId = idByKey.get(key);
      if (personId === undefined) throw new Error(`Agenda item "${item.title.de ?? ''}" names unknown person "${key}".`);
      return { agenda_item_id: id, person_id: personId, position: index };
    });
    if (links.length > 0) await db.insertInto('agenda_item_people').values(links).execute();
  }
}

/** Removes an event's agenda and people (their links go with the agenda items, by cascade and explicitly). */
export async function deleteProgram(db: Db, eventId: number): Promise<void> {
  const items = db.selectFrom('agenda_items').select('id').where('event_id', '=', eventId);
  await db.deleteFrom('agenda_item_people').where('agenda_item_id', 'in', items).execute();
  await db.deleteFrom('agenda_items').where('event_id', '=', eventId).execute();
  await db.deleteFrom('program_people').where('event_id', '=', eventId).execute();
}

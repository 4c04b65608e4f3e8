// The live room of `labcamp-2` opened by a signed-in admin, and participants who registered and
// followed their access link into it: the set-up of the networking tests.
import assert from 'node:assert/strict';
import type { TestApp } from './app.js';
import { visitor, type Visitor } from './visitor.js';
import { adminTestApp } from './team.js';
import type { TestDialect } from './databases.js';
import type { LabEvent } from '../../src/modules/events/events.types.js';
import type { Level } from '../../src/platform/germany.js';

export async function openLiveRoom(dialect: TestDialect): Promise<{ t: TestApp; admin: Visitor; event: LabEvent }> {
  const { t, admin } = await adminTestApp(dialect, 'labcamp-2');
  const event = (await t.services.events.findBySlug('labcamp-2'))!;
  await t.services.live.open(event, { id: null, label: 'test' });
  return { t, admin, event };
}

/** An admitted participant (registered by hand) who followed their access link into the live room. */
export async function participantInside(t: TestApp, event: LabEvent, person: { name: string; organisation: string; level: Level; answers: Record<number, string | string[]> }): Promise<{ visitor: Visitor; token: string; id: number }> {
  const email = `${person.name.toLowerCase()}.nw@example.org`;
  const outcome = await t.services.registration.register(event, {
    name: person.name, email, organisation: person.organisation, level: person.level, land: null, role: null, listed: false, answers: person.answers,
  }, 'de', 'manual', { id: null, label: 'test' });
  assert.equal(outcome.kind, 'registered');
  const mail = await t.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
  const inside = visitor(t);
  assert.equal((await inside.get(`/r/${token}/live`)).statusCode, 303);
  const row = await t.database.db.selectFrom('registrations').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return { visitor: inside, token, id: row.id };
}

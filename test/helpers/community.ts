// Community members for tests: an admitted registration (manual, so admitted at once) whose
// holder joined the community through their personal link.
import assert from 'node:assert/strict';
import type { TestApp } from './app.js';
import { visitor, type Visitor } from './visitor.js';
import type { LabEvent } from '../../src/modules/events/events.types.js';

/** Registers `name` for the event (admitted) and returns their personal link's token. */
export async function registeredToken(t: TestApp, event: LabEvent, name: string, organisation = 'Stadtlabor Soest'): Promise<string> {
  const email = `${name.toLowerCase()}.community@example.org`;
  const outcome = await t.services.registration.register(event, { name, email, organisation, level: 'kommune', land: 'NW', role: null, listed: false, answers: { 2: 'no' } }, 'de', 'manual', { id: null, label: 'test' });
  assert.equal(outcome.kind, 'registered');
  const mail = await t.database.db.selectFrom('outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return /\/r\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1]!;
}

/** A member signed in through their personal link, as a browser-like visitor. */
export async function communityMember(t: TestApp, event: LabEvent, name: string, organisation?: string): Promise<Visitor> {
  const token = await registeredToken(t, event, name, organisation);
  const person = visitor(t);
  const page = await person.get(`/r/${token}`);
  assert.match(page.body, /Der Community beitreten/);
  const joined = await person.post(`/r/${token}/community`, {});
  assert.equal(joined.statusCode, 303);
  assert.equal(joined.headers.location, '/community/profile?welcome=1');
  assert.ok(joined.cookies.some((c) => c.name === 'lc_member' && c.httpOnly));
  return person;
}

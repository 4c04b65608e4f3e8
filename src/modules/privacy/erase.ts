// Where personal data of participants lives, and how it is anonymised: for a whole event when its
// retention period ends, or for one person on request. Privacy is cross-cutting by nature, so this
// one file names every table that holds such data (a test checks no table is forgotten, ADR 31).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** Every table with personal data of participants, and what anonymising does to it. */
export const PERSONAL_DATA = {
  registrations: 'name, address, lab, role and a rejection reason are blanked; level, Land, status and dates stay for the counts',
  registration_answers: 'deleted',
  registration_tokens: 'deleted: personal links stop working',
  live_sessions: 'deleted',
  outbox: 'deleted: the mails to them, sent or not',
  questions: 'who asked is removed (registration, name); the question text stays',
  question_votes: 'deleted; the count on the question stays',
  networking_members: 'deleted: who sat in which group',
  networking_absences: 'deleted',
  board_items: 'who wrote an entry is removed; entries never carry names',
  registration_imports: 'uploaded files emptied (the summary stays)',
  live_feed: 'deleted (the live room replay of the event)',
  audit_log: 'before/after of their registrations, questions and member profile removed (who acted and when stays)',
  members: 'deleted with sessions, votes and the record of messages; practices and challenges stay without author',
} as const;

/** Tables that hold names or addresses but are not participants' data, and why they stay. */
export const NOT_PARTICIPANT_DATA = {
  organizers: 'team accounts of the operator; removed by disabling the account',
  sessions: 'team sessions', login_tokens: 'team sign-in links', api_tokens: 'team API tokens', event_team: 'team roles',
  event_hosts: 'organisations hosting an event (public)', program_people: 'speakers and moderators (public programme)',
  agenda_item_people: 'links speakers to agenda items', labs: 'public lab profiles, with consent for contact addresses',
  member_sessions: 'removed with members', member_sign_in_links: 'removed with members; unused ones expire after an hour', contact_messages: 'removed with members (holds no text)',
  challenge_votes: 'removed with members', practices: 'community content; author link removed with members',
  challenges: 'community content; author link removed with members', mail_templates: 'texts written by organizers',
  broadcasts: 'texts written by organizers', site_pages: 'imprint and privacy pages',
} as const;

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Anonymises these registrations and everything that points to them, inside the caller's transaction. */
export async function anonymiseRegistrations(trx: Db, registrationIds: number[]): Promise<void> {
  for (const ids of chunks(registrationIds)) {
    const keys = ids.map((id) => `r${id}`);
    await trx.updateTable('registrations').set({
      name: '', organisation: '', role: null, reject_reason: null, listed: 0,
      // Unique per registration (one active registration per address and event), never deliverable.
      email: sql<string>`'anonymised-' || id || '@anonymised.invalid'`,
    }).where('id', 'in', ids).execute();
    await trx.deleteFrom('registration_answers').where('registration_id', 'in', ids).execute();
    await trx.deleteFrom('live_sessions').where('registration_id', 'in', ids).execute();
    await trx.deleteFrom('registration_tokens').where('registration_id', 'in', ids).execute();
    await trx.deleteFrom('outbox').where('registration_id', 'in', ids).execute();
    const asked = (await trx.selectFrom('questions').select('id').where('registration_id', 'in', ids).execute()).map((q) => String(q.id));
    if (asked.length > 0) {
      // Moderators' log entries about their questions may quote the name they gave.
      await trx.updateTable('audit_log').set({ before_json: null, after_json: null }).where('subject_type', '=', 'question').where('subject_id', 'in', asked).execute();
    }
    await trx.updateTable('questions').set({ registration_id: null, author_name: null }).where('registration_id', 'in', ids).execute();
    await trx.deleteFrom('question_votes').where('voter', 'in', keys).execute();
    await trx.deleteFrom('networking_members').where('registration_id', 'in', ids).execute();
    await trx.deleteFrom('networking_absences').where('registration_id', 'in', ids).execute();
    await trx.updateTable('board_items').set({ author_key: '' }).where('author_key', 'in', keys).execute();
    await trx.updateTable('audit_log').set({ before_json: null, after_json: null })
      .where('subject_type', '=', 'registration').where('subject_id', 'in', ids.map(String)).execute();
  }
}

/** Everything of an event's participants, when its retention period is over. */
export async function anonymiseEvent(trx: Db, eventId: number): Promise<void> {
  const ids = (await trx.selectFrom('registrations').select('id').where('event_id', '=', eventId).execute()).map((r) => r.id);
  await anonymiseRegistrations(trx, ids);
  // What is left of the live room and of imports that named people.
  await trx.deleteFrom('question_votes').where('question_id', 'in', trx.selectFrom('questions').select('id').where('event_id', '=', eventId)).execute();
  await trx.updateTable('questions').set({ author_name: null }).where('event_id', '=', eventId).execute();
  await trx.updateTable('audit_log').set({ before_json: null, after_json: null }).where('event_id', '=', eventId).where('subject_type', '=', 'question').execute();
  await trx.deleteFrom('live_feed').where('event_id', '=', eventId).execute();
  await trx.updateTable('board_items').set({ author_key: '' }).where('event_id', '=', eventId).execute();
  await trx.updateTable('registration_imports').set({ content: '', file_name: '' }).where('event_id', '=', eventId).execute();
}

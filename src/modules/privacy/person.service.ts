// The rights of the person (DSGVO Art. 15, 17, 20): everything the platform holds about an
// address, as data and as a readable page, and its erasure across every module. Active
// registrations are cancelled first, so their seats go to the waiting list as usual.
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { eraseMember } from '../community/members.service.js';
import { anonymiseRegistrations } from './erase.js';

export interface PersonData {
  email: string;
  generatedAt: string;
  registrations: Array<{
    event: { slug: string; title: string; startsAt: string };
    name: string; organisation: string; level: string; land: string | null; role: string | null; locale: string;
    status: string; listedInParticipantList: boolean;
    registeredAt: string; confirmedAt: string | null; admittedAt: string | null; cancelledAt: string | null;
    answers: Array<{ question: string; answer: string }>;
    mails: Array<{ subject: string; status: string; createdAt: string; sentAt: string | null }>;
    questionsAsked: Array<{ text: string; askedAt: string; shownWithName: boolean }>;
    networking: Array<{ round: number; group: number }>;
    boardEntries: Array<{ section: string; text: string }>;
  }>;
  community: {
    member: { name: string; lab: string | null; findable: boolean; about: string; joinedAt: string } | null;
    practices: Array<{ title: string; status: string }>;
    challenges: Array<{ title: string; status: string }>;
    messagesSent: number;
    messagesReceived: number;
  };
}

/** What the audit log may say about whom: a short hash, never the address itself. */
export const addressReference = (email: string) => `sha256:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16)}`;

const ACTIVE = ['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered'];

export function createPersonService({ db, clock, cancelRegistration }: {
  db: Db; clock: Clock;
  /** The registration module's cancellation (frees the seat, offers it to the next person). */
  cancelRegistration: (registrationId: number, actor: Actor) => Promise<unknown>;
}) {
  async function collect(email: string): Promise<PersonData> {
    const address = email.trim().toLowerCase();
    const regs = await db.selectFrom('registrations').innerJoin('events', 'events.id', 'registrations.event_id')
      .selectAll('registrations').select(['events.slug as event_slug', 'events.title as event_title', 'events.starts_at as event_starts_at'])
      .where('registrations.email', '=', address).orderBy('registrations.created_at').execute();
    const registrations: PersonData['registrations'] = [];
    for (const r of regs) {
      const key = `r${r.id}`;
      const [answers, mails, questions, groups, entries] = await Promise.all([
        db.selectFrom('registration_answers').innerJoin('registration_questions', 'registration_questions.id', 'registration_answers.question_id')
          .select(['registration_questions.label', 'registration_answers.value']).where('registration_answers.registration_id', '=', r.id).execute(),
        db.selectFrom('outbox').select(['subject', 'status', 'created_at', 'sent_at']).where('registration_id', '=', r.id).orderBy('id').execute(),
        db.selectFrom('questions').select(['text', 'created_at', 'author_name']).where('registration_id', '=', r.id).orderBy('id').execute(),
        db.selectFrom('networking_members').innerJoin('networking_groups', 'networking_groups.id', 'networking_members.group_id')
          .innerJoin('networking_rounds', 'networking_rounds.id', 'networking_members.round_id')
          .select(['networking_rounds.number as round', 'networking_groups.number as group']).where('networking_members.registration_id', '=', r.id).execute(),
        db.selectFrom('board_items').select(['section', 'text']).where('author_key', '=', key).orderBy('id').execute(),
      ]);
      registrations.push({
        event: { slug: r.event_slug, title: localized(r.event_title), startsAt: r.event_starts_at },
        name: r.name, organisation: r.organisation, level: r.level, land: r.land, role: r.role, locale: r.locale, status: r.status,
        listedInParticipantList: r.listed === 1, registeredAt: r.created_at, confirmedAt: r.confirmed_at, admittedAt: r.admitted_at, cancelledAt: r.cancelled_at,
        answers: answers.map((a) => ({ question: localized(a.label), answer: a.value })),
        mails: mails.map((m) => ({ subject: m.subject, status: m.status, createdAt: m.created_at, sentAt: m.sent_at })),
        questionsAsked: questions.map((q) => ({ text: q.text, askedAt: q.created_at, shownWithName: q.author_name !== null })),
        networking: groups.map((g) => ({ round: g.round, group: g.group })),
        boardEntries: entries.map((e) => ({ section: e.section, text: e.text })),
      });
    }
    const member = await db.selectFrom('members').leftJoin('labs', 'labs.id', 'members.lab_id')
      .select(['members.id', 'members.name', 'members.findable', 'members.about', 'members.created_at', 'labs.name as lab']).where('members.email', '=', address).executeTakeFirst();
    const community: PersonData['community'] = { member: null, practices: [], challenges: [], messagesSent: 0, messagesReceived: 0 };
    if (member) {
      community.member = { name: member.name, lab: member.lab, findable: member.findable === 1, about: member.about, joinedAt: member.created_at };
      community.practices = await db.selectFrom('practices').select(['title', 'status']).where('author_member_id', '=', member.id).execute();
      community.challenges = await db.selectFrom('challenges').select(['title', 'status']).where('author_member_id', '=', member.id).execute();
      const count = async (column: 'from_member_id' | 'to_member_id') => Number((await db.selectFrom('contact_messages')
        .select((eb) => eb.fn.countAll<number | string>().as('n')).where(column, '=', member.id).executeTakeFirstOrThrow()).n);
      community.messagesSent = await count('from_member_id');
      community.messagesReceived = await count('to_member_id');
    }
    return { email: address, generatedAt: clock.now().toISOString(), registrations, community };
  }

  return {
    collect,

    /** Whether the platform holds anything about this address. */
    async known(email: string): Promise<boolean> {
      const data = await collect(email);
      return data.registrations.length > 0 || data.community.member !== null;
    },

    /** Cancels what is active, then anonymises every registration and removes the member. */
    async erase(email: string, actor: Actor): Promise<{ registrations: number; member: boolean }> {
      const address = email.trim().toLowerCase();
      const regs = await db.selectFrom('registrations').select(['id', 'status', 'event_id']).where('email', '=', address).execute();
      for (const r of regs) if (ACTIVE.includes(r.status)) await cancelRegistration(r.id, actor);
      return db.transaction().execute(async (trx) => {
        await anonymiseRegistrations(trx, regs.map((r) => r.id));
        const member = await trx.selectFrom('members').select('id').where('email', '=', address).executeTakeFirst();
        if (member) await eraseMember(trx, member.id);
        // The log says that and by whom, and which events, never the address.
        await recordAudit(trx, clock, actor, {
          action: 'privacy.person.erased', subjectType: 'person', subjectId: addressReference(address),
          after: { registrations: regs.length, events: [...new Set(regs.map((r) => r.event_id))], member: Boolean(member) },
        });
        return { registrations: regs.length, member: Boolean(member) };
      });
    },

    /** Records that someone's data was handed out (the export itself is not stored). */
    async recordExport(email: string, actor: Actor): Promise<void> {
      await db.transaction().execute((trx) => recordAudit(trx, clock, actor, { action: 'privacy.person.exported', subjectType: 'person', subjectId: addressReference(email) }));
    },
  };
}

/** Event titles and question labels are JSON {de, en} (ADR 0006): the German text, else the English. */
function localized(json: string): string {
  try {
    const value = JSON.parse(json) as Record<string, string>;
    return value.de || value.en || '';
  } catch {
    return json;
  }
}

export type PersonService = ReturnType<typeof createPersonService>;

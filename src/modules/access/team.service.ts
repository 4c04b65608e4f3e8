// The team of an event: who works on it in which role. Adding a person without an account creates
// one and mails them a one-time sign-in link; every change is audited in the same transaction.
// Rule: an event keeps at least one owner in its team (platform admins do not count: they may
// manage every event, but an event should not depend on them).
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { type Locale, messages } from '../../platform/i18n/index.js';
import type { LabEvent } from '../events/events.types.js';
import { text, when } from '../events/events.present.js';
import { enqueueMail } from '../messaging/outbox.js';
import { renderMail } from '../messaging/templates.js';
import { AccessError, type AccessService, type Organizer } from './access.service.js';
import type { EventRole } from './access.tables.js';
import { addTeamMember } from './access.team.js';

/** Most rights first: the order of lists and choices. */
export const EVENT_ROLES: readonly EventRole[] = ['owner', 'organizer', 'moderator', 'readonly'];

export function isEventRole(value: string): value is EventRole {
  return (EVENT_ROLES as readonly string[]).includes(value);
}

export interface TeamMember {
  organizerId: number;
  name: string;
  email: string;
  role: EventRole;
  /** ISO timestamp of joining the team. */
  since: string;
}

export type TeamRefusal = 'already-member' | 'not-member' | 'last-owner';

export class TeamError extends Error {
  constructor(readonly reason: TeamRefusal) {
    super(reason);
  }
}

/**
 * Makes an organizer the owner of an event, audited. The events module calls this in the
 * transaction that creates the event, so the creator can manage it from the first moment.
 */
export async function addOwner(trx: Db, clock: Clock, input: { eventId: number; organizerId: number }, actor: Actor): Promise<void> {
  await addTeamMember(trx, clock, { ...input, role: 'owner' });
  await recordAudit(trx, clock, actor, {
    action: 'access.team.added', subjectType: 'organizer', subjectId: input.organizerId, eventId: input.eventId, after: { role: 'owner' },
  });
}

export async function listTeam(db: Db, eventId: number): Promise<TeamMember[]> {
  const rows = await db
    .selectFrom('event_team')
    .innerJoin('organizers', 'organizers.id', 'event_team.organizer_id')
    .select(['organizers.id', 'organizers.name', 'organizers.email', 'event_team.role', 'event_team.created_at'])
    .where('event_team.event_id', '=', eventId)
    .orderBy('event_team.created_at')
    .orderBy('organizers.id')
    .execute();
  return rows
    .map((r) => ({ organizerId: r.id, name: r.name, email: r.email, role: r.role, since: r.created_at }))
    .sort((a, b) => EVENT_ROLES.indexOf(a.role) - EVENT_ROLES.indexOf(b.role));
}

/**
 * Locks the event's team rows until the transaction ends (a no-op update; PostgreSQL row locks,
 * SQLite writes are serialized anyway), so two owners demoting each other at the same moment
 * cannot both pass the last-owner check.
 */
async function lockTeam(trx: Db, eventId: number): Promise<void> {
  await trx.updateTable('event_team').set((eb) => ({ role: eb.ref('role') })).where('event_id', '=', eventId).execute();
}

async function roleInTeam(trx: Db, eventId: number, organizerId: number): Promise<EventRole | null> {
  const row = await trx.selectFrom('event_team').select('role').where('event_id', '=', eventId).where('organizer_id', '=', organizerId).executeTakeFirst();
  return row?.role ?? null;
}

async function otherOwners(trx: Db, eventId: number, organizerId: number): Promise<number> {
  const row = await trx
    .selectFrom('event_team')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('event_id', '=', eventId)
    .where('role', '=', 'owner')
    .where('organizer_id', '<>', organizerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type TeamService = ReturnType<typeof createTeamService>;

export function createTeamService(deps: { db: Db; clock: Clock; access: AccessService; link: (path: string) => string }) {
  const { db, clock, access } = deps;

  async function mailNewMember(trx: Db, event: LabEvent, member: Organizer, role: EventRole, locale: Locale, actor: Actor, token: string | null) {
    const t = messages(locale);
    const template = token ? 'team_invitation' : 'team_added';
    const rendered = renderMail(template, locale, {
      name: member.name, event: text(event, 'title', locale).text, when: when(event, t, locale).label,
      personalLink: deps.link(token ? `/admin/login/${token}` : `/admin/events/${event.slug}/team`),
      contact: event.contactEmail, role: t.team.roles[role] ?? role, invitedBy: actor.label,
    });
    await enqueueMail(trx, clock, {
      ...rendered, idempotencyKey: `${template}:${event.id}:${member.id}:${clock.now().toISOString()}`, eventId: event.id, registrationId: null,
      template, locale, to: { address: member.email, name: member.name },
    });
  }

  return {
    list: (eventId: number) => listTeam(db, eventId),

    /**
     * Adds a person by e-mail. Without an account, one is created (`name` is required then) and
     * the mail carries a one-time sign-in link; an existing organizer gets a short notice.
     */
    async add(event: LabEvent, input: { email: string; name: string; role: EventRole; locale: Locale }, actor: Actor): Promise<{ invited: boolean; member: Organizer }> {
      let member = await access.findOrganizerByEmail(input.email);
      let token: string | null = null;
      if (member && (await roleInTeam(db, event.id, member.id))) throw new TeamError('already-member');
      if (!member) {
        try {
          ({ organizer: member, token } = await access.createOrganizer({ email: input.email, name: input.name, isAdmin: false }, actor));
        } catch (error) {
          // Created by someone else a moment ago: add that account.
          member = error instanceof AccessError ? await access.findOrganizerByEmail(input.email) : null;
          if (!member) throw error;
        }
      }
      const added = member;
      await db.transaction().execute(async (trx) => {
        if (await roleInTeam(trx, event.id, added.id)) throw new TeamError('already-member');
        await addTeamMember(trx, clock, { eventId: event.id, organizerId: added.id, role: input.role });
        await recordAudit(trx, clock, actor, {
          action: 'access.team.added', subjectType: 'organizer', subjectId: added.id, eventId: event.id,
          after: { role: input.role, email: added.email, name: added.name, newAccount: token !== null },
        });
        await mailNewMember(trx, event, added, input.role, input.locale, actor, token);
      });
      return { invited: token !== null, member: added };
    },

    async changeRole(eventId: number, organizerId: number, role: EventRole, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await lockTeam(trx, eventId);
        const before = await roleInTeam(trx, eventId, organizerId);
        if (!before) throw new TeamError('not-member');
        if (before === role) return;
        if (before === 'owner' && (await otherOwners(trx, eventId, organizerId)) === 0) throw new TeamError('last-owner');
        await trx.updateTable('event_team').set({ role }).where('event_id', '=', eventId).where('organizer_id', '=', organizerId).execute();
        await recordAudit(trx, clock, actor, {
          action: 'access.team.role_changed', subjectType: 'organizer', subjectId: organizerId, eventId, before: { role: before }, after: { role },
        });
      });
    },

    async remove(eventId: number, organizerId: number, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await lockTeam(trx, eventId);
        const before = await roleInTeam(trx, eventId, organizerId);
        if (!before) throw new TeamError('not-member');
        if (before === 'owner' && (await otherOwners(trx, eventId, organizerId)) === 0) throw new TeamError('last-owner');
        await trx.deleteFrom('event_team').where('event_id', '=', eventId).where('organizer_id', '=', organizerId).execute();
        await recordAudit(trx, clock, actor, {
          action: 'access.team.removed', subjectType: 'organizer', subjectId: organizerId, eventId, before: { role: before },
        });
      });
    },
  };
}

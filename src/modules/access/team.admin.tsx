// Back office of an event's team: every member sees who is in it; owners (and platform admins)
// add people, change roles and remove people; everyone may leave a team themselves.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { absoluteUrl } from '../../config.js';
import type { Actor } from '../../platform/audit/audit.js';
import { HttpError } from '../../platform/http/errors.js';
import { checkText, field, isEmailAddress } from '../../platform/http/form.js';
import { pageContext } from '../../platform/http/request-context.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { isLocale } from '../../platform/i18n/index.js';
import type { LabEvent } from '../events/events.types.js';
import type { EventRole } from './access.tables.js';
import { eventForOrganizer, roleAllows, roleOn } from './access.policy.js';
import { createTeamService, isEventRole, TeamError, type TeamRefusal } from './team.service.js';
import { type AddMemberValues, TeamPage } from './views/TeamPage.js';

const LIMITS = { email: 254, name: 200 } as const;

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;
type MemberRequest = FastifyRequest<{ Params: { slug: string; organizerId: string } }>;

export const teamAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database, clock, config }) => {
  const guard = { db: database.db, findBySlug: services.events.findBySlug };
  const team = createTeamService({ db: database.db, clock, access: services.access, link: (path) => absoluteUrl(config, path) });
  const actor = (request: FastifyRequest): Actor => ({ id: request.organizer!.id, label: request.organizer!.name });

  async function showPage(request: SlugRequest, reply: FastifyReply, event: LabEvent, role: EventRole,
    state: { notice?: { kind: 'success' | 'error'; text: string } | undefined; values?: AddMemberValues; errors?: FieldErrors } = {}, status = 200) {
    const members = await team.list(event.id);
    const values = state.values ?? { email: '', name: '', role: '', language: request.locale };
    return reply.html(
      <TeamPage ctx={pageContext(request, reply, assetVersion, { csrf: true })} data={{ event, members, me: request.organizer!.id, canManage: roleAllows(role, 'team.manage'), canEdit: roleAllows(role, 'event.edit'), notice: state.notice, values, errors: state.errors ?? {} }} />,
      status,
    );
  }

  function refusal(request: FastifyRequest, reason: TeamRefusal): { kind: 'error'; text: string } {
    const t = request.t.team.errors;
    return { kind: 'error', text: reason === 'last-owner' ? t.lastOwner : reason === 'already-member' ? t.alreadyMember : t.notMember };
  }

  /** The member named in the URL: a number, or 404. */
  function memberId(request: MemberRequest): number {
    const id = Number(request.params.organizerId);
    if (!/^\d{1,12}$/.test(request.params.organizerId) || !Number.isSafeInteger(id)) throw new HttpError(404);
    return id;
  }

  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>('/admin/events/:slug/team', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'team.read');
    const key = request.query.done ?? '';
    const done = Object.hasOwn(request.t.team.done, key) ? request.t.team.done[key] : undefined;
    return showPage(request, reply, event, role, { notice: done ? { kind: 'success', text: done } : undefined });
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/team', async (request, reply) => {
    const { event, role: myRole } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'team.manage');
    const t = request.t;
    const values: AddMemberValues = {
      email: field(request.body, 'email').trim(),
      name: field(request.body, 'name').trim(),
      role: field(request.body, 'role'),
      language: field(request.body, 'language'),
    };
    const errors: FieldErrors = {};
    const emailError = checkText(values.email, t, { required: true, max: LIMITS.email });
    if (emailError) errors.email = emailError;
    else if (!isEmailAddress(values.email)) errors.email = t.validation.invalidEmail;
    const nameError = checkText(values.name, t, { max: LIMITS.name });
    if (nameError) errors.name = nameError;
    if (!isEventRole(values.role)) errors.role = t.team.errors.chooseRole;
    if (!isLocale(values.language)) values.language = request.locale;
    if (!errors.email && !errors.name && values.name === '' && !(await services.access.findOrganizerByEmail(values.email))) {
      errors.name = t.team.errors.nameForNewAccount;
    }
    if (Object.keys(errors).length > 0 || !isEventRole(values.role) || !isLocale(values.language)) {
      return showPage(request, reply, event, myRole, { values, errors }, 422);
    }
    try {
      const { invited } = await team.add(event, { email: values.email, name: values.name, role: values.role, locale: values.language }, actor(request));
      services.mailWorker.kick();
      return reply.redirect(`/admin/events/${event.slug}/team?done=${invited ? 'invited' : 'added'}`, 303);
    } catch (error) {
      if (!(error instanceof TeamError)) throw error;
      return showPage(request, reply, event, myRole, { values, errors: { email: refusal(request, error.reason).text } }, 409);
    }
  });

  app.post<{ Params: { slug: string; organizerId: string } }>('/admin/events/:slug/team/:organizerId/role', async (request, reply) => {
    const { event, role: myRole } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'team.manage');
    const organizerId = memberId(request);
    const role = field(request.body, 'role');
    if (!isEventRole(role)) return showPage(request, reply, event, myRole, { notice: { kind: 'error', text: request.t.team.errors.chooseRole } }, 422);
    try {
      await team.changeRole(event.id, organizerId, role, actor(request));
    } catch (error) {
      if (!(error instanceof TeamError)) throw error;
      return showPage(request, reply, event, myRole, { notice: refusal(request, error.reason) }, error.reason === 'not-member' ? 404 : 409);
    }
    return reply.redirect(`/admin/events/${event.slug}/team?done=role`, 303);
  });

  // Owners remove anyone; every member may remove themself (leave), unless they are the last owner.
  app.post<{ Params: { slug: string; organizerId: string } }>('/admin/events/:slug/team/:organizerId/remove', async (request, reply) => {
    const organizer = request.organizer!;
    const { event, role } = await eventForOrganizer(guard, organizer, request.params.slug, 'team.read');
    const organizerId = memberId(request);
    const canManage = roleAllows(role, 'team.manage');
    if (!canManage && organizerId !== organizer.id) throw new HttpError(403);
    try {
      await team.remove(event.id, organizerId, actor(request));
    } catch (error) {
      if (!(error instanceof TeamError)) throw error;
      return showPage(request, reply, event, role, { notice: refusal(request, error.reason) }, error.reason === 'not-member' ? 404 : 409);
    }
    // Whoever left their own team (and is no platform admin) cannot see it any more.
    const stillIn = roleAllows(await roleOn(database.db, organizer, event.id), 'team.read');
    return reply.redirect(stillIn ? `/admin/events/${event.slug}/team?done=removed` : '/admin', 303);
  });
};

// Back office of scheduled mails: list, plan and remove (unsent) mails relative to the event.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { eventForOrganizer, roleAllows, type EventRole } from '../access/access.policy.js';
import type { LabEvent } from '../events/events.types.js';
import { ScheduleError } from './schedules.service.js';
import { DEFAULT_SCHEDULE_FORM, type ScheduleFormValues, readScheduleForm, validateScheduleForm } from './schedules.form.js';
import { SchedulesPage } from './views/SchedulesPage.js';

type Request = FastifyRequest<{ Params: { slug: string }; Querystring: { done?: string } }>;

export const schedulesAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database }) => {
  const guard = { db: database.db, findBySlug: services.events.findBySlug };
  const actor = (request: FastifyRequest) => ({ id: request.organizer!.id, label: request.organizer!.name });

  async function show(request: Request, reply: FastifyReply, event: LabEvent, role: EventRole, form?: { values: ScheduleFormValues; errors: FieldErrors }, status = 200) {
    const s = request.t.schedules;
    const notice = { added: s.added, removed: s.removed }[request.query.done ?? ''];
    return reply.html(
      <SchedulesPage
        ctx={pageContext(request, reply, assetVersion, { csrf: true })} event={event} schedules={await services.mailSchedules.list(event.id)}
        values={form?.values ?? DEFAULT_SCHEDULE_FORM} errors={form?.errors ?? {}} notice={form ? undefined : notice} canEdit={roleAllows(role, 'event.edit')}
      />, status,
    );
  }

  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>('/admin/events/:slug/schedules', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.read');
    return show(request, reply, event, role);
  });

  app.post<{ Params: { slug: string }; Querystring: { done?: string } }>('/admin/events/:slug/schedules', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const values = readScheduleForm(request.body);
    const { schedule, errors } = validateScheduleForm(values, request.t);
    if (!schedule) return show(request, reply, event, role, { values, errors }, 422);
    await services.mailSchedules.add(event, schedule, actor(request));
    // A schedule that is due already goes out now, not at the next tick.
    await services.mailSchedules.runDue();
    return reply.redirect(`/admin/events/${event.slug}/schedules?done=added`, 303);
  });

  app.post<{ Params: { slug: string; id: string } }>('/admin/events/:slug/schedules/:id/remove', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id)) throw new HttpError(404);
    try {
      await services.mailSchedules.remove(event, id, actor(request));
    } catch (error) {
      if (error instanceof ScheduleError) throw new HttpError(error.reason === 'not-found' ? 404 : 409);
      throw error;
    }
    return reply.redirect(`/admin/events/${event.slug}/schedules?done=removed`, 303);
  });
};

// Back office of the programme: speakers, moderation and agenda of one event.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { eventForOrganizer } from '../access/access.policy.js';
import { localDateTime } from '../events/events.form.js';
import type { LabEvent } from '../events/events.types.js';
import { type ProgramFormValues, programFormValues, readProgramForm, validateProgramForm } from './program.form.js';
import { ProgramEditPage } from './views/ProgramEditPage.js';

export const programAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database }) => {
  const guard = { db: database.db, findBySlug: services.events.findBySlug };

  function show(request: FastifyRequest, reply: FastifyReply, event: LabEvent, values: ProgramFormValues, errors: FieldErrors = {}, notice?: string, status = 200) {
    return reply.html(<ProgramEditPage ctx={pageContext(request, reply, assetVersion, { csrf: true })} event={event} values={values} errors={errors} notice={notice} />, status);
  }

  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>('/admin/events/:slug/program', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const values = programFormValues(await services.program.forEvent(event.id), event.timeZone, localDateTime);
    return show(request, reply, event, values, {}, request.query.done === 'saved' ? request.t.programForm.saved : undefined);
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/program', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const values = readProgramForm(request.body);
    const { program, errors } = validateProgramForm(values, request.t, { date: localDateTime(event.startsAt, event.timeZone).slice(0, 10), timeZone: event.timeZone });
    if (!program) return show(request, reply, event, values, errors, undefined, 422);
    await services.program.replace(event.id, program, { id: request.organizer!.id, label: request.organizer!.name });
    return reply.redirect(`/admin/events/${event.slug}/program?done=saved`, 303);
  });
};

// Back office of the live room: open it early, close it, and choose the video system and opening time.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { field } from '../../platform/http/form.js';
import { HttpError } from '../../platform/http/errors.js';
import { eventForOrganizer, roleAllows, type EventRole } from '../access/access.policy.js';
import type { LabEvent } from '../events/events.types.js';
import { readLiveSettings, validateLiveSettings } from './live.form.js';
import { LiveAdminPage, type LiveSettingsValues } from './views/LiveAdminPage.js';

type SlugRequest = FastifyRequest<{ Params: { slug: string }; Querystring: { done?: string } }>;

export const liveAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database }) => {
  const { live } = services;
  const guard = { db: database.db, findBySlug: services.events.findBySlug };
  const actor = (request: FastifyRequest) => ({ id: request.organizer!.id, label: request.organizer!.name });

  async function show(request: SlugRequest, reply: FastifyReply, event: LabEvent, role: EventRole, form?: { values: LiveSettingsValues; errors: FieldErrors }) {
    const room = await live.room(event.id);
    const values = form?.values ?? {
      provider: room.provider, videoUrl: room.videoUrl ?? '', jitsiDomain: room.jitsiDomain ?? '', jitsiEmbed: room.jitsiEmbed ? 'embed' : 'tab',
      opensMinutesBefore: String(room.opensMinutesBefore),
    };
    const a = request.t.liveAdmin;
    const notice = { saved: a.saved, opened: a.opened, closed: a.closedNotice, now: a.nowMoved }[request.query.done ?? ''];
    const agenda = (await services.program.forEvent(event.id)).agenda;
    return reply.html(
      <LiveAdminPage
        ctx={pageContext(request, reply, assetVersion, { csrf: true })} event={event} state={live.state(event, room)} values={values} errors={form?.errors ?? {}}
        notice={form ? undefined : notice} agenda={agenda} nowItemId={room.nowItemId} canControl={roleAllows(role, 'live.control')} canEdit={roleAllows(role, 'event.edit')} available={live.providers}
      />, form ? 422 : 200,
    );
  }

  // Every team member may look; moderators and up steer; editing the settings needs event.edit.
  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>('/admin/events/:slug/live', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'team.read');
    return show(request, reply, event, role);
  });

  app.post<{ Params: { slug: string }; Querystring: { done?: string } }>('/admin/events/:slug/live', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const values = readLiveSettings(request.body);
    const { settings, errors } = validateLiveSettings(values, request.t, live.providers);
    if (!settings) return show(request, reply, event, role, { values, errors });
    await live.saveSettings(event, settings, actor(request));
    return reply.redirect(`/admin/events/${event.slug}/live?done=saved`, 303);
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/live/open', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'live.control');
    await live.open(event, actor(request));
    return reply.redirect(`/admin/events/${event.slug}/live?done=opened`, 303);
  });

  // Moving "now" in the programme: a chosen item, none, or the next one after the current.
  app.post<{ Params: { slug: string } }>('/admin/events/:slug/live/now', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'live.control');
    const agenda = (await services.program.forEvent(event.id)).agenda;
    const current = (await live.room(event.id)).nowItemId;
    const choice = field(request.body, 'item');
    let itemId: number | null;
    if (choice === 'next') {
      const at = agenda.findIndex((i) => i.id === current);
      itemId = agenda[Math.min(at + 1, agenda.length - 1)]?.id ?? null;
    } else if (choice === '') {
      itemId = null;
    } else {
      const item = agenda.find((i) => String(i.id) === choice);
      if (!item) throw new HttpError(400);
      itemId = item.id;
    }
    await live.setNow(event, itemId, actor(request));
    await services.liveFeed.post(event.id, 'now', { itemId }).catch((error: unknown) => request.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'live update not sent'));
    return reply.redirect(`/admin/events/${event.slug}/live?done=now`, 303);
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/live/close', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'live.control');
    await live.close(event, actor(request));
    return reply.redirect(`/admin/events/${event.slug}/live?done=closed`, 303);
  });
};

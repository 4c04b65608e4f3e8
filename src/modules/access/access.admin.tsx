import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { listAudit } from '../../platform/audit/audit.js';
import { HttpError } from '../../platform/http/errors.js';
import { AuditPage } from './views/AuditPage.js';
import { eventForOrganizer } from './access.policy.js';

export const accessAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { database, assetVersion, services }) => {
  // The platform-wide log is for platform admins; an event's log for those who may edit it.
  app.get('/admin/audit', async (request, reply) => {
    if (!request.organizer?.isAdmin) throw new HttpError(403);
    const entries = await listAudit(database.db, { limit: 500 });
    return reply.html(<AuditPage ctx={pageContext(request, reply, assetVersion)} entries={entries} />);
  });

  app.get<{ Params: { slug: string } }>('/admin/events/:slug/audit', async (request, reply) => {
    const { event } = await eventForOrganizer({ db: database.db, findBySlug: services.events.findBySlug }, request.organizer!, request.params.slug, 'event.edit');
    const entries = await listAudit(database.db, { limit: 1000, eventId: event.id });
    return reply.html(<AuditPage ctx={pageContext(request, reply, assetVersion)} entries={entries} event={event} />);
  });
};

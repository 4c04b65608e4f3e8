import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { listAudit } from '../../platform/audit/audit.js';
import { HttpError } from '../../platform/http/errors.js';
import { AuditPage } from './views/AuditPage.js';

export const accessAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { database, assetVersion }) => {
  // The platform-wide log is for platform admins; per-event logs come with event roles (#3).
  app.get('/admin/audit', async (request, reply) => {
    if (!request.organizer?.isAdmin) throw new HttpError(403);
    const entries = await listAudit(database.db, { limit: 200 });
    return reply.html(<AuditPage ctx={pageContext(request, reply, assetVersion)} entries={entries} />);
  });
};

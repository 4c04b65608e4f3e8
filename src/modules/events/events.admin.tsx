// Back office of the events module: the list of events the organizer works on.
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { eventIdsOf } from '../access/access.policy.js';
import { AdminDashboard } from './views/AdminDashboard.js';

export const eventsAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database }) => {
  app.get('/admin', async (request, reply) => {
    const [events, mine] = await Promise.all([services.events.listAll(), eventIdsOf(database.db, request.organizer!)]);
    const visible = mine === null ? events : events.filter((event) => mine.includes(event.id));
    return reply.html(<AdminDashboard ctx={pageContext(request, reply, assetVersion)} events={visible} />);
  });
};

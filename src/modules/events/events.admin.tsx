// Back office of the events module. In #2: the list of events; editing comes with #3.
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { AdminDashboard } from './views/AdminDashboard.js';

export const eventsAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion }) => {
  app.get('/admin', async (request, reply) => {
    const events = await services.events.listAll();
    return reply.html(<AdminDashboard ctx={pageContext(request, reply, assetVersion)} events={events} />);
  });
};

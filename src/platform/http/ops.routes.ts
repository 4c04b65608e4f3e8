// Operations endpoints: liveness with a database round trip.
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../app.js';

export const opsRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { database }) => {
  app.get('/healthz', async (request, reply) => {
    try {
      await database.ping();
      return reply.header('Cache-Control', 'no-store').send({ status: 'ok', database: database.dialect });
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).header('Cache-Control', 'no-store').send({ status: 'unavailable', database: database.dialect });
    }
  });
};

// Operations endpoints: liveness with a database round trip.
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { UNAVAILABLE_RETRY_AFTER } from '../db/unavailable.js';

export const opsRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { database }) => {
  app.get('/healthz', async (request, reply) => {
    try {
      await database.ping();
      return reply.header('Cache-Control', 'no-store').send({ status: 'ok', database: database.dialect });
    } catch (error) {
      request.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'health check: database unreachable');
      return reply.code(503).header('Cache-Control', 'no-store').header('Retry-After', String(UNAVAILABLE_RETRY_AFTER)).send({ status: 'unavailable', database: database.dialect });
    }
  });
};

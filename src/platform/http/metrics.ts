// Prometheus metrics: request counts and latency per route, plus the process defaults.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { safeEqual } from '../tokens.js';

export function registerMetrics(app: FastifyInstance, options: { token: string | null }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'labcamp_' });
  const requests = new Counter({
    name: 'labcamp_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'] as const, registers: [registry],
  });
  const duration = new Histogram({
    name: 'labcamp_http_request_duration_seconds', help: 'HTTP request duration by route', labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: tokens and slugs must not become label values.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { config: { csrf: false } }, async (request, reply) => {
    if (!mayReadMetrics(request, options.token)) {
      return reply.code(403).type('text/plain').send('Forbidden: set METRICS_TOKEN and send it as a bearer token.\n');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}

/** With METRICS_TOKEN set, a bearer token is required; without it, only loopback may read. */
function mayReadMetrics(request: FastifyRequest, token: string | null): boolean {
  if (token) {
    const header = request.headers.authorization ?? '';
    return header.startsWith('Bearer ') && safeEqual(header.slice(7), token);
  }
  return ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(request.socket.remoteAddress ?? '');
}

// /api/v1: the JSON API for organizers' programs (ADR 14). Authenticated only by a personal
// bearer token, never by the session cookie: the routes take no CSRF token, so a cookie must not
// be enough. Each module contributes its routes (<module>.api.ts); this plugin adds the token
// check, the rate limit per token, the error shape and the OpenAPI document.
import type { FastifyContextConfig, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { hashToken } from '../../platform/tokens.js';
import { ApiError, apiMessages, registerApiErrors } from './api.errors.js';
import { openApiDocument } from './openapi.js';
import { eventsApi } from '../events/events.api.js';
import { registrationApi } from '../registration/registration.api.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An API route that needs no token (the OpenAPI document). */
    apiPublic?: boolean;
  }
}

export const API_PREFIX = '/api/v1';

/** What the modules' API plugins receive: the usual options and the config every API route carries. */
export interface ApiOptions extends ModuleOptions {
  route: { config: FastifyContextConfig };
}

/** The bearer token of a request, or null. Cookies are never looked at. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}

export const apiRoutes: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  const { config, services } = options;
  // 300 requests a minute per token (per address without one).
  const rateLimit = config.rateLimits
    ? {
      max: 300, timeWindow: '1 minute',
      keyGenerator: (request: FastifyRequest) => {
        const token = bearerToken(request);
        return token ? `api-token:${hashToken(token)}` : `api-ip:${request.ip}`;
      },
    }
    : false;
  const route = { config: { csrf: false, rateLimit } satisfies FastifyContextConfig };

  registerApiErrors(app);

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });

  // preParsing: after the rate limit (a route onRequest hook), before any body is read.
  app.addHook('preParsing', async (request, reply, payload) => {
    if (request.routeOptions.config.apiPublic) return payload;
    const token = bearerToken(request);
    const organizer = token ? await services.access.apiTokens.organizerFor(token) : null;
    if (!organizer) {
      reply.header('WWW-Authenticate', 'Bearer realm="labcamp"');
      throw new ApiError(401, 'unauthorized', apiMessages(request).api.unauthorized);
    }
    request.organizer = { id: organizer.id, email: organizer.email, name: organizer.name, isAdmin: organizer.isAdmin };
    // Bodies are JSON; a form post (what a cross-site form could send) is refused before it is read.
    if (request.method === 'POST' || request.method === 'PATCH') {
      const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') throw new ApiError(415, 'unsupported_media_type', apiMessages(request).api.unsupportedMediaType);
    }
    return payload;
  });

  app.get('/openapi.json', { config: { ...route.config, apiPublic: true } }, async (_request, reply) =>
    reply.header('Cache-Control', 'public, max-age=300').send(openApiDocument(config)));

  // Without the prefix this plugin was registered with: the children inherit it anyway.
  const { prefix: _prefix, ...moduleOptions } = options as ModuleOptions & { prefix?: string };
  await app.register(eventsApi, { ...moduleOptions, route });
  await app.register(registrationApi, { ...moduleOptions, route });
};

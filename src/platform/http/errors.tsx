// Error pages that help the user and leak nothing: no stack, no SQL, no internal message.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Messages, messages, DEFAULT_LOCALE } from '../i18n/index.js';
import { ErrorPage } from '../html/error-page.js';
import { pageContext } from './request-context.js';
import { isDatabaseUnavailable, isStorageFull, UNAVAILABLE_RETRY_AFTER } from '../db/unavailable.js';

/** Thrown by handlers for an expected outcome: 404 for a missing event, 403 for a wrong role. */
export class HttpError extends Error {
  constructor(readonly statusCode: number, message = '') {
    super(message);
  }
}

function texts(t: Messages, status: number, code: string | undefined): { title: string; text: string } {
  if (status === 404) return { title: t.errors.notFoundTitle, text: t.errors.notFoundText };
  if (code?.startsWith('FST_CSRF')) return { title: t.errors.csrfTitle, text: t.errors.csrfText };
  if (status === 403) return { title: t.errors.forbiddenTitle, text: t.errors.forbiddenText };
  if (status === 429) return { title: t.errors.tooManyTitle, text: t.errors.tooManyText };
  if (status === 503) return { title: t.errors.unavailableTitle, text: t.errors.unavailableText };
  if (status >= 400 && status < 500) return { title: t.errors.badRequestTitle, text: t.errors.badRequestText };
  return { title: t.errors.serverTitle, text: t.errors.serverText };
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/healthz';
}

export function registerErrorPages(app: FastifyInstance, assetVersion: string): void {
  const send = (request: FastifyRequest, reply: FastifyReply, status: number, code?: string) => {
    // The hook that sets the locale may not have run (e.g. a malformed URL).
    if (!request.t) {
      request.locale = DEFAULT_LOCALE;
      request.t = messages(DEFAULT_LOCALE);
    }
    const { title, text } = texts(request.t, status, code);
    const reference = status >= 500 ? request.id : undefined;
    if (wantsJson(request)) return reply.code(status).send({ error: title, status, ...(reference ? { reference } : {}) });
    return reply.html(<ErrorPage ctx={pageContext(request, reply, assetVersion)} title={title} text={text} reference={reference} />, status);
  };

  app.setNotFoundHandler((request, reply) => send(request, reply, 404));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // The database restarting or out of reach: a clean 503 "try again in a moment" instead of the
    // 500 error page (the reference stays, for support). The request's transaction did not commit,
    // so nothing half-done stays.
    if (isDatabaseUnavailable(error)) {
      if (isStorageFull(error)) request.log.error({ err: error.message, code: error.code }, 'database full: make room on the disk (docs/operations.md)');
      else request.log.warn({ err: error.message, code: error.code }, 'database unavailable');
      reply.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER));
      return send(request, reply, 503, error.code);
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: error.code, status }, 'request refused');
    if (status === 429 && !reply.getHeader('retry-after')) reply.header('Retry-After', '60');
    return send(request, reply, status, error.code);
  });
}

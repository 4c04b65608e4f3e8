// The JSON API's one error shape: { "error": { "code", "message", "fields"? } } (ADR 14).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Messages, messages, negotiateLocale } from '../../platform/i18n/index.js';
import { HttpError } from '../../platform/http/errors.js';

export type ApiErrorCode =
  | 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'duplicate' | 'status_conflict' | 'no_seat'
  | 'payload_too_large' | 'unsupported_media_type' | 'validation_failed' | 'rate_limited' | 'internal_error';

export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: ApiErrorCode, message: string, readonly fields?: Record<string, string>, readonly extra?: Record<string, unknown>) {
    super(message);
  }
}

/** The API speaks the language of Accept-Language (German by default); it sets no cookies. */
export function apiMessages(request: FastifyRequest): Messages {
  return messages(negotiateLocale(request.headers['accept-language']));
}

function sendError(reply: FastifyReply, error: ApiError) {
  return reply.code(error.statusCode).header('Cache-Control', 'no-store').send({
    error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...error.extra },
  });
}

/** Turns whatever went wrong into the API's error shape: 4xx for every bad input, never a page. */
export function toApiError(error: FastifyError | Error, request: FastifyRequest): ApiError {
  const t = apiMessages(request).api;
  if (error instanceof ApiError) return error;
  if (error instanceof HttpError) {
    if (error.statusCode === 403) return new ApiError(403, 'forbidden', t.forbidden);
    if (error.statusCode === 404) return new ApiError(404, 'not_found', t.notFound);
  }
  const status = (error as FastifyError).statusCode ?? 500;
  const code = (error as FastifyError).code ?? '';
  if (status === 429) return new ApiError(429, 'rate_limited', t.tooMany);
  if (status === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ApiError(413, 'payload_too_large', t.tooLarge);
  if (status === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new ApiError(415, 'unsupported_media_type', t.unsupportedMediaType);
  if (status >= 400 && status < 500) return new ApiError(400, 'bad_request', t.badRequest);
  return new ApiError(500, 'internal_error', t.serverError, undefined, { reference: request.id });
}

export function registerApiErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error, request);
    if (apiError.statusCode >= 500) request.log.error({ err: error }, 'api request failed');
    if (apiError.statusCode === 429 && !reply.getHeader('retry-after')) reply.header('Retry-After', '60');
    return sendError(reply, apiError);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, new ApiError(404, 'not_found', apiMessages(request).api.notFound)));
}

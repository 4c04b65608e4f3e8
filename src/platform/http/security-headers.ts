// Security headers on every response. The CSP allows nothing but our own origin: no inline
// script, no third-party host. (The live room widens it for its embedded Jitsi server only, ADR 0023.)
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), interest-cohort=()';

/**
 * The headers of the one response that embeds a Jitsi room: its server may run its IFrame API
 * script and be framed, and the frame may ask for camera, microphone and screen. Nothing else.
 */
export function videoEmbedHeaders(origin: string): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY.replace("script-src 'self'", `script-src 'self' ${origin}`).replace("frame-src 'none'", `frame-src ${origin}`),
    'Permissions-Policy': `camera=("${origin}"), microphone=("${origin}"), display-capture=("${origin}"), geolocation=(), interest-cohort=()`,
  };
}

export function registerSecurityHeaders(app: FastifyInstance, options: { hsts: boolean }): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    // A route may set a narrower policy of its own (the sandboxed mail preview).
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    // Personal links carry tokens in their path: never send them to another site.
    reply.header('Referrer-Policy', 'same-origin');
    if (!reply.hasHeader('Permissions-Policy')) reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    if (options.hsts) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
}

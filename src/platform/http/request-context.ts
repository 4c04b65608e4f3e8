// What every request carries: its language, and (in the back office) the signed-in organizer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { type Locale, type Messages, isLocale, messages, negotiateLocale } from '../i18n/index.js';
import type { PageContext } from '../html/page-context.js';
import { renderDocument } from '../html/render.js';

export const LANG_COOKIE = 'lc_lang';

export interface SignedInOrganizer {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  /** Set in the back office: may moderate the community. */
  moderatesCommunity?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Messages;
    organizer: SignedInOrganizer | null;
  }
  interface FastifyReply {
    /** Sends a rendered page as HTML. */
    html(page: VNode, status?: number): FastifyReply;
    /** Sends HTML that was rendered before (the page cache). */
    htmlString(html: string, status?: number): FastifyReply;
  }
  interface FastifyContextConfig {
    /** false on routes that authenticate otherwise (bearer tokens) and take no form posts. */
    csrf?: boolean;
  }
}

export function registerRequestContext(app: FastifyInstance, options: { secureCookies: boolean }): void {
  app.decorateRequest('locale', 'de');
  app.decorateRequest('t', null as unknown as Messages);
  app.decorateRequest('organizer', null);
  app.decorateReply('htmlString', function (this: FastifyReply, html: string, status = 200) {
    return this.code(status).type('text/html; charset=utf-8').header('Vary', 'Accept-Language, Cookie').send(html);
  });
  app.decorateReply('html', function (this: FastifyReply, page: VNode, status = 200) {
    return this.htmlString(renderDocument(page), status);
  });

  // ?lang=en chooses the language and remembers it; otherwise the cookie, then Accept-Language.
  app.addHook('onRequest', async (request, reply) => {
    const asked = (request.query as Record<string, unknown> | undefined)?.lang;
    let locale: Locale;
    if (isLocale(asked)) {
      locale = asked;
      if (request.cookies[LANG_COOKIE] !== asked) {
        reply.setCookie(LANG_COOKIE, asked, { path: '/', maxAge: 365 * 24 * 3600, httpOnly: true, sameSite: 'lax', secure: options.secureCookies });
      }
    } else {
      const remembered = request.cookies[LANG_COOKIE];
      locale = isLocale(remembered) ? remembered : negotiateLocale(request.headers['accept-language']);
    }
    request.locale = locale;
    request.t = messages(locale);
  });
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, assetVersion: string, options: { csrf?: boolean } = {}): PageContext {
  const organizer = request.organizer;
  return {
    locale: request.locale,
    t: request.t,
    url: request.url,
    organizer: organizer ? { name: organizer.name, isAdmin: organizer.isAdmin, moderatesCommunity: organizer.moderatesCommunity ?? false } : undefined,
    csrfToken: options.csrf || organizer ? reply.generateCsrf() : undefined,
    assetVersion,
  };
}

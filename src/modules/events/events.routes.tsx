// Public pages of the events module: the start page, the event page and its calendar file.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderDocument } from '../../platform/html/render.js';
import type { ModuleOptions } from '../../app.js';
import { absoluteUrl } from '../../config.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { HomePage } from './views/HomePage.js';
import { EventPage } from './views/EventPage.js';
import { eventCalendar, eventJsonLd } from './events.structured.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * Public pages look the same for everyone in one language, so they go through the page cache.
 * Only plain URLs (no query, or just ?lang=) are cached, so the cache cannot be flooded.
 */
function cacheKey(request: FastifyRequest): string | null {
  const [path = '', query] = request.url.split('?', 2);
  if (query !== undefined && !/^lang=(de|en)$/.test(query)) return null;
  return `${path}|${request.locale}`;
}

export const eventsRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { config, services, assetVersion, clock, pageCache }) => {
  async function cached(request: FastifyRequest, reply: FastifyReply, render: () => Promise<VNode | null>) {
    const key = cacheKey(request);
    const hit = key ? pageCache.get(key) : undefined;
    if (hit) return reply.htmlString(hit);
    const page = await render();
    if (!page) throw new HttpError(404);
    const html = renderDocument(page);
    if (key) pageCache.set(key, html);
    return reply.htmlString(html);
  }

  app.get('/', async (request, reply) =>
    cached(request, reply, async () => {
      const { upcoming, past } = await services.events.publicListing();
      return <HomePage ctx={pageContext(request, reply, assetVersion)} upcoming={upcoming} past={past} windowOf={services.events.registrationWindow} />;
    }));

  app.get('/events', async (_request, reply) => reply.redirect('/', 301));

  app.get<{ Params: { slug: string } }>('/events/:slug', async (request, reply) => {
    const wantsCalendar = request.params.slug.endsWith('.ics');
    const slug = wantsCalendar ? request.params.slug.slice(0, -4) : request.params.slug;
    if (!SLUG.test(slug)) throw new HttpError(404);
    const url = absoluteUrl(config, `/events/${slug}`);

    if (wantsCalendar) {
      const event = await services.events.findPublic(slug);
      if (!event) throw new HttpError(404);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${event.slug}.ics"`)
        .send(eventCalendar(event, url, config.baseUrl.hostname, request.locale, clock.now()));
    }

    return cached(request, reply, async () => {
      const event = await services.events.findPublic(slug);
      if (!event) return null;
      const program = await services.program.forEvent(event.id);
      const window = services.events.registrationWindow(event);
      return <EventPage ctx={pageContext(request, reply, assetVersion)} event={event} program={program} window={window} jsonLd={eventJsonLd(event, program, window, url, request.locale)} />;
    });
  });
};

// Public pages of the events module: the start page, the event page and its calendar file.
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { absoluteUrl } from '../../config.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { HomePage } from './views/HomePage.js';
import { EventPage } from './views/EventPage.js';
import { eventCalendar, eventJsonLd } from './events.structured.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export const eventsRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { config, services, assetVersion, clock }) => {
  app.get('/', async (request, reply) => {
    const { upcoming, past } = await services.events.publicListing();
    return reply.html(<HomePage ctx={pageContext(request, reply, assetVersion)} upcoming={upcoming} past={past} windowOf={services.events.registrationWindow} />);
  });

  app.get('/events', async (_request, reply) => reply.redirect('/', 301));

  app.get<{ Params: { slug: string } }>('/events/:slug', async (request, reply) => {
    const wantsCalendar = request.params.slug.endsWith('.ics');
    const slug = wantsCalendar ? request.params.slug.slice(0, -4) : request.params.slug;
    if (!SLUG.test(slug)) throw new HttpError(404);
    const event = await services.events.findPublic(slug);
    if (!event) throw new HttpError(404);
    const url = absoluteUrl(config, `/events/${event.slug}`);

    if (wantsCalendar) {
      return reply
        .type('text/calendar; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${event.slug}.ics"`)
        .send(eventCalendar(event, url, config.baseUrl.hostname, request.locale, clock.now()));
    }

    const program = await services.program.forEvent(event.id);
    const window = services.events.registrationWindow(event);
    return reply.html(
      <EventPage ctx={pageContext(request, reply, assetVersion)} event={event} program={program} window={window} jsonLd={eventJsonLd(event, program, window, url, request.locale)} />,
    );
  });
};

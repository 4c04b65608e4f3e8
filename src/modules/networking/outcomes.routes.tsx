// Who reads a meeting's outcome report, and where: the event's team always (at
// /events/:slug/outcomes, signed in); everyone there once the organizers made it public;
// participants through their personal link (/r/:token/outcomes) once it is released to them.
// Each page has its Markdown and PDF download next to it, under the same rules.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { formatLongDate, formatTime } from '../../platform/time.js';
import { looksLikeToken } from '../../platform/tokens.js';
import { roleAllows, roleOn, type EventRole } from '../access/access.policy.js';
import { SESSION_COOKIE } from '../access/access.routes.js';
import { text } from '../events/events.present.js';
import type { LabEvent } from '../events/events.types.js';
import { SLUG } from '../live/live.routes.js';
import { reportMarkdown, reportPdf } from './report.export.js';
import { OutcomesPage } from './views/OutcomesPage.js';

type Format = 'page' | 'md' | 'pdf';

export const outcomesRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, clock, database }) => {
  const { reports, boards } = services;

  async function teamRole(request: FastifyRequest, event: LabEvent): Promise<EventRole | null> {
    const session = request.cookies[SESSION_COOKIE];
    const organizer = session ? await services.access.organizerForSession(session) : null;
    return organizer ? roleOn(database.db, organizer, event.id) : null;
  }

  async function answer(request: FastifyRequest, reply: FastifyReply, event: LabEvent, format: Format, base: string, role: EventRole | null) {
    const report = await reports.report(event.id);
    const now = clock.now();
    const asOf = `${formatLongDate(now, event.timeZone, request.locale)}, ${formatTime(now, event.timeZone, request.locale)}`;
    const title = text(event, 'title', request.locale).text;
    // Private reports must not be cached anywhere; public ones change while people write.
    reply.header('Cache-Control', report.settings.visibility === 'public' && !role ? 'public, max-age=60' : 'no-store');
    if (report.settings.visibility !== 'public' || role) reply.header('X-Robots-Tag', 'noindex');
    const file = `${event.slug}-ergebnisse`;
    if (format === 'md') {
      return reply.header('Content-Type', 'text/markdown; charset=utf-8').header('Content-Disposition', `attachment; filename="${file}.md"`)
        .send(reportMarkdown(title, report, request.t, asOf));
    }
    if (format === 'pdf') {
      return reply.header('Content-Type', 'application/pdf').header('Content-Disposition', `attachment; filename="${file}.pdf"`)
        .send(reportPdf(title, report, request.t, request.locale, asOf));
    }
    const leftOut = role ? (await boards.forEvent(event.id)).filter((e) => !e.inReport) : [];
    const ctx = pageContext(request, reply, assetVersion, { csrf: Boolean(role) });
    return reply.html(
      <OutcomesPage ctx={ctx} event={event} report={report} asOf={asOf} leftOut={leftOut}
        downloads={{ markdown: `${base}.md`, pdf: `${base}.pdf` }} team={role ? { canEdit: roleAllows(role, 'event.edit') } : null} />,
    );
  }

  /** The report of the URL's event for the team, or for everyone once public; otherwise 404 (it does not say that a report exists). */
  async function bySlug(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, format: Format) {
    if (!SLUG.test(request.params.slug)) throw new HttpError(404);
    const event = await services.events.findBySlug(request.params.slug);
    if (!event) throw new HttpError(404);
    const role = await teamRole(request, event);
    if (!role) {
      const settings = await reports.settings(event.id);
      if (event.status === 'draft' || settings.visibility !== 'public') throw new HttpError(404);
    }
    return answer(request, reply, event, format, `/events/${event.slug}/outcomes`, role);
  }

  /** The report through a participant's personal link: admitted people, once it is released to participants. */
  async function byToken(request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply, format: Format) {
    if (!looksLikeToken(request.params.token)) throw new HttpError(404);
    const standing = await services.registration.linkStanding(request.params.token);
    if (standing.kind !== 'valid' || standing.registration.status !== 'admitted') throw new HttpError(404);
    const settings = await reports.settings(standing.event.id);
    if (settings.visibility === 'team') throw new HttpError(404);
    reply.header('Referrer-Policy', 'no-referrer');
    return answer(request, reply, standing.event, format, `/r/${request.params.token}/outcomes`, null);
  }

  app.get<{ Params: { slug: string } }>('/events/:slug/outcomes', (request, reply) => bySlug(request, reply, 'page'));
  app.get<{ Params: { slug: string } }>('/events/:slug/outcomes.md', (request, reply) => bySlug(request, reply, 'md'));
  app.get<{ Params: { slug: string } }>('/events/:slug/outcomes.pdf', (request, reply) => bySlug(request, reply, 'pdf'));
  app.get<{ Params: { token: string } }>('/r/:token/outcomes', (request, reply) => byToken(request, reply, 'page'));
  app.get<{ Params: { token: string } }>('/r/:token/outcomes.md', (request, reply) => byToken(request, reply, 'md'));
  app.get<{ Params: { token: string } }>('/r/:token/outcomes.pdf', (request, reply) => byToken(request, reply, 'pdf'));
};

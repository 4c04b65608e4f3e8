// The mails of an event in the back office: what went out, to whom, and whether it arrived at
// the SMTP server. Without SMTP_URL this is the dev inbox: organizers read the mails here and
// can pass a personal link on by hand.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { eventForOrganizer, roleAllows } from '../access/access.policy.js';
import { findMailOfEvent, listMailsOfEvent } from './messaging.repo.js';
import { MailPage, MailsPage } from './views/MailsPage.js';

const PAGE_SIZE = 50;

/** A mail's HTML part, shown on its own: no script, no network, a sandboxed unique origin. */
export const MAIL_PREVIEW_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'";

export const messagingAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database, config }) => {
  const guard = { db: database.db, findBySlug: services.events.findBySlug };
  const devInbox = config.smtpUrl === null;

  app.get<{ Params: { slug: string }; Querystring: { page?: string } }>('/admin/events/:slug/mails', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.read');
    const page = Math.max(1, Math.min(100_000, Number.parseInt(request.query.page ?? '1', 10) || 1));
    const { rows, total } = await listMailsOfEvent(database.db, event.id, page, PAGE_SIZE);
    return reply.html(
      <MailsPage ctx={pageContext(request, reply, assetVersion)} event={event} rows={rows} total={total} page={page} pageSize={PAGE_SIZE} devInbox={devInbox} canRead={roleAllows(role, 'registrations.change')} canEdit={roleAllows(role, 'event.edit')} />,
    );
  });

  // Mail bodies carry personal links: only for those who may change registrations anyway.
  // Team mails carry sign-in links to back-office accounts: only for those who manage the team.
  async function mailFor(request: FastifyRequest<{ Params: { slug: string; id: string } }>) {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.change');
    const mail = await findMailOfEvent(database.db, event.id, Number(request.params.id));
    if (!mail) throw new HttpError(404);
    if (mail.template.startsWith('team_') && !roleAllows(role, 'team.manage')) throw new HttpError(403);
    return { event, mail };
  }

  app.get<{ Params: { slug: string; id: string } }>('/admin/events/:slug/mails/:id', async (request, reply) => {
    const { event, mail } = await mailFor(request);
    return reply.html(<MailPage ctx={pageContext(request, reply, assetVersion)} event={event} mail={mail} />);
  });

  app.get<{ Params: { slug: string; id: string } }>('/admin/events/:slug/mails/:id/html', async (request, reply) => {
    const { mail } = await mailFor(request);
    return reply.header('Content-Security-Policy', MAIL_PREVIEW_POLICY).type('text/html; charset=utf-8').send(mail.html_body);
  });
};

// The mails of an event in the back office: what went out, to whom, and whether it arrived at
// the SMTP server. Without SMTP_URL this is the dev inbox: organizers read the mails here and
// can pass a personal link on by hand.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { eventForOrganizer, roleAllows } from '../access/access.policy.js';
import { findMailOfEvent, listMailsOfEvent } from './messaging.repo.js';
import { MailPage, MailsPage } from './views/MailsPage.js';
import { mailsOfRegistration, requeueFailedMail } from './delivery.js';
import { RegistrationMailsPage } from './views/DeliveryState.js';

const PAGE_SIZE = 50;

/**
 * A mail's HTML part, shown on its own: no script, no network, a sandboxed unique origin. Inline
 * styles only (mails carry their styles inline, as mail clients need); scripts stay forbidden
 * by default-src 'none'. The app's own pages keep the strict CSP (security.test.ts).
 */
export const MAIL_PREVIEW_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'";

export const messagingAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database, config, clock }) => {
  const guard = { db: database.db, findBySlug: services.events.findBySlug };
  const devInbox = config.smtpUrl === null;

  app.get<{ Params: { slug: string }; Querystring: { page?: string } }>('/admin/events/:slug/mails', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.read');
    const page = Math.max(1, Math.min(100_000, Number.parseInt(request.query.page ?? '1', 10) || 1));
    const { rows, total } = await listMailsOfEvent(database.db, event.id, page, PAGE_SIZE);
    return reply.html(
      <MailsPage ctx={pageContext(request, reply, assetVersion)} event={event} now={clock.now()} rows={rows} total={total} page={page} pageSize={PAGE_SIZE} devInbox={devInbox} canRead={roleAllows(role, 'registrations.change')} canEdit={roleAllows(role, 'event.edit')} />,
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
    return reply.html(<MailPage ctx={pageContext(request, reply, assetVersion)} event={event} mail={mail} now={clock.now()} />);
  });

  app.get<{ Params: { slug: string; id: string } }>('/admin/events/:slug/mails/:id/html', async (request, reply) => {
    const { mail } = await mailFor(request);
    return reply.header('Content-Security-Policy', MAIL_PREVIEW_POLICY).type('text/html; charset=utf-8').send(mail.html_body);
  });

  /** Every mail of one registration with its delivery state; the registration must belong to the event. */
  async function registrationMailsPage(
    request: FastifyRequest<{ Params: { slug: string; id: string } }>, reply: FastifyReply, registrationId: number,
    notice?: { kind: 'success' | 'error'; text: string }, status = 200,
  ) {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.read');
    const registration = Number.isSafeInteger(registrationId) ? await services.registration.findById(registrationId) : undefined;
    if (!registration || registration.event_id !== event.id) throw new HttpError(404);
    const mails = await mailsOfRegistration(database.db, event.id, registration.id);
    return reply.html(
      <RegistrationMailsPage
        ctx={pageContext(request, reply, assetVersion, { csrf: true })} event={event} registration={registration} mails={mails} now={clock.now()}
        canRead={roleAllows(role, 'registrations.change')} canChange={roleAllows(role, 'registrations.change')} canEdit={roleAllows(role, 'event.edit')} notice={notice}
      />,
      status,
    );
  }

  app.get<{ Params: { slug: string; id: string }; Querystring: { done?: string } }>('/admin/events/:slug/registrations/:id/mails', async (request, reply) => {
    const notice = request.query.done === 'retried' ? { kind: 'success' as const, text: request.t.mailDelivery.retried } : undefined;
    return registrationMailsPage(request, reply, Number(request.params.id), notice);
  });

  // A mail that failed for good goes back into the queue: the same outbox row, so it stays one mail.
  app.post<{ Params: { slug: string; id: string } }>('/admin/events/:slug/mails/:id/retry', async (request, reply) => {
    const { event, mail } = await mailFor(request);
    const outcome = await requeueFailedMail(database.db, clock, { id: request.organizer!.id, label: request.organizer!.name }, event.id, mail.id);
    if (outcome === 'requeued') services.mailWorker.kick();
    if (mail.registration_id === null) {
      if (outcome !== 'requeued') throw new HttpError(409);
      return reply.redirect(`/admin/events/${event.slug}/mails/${mail.id}`, 303);
    }
    if (outcome !== 'requeued') {
      return registrationMailsPage(request, reply, mail.registration_id, { kind: 'error', text: request.t.mailDelivery.notFailed }, 409);
    }
    return reply.redirect(`/admin/events/${event.slug}/registrations/${mail.registration_id}/mails?done=retried`, 303);
  });
};

// Back office of privacy: an event's retention period (the Datenschutz tab), and for platform
// admins, access and erasure requests for any address (DSGVO Art. 15, 17).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { field, isEmailAddress } from '../../platform/http/form.js';
import type { Actor } from '../../platform/audit/audit.js';
import { eventForOrganizer, roleAllows } from '../access/access.policy.js';
import type { LabEvent } from '../events/events.types.js';
import type { EventRole } from '../access/access.tables.js';
import { PersonDataPage } from './views/PersonDataPage.js';
import { processingActivities, recordMarkdown, settingsFrom } from './processing.js';
import { PrivacyAdminPage, RetentionPage } from './views/PrivacyPages.js';

export const privacyAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { config, services, assetVersion, database, clock }) => {
  const { retention, person } = services;
  const guard = { db: database.db, findBySlug: services.events.findBySlug };
  const ctx = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, assetVersion, { csrf: true });
  const actor = (request: FastifyRequest): Actor => ({ id: request.organizer!.id, label: request.organizer!.name });

  async function retentionPage(request: FastifyRequest, reply: FastifyReply, event: LabEvent, role: EventRole, form: { value?: string; error?: string; saved?: boolean } = {}, status = 200) {
    const current = await retention.retentionOf(event);
    return reply.html(
      <RetentionPage ctx={ctx(request, reply)} event={event} retention={current} limits={retention.limits}
        value={form.value ?? (current.chosen ? String(current.days) : '')} error={form.error} saved={form.saved ?? false} canEdit={roleAllows(role, 'event.edit')} />,
      status,
    );
  }

  app.get<{ Params: { slug: string }; Querystring: { saved?: string } }>('/admin/events/:slug/privacy', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'team.read');
    return retentionPage(request, reply, event, role, { saved: Boolean(request.query.saved) });
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/privacy', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const value = field(request.body, 'days').trim();
    const days = value === '' ? null : /^\d{1,4}$/.test(value) ? Number(value) : NaN;
    const { minDays, maxDays } = retention.limits;
    if ((await retention.retentionOf(event)).anonymisedAt) throw new HttpError(409);
    if (days !== null && !(await retention.setDays(event, days, actor(request)))) {
      return retentionPage(request, reply, event, role, { value, error: request.t.privacy.retention.invalid(minDays, maxDays) }, 422);
    }
    if (days === null) await retention.setDays(event, null, actor(request));
    return reply.redirect(`/admin/events/${event.slug}/privacy?saved=1`, 303);
  });

  // ---- Access and erasure for any address: platform admins only ---------------------------------
  const adminOnly = (request: FastifyRequest) => {
    if (!request.organizer!.isAdmin) throw new HttpError(403);
  };
  const addressFrom = (request: FastifyRequest) => field(request.body, 'email').trim().toLowerCase();

  app.get('/admin/privacy', async (request, reply) => {
    adminOnly(request);
    return reply.html(<PrivacyAdminPage ctx={ctx(request, reply)} email="" />);
  });

  app.post('/admin/privacy', async (request, reply) => {
    adminOnly(request);
    const email = addressFrom(request);
    if (!isEmailAddress(email)) return reply.html(<PrivacyAdminPage ctx={ctx(request, reply)} email={email} error={request.t.validation.invalidEmail} />, 422);
    const data = await person.collect(email);
    const found = data.registrations.length > 0 || data.community.member ? { registrations: data.registrations.length, member: data.community.member !== null } : null;
    return reply.html(<PrivacyAdminPage ctx={ctx(request, reply)} email={email} found={found} />);
  });

  app.get('/admin/privacy/record.md', async (request, reply) => {
    adminOnly(request);
    const markdown = recordMarkdown(processingActivities(settingsFrom(config), request.locale), request.locale, clock.now());
    return reply.type('text/markdown; charset=utf-8').header('Content-Disposition', 'attachment; filename="verarbeitungsverzeichnis.md"').send(markdown);
  });

  app.post('/admin/privacy/export', async (request, reply) => {
    adminOnly(request);
    const email = addressFrom(request);
    if (!isEmailAddress(email)) throw new HttpError(400);
    const data = await person.collect(email);
    await person.recordExport(email, actor(request));
    if (field(request.body, 'format') === 'json') {
      return reply.type('application/json; charset=utf-8').header('Content-Disposition', 'attachment; filename="labcamp-auskunft.json"').send(JSON.stringify(data, null, 2));
    }
    return reply.html(<PersonDataPage ctx={pageContext(request, reply, assetVersion)} data={data} back={{ href: '/admin/privacy', label: request.t.privacy.admin.title }} />);
  });

  app.post('/admin/privacy/erase', async (request, reply) => {
    adminOnly(request);
    const email = addressFrom(request);
    if (!isEmailAddress(email)) throw new HttpError(400);
    const a = request.t.privacy.admin;
    if (field(request.body, 'confirm') !== 'yes') {
      const data = await person.collect(email);
      return reply.html(<PrivacyAdminPage ctx={ctx(request, reply)} email={email} found={{ registrations: data.registrations.length, member: data.community.member !== null }} error={a.confirmMissing} />, 422);
    }
    const done = await person.erase(email, actor(request));
    return reply.html(<PrivacyAdminPage ctx={ctx(request, reply)} email="" notice={a.erased(done.registrations)} />);
  });
};

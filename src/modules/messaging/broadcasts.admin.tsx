// Back office of messages to registrations: the list of drafts and sent messages; writing one
// (saved as a draft, with a preview), a test mail to oneself, then sending to the number of
// recipients shown. Reading needs the right to see registrations, everything else the right to
// change them.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { field } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { eventForOrganizer, roleAllows, type EventAction, type EventRole } from '../access/access.policy.js';
import type { LabEvent } from '../events/events.types.js';
import { BroadcastError, type Broadcast } from './broadcasts.service.js';
import { type BroadcastFormValues, broadcastPlaceholders, defaultBroadcastForm, formValues, readBroadcastForm, validateBroadcastForm } from './broadcasts.form.js';
import { MAIL_PREVIEW_POLICY } from './messaging.admin.js';
import { sampleMailContext } from './sample.js';
import { type RenderedMail, renderTemplate } from './templates.js';
import { BroadcastPage, BroadcastsPage } from './views/BroadcastsPage.js';

type Params = { slug: string; id: string };
type Query = { done?: string };

export const broadcastsAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database, config, clock }) => {
  const guard = { db: database.db, findBySlug: services.events.findBySlug };
  const broadcasts = services.broadcasts;
  const actor = (request: FastifyRequest) => ({ id: request.organizer!.id, label: request.organizer!.name });
  const base = (event: LabEvent) => `/admin/events/${event.slug}/broadcasts`;

  /** The message as a registrant would get it, with sample values (and `name` for a test mail). */
  const sample = (event: LabEvent, b: Pick<Broadcast, 'subject' | 'body' | 'locale'>, name?: string): RenderedMail =>
    renderTemplate(b.locale, b, sampleMailContext(config, clock, event, b.locale, name));

  async function target(request: FastifyRequest<{ Params: Params }>, action: EventAction) {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, action);
    const id = Number(request.params.id);
    const broadcast = Number.isSafeInteger(id) ? await broadcasts.get(event.id, id) : null;
    if (!broadcast) throw new HttpError(404);
    return { event, role, broadcast };
  }

  app.get<{ Params: { slug: string }; Querystring: Query }>('/admin/events/:slug/broadcasts', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.read');
    const notice = request.query.done === 'deleted' ? request.t.broadcasts.deleted : undefined;
    return reply.html(
      <BroadcastsPage ctx={pageContext(request, reply, assetVersion)} event={event} broadcasts={await broadcasts.list(event.id)} notice={notice}
        canWrite={roleAllows(role, 'registrations.change')} canEditEvent={roleAllows(role, 'event.edit')}
      />,
    );
  });

  /** The editor of a new message or of a draft (with its preview and the steps to send it). */
  async function showEditor(
    request: FastifyRequest, reply: FastifyReply, event: LabEvent, role: EventRole, broadcast: Broadcast | null,
    form?: { values: BroadcastFormValues; errors: FieldErrors }, status = 200, problem?: string,
  ) {
    const values = form?.values ?? (broadcast ? formValues(broadcast) : defaultBroadcastForm(request.locale));
    const b = request.t.broadcasts;
    const notice = form || problem ? undefined : { saved: b.saved, tested: b.tested(request.organizer!.email), sent: b.sentNotice }[(request.query as Query).done ?? ''];
    const unsaved = form !== undefined;
    return reply.html(
      <BroadcastPage
        ctx={pageContext(request, reply, assetVersion, { csrf: true })} event={event} broadcast={broadcast} values={values} errors={form?.errors ?? {}}
        placeholders={broadcastPlaceholders(values.statuses)} notice={notice} problem={problem} organizerEmail={request.organizer!.email}
        // What the saved draft would send: shown only while the form holds no unsaved changes.
        preview={broadcast && !unsaved ? sample(event, broadcast) : undefined}
        recipients={broadcast && !unsaved ? await broadcasts.recipientCount(event, broadcast) : undefined}
        delivery={broadcast?.state === 'sent' ? await broadcasts.delivery(event.id, broadcast.id) : undefined}
        canWrite canEditEvent={roleAllows(role, 'event.edit')}
      />,
      status,
    );
  }

  app.get<{ Params: { slug: string } }>('/admin/events/:slug/broadcasts/new', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.change');
    return showEditor(request, reply, event, role, null);
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/broadcasts', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.change');
    const values = readBroadcastForm(request.body);
    const { text, errors } = validateBroadcastForm(values, request.t, request.locale);
    if (!text) return showEditor(request, reply, event, role, null, { values, errors }, 422);
    const id = await broadcasts.create(event, text, actor(request));
    return reply.redirect(`${base(event)}/${id}?done=saved`, 303);
  });

  app.get<{ Params: Params; Querystring: Query }>('/admin/events/:slug/broadcasts/:id', async (request, reply) => {
    const { event, role, broadcast } = await target(request, 'registrations.read');
    if (broadcast.state === 'draft' && roleAllows(role, 'registrations.change')) return showEditor(request, reply, event, role, broadcast);
    // Sent messages (and drafts, for read-only roles) are shown as they are.
    const b = request.t.broadcasts;
    const notice = request.query.done === 'sent' ? b.sentNotice : undefined;
    return reply.html(
      <BroadcastPage
        ctx={pageContext(request, reply, assetVersion)} event={event} broadcast={broadcast} values={formValues(broadcast)} errors={{}}
        placeholders={[]} notice={notice} organizerEmail={request.organizer!.email} preview={sample(event, broadcast)}
        recipients={broadcast.state === 'draft' ? await broadcasts.recipientCount(event, broadcast) : undefined}
        delivery={broadcast.state === 'sent' ? await broadcasts.delivery(event.id, broadcast.id) : undefined}
        canWrite={false} canEditEvent={roleAllows(role, 'event.edit')}
      />,
    );
  });

  /** Runs a change to a draft; a message that went out meanwhile is shown as sent (409). */
  async function onDraft(reply: FastifyReply, event: LabEvent, id: number, change: () => Promise<FastifyReply>): Promise<FastifyReply> {
    try {
      return await change();
    } catch (error) {
      if (error instanceof BroadcastError) {
        if (error.reason === 'not-found') throw new HttpError(404);
        return reply.redirect(`${base(event)}/${id}`, 303);
      }
      throw error;
    }
  }

  app.post<{ Params: Params }>('/admin/events/:slug/broadcasts/:id', async (request, reply) => {
    const { event, role, broadcast } = await target(request, 'registrations.change');
    const values = readBroadcastForm(request.body);
    const { text, errors } = validateBroadcastForm(values, request.t, request.locale);
    if (!text) return showEditor(request, reply, event, role, broadcast, { values, errors }, 422);
    return onDraft(reply, event, broadcast.id, async () => {
      await broadcasts.update(event, broadcast.id, text, actor(request));
      return reply.redirect(`${base(event)}/${broadcast.id}?done=saved`, 303);
    });
  });

  app.post<{ Params: Params }>('/admin/events/:slug/broadcasts/:id/test', async (request, reply) => {
    const { event, broadcast } = await target(request, 'registrations.change');
    const me = request.organizer!;
    const mail = sample(event, broadcast, me.name);
    const test = { ...mail, subject: `${request.t.broadcasts.testPrefix} ${mail.subject}` };
    return onDraft(reply, event, broadcast.id, async () => {
      await broadcasts.sendTest(event, broadcast.id, { id: me.id, name: me.name, email: me.email }, test);
      return reply.redirect(`${base(event)}/${broadcast.id}?done=tested`, 303);
    });
  });

  app.post<{ Params: Params }>('/admin/events/:slug/broadcasts/:id/send', async (request, reply) => {
    const { event, role, broadcast } = await target(request, 'registrations.change');
    const b = request.t.broadcasts;
    const expected = Number(field(request.body, 'expected'));
    if (!Number.isSafeInteger(expected) || expected < 0) throw new HttpError(400);
    return onDraft(reply, event, broadcast.id, async () => {
      const outcome = await broadcasts.send(event, broadcast.id, expected, actor(request));
      if (outcome.kind === 'sent') return reply.redirect(`${base(event)}/${broadcast.id}?done=sent`, 303);
      const problem = outcome.kind === 'not-tested' ? b.notTested
        : outcome.kind === 'no-recipients' ? b.noRecipients
        : b.recipientsChanged(outcome.expected, outcome.now);
      return showEditor(request, reply, event, role, (await broadcasts.get(event.id, broadcast.id))!, undefined, 409, problem);
    });
  });

  // The HTML part with sample values, under the sandboxing policy of the mail view.
  app.get<{ Params: Params }>('/admin/events/:slug/broadcasts/:id/html', async (request, reply) => {
    const { event, broadcast } = await target(request, 'registrations.read');
    return reply.header('Content-Security-Policy', MAIL_PREVIEW_POLICY).type('text/html; charset=utf-8').send(sample(event, broadcast).html);
  });

  app.post<{ Params: Params }>('/admin/events/:slug/broadcasts/:id/delete', async (request, reply) => {
    const { event, broadcast } = await target(request, 'registrations.change');
    return onDraft(reply, event, broadcast.id, async () => {
      await broadcasts.remove(event, broadcast.id, actor(request));
      return reply.redirect(`${base(event)}?done=deleted`, 303);
    });
  });
};

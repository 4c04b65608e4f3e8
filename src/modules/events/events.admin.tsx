// Back office of the events module: the list of events the organizer works on; creating,
// cloning, editing, publishing and cancelling events. Changes that people registered must hear
// about (cancelled, new date or place) are mailed from the same transaction as the change.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import type { Actor } from '../../platform/audit/audit.js';
import { pageContext } from '../../platform/http/request-context.js';
import { checkText, field, normalizeText } from '../../platform/http/form.js';
import { HttpError } from '../../platform/http/errors.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { eventForOrganizer, eventIdsOf } from '../access/access.policy.js';
import { addOwner } from '../access/team.service.js';
import { AdminDashboard } from './views/AdminDashboard.js';
import { CancelEventPage, type EditMode, EventEditPage } from './views/EventEditPage.js';
import { type EventFormValues, emptyEventForm, eventFormValues, readEventForm, validateEventForm } from './events.form.js';
import { EventStateError } from './events.service.js';
import type { LabEvent } from './events.types.js';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;
const ADMISSION_MODES = ['automatic', 'approval'] as const;
type AdmissionMode = (typeof ADMISSION_MODES)[number];
const ACTIVE = ['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered'];

export const eventsAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database, clock, pageCache }) => {
  const { db } = database;
  const guard = { db, findBySlug: services.events.findBySlug };
  const ctx = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, assetVersion, { csrf: true });
  const actor = (request: FastifyRequest): Actor => ({ id: request.organizer!.id, label: request.organizer!.name });

  /** After a commit: the services cleared the public page cache inside the transaction, when a
   * concurrent request could still render the old state; clear it once more now. */
  const committed = () => {
    pageCache.clear();
    services.mailWorker.kick();
  };

  async function activeRegistrations(eventId: number): Promise<number> {
    const stats = await services.registration.statistics(eventId);
    return ACTIVE.reduce((sum, status) => sum + (stats.byStatus[status] ?? 0), 0);
  }

  app.get('/admin', async (request, reply) => {
    const [events, mine] = await Promise.all([services.events.listAll(), eventIdsOf(db, request.organizer!)]);
    const visible = mine === null ? events : events.filter((event) => mine.includes(event.id));
    return reply.html(<AdminDashboard ctx={ctx(request, reply)} events={visible} />);
  });

  /** The event a new one is cloned from, if the organizer may see it. */
  async function cloneSource(request: FastifyRequest, from: string): Promise<LabEvent | null> {
    if (!from) return null;
    return (await eventForOrganizer(guard, request.organizer!, from, 'registrations.read')).event;
  }

  function showForm(request: FastifyRequest, reply: FastifyReply, state: { mode: EditMode; values: EventFormValues; admissionMode: string; errors?: FieldErrors; notice?: { kind: 'success' | 'error'; text: string }; notify?: boolean; changeNote?: string }, status = 200) {
    return reply.html(<EventEditPage ctx={ctx(request, reply)} {...state} errors={state.errors ?? {}} />, status);
  }

  function readAdmission(body: unknown): AdmissionMode | null {
    const value = field(body, 'admission_mode');
    return ADMISSION_MODES.find((mode) => mode === value) ?? null;
  }

  app.get<{ Querystring: { from?: string } }>('/admin/events/new', async (request, reply) => {
    const source = await cloneSource(request, request.query.from ?? '');
    if (!source) return showForm(request, reply, { mode: { kind: 'new' }, values: emptyEventForm(request.organizer!.email), admissionMode: 'automatic' });
    const values = { ...eventFormValues(source, { keepDates: false }), slug: '' };
    return showForm(request, reply, { mode: { kind: 'clone', source }, values, admissionMode: (await services.registration.policy(source.id)).admissionMode });
  });

  app.post('/admin/events/new', async (request, reply) => {
    const source = await cloneSource(request, field(request.body, 'from'));
    const mode: EditMode = source ? { kind: 'clone', source } : { kind: 'new' };
    const values = readEventForm(request.body);
    const admissionMode = readAdmission(request.body);
    const checked = validateEventForm(values, request.t, { creating: true, status: 'draft' });
    const errors = { ...checked.errors };
    if (!admissionMode) errors.admission_mode = request.t.eventForm.errors.choose;
    if (!errors.slug && (await services.events.slugTaken(values.slug))) errors.slug = request.t.eventForm.errors.slugTaken;
    if (!checked.event || Object.keys(errors).length > 0) return showForm(request, reply, { mode, values, admissionMode: admissionMode ?? '', errors }, 422);

    const organizer = request.organizer!;
    await db.transaction().execute(async (trx) => {
      const id = await services.events.createEvent(checked.event!, actor(request), trx);
      await addOwner(trx, clock, { eventId: id, organizerId: organizer.id }, actor(request));
      if (source) {
        await services.registration.copySetup(trx, source.id, id);
        await services.program.copy(trx, source.id, id);
      }
      await services.registration.setAdmissionMode(trx, id, admissionMode!);
    });
    committed();
    return reply.redirect(`/admin/events/${checked.event.slug}/edit?done=created`, 303);
  });

  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>('/admin/events/:slug/edit', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const t = request.t.eventForm;
    const done = request.query.done;
    const notified = Number.parseInt(request.query.done?.replace(/^notified-/, '') ?? '', 10);
    const notice = done === 'created' ? t.created : done === 'saved' ? t.saved : done === 'published' ? t.published
      : done?.startsWith('notified-') && Number.isFinite(notified) ? t.savedAndNotified(notified)
      : done?.startsWith('cancelled-') ? t.cancelled(Number.parseInt(done.slice(10), 10) || 0) : undefined;
    return showForm(request, reply, {
      mode: { kind: 'edit', event, registered: await activeRegistrations(event.id) }, values: eventFormValues(event),
      admissionMode: (await services.registration.policy(event.id)).admissionMode, ...(notice ? { notice: { kind: 'success' as const, text: notice } } : {}),
    });
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/edit', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const values = { ...readEventForm(request.body), slug: event.slug };
    const admissionMode = readAdmission(request.body);
    const notify = field(request.body, 'notify') === 'yes';
    const changeNote = normalizeText(field(request.body, 'change_note')).trim();
    const checked = validateEventForm(values, request.t, { creating: false, status: event.status });
    const errors = { ...checked.errors };
    if (!admissionMode) errors.admission_mode = request.t.eventForm.errors.choose;
    const noteError = checkText(changeNote, request.t, { max: 1000 });
    if (noteError) errors.change_note = noteError;
    const registered = await activeRegistrations(event.id);
    if (!checked.event || Object.keys(errors).length > 0) {
      return showForm(request, reply, { mode: { kind: 'edit', event, registered }, values, admissionMode: admissionMode ?? '', errors, notify, changeNote }, 422);
    }
    const notified = await db.transaction().execute(async (trx) => {
      const { scheduleChanged } = await services.events.updateEvent(event, checked.event!, actor(request), trx);
      await services.registration.setAdmissionMode(trx, event.id, admissionMode!);
      const updated = (await services.events.findByIdIn(trx, event.id))!;
      await services.registration.seatsMayHaveFreed(trx, updated);
      if (scheduleChanged && notify && event.status === 'published') {
        return services.registration.notifyEventChange(trx, updated, 'event_changed', changeNote || null);
      }
      return 0;
    });
    committed();
    return reply.redirect(`/admin/events/${event.slug}/edit?done=${notified > 0 ? `notified-${notified}` : 'saved'}`, 303);
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/publish', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    try {
      await db.transaction().execute((trx) => services.events.setStatus(event, 'published', actor(request), trx));
      committed();
    } catch (error) {
      if (error instanceof EventStateError) throw new HttpError(409);
      throw error;
    }
    return reply.redirect(`/admin/events/${event.slug}/edit?done=published`, 303);
  });

  async function cancelPage(request: SlugRequest, reply: FastifyReply, event: LabEvent, note: string, error?: string | null, status = 200) {
    if (event.status === 'cancelled') return reply.redirect(`/admin/events/${event.slug}/edit`, 303);
    return reply.html(<CancelEventPage ctx={ctx(request, reply)} event={event} registered={await activeRegistrations(event.id)} note={note} error={error ?? undefined} />, status);
  }

  app.get<{ Params: { slug: string } }>('/admin/events/:slug/cancel', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    return cancelPage(request, reply, event, '');
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/cancel', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const note = normalizeText(field(request.body, 'note')).trim();
    const error = checkText(note, request.t, { max: 1000 });
    if (error) return cancelPage(request, reply, event, note, error, 422);
    let mailed = 0;
    try {
      mailed = await db.transaction().execute(async (trx) => {
        await services.events.setStatus(event, 'cancelled', actor(request), trx);
        const cancelled = (await services.events.findByIdIn(trx, event.id))!;
        return services.registration.notifyEventChange(trx, cancelled, 'event_cancelled', note || null);
      });
    } catch (e) {
      if (e instanceof EventStateError) return reply.redirect(`/admin/events/${event.slug}/edit`, 303);
      throw e;
    }
    committed();
    return reply.redirect(`/admin/events/${event.slug}/edit?done=cancelled-${mailed}`, 303);
  });
};

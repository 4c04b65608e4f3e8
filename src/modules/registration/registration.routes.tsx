// Public pages of registration: the form, the "lost link" form and the personal page.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { absoluteUrl } from '../../config.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { field, isEmailAddress } from '../../platform/http/form.js';
import { formatShortDate } from '../../platform/time.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { eventCalendar } from '../events/events.structured.js';
import type { LabEvent } from '../events/events.types.js';
import { EMPTY_FORM, type FormValues, readForm, validateForm } from './registration.form.js';
import { RegistrationError, confirmDeadlineLabel } from './registration.service.js';
import type { Registration } from './registration.types.js';
import { LinkRequestPage, RegistrationFormPage, RegistrationMessagePage } from './views/RegistrationPages.js';
import { PersonalPage } from './views/PersonalPage.js';
import { ParticipantsPage } from './views/ParticipantsPage.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;
type TokenRequest = FastifyRequest<{ Params: { token: string }; Querystring: { cancel?: string; saved?: string; done?: string } }>;

export const registrationRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { config, services, assetVersion, clock }) => {
  const publicFormLimit = config.rateLimits ? { max: 30, timeWindow: '1 minute' } : false;
  const ctx = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, assetVersion, { csrf: true });

  async function publicEvent(request: SlugRequest): Promise<LabEvent> {
    if (!SLUG.test(request.params.slug)) throw new HttpError(404);
    const event = await services.events.findPublic(request.params.slug);
    if (!event) throw new HttpError(404);
    return event;
  }

  /** The page that says why there is no form: closed, not yet open, cancelled, past. */
  function closedPage(request: FastifyRequest, reply: FastifyReply, event: LabEvent) {
    const window = services.events.registrationWindow(event);
    const r = request.t.registration;
    const line = window.state === 'not-yet-open' ? r.notYetOpen(formatShortDate(window.opensAt, event.timeZone, request.locale))
      : window.state === 'cancelled' ? request.t.event.cancelled : r.closed;
    return reply.html(<RegistrationMessagePage ctx={ctx(request, reply)} event={event} title={r.closedTitle} lines={[line]} kind="warning" />, 409);
  }

  async function showForm(request: FastifyRequest, reply: FastifyReply, event: LabEvent, values: FormValues, errors: FieldErrors, status = 200) {
    const [questions, knownLabs] = await Promise.all([services.registration.questions(event.id), services.registration.knownLabs()]);
    return reply.header('Cache-Control', 'no-store').html(
      <RegistrationFormPage ctx={ctx(request, reply)} event={event} values={values} errors={errors} questions={questions} knownLabs={knownLabs} />, status,
    );
  }

  app.get<{ Params: { slug: string } }>('/events/:slug/register', async (request, reply) => {
    const event = await publicEvent(request);
    if (services.events.registrationWindow(event).state !== 'open') return closedPage(request, reply, event);
    return showForm(request, reply, event, EMPTY_FORM, {});
  });

  app.post<{ Params: { slug: string } }>('/events/:slug/register', { config: { rateLimit: publicFormLimit } }, async (request, reply) => {
    const event = await publicEvent(request);
    if (services.events.registrationWindow(event).state !== 'open') return closedPage(request, reply, event);
    const questions = await services.registration.questions(event.id);
    const values = readForm(request.body, questions);
    const checked = validateForm(values, questions, request.t, { requireEmail: true, requirePrivacy: true });
    if (!checked.details) return showForm(request, reply, event, values, checked.errors, 422);

    const outcome = await services.registration.register(event, checked.details, request.locale);
    const r = request.t.registration;
    if (outcome.kind === 'closed') return closedPage(request, reply, event);
    if (outcome.kind === 'duplicate') {
      return reply.html(<RegistrationMessagePage ctx={ctx(request, reply)} event={event} title={r.duplicateTitle} lines={[r.duplicate(checked.details.email), r.noMail]} />);
    }
    const policy = await services.registration.policy(event.id);
    const deadline = confirmDeadlineLabel(new Date(clock.now().getTime() + policy.confirmHours * 3600_000), event, request.locale);
    const next = policy.admissionMode === 'approval' ? r.doneApproval : outcome.holdsSeat ? r.doneSeat : r.doneWaitlist;
    return reply.html(<RegistrationMessagePage ctx={ctx(request, reply)} event={event} title={r.doneTitle} lines={[r.done(checked.details.email, deadline), next, r.noMail]} kind="success" />);
  });

  app.get<{ Params: { slug: string } }>('/events/:slug/link', async (request, reply) => {
    const event = await publicEvent(request);
    return reply.header('Cache-Control', 'no-store').html(<LinkRequestPage ctx={ctx(request, reply)} event={event} email="" sent={false} />);
  });

  app.post<{ Params: { slug: string } }>('/events/:slug/link', { config: { rateLimit: publicFormLimit } }, async (request, reply) => {
    const event = await publicEvent(request);
    const email = field(request.body, 'email').trim();
    if (!isEmailAddress(email)) {
      return reply.html(<LinkRequestPage ctx={ctx(request, reply)} event={event} email={email} error={request.t.validation.invalidEmail} sent={false} />, 422);
    }
    // The same answer whether or not the address is registered.
    await services.registration.requestLink(event, email);
    return reply.html(<LinkRequestPage ctx={ctx(request, reply)} event={event} email="" sent />);
  });

  // The personal page. Its token is the only key: responses are private and never cached.
  async function personal(request: TokenRequest, reply: FastifyReply, extra: { values?: FormValues; errors?: FieldErrors; notice?: string; status?: number } = {}) {
    reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');
    const view = await services.registration.personalView(request.params.token);
    if (!view) {
      return reply.html(<RegistrationMessagePage ctx={ctx(request, reply)} event={await anyEvent()} title={request.t.personal.invalidTitle} lines={[request.t.personal.invalid]} kind="warning" />, 404);
    }
    const values = extra.values ?? valuesOf(view.registration, view.answers);
    const knownLabs = await services.registration.knownLabs();
    const notice = extra.notice ?? (request.query.saved ? request.t.personal.saved : request.query.done === 'confirm' ? request.t.personal.confirmed : undefined);
    return reply.html(
      <PersonalPage
        ctx={ctx(request, reply)} token={request.params.token} event={view.event} registration={view.registration} questions={view.questions}
        values={values} errors={extra.errors ?? {}} knownLabs={knownLabs} waitlistPosition={view.waitlistPosition}
        notice={notice} askCancel={request.query.cancel === '1'}
        outcomes={view.registration.status === 'admitted' && (await services.reports.settings(view.event.id)).visibility !== 'team'}
      />, extra.status ?? 200,
    );
  }

  /** An invalid link still gets a page with a way back: the next public event. */
  async function anyEvent(): Promise<LabEvent> {
    const { upcoming, past } = await services.events.publicListing();
    const event = upcoming[0] ?? past[0];
    if (!event) throw new HttpError(404);
    return event;
  }

  app.get<{ Params: { token: string }; Querystring: { cancel?: string; saved?: string; done?: string } }>('/r/:token', async (request, reply) => personal(request, reply));

  app.post<{ Params: { token: string }; Querystring: { cancel?: string; saved?: string; done?: string } }>('/r/:token', { config: { rateLimit: publicFormLimit } }, async (request, reply) => {
    const view = await services.registration.personalView(request.params.token);
    if (!view) return personal(request, reply);
    const values = { ...readForm(request.body, view.questions), email: view.registration.email, privacy: true };
    const checked = validateForm(values, view.questions, request.t, { requireEmail: false, requirePrivacy: false });
    if (!checked.details) return personal(request, reply, { values, errors: checked.errors, status: 422 });
    await guard(() => services.registration.updateDetails(request.params.token, checked.details));
    return reply.redirect(`/r/${request.params.token}?saved=1`, 303);
  });

  app.post<{ Params: { token: string } }>('/r/:token/confirm', { config: { rateLimit: publicFormLimit } }, async (request, reply) => {
    await guard(() => services.registration.confirm(request.params.token));
    return reply.redirect(`/r/${request.params.token}?done=confirm`, 303);
  });

  app.post<{ Params: { token: string } }>('/r/:token/accept', { config: { rateLimit: publicFormLimit } }, async (request, reply) => {
    await guard(() => services.registration.acceptOffer(request.params.token));
    return reply.redirect(`/r/${request.params.token}`, 303);
  });

  app.post<{ Params: { token: string } }>('/r/:token/cancel', { config: { rateLimit: publicFormLimit } }, async (request, reply) => {
    if (field(request.body, 'confirm') !== 'yes') return reply.redirect(`/r/${request.params.token}?cancel=1#cancel`, 303);
    await guard(() => services.registration.cancelByToken(request.params.token));
    return reply.redirect(`/r/${request.params.token}`, 303);
  });

  app.get<{ Params: { token: string } }>('/r/:token/participants', async (request, reply) => {
    const view = await services.registration.personalView(request.params.token);
    if (!view) throw new HttpError(404);
    // For admitted participants only: the list is part of the confidential setting.
    if (view.registration.status !== 'admitted') throw new HttpError(403);
    const people = await services.registration.listedParticipants(view.event.id);
    return reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex').html(
      <ParticipantsPage ctx={ctx(request, reply)} event={view.event} token={request.params.token} people={people} listed={view.registration.listed} />,
    );
  });

  app.get<{ Params: { token: string } }>('/r/:token/event.ics', async (request, reply) => {
    const view = await services.registration.personalView(request.params.token);
    if (!view || view.registration.status !== 'admitted') throw new HttpError(404);
    const url = absoluteUrl(config, `/events/${view.event.slug}`);
    return reply.type('text/calendar; charset=utf-8').header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="${view.event.slug}.ics"`)
      .send(eventCalendar(view.event, url, config.baseUrl.hostname, request.locale, clock.now()));
  });
};

/** Domain refusals become 404/409 pages; everything else is a real error. */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof RegistrationError) throw new HttpError(error.reason === 'not-found' ? 404 : 409);
    throw error;
  }
}

function valuesOf(reg: Registration, answers: Record<number, string | string[]>): FormValues {
  return {
    name: reg.name, email: reg.email, organisation: reg.organisation, level: reg.level, land: reg.land ?? '',
    role: reg.role ?? '', privacy: true, listed: reg.listed, answers,
  };
}


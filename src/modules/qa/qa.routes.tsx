// The Q&A page of the live room, /events/:slug/live/questions, behind the room's own access rules:
// admitted participants with a live session and the event's team. Moderating needs
// 'live.control' (owner, organizer, moderator). Everyone else gets the live room's refusal.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { CONTROL_CHARS, field, normalizeText } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import type { LabEvent } from '../events/events.types.js';
import { roomMember } from '../live/live.member.js';
import type { AgendaItem } from '../program/program.types.js';
import { type Asker, MODERATOR_ACTIONS, type ModeratorAction, QUESTION_MAX, QUESTION_MIN, REPLY_MAX, type QuestionSort } from './qa.service.js';
import { renderFragment } from '../../platform/html/render.js';
import { type AskValues, type EditProblem, QuestionList, QuestionsPage } from './views/QuestionsPage.js';
import { PresenterPage, PresenterQuestion } from './views/PresenterPage.js';

/** Agenda items a question can be about. */
const ASKABLE = new Set(['talk', 'qa', 'welcome', 'closing', 'other']);

type Req = FastifyRequest<{ Params: { slug: string; id?: string }; Querystring: { sort?: string; item?: string; done?: string; fragment?: string } }>;

export const qaRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { config, services, assetVersion, clock }) => {
  const { live, qa } = services;
  const askLimit = config.rateLimits ? { max: 30, timeWindow: '1 minute' } : false;
  const privateReply = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');

  /** The event and who is asking; 403 for anyone the live room would refuse. */
  async function participant(request: Req) {
    const inside = await roomMember(services, request);
    const asker: Asker = inside.member;
    const state = live.state(inside.event, await live.room(inside.event.id)).state;
    // Questions can come in before the start (as in Slido) but not once the room is closed or over.
    const canAsk = state === 'open' || state === 'not-yet-open';
    return { event: inside.event, asker, key: inside.key, moderator: inside.moderator, canAsk };
  }

  /** Who did it, for the audit log: a team member's account (moderators are always team). */
  const actorOf = (who: { asker: Asker }) => ({ id: who.asker.kind === 'team' ? who.asker.organizerId : null, label: who.asker.name });

  /** Tells everyone inside (or, for a question that waits, the moderators and its asker) that questions changed. */
  async function announce(eventId: number, kind: 'question' | 'vote', data: object, audience: string[] = ['all']): Promise<void> {
    try {
      await services.liveFeed.post(eventId, kind, data, audience);
    } catch (error) {
      // The change is saved; without the update, pages are current on their next reload.
      app.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'live update not sent');
    }
  }

  async function askableItems(event: LabEvent): Promise<AgendaItem[]> {
    return (await services.program.forEvent(event.id)).agenda.filter((i) => ASKABLE.has(i.kind));
  }

  /** The item a question goes to by default: the one running now, else the whole meeting. */
  function currentItem(items: AgendaItem[], now: Date): string {
    const running = items.find((i) => i.startsAt && i.durationMinutes && i.startsAt <= now && now.getTime() < i.startsAt.getTime() + i.durationMinutes * 60_000);
    return running ? String(running.id) : 'general';
  }

  async function show(
    request: Req, reply: FastifyReply, who: Awaited<ReturnType<typeof participant>>,
    form?: { values?: AskValues; errors?: FieldErrors; edit?: EditProblem }, status = 200,
  ) {
    const { event, asker, moderator } = who;
    const items = await askableItems(event);
    const sort: QuestionSort = request.query.sort === 'new' ? 'new' : 'popular';
    const filter = request.query.item === 'general' || items.some((i) => String(i.id) === request.query.item) ? request.query.item! : 'all';
    const agendaItemId = filter === 'all' ? undefined : filter === 'general' ? null : Number(filter);
    // The feed position first, then the list: an update in between is fetched again, never lost.
    const since = await services.liveFeed.head(event.id);
    const questions = await qa.list(event.id, { asker, sort, agendaItemId, all: moderator });
    const ctx = pageContext(request, reply, assetVersion, { csrf: true });
    if (request.query.fragment === 'list') {
      return privateReply(reply).htmlString(renderFragment(<QuestionList ctx={ctx} event={event} items={items} questions={questions} moderator={moderator} />));
    }
    const settings = await qa.settings(event.id);
    const q = request.t.qa;
    const notice = form ? undefined : ({ asked: q.asked, held: q.held, saved: q.saved } as Record<string, string>)[request.query.done ?? ''];
    return privateReply(reply).html(
      <QuestionsPage
        ctx={ctx} event={event} items={items} since={since}
        questions={questions} sort={sort} filter={filter}
        values={form?.values ?? { text: '', about: currentItem(items, clock.now()), anonymous: false }} errors={form?.errors ?? {}} editProblem={form?.edit}
        allowAnonymous={settings.allowAnonymous} canAsk={who.canAsk} moderator={moderator} notice={notice}
      />,
      status,
    );
  }

  const back = (event: LabEvent, request: Req, done?: string) => {
    const params = new URLSearchParams();
    if (request.query.sort) params.set('sort', request.query.sort);
    if (request.query.item) params.set('item', request.query.item);
    if (done) params.set('done', done);
    const query = params.toString();
    return `/events/${event.slug}/live/questions${query ? `?${query}` : ''}`;
  };

  app.get<{ Params: { slug: string }; Querystring: { sort?: string; item?: string; done?: string; fragment?: string } }>('/events/:slug/live/questions', async (request, reply) => {
    return show(request, reply, await participant(request));
  });

  app.post<{ Params: { slug: string }; Querystring: { sort?: string; item?: string; done?: string } }>('/events/:slug/live/questions', { config: { rateLimit: askLimit } }, async (request, reply) => {
    const who = await participant(request);
    const q = request.t.qa;
    const values: AskValues = { text: normalizeText(field(request.body, 'text')), about: field(request.body, 'about') || 'general', anonymous: field(request.body, 'anonymous') === 'yes' };
    const items = await askableItems(who.event);
    const errors: FieldErrors = {};
    const item = values.about === 'general' ? null : items.find((i) => String(i.id) === values.about);
    if (item === undefined) errors.about = q.invalidItem;
    if (CONTROL_CHARS.test(values.text)) errors.text = request.t.validation.controlChars;
    if (!who.canAsk) errors.text = q.askingClosed;
    if (Object.keys(errors).length === 0) {
      const outcome = await qa.ask(who.event.id, who.asker, { text: values.text, agendaItemId: item?.id ?? null, anonymous: values.anonymous });
      if (outcome.kind === 'asked') {
        await announce(who.event.id, 'question', { id: outcome.id }, outcome.state === 'pending' ? ['moderators', who.key] : ['all']);
        return reply.redirect(back(who.event, request, outcome.state === 'pending' ? 'held' : 'asked'), 303);
      }
      if (outcome.kind === 'too-many') errors.text = q.tooMany(outcome.retryAfterSeconds);
      else if (outcome.reason === 'anonymous-not-allowed') errors.anonymous = q.anonymousNotAllowed;
      else errors.text = q.length(QUESTION_MIN, QUESTION_MAX);
    }
    return show(request, reply, who, { values, errors }, 422);
  });

  // The presenter view; its script fetches the question part again to follow the moderator.
  app.get<{ Params: { slug: string }; Querystring: { fragment?: string } }>('/events/:slug/live/presenter', async (request, reply) => {
    const who = await participant(request);
    const question = await qa.highlighted(who.event.id);
    if (request.query.fragment === 'presenter') {
      return privateReply(reply).htmlString(renderFragment(<PresenterQuestion ctx={pageContext(request, reply, assetVersion)} question={question} />));
    }
    return privateReply(reply).html(<PresenterPage ctx={pageContext(request, reply, assetVersion)} event={who.event} question={question} since={await services.liveFeed.head(who.event.id)} />);
  });

  app.post<{ Params: { slug: string; id: string }; Querystring: { sort?: string; item?: string } }>('/events/:slug/live/questions/:id/vote', async (request, reply) => {
    const who = await participant(request);
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id)) throw new HttpError(404);
    const votes = await qa.vote(who.event.id, id, who.asker, field(request.body, 'up') !== '0');
    if (votes === null) throw new HttpError(404);
    await announce(who.event.id, 'vote', { id, votes });
    return reply.redirect(`${back(who.event, request)}#q${id}`, 303);
  });

  app.post<{ Params: { slug: string; id: string }; Querystring: { sort?: string; item?: string } }>('/events/:slug/live/questions/:id/moderate', async (request, reply) => {
    const who = await participant(request);
    if (!who.moderator) throw new HttpError(403);
    const id = Number(request.params.id);
    const action = field(request.body, 'action') as ModeratorAction;
    if (!MODERATOR_ACTIONS.includes(action)) throw new HttpError(400);
    if (!Number.isSafeInteger(id) || !(await qa.moderate(who.event.id, id, action, actorOf(who)))) throw new HttpError(404);
    await announce(who.event.id, 'question', { id });
    return reply.redirect(`${back(who.event, request)}#q${id}`, 303);
  });

  app.post<{ Params: { slug: string; id: string }; Querystring: { sort?: string; item?: string } }>('/events/:slug/live/questions/:id/edit', async (request, reply) => {
    const who = await participant(request);
    if (!who.moderator) throw new HttpError(403);
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id)) throw new HttpError(404);
    const text = normalizeText(field(request.body, `text-${id}`)).trim().replace(/\s+/g, ' ');
    const replyText = normalizeText(field(request.body, `reply-${id}`)).trim();
    // Fixing typos must not empty a question or smuggle in a novel: the asker's limits apply.
    const textError = [...text].length < QUESTION_MIN || [...text].length > QUESTION_MAX ? request.t.qa.length(QUESTION_MIN, QUESTION_MAX) : undefined;
    const replyError = replyText.length > REPLY_MAX ? request.t.qa.replyLength(REPLY_MAX) : undefined;
    if (textError || replyError) return show(request, reply, who, { edit: { id, text, reply: replyText, errors: { text: textError, reply: replyError } } }, 422);
    if (!(await qa.edit(who.event.id, id, { text, reply: replyText }, actorOf(who)))) throw new HttpError(404);
    await announce(who.event.id, 'question', { id });
    return reply.redirect(`${back(who.event, request, 'saved')}#q${id}`, 303);
  });
};

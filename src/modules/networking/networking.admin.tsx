// Steering the networking rounds from the back office: plan (with the plan's figures), start the
// next round, message all groups, give more time, bring everyone back, move a person, mark who
// left; and the outcome report's settings. Every team member may look; steering needs
// live.control (owner, organizer, moderator); the report's settings need event.edit.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { checkText, field, fieldList, normalizeText } from '../../platform/http/form.js';
import type { Messages } from '../../platform/i18n/index.js';
import type { Theme } from './themes.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { renderFragment } from '../../platform/html/render.js';
import { eventForOrganizer, roleAllows, type EventRole } from '../access/access.policy.js';
import type { LabEvent } from '../events/events.types.js';
import {
  DURATION_MAX, DURATION_MIN, GROUP_SIZE_MAX, GROUP_SIZE_MIN, MESSAGE_MAX, PROMPT_MAX, ROUNDS_MAX, type PlanSettings,
} from './rounds.service.js';
import { REPORT_VISIBILITIES, type ReportVisibility, SUMMARY_MAX } from './report.service.js';
import { NetworkingAdminPage, type PlanValues, RoundsOverview } from './views/NetworkingAdminPage.js';

type SlugRequest = FastifyRequest<{ Params: { slug: string }; Querystring: { done?: string; fragment?: string; n?: string } }>;

const wholeNumber = (value: string, min: number, max: number) => (/^\d{1,4}$/.test(value.trim()) && Number(value) >= min && Number(value) <= max ? Number(value) : null);

/**
 * The thematic part of the plan form: a question whose options are the topics, and which of the
 * rounds to plan take them. Both or neither; only rounds that are planned; errors next to the field.
 */
function readThematic(values: PlanValues, count: number | null, themes: Theme[], a: Messages['networkingAdmin'], errors: FieldErrors): PlanSettings['thematic'] {
  const theme = values.themeQuestion === '' ? null : themes.find((t) => String(t.questionId) === values.themeQuestion);
  if (theme === undefined) {
    errors.themeQuestion = a.choose;
    return null;
  }
  const positions = [...new Set(values.thematic)].map((v) => wholeNumber(v, 0, (count ?? 10) - 1));
  if (positions.some((p) => p === null)) errors.thematic = a.thematicBeyond;
  else if (theme && positions.length === 0) errors.thematic = a.thematicNone;
  else if (!theme && positions.length > 0) errors.themeQuestion = a.themeMissing;
  return theme && positions.length > 0 ? { questionId: theme.questionId, positions: positions as number[] } : null;
}

export const networkingAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database }) => {
  const { rounds, boards, reports } = services;
  const guard = { db: database.db, findBySlug: services.events.findBySlug };
  const actor = (request: FastifyRequest) => ({ id: request.organizer!.id, label: request.organizer!.name });
  const base = (event: LabEvent) => `/admin/events/${event.slug}/networking`;

  /** Tells the live room (participants' pages, this page in other tabs) that the rounds changed. */
  async function announce(request: FastifyRequest, event: LabEvent): Promise<void> {
    await services.liveFeed.post(event.id, 'round', {}, ['all']).catch((error: unknown) => request.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'live update not sent'));
  }

  async function show(request: SlugRequest, reply: FastifyReply, event: LabEvent, role: EventRole, form?: { plan?: { values: PlanValues; errors: FieldErrors }; message?: { value: string; error: string }; report?: { visibility: string; summary: string; errors: FieldErrors }; start?: { value: string; error: string } }) {
    const ctx = pageContext(request, reply, assetVersion, { csrf: true });
    const all = await rounds.rounds(event.id);
    const [entries, pools, absent, figures, report, since, themes] = await Promise.all([
      boards.forEvent(event.id), rounds.poolSizes(event.id), rounds.absent(event.id), rounds.figures(event.id, all), reports.settings(event.id), services.liveFeed.head(event.id),
      rounds.themes(event.id),
    ]);
    const counts = new Map<number, number>();
    for (const e of entries) counts.set(e.groupId, (counts.get(e.groupId) ?? 0) + 1);
    const canSteer = roleAllows(role, 'live.control');
    if (request.query.fragment === 'rounds') {
      reply.header('Cache-Control', 'no-store');
      return reply.htmlString(renderFragment(<RoundsOverview ctx={ctx} event={event} rounds={all} counts={counts} canSteer={canSteer} entries={entries} />));
    }
    const a = request.t.networkingAdmin;
    const number = Number(request.query.n ?? 0);
    const notice = form ? undefined : ({
      planned: a.planned(number), discarded: a.discarded, started: a.started(number), replanned: a.startedReplanned(number), thematic: a.startedThematic(number), ended: a.ended, extended: a.extended,
      message: a.messageSent, moved: a.movedNotice, absent: a.absentSaved, report: a.reportSaved,
    } as Record<string, string>)[request.query.done ?? ''];
    const last = all.at(-1);
    const planned = all.filter((r) => r.state === 'planned');
    const planValues: PlanValues = form?.plan?.values ?? {
      groupSize: String(last?.groupSize ?? 4), rounds: String(Math.max(1, planned.length || 3)), durationMinutes: String(last?.durationMinutes ?? 15),
      prompt: last?.prompt ?? a.defaultPrompt, pool: pools.present > 0 ? 'present' : 'admitted',
      themeQuestion: String(planned.find((r) => r.theme)?.theme?.questionId ?? ''),
      thematic: planned.flatMap((r, i) => (r.theme ? [String(i)] : [])),
    };
    const admitted = await rounds.people(event.id);
    return reply.html(
      <NetworkingAdminPage
        ctx={ctx} event={event} rounds={all} counts={counts} pools={pools} absent={absent} figures={figures} since={since}
        plan={{ values: planValues, errors: form?.plan?.errors ?? {} }} message={form?.message} people={admitted} start={form?.start} entries={entries}
        report={form?.report ?? { visibility: report.visibility, summary: report.summary, errors: {} }}
        canSteer={canSteer} canEdit={roleAllows(role, 'event.edit')} notice={notice} themes={themes}
      />, form ? 422 : 200,
    );
  }

  const steer = (request: FastifyRequest<{ Params: { slug: string } }>) => eventForOrganizer(guard, request.organizer!, request.params.slug, 'live.control');
  const done = (reply: FastifyReply, event: LabEvent, what: string, n?: number) => reply.redirect(`${base(event)}?done=${what}${n === undefined ? '' : `&n=${n}`}`, 303);

  app.get<{ Params: { slug: string }; Querystring: { done?: string; fragment?: string; n?: string } }>('/admin/events/:slug/networking', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'team.read');
    return show(request, reply, event, role);
  });

  app.post<{ Params: { slug: string }; Querystring: { done?: string; fragment?: string; n?: string } }>('/admin/events/:slug/networking/plan', async (request, reply) => {
    const { event, role } = await steer(request);
    const a = request.t.networkingAdmin;
    const values: PlanValues = {
      groupSize: field(request.body, 'groupSize'), rounds: field(request.body, 'rounds'), durationMinutes: field(request.body, 'durationMinutes'),
      prompt: normalizeText(field(request.body, 'prompt')).trim(), pool: field(request.body, 'pool'),
      themeQuestion: field(request.body, 'themeQuestion'), thematic: fieldList(request.body, 'thematic'),
    };
    const errors: FieldErrors = {};
    const groupSize = wholeNumber(values.groupSize, GROUP_SIZE_MIN, GROUP_SIZE_MAX);
    const count = wholeNumber(values.rounds, 1, ROUNDS_MAX);
    const duration = wholeNumber(values.durationMinutes, DURATION_MIN, DURATION_MAX);
    if (groupSize === null) errors.groupSize = a.number(GROUP_SIZE_MIN, GROUP_SIZE_MAX);
    if (count === null) errors.rounds = a.number(1, ROUNDS_MAX);
    if (duration === null) errors.durationMinutes = a.number(DURATION_MIN, DURATION_MAX);
    if (checkText(values.prompt, request.t, { required: true, max: PROMPT_MAX })) errors.prompt = a.promptLength(PROMPT_MAX);
    if (values.pool !== 'present' && values.pool !== 'admitted') errors.pool = a.choose;
    const thematic = await readThematic(values, count, await rounds.themes(event.id), a, errors);
    if (Object.keys(errors).length > 0) return show(request, reply, event, role, { plan: { values, errors } });
    const settings: PlanSettings = { groupSize: groupSize!, rounds: count!, durationMinutes: duration!, prompt: values.prompt, pool: values.pool as PlanSettings['pool'], thematic };
    const result = await rounds.plan(event, settings, actor(request));
    // Open live pages show (or stop showing) the topic choice for a thematic round to come.
    await announce(request, event);
    return done(reply, event, 'planned', result.people);
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/networking/discard', async (request, reply) => {
    const { event } = await steer(request);
    await rounds.discardPlan(event, actor(request));
    await announce(request, event);
    return done(reply, event, 'discarded');
  });

  app.post<{ Params: { slug: string; id: string }; Querystring: { done?: string; fragment?: string; n?: string } }>('/admin/events/:slug/networking/rounds/:id/start', async (request, reply) => {
    const { event, role } = await steer(request);
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id)) throw new HttpError(404);
    const round = (await rounds.rounds(event.id)).find((r) => r.id === id);
    if (!round) throw new HttpError(404);
    const minutes = field(request.body, 'minutes').trim() || String(round.durationMinutes);
    const duration = wholeNumber(minutes, DURATION_MIN, DURATION_MAX);
    if (duration === null) return show(request, reply, event, role, { start: { value: minutes, error: request.t.networkingAdmin.number(DURATION_MIN, DURATION_MAX) } });
    const outcome = await rounds.start(event, id, duration, actor(request));
    // A second click (or a second organizer) finds the round running: nothing happens twice.
    if (outcome.kind !== 'started') return reply.redirect(base(event), 303);
    await announce(request, event);
    return done(reply, event, outcome.thematic ? 'thematic' : outcome.replanned ? 'replanned' : 'started', outcome.number);
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/networking/end', async (request, reply) => {
    const { event } = await steer(request);
    if ((await rounds.end(event, actor(request))) !== null) await announce(request, event);
    return done(reply, event, 'ended');
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/networking/extend', async (request, reply) => {
    const { event } = await steer(request);
    if (await rounds.extend(event, 5, actor(request))) await announce(request, event);
    return done(reply, event, 'extended');
  });

  app.post<{ Params: { slug: string }; Querystring: { done?: string; fragment?: string; n?: string } }>('/admin/events/:slug/networking/message', async (request, reply) => {
    const { event, role } = await steer(request);
    const value = normalizeText(field(request.body, 'message')).trim().replace(/\s+/g, ' ');
    if (checkText(value, request.t, { max: MESSAGE_MAX })) return show(request, reply, event, role, { message: { value, error: request.t.networkingAdmin.messageLength(MESSAGE_MAX) } });
    if (!(await rounds.message(event, value, actor(request)))) return reply.redirect(base(event), 303);
    await announce(request, event);
    return done(reply, event, 'message');
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/networking/move', async (request, reply) => {
    const { event } = await steer(request);
    const person = Number(field(request.body, 'person'));
    const group = Number(field(request.body, 'group'));
    if (!Number.isSafeInteger(person) || !Number.isSafeInteger(group) || !(await rounds.move(event, person, group, actor(request)))) throw new HttpError(400);
    await announce(request, event);
    return done(reply, event, 'moved');
  });

  app.post<{ Params: { slug: string } }>('/admin/events/:slug/networking/absent', async (request, reply) => {
    const { event } = await steer(request);
    const person = Number(field(request.body, 'absentPerson'));
    if (!Number.isSafeInteger(person) || !(await rounds.setAbsent(event, person, field(request.body, 'absent') === 'yes', actor(request)))) throw new HttpError(400);
    return done(reply, event, 'absent');
  });

  app.post<{ Params: { slug: string }; Querystring: { done?: string; fragment?: string; n?: string } }>('/admin/events/:slug/networking/report', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const visibility = field(request.body, 'visibility');
    const summary = normalizeText(field(request.body, 'summary')).trim();
    const errors: FieldErrors = {};
    if (!(REPORT_VISIBILITIES as readonly string[]).includes(visibility)) errors.visibility = request.t.networkingAdmin.choose;
    const summaryError = checkText(summary, request.t, { max: SUMMARY_MAX });
    if (summaryError) errors.summary = summaryError;
    if (Object.keys(errors).length > 0) return show(request, reply, event, role, { report: { visibility, summary, errors } });
    await reports.saveSettings(event.id, { visibility: visibility as ReportVisibility, summary }, actor(request));
    return done(reply, event, 'report');
  });

  // Leaving an entry out of the outcome report (or taking it back in): the organizers' editorial choice, audited.
  app.post<{ Params: { slug: string; id: string } }>('/admin/events/:slug/outcomes/entries/:id', async (request, reply) => {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || !(await boards.setInReport(event.id, id, field(request.body, 'include') === 'yes', actor(request)))) throw new HttpError(404);
    return reply.redirect(`/events/${event.slug}/outcomes`, 303);
  });
};

// Back office of the community (/admin/community): the review queue, publishing and withdrawing
// practices, and the labs directory (edit, hide, CSV import). For community moderators only
// (admins and owners/organizers of an event); every change is audited by the services.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { field } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import type { Actor } from '../../platform/audit/audit.js';
import { eventForOrganizer, mayModerateCommunity } from '../access/access.policy.js';
import type { PracticeStatus } from './community.types.js';
import { EMPTY_LAB, type LabValues, labValues, readLabForm, validateLab } from './labs.form.js';
import { readLabsCsv } from './labs.import.js';
import { MODERATION_MOVES } from './community.policy.js';
import { CommunityAdminPage, LabFormPage, LabImportPage } from './views/CommunityAdmin.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const IMPORT_MAX_BYTES = 200 * 1024;

/** A draft's working title: the text's first line, cut at a word within 80 characters. */
export function draftTitle(text: string): string {
  const line = text.trim().split('\n')[0]!.replace(/\s+/g, ' ');
  return line.length <= 80 ? line : `${line.slice(0, 80).replace(/\s+\S*$/, '')} …`;
}

export const communityAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database, clock }) => {
  const { labs, practices, challenges } = services;
  const ctx = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, assetVersion, { csrf: true });
  const actor = (request: FastifyRequest): Actor => ({ id: request.organizer!.id, label: request.organizer!.name });
  const thisYear = () => clock.now().getUTCFullYear();

  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/admin/community')) return;
    if (!(await mayModerateCommunity(database.db, request.organizer!))) throw new HttpError(403);
  });

  app.get<{ Querystring: { done?: string } }>('/admin/community', async (request, reply) => {
    const [allPractices, allChallenges, allLabs] = await Promise.all([practices.all(), challenges.all(), labs.all(true)]);
    const notice = request.query.done ? request.t.community.practice.statusChanged : undefined;
    return reply.html(<CommunityAdminPage ctx={ctx(request, reply)} practices={allPractices} challenges={allChallenges} labs={allLabs} notice={notice} />);
  });

  app.post<{ Params: { id: string } }>('/admin/community/practices/:id/status', async (request, reply) => {
    const id = Number(request.params.id);
    const practice = Number.isSafeInteger(id) ? await practices.byId(id) : null;
    if (!practice) throw new HttpError(404);
    const status = field(request.body, 'status') as PracticeStatus;
    if (!MODERATION_MOVES[practice.status].includes(status)) throw new HttpError(409);
    await practices.setStatus(practice, status, actor(request));
    return reply.redirect(`/practices/${practice.slug}?done=status`, 303);
  });

  app.post<{ Params: { id: string } }>('/admin/community/challenges/:id/status', async (request, reply) => {
    const id = Number(request.params.id);
    const challenge = Number.isSafeInteger(id) ? await challenges.byId(id) : null;
    if (!challenge) throw new HttpError(404);
    const status = field(request.body, 'status') as PracticeStatus;
    if (!MODERATION_MOVES[challenge.status].includes(status)) throw new HttpError(409);
    await challenges.setStatus(challenge, status, actor(request));
    return reply.redirect(`/challenges/${challenge.slug}?done=status`, 303);
  });

  // ---- From meeting to community -------------------------------------------------------------------
  // An outcome report's entry (#6) or an answered question (#5) becomes a draft in one step. The
  // draft carries the text only, never who wrote or asked it; a second click opens the same draft.
  app.post('/admin/community/drafts', async (request, reply) => {
    const from = field(request.body, 'from');
    const kind = field(request.body, 'kind');
    const id = Number(field(request.body, 'id'));
    if ((from !== 'outcome' && from !== 'question') || (kind !== 'practice' && kind !== 'challenge') || !Number.isSafeInteger(id)) throw new HttpError(400);
    const { event } = await eventForOrganizer({ db: database.db, findBySlug: services.events.findBySlug }, request.organizer!, field(request.body, 'event'), 'event.edit');
    const text = from === 'outcome'
      ? (await services.boards.forEvent(event.id)).find((entry) => entry.id === id)?.text
      : (await services.qa.list(event.id, { asker: null, sort: 'new', all: true })).find((q) => q.id === id && q.state === 'visible')?.text;
    if (text === undefined) throw new HttpError(404);
    const source = `${from}:${id}`;
    const author = { kind: 'organizer' as const, organizerId: request.organizer!.id };
    const title = draftTitle(text);
    if (kind === 'practice') {
      const existing = await practices.bySource(source);
      const practice = existing ?? await practices.create(
        { title, problem: '', approach: text, results: '', adapt: '', effort: null, contact: '', topics: [], links: [], visibility: 'community', labIds: [] },
        author, actor(request), { status: 'draft', source },
      );
      return reply.redirect(`/practices/${practice.slug}/edit`, 303);
    }
    const existing = await challenges.bySource(source);
    const challenge = existing ?? await challenges.create({ title, description: text, topics: [], visibility: 'community' }, author, actor(request), { status: 'draft', source });
    return reply.redirect(`/challenges/${challenge.slug}/edit`, 303);
  });

  // ---- Labs ----------------------------------------------------------------------------------------
  const labForm = (request: FastifyRequest, reply: FastifyReply, values: LabValues, errors: FieldErrors, lab?: Awaited<ReturnType<typeof labs.bySlug>>, status = 200) =>
    reply.html(<LabFormPage ctx={ctx(request, reply)} values={values} errors={errors} lab={lab ?? undefined} />, status);

  async function labFor(request: FastifyRequest<{ Params: { slug: string } }>) {
    const lab = SLUG.test(request.params.slug) ? await labs.bySlug(request.params.slug, true) : null;
    if (!lab) throw new HttpError(404);
    return lab;
  }

  app.get('/admin/community/labs/new', async (request, reply) => labForm(request, reply, { ...EMPTY_LAB, level: 'kommune' }, {}));

  app.post('/admin/community/labs/new', async (request, reply) => {
    const values = readLabForm(request.body);
    const checked = validateLab(values, request.t, thisYear());
    if (checked.input && (await labs.slugTaken(checked.input.slug))) checked.errors.slug = request.t.community.labForm.slugTaken;
    if (!checked.input || checked.errors.slug) return labForm(request, reply, values, checked.errors, undefined, 422);
    await labs.create(checked.input, actor(request));
    return reply.redirect(`/labs/${checked.input.slug}`, 303);
  });

  app.get<{ Params: { slug: string } }>('/admin/community/labs/:slug/edit', async (request, reply) => {
    const lab = await labFor(request);
    return labForm(request, reply, labValues(lab), {}, lab);
  });

  app.post<{ Params: { slug: string } }>('/admin/community/labs/:slug/edit', async (request, reply) => {
    const lab = await labFor(request);
    const values = readLabForm(request.body);
    const checked = validateLab(values, request.t, thisYear());
    if (checked.input && (await labs.slugTaken(checked.input.slug, lab.id))) checked.errors.slug = request.t.community.labForm.slugTaken;
    if (!checked.input || checked.errors.slug) return labForm(request, reply, values, checked.errors, lab, 422);
    await labs.update(lab, checked.input, actor(request));
    return reply.redirect(`/labs/${checked.input.slug}`, 303);
  });

  app.post<{ Params: { slug: string } }>('/admin/community/labs/:slug/status', async (request, reply) => {
    const lab = await labFor(request);
    const status = field(request.body, 'status');
    if (status !== 'hidden' && status !== 'published') throw new HttpError(400);
    if (status !== lab.status) await labs.setStatus(lab, status, actor(request));
    return reply.redirect('/admin/community', 303);
  });

  app.get('/admin/community/labs/import', async (request, reply) => reply.html(<LabImportPage ctx={ctx(request, reply)} text="" />));

  app.post('/admin/community/labs/import', async (request, reply) => {
    const text = field(request.body, 'text');
    const t = request.t.community.labImport;
    const existing = new Set((await labs.all(true)).map((lab) => lab.slug));
    const page = (props: { rows?: Parameters<typeof LabImportPage>[0]['rows']; problem?: string; notice?: string; text?: string }, status = 200) =>
      reply.html(<LabImportPage ctx={ctx(request, reply)} text={props.text ?? text} rows={props.rows} problem={props.problem} notice={props.notice} existing={existing} />, status);
    if (Buffer.byteLength(text) > IMPORT_MAX_BYTES) return page({ problem: t.tooLarge, text: '' }, 413);
    const result = readLabsCsv(text, request.t, thisYear());
    if (result.kind === 'problem') return page({ problem: result.message }, 422);
    const valid = result.rows.every((row) => row.input);
    if (field(request.body, 'step') !== 'apply' || !valid) return page({ rows: result.rows }, valid ? 200 : 422);
    const outcome = await labs.importMany(result.rows.map((row) => row.input!), actor(request));
    return page({ notice: t.applied(outcome.created, outcome.updated), text: '' });
  });
};

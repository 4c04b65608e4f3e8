// Public community pages: the labs directory and the practice library with its search and feed.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { isLandCode, isLevel } from '../../platform/germany.js';
import { inCommunity, isModerator, type Practice } from './community.types.js';
import { sameTopic } from './community.text.js';
import { actorOf, authorOf, communityHttp, SLUG } from './community.http.js';
import { canEdit, canRead, isAuthor, MODERATION_MOVES } from './community.policy.js';
import { EMPTY_PRACTICE, type PracticeValues, practiceValues, readPracticeForm, validatePractice } from './practices.form.js';
import { practicesFeed } from './practices.atom.js';
import type { LabFilter } from './labs.service.js';
import { LabsPage } from './views/LabsPage.js';
import { LabPage } from './views/LabPage.js';
import { PracticesPage } from './views/PracticesPage.js';
import { type PracticeActions, PracticePage } from './views/PracticePage.js';
import { PracticeFormPage } from './views/PracticeFormPage.js';

const QUERY_MAX = 200;

export const communityRoutes: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  const { config, services, assetVersion, clock } = options;
  const { labs, practices, members } = services;
  const { ctx, viewerOf, formLimit, personal } = communityHttp(options);
  const communityOnly = (request: FastifyRequest, reply: FastifyReply) => communityHttp(options).communityOnly(request, reply, request.t.community.practices.joinHint);

  // ---- Labs directory -------------------------------------------------------------------------
  app.get<{ Querystring: { level?: string; land?: string; topic?: string } }>('/labs', async (request, reply) => {
    // A parameter given twice arrives as a list: only a single value counts.
    const one = (value: unknown) => (typeof value === 'string' ? value : '');
    const [level, land, topic] = [one(request.query.level), one(request.query.land).toUpperCase(), one(request.query.topic).trim()];
    // Filters that do not exist are ignored rather than refused: these URLs get shared and edited.
    const filter: LabFilter = {
      level: isLevel(level) ? level : undefined,
      land: isLandCode(land) ? land : undefined,
      topic: topic && topic.length <= 40 ? topic : undefined,
    };
    const directory = await labs.directory(filter);
    const known = directory.topics.find((t) => filter.topic && sameTopic(t.name, filter.topic));
    return reply.html(<LabsPage ctx={pageContext(request, reply, assetVersion)} directory={directory} filter={{ ...filter, topic: known?.name ?? filter.topic }} />);
  });

  app.get<{ Params: { slug: string } }>('/labs/:slug', async (request, reply) => {
    if (!SLUG.test(request.params.slug)) throw new HttpError(404);
    const viewer = await viewerOf(request);
    const lab = await labs.bySlug(request.params.slug, isModerator(viewer));
    if (!lab) throw new HttpError(404);
    const [labPractices, labMembers] = await Promise.all([
      practices.library(viewer, { lab: lab.id }),
      // Who works where is for the community only, and only for those who chose to be found.
      inCommunity(viewer) ? members.findable(lab.id) : Promise.resolve(null),
    ]);
    const self = viewer.kind === 'member' ? viewer.member.id : null;
    return personal(reply).html(<LabPage ctx={pageContext(request, reply, assetVersion)} lab={lab} practices={labPractices} members={labMembers} self={self} />);
  });

  // ---- Practice library -----------------------------------------------------------------------
  app.get<{ Querystring: { q?: string; topic?: string } }>('/practices', async (request, reply) => {
    const viewer = await viewerOf(request);
    const q = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, QUERY_MAX) : '';
    const topic = typeof request.query.topic === 'string' ? request.query.topic.trim().slice(0, 40) : '';
    const [found, all, drafts] = await Promise.all([
      practices.library(viewer, { q, topic: topic || undefined }),
      practices.library(viewer, {}),
      practices.drafts(viewer),
    ]);
    const topics = [...new Map(all.flatMap((p) => p.topics).map((t) => [t.toLocaleLowerCase('de'), t])).values()].sort((a, b) => a.localeCompare(b, 'de'));
    return personal(reply).html(
      <PracticesPage ctx={pageContext(request, reply, assetVersion)} practices={found} drafts={drafts} q={q} topic={topic} topics={topics}
        canWrite={inCommunity(viewer)} member={viewer.kind === 'member'} />,
    );
  });

  app.get('/practices.atom', async (request, reply) => {
    const feed = practicesFeed(await practices.recentPublic(), { baseUrl: config.baseUrl.toString(), title: request.t.community.practices.feedTitle, now: clock.now() });
    return reply.type('application/atom+xml; charset=utf-8').header('Cache-Control', 'public, max-age=300').send(feed);
  });

  async function formPage(request: FastifyRequest, reply: FastifyReply, values: PracticeValues, errors: FieldErrors, practice?: Practice, status = 200) {
    const allLabs = await labs.all();
    const action = practice ? `/practices/${practice.slug}/edit` : '/practices/new';
    return personal(reply).html(<PracticeFormPage ctx={ctx(request, reply)} values={values} errors={errors} labs={allLabs} practice={practice} action={action} />, status);
  }

  async function checked(request: FastifyRequest) {
    const values = readPracticeForm(request.body);
    const labIds = new Set((await labs.all()).map((l) => l.id));
    return { values, ...validatePractice(values, request.t, labIds) };
  }

  app.get('/practices/new', async (request, reply) => {
    const viewer = await communityOnly(request, reply);
    if (!viewer) return reply;
    const ownLab = viewer.kind === 'member' && viewer.member.labId ? [String(viewer.member.labId)] : [];
    return formPage(request, reply, { ...EMPTY_PRACTICE, labs: ownLab }, {});
  });

  app.post('/practices/new', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const viewer = await communityOnly(request, reply);
    if (!viewer) return reply;
    const result = await checked(request);
    if (!result.input) return formPage(request, reply, result.values, result.errors, undefined, 422);
    const practice = await practices.create(result.input, authorOf(viewer), actorOf(viewer));
    return reply.redirect(`/practices/${practice.slug}?done=saved`, 303);
  });

  async function readable(request: FastifyRequest<{ Params: { slug: string } }>) {
    if (!SLUG.test(request.params.slug)) throw new HttpError(404);
    const viewer = await viewerOf(request);
    const practice = await practices.bySlug(request.params.slug);
    // Drafts and community-only practices are 404 to those who may not read them: their titles stay private.
    if (!practice || !canRead(practice, viewer)) throw new HttpError(404);
    return { viewer, practice };
  }

  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>('/practices/:slug', async (request, reply) => {
    const { viewer, practice } = await readable(request);
    const p = request.t.community.practice;
    const actions: PracticeActions = {
      edit: canEdit(practice, viewer),
      submit: isAuthor(practice, viewer) && practice.status === 'draft',
      moderate: isModerator(viewer) ? MODERATION_MOVES[practice.status] : [],
    };
    const notice = ({ saved: p.saved, submitted: p.submitted, status: p.statusChanged } as Record<string, string>)[request.query.done ?? ''];
    const helpsWith = (await services.challenges.addressedBy(practice.id)).filter((c) => canRead(c, viewer));
    return personal(reply).html(<PracticePage ctx={ctx(request, reply)} practice={practice} actions={actions} notice={notice} challenges={helpsWith} />);
  });

  app.get<{ Params: { slug: string } }>('/practices/:slug/edit', async (request, reply) => {
    const { viewer, practice } = await readable(request);
    if (!canEdit(practice, viewer)) throw new HttpError(403);
    return formPage(request, reply, practiceValues(practice), {}, practice);
  });

  app.post<{ Params: { slug: string } }>('/practices/:slug/edit', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const { viewer, practice } = await readable(request);
    if (!canEdit(practice, viewer)) throw new HttpError(403);
    const result = await checked(request);
    if (!result.input) return formPage(request, reply, result.values, result.errors, practice, 422);
    await practices.update(practice, result.input, actorOf(viewer));
    return reply.redirect(`/practices/${practice.slug}?done=saved`, 303);
  });

  app.post<{ Params: { slug: string } }>('/practices/:slug/submit', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const { viewer, practice } = await readable(request);
    if (!isAuthor(practice, viewer)) throw new HttpError(403);
    if (practice.status === 'draft') await practices.setStatus(practice, 'review', actorOf(viewer));
    return reply.redirect(`/practices/${practice.slug}?done=submitted`, 303);
  });
};

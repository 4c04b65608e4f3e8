// The challenges board: /challenges (list, "we have this too"), naming a challenge, its page with
// the practices that help, and editing (authors until it is published; moderators always, who
// also link the practices).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { HttpError } from '../../platform/http/errors.js';
import { field } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { type Challenge, type CommunityViewer, inCommunity, isModerator } from './community.types.js';
import { canEdit, canRead, MODERATION_MOVES } from './community.policy.js';
import { actorOf, authorOf, communityHttp, SLUG } from './community.http.js';
import { voterKey } from './challenges.service.js';
import { type ChallengeValues, challengeValues, EMPTY_CHALLENGE, readChallengeForm, validateChallenge } from './challenges.form.js';
import { ChallengesPage } from './views/ChallengesPage.js';
import { ChallengePage } from './views/ChallengePage.js';
import { ChallengeFormPage } from './views/ChallengeFormPage.js';

export const challengesRoutes: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  const { challenges, practices } = options.services;
  const { ctx, viewerOf, formLimit, personal, communityOnly } = communityHttp(options);

  /** Published practices a moderator may link (null: this viewer links none). */
  const linkable = async (viewer: CommunityViewer) => (isModerator(viewer) ? practices.all('published') : null);

  app.get<{ Querystring: { sort?: string; topic?: string; done?: string } }>('/challenges', async (request, reply) => {
    const viewer = await viewerOf(request);
    const sort = request.query.sort === 'new' ? 'new' : 'votes';
    const topic = typeof request.query.topic === 'string' ? request.query.topic.trim().slice(0, 40) : '';
    const [shown, all, pending] = await Promise.all([
      challenges.board(viewer, { sort, topic: topic || undefined }), challenges.board(viewer, { sort }), challenges.pending(viewer),
    ]);
    const topics = [...new Map(all.flatMap((c) => c.topics).map((t) => [t.toLocaleLowerCase('de'), t])).values()].sort((a, b) => a.localeCompare(b, 'de'));
    const voted = await challenges.votedBy(voterKey(viewer), shown.map((c) => c.id));
    const c = request.t.community.challenges;
    const notice = ({ submitted: c.submitted, voted: c.voted } as Record<string, string>)[request.query.done ?? ''];
    return personal(reply).html(
      <ChallengesPage ctx={ctx(request, reply)} challenges={shown} pending={pending} voted={voted} canWrite={inCommunity(viewer)} sort={sort} topic={topic} topics={topics} notice={notice} />,
    );
  });

  async function formPage(request: FastifyRequest, reply: FastifyReply, viewer: CommunityViewer, values: ChallengeValues, errors: FieldErrors, challenge?: Challenge, status = 200) {
    return personal(reply).html(<ChallengeFormPage ctx={ctx(request, reply)} values={values} errors={errors} challenge={challenge} linkable={await linkable(viewer)} />, status);
  }

  async function checked(request: FastifyRequest, viewer: CommunityViewer) {
    const values = readChallengeForm(request.body);
    const links = await linkable(viewer);
    return { values, ...validateChallenge(values, request.t, links ? new Set(links.map((p) => p.id)) : null) };
  }

  const hint = (request: FastifyRequest) => request.t.community.challenges.joinHint;

  app.get('/challenges/new', async (request, reply) => {
    const viewer = await communityOnly(request, reply, hint(request));
    return viewer ? formPage(request, reply, viewer, EMPTY_CHALLENGE, {}) : reply;
  });

  app.post('/challenges/new', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const viewer = await communityOnly(request, reply, hint(request));
    if (!viewer) return reply;
    const result = await checked(request, viewer);
    if (!result.input) return formPage(request, reply, viewer, result.values, result.errors, undefined, 422);
    // Moderators publish what they write themselves; members' challenges wait for review.
    const created = await challenges.create(result.input, authorOf(viewer), actorOf(viewer), { status: isModerator(viewer) ? 'published' : 'review' });
    return reply.redirect(isModerator(viewer) ? `/challenges/${created.slug}?done=saved` : '/challenges?done=submitted', 303);
  });

  async function readable(request: FastifyRequest<{ Params: { slug: string } }>) {
    if (!SLUG.test(request.params.slug)) throw new HttpError(404);
    const viewer = await viewerOf(request);
    const challenge = await challenges.bySlug(request.params.slug);
    if (!challenge || !canRead(challenge, viewer)) throw new HttpError(404);
    return { viewer, challenge };
  }

  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>('/challenges/:slug', async (request, reply) => {
    const { viewer, challenge } = await readable(request);
    const linked = challenge.practiceIds.length > 0 ? (await practices.all()).filter((p) => challenge.practiceIds.includes(p.id) && canRead(p, viewer)) : [];
    const voted = (await challenges.votedBy(voterKey(viewer), [challenge.id])).has(challenge.id);
    const c = request.t.community;
    const notice = ({ saved: c.challenges.saved, status: c.practice.statusChanged, voted: c.challenges.voted } as Record<string, string>)[request.query.done ?? ''];
    return personal(reply).html(
      <ChallengePage ctx={ctx(request, reply)} challenge={challenge} practices={linked} voted={voted} canVote={inCommunity(viewer)}
        canEdit={canEdit(challenge, viewer)} moves={isModerator(viewer) ? MODERATION_MOVES[challenge.status] : []} notice={notice} />,
    );
  });

  app.get<{ Params: { slug: string } }>('/challenges/:slug/edit', async (request, reply) => {
    const { viewer, challenge } = await readable(request);
    if (!canEdit(challenge, viewer)) throw new HttpError(403);
    return formPage(request, reply, viewer, challengeValues(challenge), {}, challenge);
  });

  app.post<{ Params: { slug: string } }>('/challenges/:slug/edit', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const { viewer, challenge } = await readable(request);
    if (!canEdit(challenge, viewer)) throw new HttpError(403);
    const result = await checked(request, viewer);
    if (!result.input) return formPage(request, reply, viewer, result.values, result.errors, challenge, 422);
    await challenges.update(challenge, result.input, actorOf(viewer));
    return reply.redirect(`/challenges/${challenge.slug}?done=saved`, 303);
  });

  app.post<{ Params: { slug: string } }>('/challenges/:slug/vote', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const { viewer, challenge } = await readable(request);
    const voter = voterKey(viewer);
    if (!voter) throw new HttpError(403);
    if (challenge.status !== 'published') throw new HttpError(409);
    const on = field(request.body, 'on') !== '0';
    const votes = await challenges.vote(challenge, voter, on);
    if (request.headers.accept?.includes('application/json')) return reply.header('Cache-Control', 'no-store').send({ votes, voted: on });
    // Back to where the button was: the board or the challenge's page (only our own paths).
    const back = typeof request.headers.referer === 'string' && new URL(request.headers.referer, 'http://x').pathname === '/challenges' ? '/challenges?done=voted' : `/challenges/${challenge.slug}?done=voted`;
    return reply.redirect(back, 303);
  });
};

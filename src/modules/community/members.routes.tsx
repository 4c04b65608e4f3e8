// Members: joining through an admitted registration's personal link, the profile, signing out and
// leaving, the list of members who chose to be found, and "get in touch" through the platform.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { HttpError } from '../../platform/http/errors.js';
import { checkText, field, isEmailAddress, normalizeText } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { MEMBER_COOKIE } from './community.viewer.js';
import { MEMBER_SESSION_TTL_MS } from './members.service.js';
import { communityHttp } from './community.http.js';
import { CONTACT_MAX, CONTACT_MIN } from './contact.service.js';
import { CommunityMessagePage, ProfilePage, type ProfileValues } from './views/ProfilePage.js';
import { ContactPage, MembersPage } from './views/MembersPage.js';
import { SignInLinkPage, SignInPage } from './views/SignInPage.js';

export const membersRoutes: FastifyPluginAsync<ModuleOptions> = async (app, options) => {
  const { config, services } = options;
  const { labs, members, contact, memberSignIn } = services;
  const { ctx, viewerOf, formLimit, communityOnly } = communityHttp(options);
  // The real limit is per member (CONTACT_PER_DAY); per address only against scripted floods, loose
  // enough for a whole administration behind one gateway.
  const contactLimit = config.rateLimits ? { max: 60, timeWindow: '1 hour' } : (false as const);

  /** The signed-in member, or a page that says how to become one (403). */
  async function memberOnly(request: FastifyRequest, reply: FastifyReply) {
    const viewer = await communityOnly(request, reply, request.t.community.practices.joinHint);
    if (!viewer) return null;
    if (viewer.kind !== 'member') throw new HttpError(403);
    return viewer.member;
  }

  async function signedInMember(request: FastifyRequest) {
    const viewer = await viewerOf(request);
    if (viewer.kind !== 'member') throw new HttpError(403);
    return viewer.member;
  }

  // ---- Members ----------------------------------------------------------------------------------
  app.post<{ Params: { token: string } }>('/r/:token/community', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const c = request.t.community.member;
    const outcome = await members.joinWithLink(request.params.token, async (organisation) => {
      const match = (await labs.all()).find((lab) => lab.name.localeCompare(organisation.trim(), 'de', { sensitivity: 'base' }) === 0);
      return match?.id ?? null;
    });
    if (outcome.kind !== 'joined') {
      const text = outcome.kind === 'not-admitted' ? c.notAdmitted : c.unknownLink;
      return reply.header('Cache-Control', 'no-store').html(<CommunityMessagePage ctx={ctx(request, reply)} title={c.join} text={text} kind="warning" />, outcome.kind === 'unknown' ? 404 : 403);
    }
    startSession(reply, outcome.sessionId);
    return reply.redirect(outcome.isNew ? '/community/profile?welcome=1' : '/practices', 303);
  });

  function startSession(reply: FastifyReply, sessionId: string) {
    reply.setCookie(MEMBER_COOKIE, sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secure, maxAge: MEMBER_SESSION_TTL_MS / 1000 });
  }

  // ---- Signing in again with a link by mail --------------------------------------------------------
  app.get('/community/sign-in', async (request, reply) => {
    return reply.header('Cache-Control', 'no-store').html(<SignInPage ctx={ctx(request, reply)} email="" />);
  });

  app.post('/community/sign-in', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const email = normalizeText(field(request.body, 'email')).trim();
    const page = (error: string | undefined, sent: boolean, status: number) =>
      reply.header('Cache-Control', 'no-store').html(<SignInPage ctx={ctx(request, reply)} email={sent ? '' : email} error={error} sent={sent} />, status);
    if (!isEmailAddress(email)) return page(request.t.community.member.emailInvalid, false, 422);
    // The same answer for members and strangers: nobody learns who is a member.
    await memberSignIn.requestLink(email);
    return page(undefined, true, 200);
  });

  app.get<{ Params: { token: string } }>('/community/sign-in/:token', async (request, reply) => {
    const valid = await memberSignIn.isValid(request.params.token);
    return reply.header('Cache-Control', 'no-store')
      .html(<SignInLinkPage ctx={ctx(request, reply)} token={request.params.token} valid={valid} />, valid ? 200 : 404);
  });

  app.post<{ Params: { token: string } }>('/community/sign-in/:token', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const signedIn = await memberSignIn.redeem(request.params.token);
    if (!signedIn) return reply.header('Cache-Control', 'no-store').html(<SignInLinkPage ctx={ctx(request, reply)} token={request.params.token} valid={false} />, 404);
    startSession(reply, signedIn.sessionId);
    return reply.redirect('/practices', 303);
  });

  async function profilePage(request: FastifyRequest, reply: FastifyReply, values: ProfileValues, errors: FieldErrors, notice?: string, status = 200, askLeave = false) {
    return reply.header('Cache-Control', 'no-store').html(<ProfilePage ctx={ctx(request, reply)} values={values} errors={errors} labs={await labs.all()} notice={notice} askLeave={askLeave} />, status);
  }

  app.get<{ Querystring: { welcome?: string; saved?: string; leave?: string } }>('/community/profile', async (request, reply) => {
    const member = await signedInMember(request);
    const c = request.t.community.member;
    const notice = request.query.welcome ? c.welcome : request.query.saved ? c.saved : undefined;
    const values = { name: member.name, lab: member.labId ? String(member.labId) : '', findable: member.findable, about: member.about };
    return profilePage(request, reply, values, {}, notice, 200, request.query.leave === '1');
  });

  app.post('/community/profile', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const member = await signedInMember(request);
    const t = request.t;
    const values: ProfileValues = {
      name: normalizeText(field(request.body, 'name')).trim(), lab: field(request.body, 'lab'),
      findable: field(request.body, 'findable') === 'yes', about: normalizeText(field(request.body, 'about')).trim(),
    };
    const errors: FieldErrors = {};
    const nameError = checkText(values.name, t, { required: true, max: 200 });
    if (nameError) errors.name = nameError;
    const aboutError = checkText(values.about, t, { max: 500 });
    if (aboutError) errors.about = aboutError;
    const lab = values.lab === '' ? null : (await labs.all()).find((l) => String(l.id) === values.lab);
    if (lab === undefined) errors.lab = t.community.member.labInvalid;
    if (Object.keys(errors).length > 0) return profilePage(request, reply, values, errors, undefined, 422);
    await members.updateProfile(member, { name: values.name, labId: lab?.id ?? null, findable: values.findable, about: values.about });
    return reply.redirect('/community/profile?saved=1', 303);
  });

  app.post('/community/logout', async (request, reply) => {
    const sessionId = request.cookies[MEMBER_COOKIE];
    if (sessionId) await members.endSession(sessionId);
    reply.clearCookie(MEMBER_COOKIE, { path: '/' });
    const c = request.t.community.member;
    return reply.header('Cache-Control', 'no-store').html(<CommunityMessagePage ctx={ctx(request, reply)} title={c.signOut} text={c.signedOut} kind="success" />);
  });

  app.post('/community/leave', { config: { rateLimit: formLimit } }, async (request, reply) => {
    const member = await signedInMember(request);
    // Deleting the profile cannot be undone: it takes a second, explicit step (WCAG 3.3.4).
    if (field(request.body, 'confirm') !== 'yes') return reply.redirect('/community/profile?leave=1#leave-heading', 303);
    await members.leave(member);
    reply.clearCookie(MEMBER_COOKIE, { path: '/' });
    const c = request.t.community.member;
    return reply.header('Cache-Control', 'no-store').html(<CommunityMessagePage ctx={ctx(request, reply)} title={c.leave} text={c.left} kind="success" />);
  });

  // ---- Members who can be found, and getting in touch ------------------------------------------------
  app.get('/community/members', async (request, reply) => {
    const viewer = await communityOnly(request, reply, request.t.community.practices.joinHint);
    if (!viewer) return reply;
    const [found, allLabs] = await Promise.all([members.findable(), labs.all()]);
    const labNames = new Map(allLabs.map((lab) => [lab.id, { name: lab.name, slug: lab.slug }]));
    const self = viewer.kind === 'member' ? viewer.member.id : null;
    return reply.header('Cache-Control', 'no-store').html(
      <MembersPage ctx={ctx(request, reply)} members={found.map((m) => ({ ...m, lab: m.labId ? labNames.get(m.labId) ?? null : null }))} self={self} canWrite={viewer.kind === 'member'} />,
    );
  });

  async function contactTarget(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const from = await memberOnly(request, reply);
    if (!from) return null;
    const id = Number(request.params.id);
    const to = Number.isSafeInteger(id) ? await contact.recipient(from, id) : null;
    // Unknown, hidden and oneself look the same: nobody learns who is a member.
    if (!to) throw new HttpError(404);
    return { from, to };
  }

  app.get<{ Params: { id: string }; Querystring: { sent?: string } }>('/community/members/:id/contact', async (request, reply) => {
    const pair = await contactTarget(request, reply);
    if (!pair) return reply;
    return reply.header('Cache-Control', 'no-store').html(<ContactPage ctx={ctx(request, reply)} to={pair.to} text="" sent={Boolean(request.query.sent)} />);
  });

  app.post<{ Params: { id: string } }>('/community/members/:id/contact', { config: { rateLimit: contactLimit } }, async (request, reply) => {
    const pair = await contactTarget(request, reply);
    if (!pair) return reply;
    const t = request.t;
    const text = normalizeText(field(request.body, 'message')).trim();
    const page = (error: string, status: number) => reply.header('Cache-Control', 'no-store').html(<ContactPage ctx={ctx(request, reply)} to={pair.to} text={text} error={error} sent={false} />, status);
    const error = checkText(text, t, { required: true, max: CONTACT_MAX }) ?? (text.length < CONTACT_MIN ? t.community.contact.tooShort(CONTACT_MIN) : null);
    if (error) return page(error, 422);
    const lab = pair.from.labId ? (await labs.all()).find((l) => l.id === pair.from.labId)?.name ?? null : null;
    const outcome = await contact.send(pair.from, pair.to, text, lab);
    if (outcome === 'too-many') return page(t.community.contact.tooMany, 429);
    return reply.redirect(`/community/members/${pair.to.id}/contact?sent=1`, 303);
  });
};

// Signing in to the back office with a password or a one-time link, signing out, and the guard of /admin.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { field } from '../../platform/http/form.js';
import type { AccessService } from './access.service.js';
import { CHALLENGE_TTL_MS, SESSION_TTL_MS, type SignInResult } from './access.service.js';
import { LoginConfirmPage, LoginInfoPage, PasswordLoginPage, TotpCodePage } from './views/LoginPages.js';

export const SESSION_COOKIE = 'lc_session';
/** Between the first step and the code; only sent to /admin/login. */
export const CHALLENGE_COOKIE = 'lc_2fa';

/** preHandler for every back-office route: a valid session, or off to the login page. */
export function requireOrganizer(access: AccessService) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    const organizer = sessionId ? await access.organizerForSession(sessionId) : null;
    if (!organizer) return reply.redirect('/admin/login', 303);
    // The navigation offers the community's back office only to those who may enter it.
    request.organizer = { ...organizer, moderatesCommunity: await access.moderatesCommunity(organizer) };
    reply.header('Cache-Control', 'no-store');
  };
}

export const accessRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { config, services, assetVersion }) => {
  const loginRateLimit = config.rateLimits ? { max: 10, timeWindow: '1 minute' } : false;

  const startSession = (reply: FastifyReply, sessionId: string) => reply
    .setCookie(SESSION_COOKIE, sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secure, maxAge: SESSION_TTL_MS / 1000 })
    .redirect('/admin', 303);

  /** After the password or the link: signed in, or on to the code (two-factor sign-in). */
  const afterFirstStep = (reply: FastifyReply, result: SignInResult) => {
    if ('sessionId' in result) return startSession(reply, result.sessionId);
    return reply
      .setCookie(CHALLENGE_COOKIE, result.challenge, { path: '/admin/login', httpOnly: true, sameSite: 'strict', secure: config.secure, maxAge: CHALLENGE_TTL_MS / 1000 })
      .redirect('/admin/login/code', 303);
  };

  const loginPage = (request: FastifyRequest, reply: FastifyReply, state: { email?: string; failed?: boolean; linkSent?: boolean }, status = 200) => reply
    .header('Cache-Control', 'no-store')
    .html(<PasswordLoginPage ctx={pageContext(request, reply, assetVersion, { csrf: true })} email={state.email ?? ''} failed={state.failed ?? false} linkSent={state.linkSent ?? false} />, status);

  app.get('/admin/login', async (request, reply) => loginPage(request, reply, {}));

  app.post('/admin/login', { config: { rateLimit: loginRateLimit } }, async (request, reply) => {
    const email = field(request.body, 'email').trim();
    const result = await services.access.passwordLogin(email, field(request.body, 'password'));
    if (!result) return loginPage(request, reply, { email: email.slice(0, 320), failed: true }, 401);
    return afterFirstStep(reply, result);
  });

  app.get('/admin/login/code', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const expired = !request.cookies[CHALLENGE_COOKIE];
    return reply.html(<TotpCodePage ctx={pageContext(request, reply, assetVersion, { csrf: true })} expired={expired} />, expired ? 410 : 200);
  });

  app.post('/admin/login/code', { config: { rateLimit: loginRateLimit } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    // The code from the app, or — from the second form — a recovery code.
    const recovery = field(request.body, 'recovery');
    const [code, kind] = recovery !== '' ? [recovery, 'recovery' as const] : [field(request.body, 'code'), 'totp' as const];
    const outcome = await services.access.answerChallenge(request.cookies[CHALLENGE_COOKIE] ?? '', code, kind);
    if (outcome.kind === 'signed-in') {
      reply.clearCookie(CHALLENGE_COOKIE, { path: '/admin/login' });
      return startSession(reply, outcome.sessionId);
    }
    const ctx = pageContext(request, reply, assetVersion, { csrf: true });
    if (outcome.kind === 'expired') return reply.clearCookie(CHALLENGE_COOKIE, { path: '/admin/login' }).html(<TotpCodePage ctx={ctx} expired />, 410);
    return reply.html(recovery !== '' ? <TotpCodePage ctx={ctx} recoveryError={request.t.totp.recoveryWrong} /> : <TotpCodePage ctx={ctx} error={request.t.totp.wrong} />, 401);
  });

  // Always the same answer, whether or not an account has the address.
  app.post('/admin/login/link', { config: { rateLimit: loginRateLimit } }, async (request, reply) => {
    await services.access.mailLoginLink(field(request.body, 'link_email'), request.locale);
    return loginPage(request, reply, { linkSent: true });
  });

  app.get<{ Params: { token: string } }>('/admin/login/:token', { config: { rateLimit: loginRateLimit } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const usable = await services.access.loginTokenIsUsable(request.params.token);
    if (!usable) return reply.html(<LoginInfoPage ctx={pageContext(request, reply, assetVersion)} invalid />, 410);
    return reply.html(<LoginConfirmPage ctx={pageContext(request, reply, assetVersion, { csrf: true })} token={request.params.token} />);
  });

  app.post<{ Params: { token: string } }>('/admin/login/:token', { config: { rateLimit: loginRateLimit } }, async (request, reply) => {
    const result = await services.access.redeemLoginToken(request.params.token);
    if (!result) return reply.header('Cache-Control', 'no-store').html(<LoginInfoPage ctx={pageContext(request, reply, assetVersion)} invalid />, 410);
    return afterFirstStep(reply, result);
  });

  app.post('/admin/logout', async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) await services.access.endSession(sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });
};

// The confidential live room: /r/:token/live turns a personal link into a live session (a cookie
// only this room's path receives), /events/:slug/live shows the room to participants with a
// current session and to the event's team — and to everyone else a page that explains how to get
// access, without the video link.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { roleAllows } from '../access/access.policy.js';
import { SESSION_COOKIE } from '../access/access.routes.js';
import type { LabEvent } from '../events/events.types.js';
import { LivePage, LiveRefusalPage, type Refusal } from './views/LivePage.js';

export const LIVE_COOKIE = 'lc_live';
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export const liveRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { config, services, assetVersion }) => {
  const { live } = services;
  const linkLimit = config.rateLimits ? { max: 30, timeWindow: '1 minute' } : false;
  const roomPath = (event: LabEvent) => `/events/${event.slug}/live`;

  // Nothing of the room may be cached or indexed: it differs per person and is confidential.
  const privateReply = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');

  function refuse(request: FastifyRequest, reply: FastifyReply, event: LabEvent, refusal: Refusal, status: number) {
    return privateReply(reply).html(<LiveRefusalPage ctx={pageContext(request, reply, assetVersion)} event={event} refusal={refusal} />, status);
  }

  app.get<{ Params: { token: string } }>('/r/:token/live', { config: { rateLimit: linkLimit } }, async (request, reply) => {
    const outcome = await live.enter(request.params.token);
    switch (outcome.kind) {
      case 'unknown': {
        // No event to name: the message page of the next public event, as for unknown personal links.
        const { upcoming, past } = await services.events.publicListing();
        const event = upcoming[0] ?? past[0];
        if (!event) throw new HttpError(404);
        return refuse(request, reply, event, { kind: 'invalid' }, 404);
      }
      case 'revoked':
        return refuse(request, reply, outcome.event, { kind: 'revoked' }, 410);
      case 'not-admitted':
        return refuse(request, reply, outcome.event, { kind: 'inactive', status: outcome.status, personalLink: `/r/${request.params.token}` }, 403);
      case 'over':
        return privateReply(reply).redirect(roomPath(outcome.event), 303);
      case 'entered':
        return privateReply(reply)
          .setCookie(LIVE_COOKIE, outcome.sessionId, { path: roomPath(outcome.event), httpOnly: true, sameSite: 'lax', secure: config.secure, expires: outcome.expiresAt })
          .redirect(roomPath(outcome.event), 303);
    }
  });

  app.get<{ Params: { slug: string } }>('/events/:slug/live', async (request, reply) => {
    if (!SLUG.test(request.params.slug)) throw new HttpError(404);
    const event = await services.events.findBySlug(request.params.slug);
    if (!event) throw new HttpError(404);
    const viewer = await live.viewer(event, { live: request.cookies[LIVE_COOKIE], organizerSession: request.cookies[SESSION_COOKIE] });
    // Drafts exist only for their team.
    if (event.status === 'draft' && viewer.kind !== 'team') throw new HttpError(404);
    const room = await live.room(event.id);
    const state = live.state(event, room);
    // Once the meeting is over or cancelled there is nothing left to keep out: everyone is told so.
    const finished = state.state === 'over' || state.state === 'cancelled';
    if (viewer.kind === 'none' && !finished) {
      const refusal: Refusal = viewer.reason === 'no-session'
        ? { kind: 'no-access', registrationOpen: services.events.registrationWindow(event).state === 'open' }
        : viewer.reason === 'inactive' ? { kind: 'inactive' } : { kind: viewer.reason };
      return refuse(request, reply, event, refusal, 403);
    }
    const program = await services.program.forEvent(event.id);
    const team = viewer.kind === 'team' ? { canControl: roleAllows(viewer.role, 'live.control') } : null;
    return privateReply(reply).html(<LivePage ctx={pageContext(request, reply, assetVersion)} event={event} room={room} state={state} program={program} team={team} />);
  });
};

// The confidential live room: /r/:token/live turns a personal link into a live session (a cookie
// only this room's path receives), /events/:slug/live shows the room to participants with a
// current session and to the event's team — and to everyone else a page that explains how to get
// access, without the video link. /events/:slug/live/join sends those inside to the meeting with a
// personal URL made on the spot (Jitsi token, BigBlueButton join), so no page holds a reusable one.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { videoEmbedHeaders } from '../../platform/http/security-headers.js';
import { roleAllows } from '../access/access.policy.js';
import { SESSION_COOKIE } from '../access/access.routes.js';
import { text } from '../events/events.present.js';
import type { LabEvent } from '../events/events.types.js';
import type { LiveRoom, RoomState, Viewer } from './live.service.js';
import type { Joiner } from './video/video.types.js';
import { LivePage, LiveRefusalPage, LiveUnavailablePage, type Refusal, type VideoEntry, LiveNow } from './views/LivePage.js';
import { renderFragment } from '../../platform/html/render.js';
import { roundView } from '../networking/round-view.js';
import { RoundPart } from '../networking/views/RoundPart.js';

export const LIVE_COOKIE = 'lc_live';
export const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export const liveRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { config, services, assetVersion }) => {
  const { live } = services;
  // Per IP, and generous: a whole Land administration may share one gateway address and enter in
  // the same minute. Links are 256-bit random, so the limit guards the server's load, not guessing.
  const linkLimit = config.rateLimits ? { max: 600, timeWindow: '1 minute' } : false;
  const roomPath = (event: LabEvent) => `/events/${event.slug}/live`;

  // Nothing of the room may be cached or indexed: it differs per person and is confidential.
  const privateReply = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');

  function refuse(request: FastifyRequest, reply: FastifyReply, event: LabEvent, refusal: Refusal, status: number) {
    return privateReply(reply).html(<LiveRefusalPage ctx={pageContext(request, reply, assetVersion)} event={event} refusal={refusal} />, status);
  }

  /** Who is looking at which room, and — for those who may not look — why not. The page and the join link share it. */
  async function lookIn(request: FastifyRequest<{ Params: { slug: string } }>): Promise<{ event: LabEvent; viewer: Viewer; room: LiveRoom; state: RoomState; refusal: Refusal | null }> {
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
    let refusal: Refusal | null = null;
    if (viewer.kind === 'none' && !finished) {
      refusal = viewer.reason === 'no-session'
        ? { kind: 'no-access', registrationOpen: services.events.registrationWindow(event).state === 'open' }
        : viewer.reason === 'inactive' ? { kind: 'inactive' } : { kind: viewer.reason };
    }
    return { event, viewer, room, state, refusal };
  }

  /** Who joins the meeting, as the video system shows them: null for those who may not join now. The team always may. */
  function joinerOf(viewer: Viewer, state: RoomState): Joiner | null {
    if (state.state === 'cancelled') return null;
    if (viewer.kind === 'team') return { name: viewer.name, moderator: roleAllows(viewer.role, 'live.control') };
    if (viewer.kind === 'participant' && state.state === 'open') return { name: viewer.name, moderator: false };
    return null;
  }

  /** The join link of the page: a plain link goes straight there; Jitsi and BigBlueButton through our join route. */
  function videoEntry(event: LabEvent, room: LiveRoom, joiner: Joiner): VideoEntry {
    const ready = room.provider === 'link' ? room.videoUrl : room.provider === 'jitsi' ? room.jitsiRoom : room.bbbMeetingId;
    const href = !ready ? null : room.provider === 'link' ? room.videoUrl : `${roomPath(event)}/join`;
    return { href, embed: href ? live.embed(room, joiner) : null, moderator: joiner.moderator && room.provider !== 'link' };
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

  app.get<{ Params: { slug: string }; Querystring: { fragment?: string; topics?: string } }>('/events/:slug/live', async (request, reply) => {
    const { event, viewer, room, state, refusal } = await lookIn(request);
    if (refusal) return refuse(request, reply, event, refusal, 403);
    const program = await services.program.forEvent(event.id);
    const team = viewer.kind === 'team' ? { canControl: roleAllows(viewer.role, 'live.control') } : null;
    const joiner = joinerOf(viewer, state);
    const video = joiner ? videoEntry(event, room, joiner) : null;
    // Only this response, and only when it embeds the room, lets the Jitsi server in.
    if (video?.embed) reply.headers(videoEmbedHeaders(`https://${video.embed.domain}`));
    // People inside the room (not everyone reading a finished one) get the Q&A, what is being
    // discussed, and live updates from the feed position this page shows.
    const since = viewer.kind === 'none' ? 0 : await services.liveFeed.head(event.id);
    const questions = viewer.kind === 'none' ? null : { highlighted: await services.qa.highlighted(event.id), since };
    // The networking rounds: a participant's group, or for the team how many groups meet.
    const rounds = viewer.kind === 'participant' ? await roundView(services, event.id, { kind: 'participant', registrationId: viewer.registrationId }, request.query.topics)
      : viewer.kind === 'team' ? await roundView(services, event.id, { kind: 'team', canSteer: team?.canControl ?? false }) : null;
    const ctx = pageContext(request, reply, assetVersion, { csrf: viewer.kind !== 'none' });
    if (request.query.fragment === 'now') {
      return privateReply(reply).htmlString(renderFragment(<LiveNow ctx={ctx} event={event} program={program} nowItemId={room.nowItemId} questions={questions} />));
    }
    if (request.query.fragment === 'round') {
      return privateReply(reply).htmlString(rounds ? renderFragment(<RoundPart ctx={ctx} event={event} view={rounds} />) : '');
    }
    return privateReply(reply).html(<LivePage ctx={ctx} event={event} state={state} program={program} team={team} video={video} questions={questions} nowItemId={room.nowItemId} rounds={rounds} />);
  });

  // Computes a personal URL at the moment of joining: the Jitsi token or BigBlueButton's join call
  // never sits in a page, so a forwarded page or link gives nobody a moderator's seat. No per-IP rate
  // limit: only people with a session get this far, and a whole office behind one proxy joins at once.
  app.get<{ Params: { slug: string } }>('/events/:slug/live/join', async (request, reply) => {
    const { event, viewer, room, state, refusal } = await lookIn(request);
    if (refusal) return refuse(request, reply, event, refusal, 403);
    const joiner = joinerOf(viewer, state);
    // Not open (yet): the room's page says when it opens.
    if (!joiner) return privateReply(reply).redirect(roomPath(event), 303);
    const target = await live.join(event, room, joiner, text(event, 'title', request.locale).text);
    if (target.kind === 'redirect') return privateReply(reply).redirect(target.url, 303);
    if (target.kind === 'not-set') return privateReply(reply).redirect(roomPath(event), 303);
    request.log.warn({ event: event.slug, provider: room.provider }, 'video system did not answer a join');
    return privateReply(reply).html(<LiveUnavailablePage ctx={pageContext(request, reply, assetVersion)} event={event} />, 502);
  });
};

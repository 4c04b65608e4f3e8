// Who is inside an event's live room, for the room's own features (Q&A, live updates): admitted
// participants with a live session and members of the event's team. Everyone else is refused
// with 403 (the room's page explains how to get in); drafts and unknown events are 404.
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { HttpError } from '../../platform/http/errors.js';
import { roleAllows } from '../access/access.policy.js';
import { SESSION_COOKIE } from '../access/access.routes.js';
import type { LabEvent } from '../events/events.types.js';
import { LIVE_COOKIE, SLUG } from './live.routes.js';

export type RoomMember =
  | { kind: 'participant'; registrationId: number; name: string }
  | { kind: 'team'; organizerId: number; name: string };

/** One key per person in the room — 'r<registration id>' or 'o<organizer id>' — for votes and feed audiences alike. */
export const personKey = (member: RoomMember) => (member.kind === 'participant' ? `r${member.registrationId}` : `o${member.organizerId}`);

export interface InsideTheRoom {
  event: LabEvent;
  member: RoomMember;
  /** 'r<registration id>' or 'o<organizer id>': one key per person, for votes and audiences. */
  key: string;
  /** May moderate (owner, organizer, moderator). */
  moderator: boolean;
}

export async function roomMember(services: Pick<Services, 'events' | 'live'>, request: FastifyRequest<{ Params: { slug: string } }>): Promise<InsideTheRoom> {
  if (!SLUG.test(request.params.slug)) throw new HttpError(404);
  const event = await services.events.findBySlug(request.params.slug);
  if (!event || event.status === 'draft') throw new HttpError(404);
  const viewer = await services.live.viewer(event, { live: request.cookies[LIVE_COOKIE], organizerSession: request.cookies[SESSION_COOKIE] });
  if (viewer.kind === 'team') {
    const member: RoomMember = { kind: 'team', organizerId: viewer.organizerId, name: viewer.name };
    return { event, member, key: personKey(member), moderator: roleAllows(viewer.role, 'live.control') };
  }
  if (viewer.kind === 'participant') {
    const member: RoomMember = { kind: 'participant', registrationId: viewer.registrationId, name: viewer.name };
    return { event, member, key: personKey(member), moderator: false };
  }
  throw new HttpError(403);
}

// Who is looking at a community page: a signed-in member (member cookie), a team member (the
// back-office session), or a visitor. One lookup per request, remembered on the request.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import type { AccessService } from '../access/access.service.js';
import { mayModerateCommunity } from '../access/access.policy.js';
import { SESSION_COOKIE } from '../access/access.routes.js';
import type { CommunityViewer } from './community.types.js';
import type { MembersService } from './members.service.js';

export const MEMBER_COOKIE = 'lc_member';

const seen = new WeakMap<FastifyRequest, Promise<CommunityViewer>>();

export function communityViewer(deps: { db: Db; access: AccessService; members: MembersService }, request: FastifyRequest): Promise<CommunityViewer> {
  let viewer = seen.get(request);
  if (!viewer) {
    viewer = lookUp(deps, request);
    seen.set(request, viewer);
  }
  return viewer;
}

async function lookUp(deps: { db: Db; access: AccessService; members: MembersService }, request: FastifyRequest): Promise<CommunityViewer> {
  const sessionId = request.cookies[SESSION_COOKIE];
  const organizer = sessionId ? await deps.access.organizerForSession(sessionId) : null;
  if (organizer) return { kind: 'organizer', organizerId: organizer.id, name: organizer.name, moderator: await mayModerateCommunity(deps.db, organizer) };
  const member = await deps.members.memberForSession(request.cookies[MEMBER_COOKIE]);
  return member ? { kind: 'member', member } : { kind: 'visitor' };
}

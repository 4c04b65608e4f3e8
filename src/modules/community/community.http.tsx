// What the community's route files share: who is looking, page contexts, the rate limit of its
// forms, and the refusal page for visitors where only the community may go.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/audit/audit.js';
import { type Author, type CommunityViewer, inCommunity } from './community.types.js';
import { communityViewer } from './community.viewer.js';
import { memberActor } from './members.service.js';
import { CommunityMessagePage } from './views/ProfilePage.js';

export const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export function actorOf(viewer: CommunityViewer): Actor {
  if (viewer.kind === 'member') return memberActor(viewer.member);
  if (viewer.kind === 'organizer') return { id: viewer.organizerId, label: viewer.name };
  throw new HttpError(403);
}

export function authorOf(viewer: CommunityViewer): Author {
  if (viewer.kind === 'member') return { kind: 'member', memberId: viewer.member.id };
  if (viewer.kind === 'organizer') return { kind: 'organizer', organizerId: viewer.organizerId };
  throw new HttpError(403);
}

export function communityHttp({ config, services, assetVersion, database }: ModuleOptions) {
  const ctx = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, assetVersion, { csrf: true });
  const viewerOf = (request: FastifyRequest) => communityViewer({ db: database.db, access: services.access, members: services.members }, request);
  return {
    ctx,
    viewerOf,
    formLimit: config.rateLimits ? { max: 30, timeWindow: '1 minute' } : (false as const),
    /** Pages differ by who is signed in: never shared by caches. */
    personal: (reply: FastifyReply) => reply.header('Cache-Control', 'private, no-cache'),
    /** Members and team members only; visitors get a page that says how to join (403). */
    async communityOnly(request: FastifyRequest, reply: FastifyReply, hint: string): Promise<CommunityViewer | null> {
      const viewer = await viewerOf(request);
      if (inCommunity(viewer)) return viewer;
      await reply.html(<CommunityMessagePage ctx={ctx(request, reply)} title={request.t.community.member.join} text={hint} kind="warning" signInLink />, 403);
      return null;
    },
  };
}

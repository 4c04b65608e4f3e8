// Who may read, edit and moderate what members share (practices and challenges alike).
import { type CommunityViewer, inCommunity, isModerator, type PracticeStatus, type Visibility } from './community.types.js';

/** What the rules look at: status, audience and authorship. */
export interface Shared {
  status: PracticeStatus;
  visibility: Visibility;
  authorMemberId: number | null;
  authorOrganizerId: number | null;
}

export function isAuthor(item: Pick<Shared, 'authorMemberId' | 'authorOrganizerId'>, viewer: CommunityViewer): boolean {
  return (viewer.kind === 'member' && item.authorMemberId === viewer.member.id)
    || (viewer.kind === 'organizer' && item.authorOrganizerId === viewer.organizerId);
}

/** Published items by their audience; anything else by its author and moderators. */
export function canRead(item: Shared, viewer: CommunityViewer): boolean {
  if (isAuthor(item, viewer) || isModerator(viewer)) return true;
  return item.status === 'published' && (item.visibility === 'public' || inCommunity(viewer));
}

/** Authors edit until it is published; moderators always. */
export function canEdit(item: Shared, viewer: CommunityViewer): boolean {
  return isModerator(viewer) || (isAuthor(item, viewer) && (item.status === 'draft' || item.status === 'review'));
}

/** Where a moderator may move an item from its status. */
export const MODERATION_MOVES: Record<PracticeStatus, PracticeStatus[]> = {
  draft: ['published'],
  review: ['published', 'draft'],
  published: ['unpublished'],
  unpublished: ['published', 'draft'],
};

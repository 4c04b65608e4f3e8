// Where a person following the room's join link is sent, by the room's video provider. Secrets are
// used here, on the server, and only the finished personal URL leaves it.
import type { VideoConfig } from '../../../config.js';
import type { VideoProvider, Joiner, JoinTarget } from './video.types.js';
import { jitsiJoinUrl, jitsiToken, tokenFor } from './jitsi.js';
import { bbbCreate, bbbJoinUrl, type Fetch } from './bbb.js';

/** The video part of a live room, as stored per event. */
export interface RoomVideo {
  provider: VideoProvider;
  videoUrl: string | null;
  jitsiDomain: string | null;
  jitsiRoom: string | null;
  jitsiEmbed: boolean;
  bbbMeetingId: string | null;
}

export interface JoinContext {
  config: VideoConfig;
  fetch: Fetch;
  now: Date;
  /** The meeting's name in BigBlueButton, and where it sends people who leave. */
  meetingName: string;
  returnUrl: string;
}

export async function joinTarget(video: RoomVideo, joiner: Joiner, context: JoinContext): Promise<JoinTarget> {
  switch (video.provider) {
    case 'link':
      return video.videoUrl ? { kind: 'redirect', url: video.videoUrl } : { kind: 'not-set' };
    case 'jitsi': {
      if (!video.jitsiDomain || !video.jitsiRoom) return { kind: 'not-set' };
      return { kind: 'redirect', url: jitsiJoinUrl(video.jitsiDomain, video.jitsiRoom, joiner, jitsiJwt(video, joiner, context)) };
    }
    case 'bbb': {
      // The operator may have removed BBB_URL since the organizers chose BigBlueButton.
      const bbb = context.config.bbb;
      if (!bbb || !video.bbbMeetingId) return { kind: 'unavailable' };
      const created = await bbbCreate(context.fetch, bbb, { meetingID: video.bbbMeetingId, name: context.meetingName, logoutURL: context.returnUrl });
      return created ? { kind: 'redirect', url: bbbJoinUrl(bbb, video.bbbMeetingId, joiner) } : { kind: 'unavailable' };
    }
  }
}

/** The personal token for a Jitsi room, when the room is on the operator's token-checking server. */
export function jitsiJwt(video: RoomVideo, joiner: Joiner, context: Pick<JoinContext, 'config' | 'now'>): string | null {
  const token = video.jitsiDomain && video.jitsiRoom ? tokenFor(context.config.jitsi, video.jitsiDomain) : null;
  return token ? jitsiToken(token, video.jitsiRoom!, joiner, context.now) : null;
}

/** Embedding loads the server's script into our page, so only the operator's own server may be embedded. */
export function mayEmbed(config: VideoConfig, domain: string | null): boolean {
  return config.jitsi !== null && domain === config.jitsi.domain;
}

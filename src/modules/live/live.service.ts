// Rules of the confidential live room: when it is open, and who may enter. Participants enter
// only through their personal link while their registration is admitted; the event's team always
// may. Everyone else learns how to get access, never the video link.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, recordAudit } from '../../platform/audit/audit.js';
import { hashToken, looksLikeToken, randomToken } from '../../platform/tokens.js';
import { type EventRole, roleOn } from '../access/access.policy.js';
import type { AccessService } from '../access/access.service.js';
import type { RegistrationService } from '../registration/registration.service.js';
import type { RegistrationStatus } from '../registration/registration.types.js';
import type { LabEvent } from '../events/events.types.js';
import type { VideoConfig } from '../../config.js';
import * as repo from './live.repo.js';
import type { Joiner, JoinTarget, VideoProvider } from './video/video.types.js';
import { joinTarget, jitsiJwt, type RoomVideo } from './video/join.js';
import { newJitsiRoom } from './video/jitsi.js';
import { newBbbMeetingId, type Fetch } from './video/bbb.js';

export const DEFAULT_OPENS_MINUTES_BEFORE = 15;
/** The room stays open this long after the scheduled end: meetings overrun, people linger. */
export const OPEN_AFTER_END_MS = 60 * 60_000;

export interface LiveRoom extends RoomVideo {
  eventId: number;
  opensMinutesBefore: number;
  openedAt: Date | null;
  closedAt: Date | null;
  /** The agenda item the moderators marked as running now. */
  nowItemId: number | null;
}

export type RoomState =
  | { state: 'cancelled' }
  | { state: 'over' }
  | { state: 'closed'; closedAt: Date }
  | { state: 'not-yet-open'; opensAt: Date }
  | { state: 'open'; early: boolean };

/**
 * Where the room stands at `now`. An organizer's close wins over everything but an open that came
 * after it; an organizer's open wins over the schedule until the room closes after the end.
 */
export function roomState(event: LabEvent, room: LiveRoom, now: Date): RoomState {
  if (event.status === 'cancelled') return { state: 'cancelled' };
  if (room.closedAt && (!room.openedAt || room.closedAt >= room.openedAt)) return { state: 'closed', closedAt: room.closedAt };
  if (now.getTime() >= event.endsAt.getTime() + OPEN_AFTER_END_MS) return { state: 'over' };
  const opensAt = new Date(event.startsAt.getTime() - room.opensMinutesBefore * 60_000);
  if (room.openedAt) return { state: 'open', early: room.openedAt < opensAt };
  if (now < opensAt) return { state: 'not-yet-open', opensAt };
  return { state: 'open', early: false };
}

/** Who is looking at the room. */
export type Viewer =
  | { kind: 'team'; role: EventRole; organizerId: number; name: string }
  | { kind: 'participant'; registrationId: number; name: string }
  /** no-session: never entered; revoked: the link it came from was replaced; inactive: no longer admitted; expired: the session ran out. */
  | { kind: 'none'; reason: 'no-session' | 'revoked' | 'inactive' | 'expired' };

export type EntryOutcome =
  | { kind: 'unknown' }
  | { kind: 'revoked'; event: LabEvent }
  | { kind: 'not-admitted'; event: LabEvent; status: RegistrationStatus }
  | { kind: 'over'; event: LabEvent }
  | { kind: 'entered'; event: LabEvent; sessionId: string; expiresAt: Date };

export type LiveService = ReturnType<typeof createLiveService>;

interface Deps {
  db: Db;
  clock: Clock;
  registration: Pick<RegistrationService, 'linkStanding' | 'linkStandingById'>;
  access: Pick<AccessService, 'organizerForSession'>;
  /** The operator's video systems, with their secrets. */
  video: VideoConfig;
  /** Talks to BigBlueButton; tests pass one that reaches a local fake server. */
  fetch: Fetch;
  /** The absolute URL of a path of ours (where BigBlueButton sends people who leave). */
  link: (path: string) => string;
}

/** What the organizers choose in the settings form. */
export interface LiveSettings {
  provider: VideoProvider;
  videoUrl: string | null;
  jitsiDomain: string | null;
  jitsiEmbed: boolean;
  opensMinutesBefore: number;
}

export function createLiveService({ db, clock, registration, access, video, fetch, link }: Deps) {
  async function room(eventId: number, trx: Db = db): Promise<LiveRoom> {
    const row = await repo.findRoom(trx, eventId);
    return {
      eventId,
      provider: (row?.video_provider ?? 'link') as VideoProvider,
      videoUrl: row?.video_url ?? null,
      jitsiDomain: row?.jitsi_domain ?? null,
      jitsiRoom: row?.jitsi_room ?? null,
      jitsiEmbed: row?.jitsi_embed === 1,
      bbbMeetingId: row?.bbb_meeting_id ?? null,
      opensMinutesBefore: row?.opens_minutes_before ?? DEFAULT_OPENS_MINUTES_BEFORE,
      openedAt: row?.opened_at ? new Date(row.opened_at) : null,
      closedAt: row?.closed_at ? new Date(row.closed_at) : null,
      nowItemId: row?.now_item_id ?? null,
    };
  }

  async function save(trx: Db, next: LiveRoom): Promise<void> {
    await repo.saveRoom(trx, {
      event_id: next.eventId, video_provider: next.provider, video_url: next.videoUrl, jitsi_domain: next.jitsiDomain, jitsi_room: next.jitsiRoom,
      jitsi_embed: next.jitsiEmbed ? 1 : 0, bbb_meeting_id: next.bbbMeetingId, opens_minutes_before: next.opensMinutesBefore,
      opened_at: next.openedAt?.toISOString() ?? null, closed_at: next.closedAt?.toISOString() ?? null, now_item_id: next.nowItemId, updated_at: clock.now().toISOString(),
    });
  }

  /** Changes the room in one transaction with its audit entry. */
  async function change(event: LabEvent, actor: Actor, action: string, edit: (current: LiveRoom) => LiveRoom, describe: (r: LiveRoom) => object): Promise<LiveRoom> {
    return db.transaction().execute(async (trx) => {
      const current = await room(event.id, trx);
      const next = edit(current);
      await save(trx, next);
      await recordAudit(trx, clock, actor, { action, subjectType: 'live_room', subjectId: event.id, eventId: event.id, before: describe(current), after: describe(next) });
      return next;
    });
  }

  // The audit log names the video host, never the full link (it may carry a meeting password) nor
  // the room's random name (knowing it is half of getting in).
  const settingsOf = (r: LiveRoom) => ({
    provider: r.provider, videoHost: r.videoUrl ? new URL(r.videoUrl).host : null, jitsiDomain: r.jitsiDomain, jitsiEmbed: r.jitsiEmbed,
    opensMinutesBefore: r.opensMinutesBefore,
  });
  const stateOf = (event: LabEvent) => (r: LiveRoom) => ({ state: roomState(event, r, clock.now()).state });

  return {
    room: (eventId: number) => room(eventId),
    state: (event: LabEvent, r: LiveRoom) => roomState(event, r, clock.now()),

    /** Following the access link: checks the personal link and opens a live session for it. */
    async enter(token: string): Promise<EntryOutcome> {
      const standing = await registration.linkStanding(token);
      if (standing.kind === 'unknown') return { kind: 'unknown' };
      const { event } = standing;
      if (standing.kind === 'revoked') return { kind: 'revoked', event };
      if (standing.registration.status !== 'admitted') return { kind: 'not-admitted', event, status: standing.registration.status };
      const now = clock.now();
      const expiresAt = new Date(event.endsAt.getTime() + OPEN_AFTER_END_MS);
      if (now >= expiresAt || event.status === 'cancelled') return { kind: 'over', event };
      const sessionId = randomToken();
      await repo.insertSession(db, {
        id_hash: hashToken(sessionId), event_id: event.id, registration_id: standing.registration.id, registration_token_id: standing.tokenId,
        created_at: now.toISOString(), expires_at: expiresAt.toISOString(),
      });
      return { kind: 'entered', event, sessionId, expiresAt };
    },

    /**
     * Who is looking: the event's team (by their back-office session), or a participant whose
     * live session is current, whose link is not revoked and who is still admitted — checked on
     * every request, so revoking a link or cancelling a seat shuts the room at once.
     */
    async viewer(event: LabEvent, cookies: { live?: string | undefined; organizerSession?: string | undefined }): Promise<Viewer> {
      if (cookies.organizerSession) {
        const organizer = await access.organizerForSession(cookies.organizerSession);
        const role = organizer ? await roleOn(db, organizer, event.id) : null;
        if (role) return { kind: 'team', role, organizerId: organizer!.id, name: organizer!.name };
      }
      if (!cookies.live || !looksLikeToken(cookies.live)) return { kind: 'none', reason: 'no-session' };
      const session = await repo.findSession(db, hashToken(cookies.live));
      if (!session || session.event_id !== event.id) return { kind: 'none', reason: 'no-session' };
      if (session.expires_at <= clock.now().toISOString()) return { kind: 'none', reason: 'expired' };
      const link = await registration.linkStandingById(session.registration_token_id);
      if (!link || link.revoked) return { kind: 'none', reason: 'revoked' };
      if (link.status !== 'admitted') return { kind: 'none', reason: 'inactive' };
      return { kind: 'participant', registrationId: link.registrationId, name: link.name };
    },

    /** Saves the settings; the room's random Jitsi name or BBB meeting id is made the first time it is needed, then kept. */
    async saveSettings(event: LabEvent, settings: LiveSettings, actor: Actor): Promise<LiveRoom> {
      return change(event, actor, 'live.room.settings', (r) => ({
        ...r, ...settings,
        jitsiRoom: r.jitsiRoom ?? (settings.provider === 'jitsi' ? newJitsiRoom() : null),
        bbbMeetingId: r.bbbMeetingId ?? (settings.provider === 'bbb' ? newBbbMeetingId() : null),
      }), settingsOf);
    },

    /** Where `joiner` goes to join the room's meeting: a personal URL (BigBlueButton's meeting is created first). */
    async join(event: LabEvent, r: LiveRoom, joiner: Joiner, meetingName: string): Promise<JoinTarget> {
      return joinTarget(r, joiner, { config: video, fetch, now: clock.now(), meetingName, returnUrl: link(`/events/${event.slug}/live`) });
    },

    /** What the live page needs to embed the Jitsi room for `joiner`, or null when it opens in a new tab. */
    embed(r: LiveRoom, joiner: Joiner): { domain: string; room: string; jwt: string | null; name: string } | null {
      if (r.provider !== 'jitsi' || !r.jitsiEmbed || !r.jitsiDomain || !r.jitsiRoom || r.jitsiDomain !== video.jitsi?.domain) return null;
      return { domain: r.jitsiDomain, room: r.jitsiRoom, jwt: jitsiJwt(r, joiner, { config: video, now: clock.now() }), name: joiner.name };
    },

    /** Which providers the operator has set up; the settings form offers only these. */
    providers: { jitsi: video.jitsi?.domain ?? null, bbb: video.bbb !== null },

    /** Opens the room now (early, or again after it was closed). */
    async open(event: LabEvent, actor: Actor): Promise<LiveRoom> {
      return change(event, actor, 'live.room.opened', (r) => ({ ...r, openedAt: clock.now(), closedAt: null }), stateOf(event));
    },

    /** Marks the agenda item running now (null: none); the caller checks that it is one of the event's. */
    async setNow(event: LabEvent, itemId: number | null, actor: Actor): Promise<LiveRoom> {
      return change(event, actor, 'live.now', (r) => ({ ...r, nowItemId: itemId }), (r) => ({ nowItemId: r.nowItemId }));
    },

    /** Closes the room now; it stays closed until opened again. */
    async close(event: LabEvent, actor: Actor): Promise<LiveRoom> {
      return change(event, actor, 'live.room.closed', (r) => ({ ...r, closedAt: clock.now(), openedAt: null }), stateOf(event));
    },
  };
}

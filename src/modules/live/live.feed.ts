// The live room's feed: what changed in an event's room (a question asked, voted, moderated),
// kept as numbered rows so a client that lost its connection resumes where it stopped
// (Last-Event-ID), and pushed through the PubSub to every instance's open connections.
// Each item names its audience: everyone inside, the moderators, or single people (the asker
// of a question that waits), so nobody is sent what their page would not show them.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { PubSub } from '../../platform/pubsub/pubsub.js';

/** 'all', 'moderators', or one person: 'r<registration id>' / 'o<organizer id>'. */
export type Audience = string;

export interface FeedItem {
  id: number;
  kind: string;
  data: unknown;
  audience: Audience[];
}

/** Who a connection belongs to. */
export interface FeedViewer {
  moderator: boolean;
  /** 'r<registration id>' or 'o<organizer id>'. */
  key: string;
}

export function reaches(item: Pick<FeedItem, 'audience'>, viewer: FeedViewer): boolean {
  return item.audience.some((a) => a === 'all' || (a === 'moderators' && viewer.moderator) || a === viewer.key);
}

/** A reconnecting client gets at most this many missed items; more, and it reloads the list instead. */
export const REPLAY_LIMIT = 500;

const channel = (eventId: number) => `live:${eventId}`;

export type LiveFeed = ReturnType<typeof createLiveFeed>;

export function createLiveFeed({ db, clock, pubsub }: { db: Db; clock: Clock; pubsub: PubSub }) {
  // One PubSub subscription per event in this instance, its messages parsed once for all of the
  // event's open streams (thousands of them in a big meeting).
  const local = new Map<number, { listeners: Set<(item: FeedItem) => void>; stop: () => void }>();

  return {
    /** Records the change and pushes it; call after the change has committed. */
    async post(eventId: number, kind: string, data: unknown, audience: Audience[] = ['all']): Promise<FeedItem> {
      const row = await db.insertInto('live_feed').values({
        event_id: eventId, kind, data: JSON.stringify(data), audience: JSON.stringify(audience), created_at: clock.now().toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      const item: FeedItem = { id: row.id, kind, data, audience };
      await pubsub.publish(channel(eventId), JSON.stringify(item));
      return item;
    },

    /** The newest item's id: where a page just rendered starts listening. */
    async head(eventId: number): Promise<number> {
      const row = await db.selectFrom('live_feed').select((eb) => eb.fn.max('id').as('id')).where('event_id', '=', eventId).executeTakeFirst();
      return Number(row?.id ?? 0);
    },

    /** Items after `lastId`, oldest first (at most REPLAY_LIMIT + 1, so the caller sees that there were more). */
    async since(eventId: number, lastId: number): Promise<FeedItem[]> {
      const rows = await db.selectFrom('live_feed').selectAll().where('event_id', '=', eventId).where('id', '>', lastId).orderBy('id').limit(REPLAY_LIMIT + 1).execute();
      return rows.map((r) => ({ id: r.id, kind: r.kind, data: JSON.parse(r.data) as unknown, audience: JSON.parse(r.audience) as Audience[] }));
    },

    subscribe(eventId: number, listener: (item: FeedItem) => void): () => void {
      let entry = local.get(eventId);
      if (!entry) {
        const listeners = new Set<(item: FeedItem) => void>();
        const stop = pubsub.subscribe(channel(eventId), (payload) => {
          const item = JSON.parse(payload) as FeedItem;
          for (const each of [...listeners]) each(item);
        });
        local.set(eventId, (entry = { listeners, stop }));
      }
      const { listeners } = entry;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && local.get(eventId)?.listeners === listeners) {
          local.get(eventId)!.stop();
          local.delete(eventId);
        }
      };
    },

    ready: () => pubsub.ready(),
  };
}

// Live updates of an event's room as server-sent events, /events/:slug/live/stream, for people
// inside the room. A client that reconnects sends Last-Event-ID (a new page sends ?since=, the
// feed position it was rendered at) and first gets what it missed from the feed table, then new
// items as they are posted on any instance. Each connection gets only what its person may see.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { type FeedItem, REPLAY_LIMIT, reaches } from './live.feed.js';
import { roomMember } from './live.member.js';

/** A comment line now and then keeps proxies from closing a quiet connection. */
const HEARTBEAT_MS = 25_000;
/** How long browsers wait before reconnecting: 2–5 s, spread so that after a restart not everyone comes back at once. */
const retryMs = () => 2_000 + Math.floor(Math.random() * 3_000);
/** A client that stops reading while its connection stays open: past this much unsent output it is cut off (it reconnects and resumes). */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Each item's SSE text, made once for all connections that get it. */
const frames = new WeakMap<FeedItem, string>();
const frameOf = (item: FeedItem) => {
  let frame = frames.get(item);
  if (!frame) frames.set(item, (frame = `id: ${item.id}\nevent: ${item.kind}\ndata: ${JSON.stringify(item.data)}\n\n`));
  return frame;
};

function position(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : 0;
  return Number.isSafeInteger(n) ? n : 0;
}

export const liveStream: FastifyPluginAsync<ModuleOptions> = async (app, { services }) => {
  const { liveFeed } = services;
  const open = new Set<FastifyReply>();

  // On shutdown, end the streams so the server can close; clients reconnect to another instance.
  app.addHook('preClose', async () => {
    for (const reply of open) reply.raw.end();
  });

  app.get<{ Params: { slug: string }; Querystring: { since?: string } }>('/events/:slug/live/stream', async (request, reply) => {
    const inside = await roomMember(services, request);
    const viewer = { moderator: inside.moderator, key: inside.key };
    let last = position(request.headers['last-event-id'] ?? request.query.since);

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Robots-Tag': 'noindex',
      // nginx would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    raw.write(`retry: ${retryMs()}\n\n`);
    open.add(reply);

    const send = (item: FeedItem) => {
      if (item.id <= last) return;
      last = item.id;
      if (!reaches(item, viewer)) return;
      if (!raw.write(frameOf(item)) && raw.writableLength > MAX_BUFFERED_BYTES) raw.destroy();
    };

    // Listen first, then read what was missed: nothing falls between the two.
    const waiting: FeedItem[] = [];
    let replaying = true;
    const unsubscribe = liveFeed.subscribe(inside.event.id, (item) => (replaying ? waiting.push(item) : send(item)));
    const heartbeat = setInterval(() => raw.write(': still here\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(reply);
    });

    try {
      await liveFeed.ready();
      const missed = await liveFeed.since(inside.event.id, last);
      if (missed.length > REPLAY_LIMIT) {
        // Too far behind to catch up item by item: the page reloads what it shows.
        last = missed.at(-1)!.id;
        raw.write(`id: ${last}\nevent: reload\ndata: {}\n\n`);
      } else {
        for (const item of missed) send(item);
      }
    } finally {
      replaying = false;
      for (const item of waiting.sort((a, b) => a.id - b.id)) send(item);
    }
  });
};

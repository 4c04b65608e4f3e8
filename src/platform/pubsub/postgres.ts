// PubSub over PostgreSQL LISTEN/NOTIFY: every instance on the same database gets every message.
// One connection per instance listens on one PostgreSQL channel; messages name their own channel.
// It connects on the first subscription and reconnects with backoff when the connection drops
// (messages sent while it is down are missed; the live feed's resume by Last-Event-ID covers them).
import pg from 'pg';
import { keepAliveOnServerLoss } from '../db/database.js';
import { type PubSub, Subscribers } from './pubsub.js';

const PG_CHANNEL = 'labcamp_live';
/** NOTIFY payloads must stay below 8000 bytes. */
export const MAX_PAYLOAD = 7900;

export function postgresPubSub(connectionString: string, log: { warn: (obj: object, msg: string) => void } = { warn: () => {} }): PubSub {
  const subscribers = new Subscribers();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let backoff = 500;
  let sender: pg.Pool | null = null;

  function connect(): Promise<void> {
    if (connecting) return connecting;
    connecting = (async () => {
      const next = new pg.Client({ connectionString });
      next.on('notification', (message) => {
        if (message.channel !== PG_CHANNEL || !message.payload) return;
        const split = message.payload.indexOf('\n');
        if (split > 0) subscribers.deliver(message.payload.slice(0, split), message.payload.slice(split + 1));
      });
      next.on('error', (error) => {
        log.warn({ err: error.message }, 'live updates: PostgreSQL listener lost its connection');
        client = null;
        connecting = null;
        next.end().catch(() => {});
        if (!closed) setTimeout(() => void connect().catch(() => {}), backoff).unref();
        backoff = Math.min(backoff * 2, 15_000);
      });
      await next.connect();
      await next.query(`LISTEN ${PG_CHANNEL}`);
      backoff = 500;
      client = next;
    })().catch((error: unknown) => {
      connecting = null;
      throw error;
    });
    return connecting;
  }

  return {
    async publish(channel, payload) {
      const message = `${channel}\n${payload}`;
      if (Buffer.byteLength(message) > MAX_PAYLOAD) throw new Error(`live update too large for NOTIFY (${Buffer.byteLength(message)} bytes)`);
      if (!sender) {
        sender = new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 5000 });
        keepAliveOnServerLoss(sender);
      }
      await sender.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, message]);
    },
    subscribe(channel, listener) {
      const unsubscribe = subscribers.add(channel, listener);
      if (!client) void connect().catch((error: unknown) => log.warn({ err: error instanceof Error ? error.message : String(error) }, 'live updates: cannot listen on PostgreSQL'));
      return unsubscribe;
    },
    async ready() {
      if (!client) await connect();
    },
    async close() {
      closed = true;
      await connecting?.catch(() => {});
      await client?.end().catch(() => {});
      await sender?.end().catch(() => {});
    },
  };
}

// PubSub over PostgreSQL LISTEN/NOTIFY: every instance on the same database gets every message.
// One connection per instance listens on one PostgreSQL channel; messages name their own channel.
// It connects on the first subscription and reconnects with backoff (0.5 s doubling to 15 s, for
// as long as it takes) when the connection drops (messages sent while it is down are missed; the
// live feed's resume by Last-Event-ID covers them).
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

  let retry: NodeJS.Timeout | null = null;

  /**
   * Tries again after the backoff, and again after every failed attempt, until it listens or is
   * closed: a database restart takes seconds, and a listener that gave up after one try would
   * leave the live rooms of this instance deaf to every other instance for good.
   */
  function reconnectLater(): void {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().catch((error: unknown) => {
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'live updates: cannot listen on PostgreSQL yet, will retry');
        reconnectLater();
      });
    }, backoff);
    retry.unref();
    backoff = Math.min(backoff * 2, 15_000);
  }

  function connect(): Promise<void> {
    if (connecting) return connecting;
    connecting = (async () => {
      const next = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
      next.on('notification', (message) => {
        if (message.channel !== PG_CHANNEL || !message.payload) return;
        const split = message.payload.indexOf('\n');
        if (split > 0) subscribers.deliver(message.payload.slice(0, split), message.payload.slice(split + 1));
      });
      // A restart of the server ends the connection with an error (57P01), a closed socket with 'end'.
      let lost = false;
      const onLost = (reason: string) => {
        if (lost || closed) return;
        lost = true;
        log.warn({ err: reason }, 'live updates: PostgreSQL listener lost its connection');
        if (client === next) client = null;
        connecting = null;
        next.end().catch(() => {});
        reconnectLater();
      };
      next.on('error', (error) => onLost(error.message));
      next.on('end', () => onLost('connection ended'));
      try {
        await next.connect();
        await next.query(`LISTEN ${PG_CHANNEL}`);
      } catch (error) {
        lost = true; // the caller decides about the next attempt
        next.end().catch(() => {});
        throw error;
      }
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
      if (!client) {
        void connect().catch((error: unknown) => {
          log.warn({ err: error instanceof Error ? error.message : String(error) }, 'live updates: cannot listen on PostgreSQL, will retry');
          reconnectLater();
        });
      }
      return unsubscribe;
    },
    async ready() {
      if (!client) await connect();
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await connecting?.catch(() => {});
      await client?.end().catch(() => {});
      await sender?.end().catch(() => {});
    },
  };
}

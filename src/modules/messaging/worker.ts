// The outbox worker: claims due mails, sends them, and retries with exponential backoff while
// the SMTP server fails. A claim is a lease (locked_until): if this process dies mid-send, another
// worker (or this one after a restart) takes the mail again when the lease ends. Right before each
// send the lease is renewed, but only if it is still the one this worker took: a mail that waited
// in a slow batch past its lease, and was taken over by another instance meanwhile, is left to
// that instance instead of being sent twice. A mail is marked sent right after the server
// accepted it, so a crash can repeat at most the mails in flight at that moment (PARALLEL_SENDS);
// they carry the same Message-ID, by which mail systems recognise a repeat (ADR 0033).
import type { Db, Dialect } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { MailTransport } from './transport.js';
import type { OutboxTable } from './messaging.tables.js';
import type { Selectable } from 'kysely';

/** A recipient the server rejects for good (5xx to RCPT TO or DATA) is tried this often, then marked failed. */
export const PERMANENT_ATTEMPTS = 3;
/** Mails claimed by one statement. */
export const BATCH = 50;
/** Mails handed to the transport at once (the SMTP pool opens up to this many connections). */
export const PARALLEL_SENDS = 5;

type OutboxRow = Selectable<OutboxTable>;

export interface WorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * 30 s, 1 min, 2 min, … capped at one hour. Without a permanent rejection a mail is retried for
 * as long as the SMTP server stays away: no outage, however long, loses a mail.
 */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export function createMailWorker(deps: { db: Db; dialect: Dialect; clock: Clock; transport: MailTransport; from: string; messageIdHost: string; log: WorkerLog; leaseMs: number }) {
  const { db, clock, transport } = deps;
  // MAIL_LEASE_SECONDS: longer than one send may take (connection, greeting and socket timeouts).
  const { leaseMs } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let followUp: { promise: Promise<number>; resolve: (attempted: number) => void } | null = null;
  let stopped = false;

  /**
   * Claims up to BATCH due mails in one statement and returns them whole. On PostgreSQL the rows
   * are locked with SKIP LOCKED, so workers of several app instances take disjoint batches without
   * waiting for each other; SQLite runs one write at a time, which makes the statement atomic.
   */
  async function claim(): Promise<OutboxRow[]> {
    const now = clock.now().toISOString();
    const lease = new Date(clock.now().getTime() + leaseMs).toISOString();
    let due = db
      .selectFrom('outbox')
      .select('id')
      .where((eb) => eb.or([
        eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
      ]))
      .orderBy('id')
      .limit(BATCH);
    if (deps.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const claimed = await db.updateTable('outbox').set({ status: 'sending', locked_until: lease }).where('id', 'in', due).returningAll().execute();
    return claimed.sort((a, b) => a.id - b.id);
  }

  /** Extends this worker's lease on a mail; false when it ran out and another worker took the mail. */
  async function renewLease(mail: OutboxRow): Promise<boolean> {
    const lease = new Date(clock.now().getTime() + leaseMs).toISOString();
    const result = await db.updateTable('outbox').set({ locked_until: lease })
      .where('id', '=', mail.id).where('status', '=', 'sending').where('locked_until', '=', mail.locked_until)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function deliver(mail: OutboxRow): Promise<void> {
    if (!(await renewLease(mail))) {
      deps.log.warn({ outboxId: mail.id }, 'mail taken over by another worker after its lease ran out, not sent here');
      return;
    }
    try {
      await transport.send({
        from: deps.from,
        to: { address: mail.to_address, name: mail.to_name },
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        calendar: mail.calendar,
        messageId: `<outbox-${mail.id}.${mail.idempotency_key.length}@${deps.messageIdHost}>`,
      });
      await db.updateTable('outbox')
        .set({ status: 'sent', sent_at: clock.now().toISOString(), attempts: mail.attempts + 1, locked_until: null, last_error: null, transport: transport.name })
        .where('id', '=', mail.id).execute();
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      const gaveUp = isPermanentRejection(error) && attempts >= PERMANENT_ATTEMPTS;
      await db.updateTable('outbox')
        .set({
          status: gaveUp ? 'failed' : 'queued', attempts, locked_until: null, last_error: message.slice(0, 1000),
          next_attempt_at: new Date(clock.now().getTime() + backoffMs(attempts)).toISOString(),
        })
        .where('id', '=', mail.id).execute();
      deps.log[gaveUp ? 'error' : 'warn']({ outboxId: mail.id, attempts, err: message }, gaveUp ? 'mail failed for good' : 'mail failed, will retry');
    }
  }

  /** Sends a claimed batch with at most PARALLEL_SENDS mails in flight. */
  async function deliverAll(mails: OutboxRow[]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < mails.length) await deliver(mails[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, mails.length) }, lane));
  }

  /** Sends every mail that is due now; returns how many it attempted. */
  async function runOnce(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const mails = await claim();
      await deliverAll(mails);
      attempted += mails.length;
      if (mails.length < BATCH || stopped) return attempted;
    }
  }

  /**
   * One run at a time. A call during a run asks for one more run right after it (the current run
   * may have claimed its batch before the caller's mail was due or committed) and resolves when
   * that one is done, with what both attempted.
   */
  function tick(): Promise<number> {
    if (running) {
      const current = running;
      if (!followUp) {
        let resolve!: (attempted: number) => void;
        followUp = { promise: new Promise<number>((r) => (resolve = r)), resolve };
      }
      const next = followUp.promise;
      return current.then((a) => next.then((b) => a + b));
    }
    running = runOnce()
      .catch((error: unknown) => {
        deps.log.error({ err: error instanceof Error ? error.message : String(error) }, 'mail worker run failed');
        return 0;
      })
      .finally(() => {
        running = null;
        const waiting = followUp;
        followUp = null;
        if (waiting) {
          if (stopped) waiting.resolve(0);
          else void tick().then(waiting.resolve);
        }
      });
    return running;
  }

  return {
    runOnce: tick,
    /** Ask for a run soon (after a transaction that queued mail has committed). */
    kick() {
      if (!stopped) setImmediate(() => void tick());
    },
    start(intervalMs = 2000) {
      stopped = false;
      timer = setInterval(() => void tick(), intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      transport.close();
    },
  };
}

export type MailWorker = ReturnType<typeof createMailWorker>;

/**
 * A 5xx answer to RCPT TO (no such mailbox) or to DATA (content refused) concerns this mail and
 * will not change by waiting. Everything else — no connection, timeouts, 4xx (greylisting, full
 * disks), a refused login or sender (the operator's configuration) — is worth waiting for.
 */
export function isPermanentRejection(error: unknown): boolean {
  const { responseCode, command } = (error ?? {}) as { responseCode?: number; command?: string };
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && (command === 'RCPT TO' || command === 'DATA');
}

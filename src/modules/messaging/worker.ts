// The outbox worker: claims due mails, sends them, and retries with exponential backoff while
// the SMTP server fails. A claim is a lease (locked_until): if this process dies mid-send, another
// worker (or this one after a restart) takes the mail again when the lease ends.
import type { Db } from '../../platform/db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { MailTransport } from './transport.js';

export const MAX_ATTEMPTS = 12;
const LEASE_MS = 60_000;
const BATCH = 20;

export interface WorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** 30 s, 1 min, 2 min, … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export function createMailWorker(deps: { db: Db; clock: Clock; transport: MailTransport; from: string; messageIdHost: string; log: WorkerLog }) {
  const { db, clock, transport } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  /** Claims one due mail by a conditional update, so two workers never take the same one. */
  async function claim(): Promise<number[]> {
    const now = clock.now();
    const due = await db
      .selectFrom('outbox')
      .select('id')
      .where((eb) => eb.or([
        eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now.toISOString())]),
        eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now.toISOString())]),
      ]))
      .orderBy('id')
      .limit(BATCH)
      .execute();
    const claimed: number[] = [];
    const lease = new Date(now.getTime() + LEASE_MS).toISOString();
    for (const { id } of due) {
      const result = await db
        .updateTable('outbox')
        .set({ status: 'sending', locked_until: lease })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now.toISOString())])]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) claimed.push(id);
    }
    return claimed;
  }

  async function deliver(id: number): Promise<void> {
    const mail = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
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
        .where('id', '=', id).execute();
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      const gaveUp = attempts >= MAX_ATTEMPTS;
      await db.updateTable('outbox')
        .set({
          status: gaveUp ? 'failed' : 'queued', attempts, locked_until: null, last_error: message.slice(0, 1000),
          next_attempt_at: new Date(clock.now().getTime() + backoffMs(attempts)).toISOString(),
        })
        .where('id', '=', id).execute();
      deps.log[gaveUp ? 'error' : 'warn']({ outboxId: id, attempts, err: message }, gaveUp ? 'mail failed for good' : 'mail failed, will retry');
    }
  }

  /** Sends every mail that is due now; returns how many it attempted. */
  async function runOnce(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const ids = await claim();
      for (const id of ids) await deliver(id);
      attempted += ids.length;
      if (ids.length < BATCH || stopped) return attempted;
    }
  }

  /** One run at a time; a kick during a run asks for one more run right after it. */
  function tick(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = runOnce()
      .catch((error: unknown) => {
        deps.log.error({ err: error instanceof Error ? error.message : String(error) }, 'mail worker run failed');
        return 0;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void tick();
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

// The PubSub behind live updates: in-process, and PostgreSQL LISTEN/NOTIFY between two
// independent instances (as two app processes have), with channels kept apart.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryPubSub } from '../../src/platform/pubsub/memory.js';
import { MAX_PAYLOAD, postgresPubSub } from '../../src/platform/pubsub/postgres.js';
import type { PubSub } from '../../src/platform/pubsub/pubsub.js';
import { POSTGRES_ADMIN_URL, testDialects } from '../helpers/databases.js';

function collect(pubsub: PubSub, channel: string): { got: string[]; next: () => Promise<string>; stop: () => void } {
  const got: string[] = [];
  let taken = 0;
  const waiting: Array<() => void> = [];
  const stop = pubsub.subscribe(channel, (payload) => {
    got.push(payload);
    waiting.shift()?.();
  });
  /** The next message not taken yet, whether it came before or comes after the call. */
  const next = async (): Promise<string> => {
    if (taken < got.length) return got[taken++]!;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nothing on ${channel}`)), 3000);
      waiting.push(() => { clearTimeout(timer); resolve(); });
    });
    return got[taken++]!;
  };
  return { got, stop, next };
}

describe('pubsub in one process', () => {
  test('delivers to the subscribers of a channel only, and not after unsubscribing', async () => {
    const pubsub = memoryPubSub();
    const a = collect(pubsub, 'live:1');
    const b = collect(pubsub, 'live:2');
    await pubsub.publish('live:1', 'hello');
    assert.equal(await a.next(), 'hello');
    a.stop();
    await pubsub.publish('live:1', 'again');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(a.got, ['hello']);
    assert.deepEqual(b.got, []);
  });
});

if (testDialects().includes('postgres')) {
  describe('pubsub over PostgreSQL LISTEN/NOTIFY', () => {
    test('a message published by one instance reaches the subscribers of another, on its channel only', async () => {
      const one = postgresPubSub(POSTGRES_ADMIN_URL);
      const two = postgresPubSub(POSTGRES_ADMIN_URL);
      try {
        const onTwo = collect(two, 'live:7');
        const elsewhere = collect(two, 'live:8');
        const onOne = collect(one, 'live:7');
        await Promise.all([one.ready(), two.ready()]);
        await one.publish('live:7', '{"id":1,"text":"Grüße\\nmit Umbruch"}');
        assert.equal(await onTwo.next(), '{"id":1,"text":"Grüße\\nmit Umbruch"}');
        assert.equal(await onOne.next(), '{"id":1,"text":"Grüße\\nmit Umbruch"}', 'the publishing instance hears it too');
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(elsewhere.got, []);
        await assert.rejects(one.publish('live:7', 'x'.repeat(MAX_PAYLOAD)), /too large/);
      } finally {
        await one.close();
        await two.close();
      }
    });
  });
}

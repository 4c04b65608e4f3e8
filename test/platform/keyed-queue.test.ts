// The per-event line in front of PostgreSQL's event row lock (registration.service.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createKeyedQueue } from '../../src/platform/keyed-queue.js';

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

describe('keyed queue', () => {
  test('tasks of one key run one at a time, in arrival order; other keys run alongside', async () => {
    const queue = createKeyedQueue<number>();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (key: number, name: string, ms: number) =>
      queue.run(key, async () => {
        if (key === 1) most = Math.max(most, ++running);
        log.push(`start ${name}`);
        await tick(ms);
        log.push(`end ${name}`);
        if (key === 1) running--;
        return name;
      });
    const results = await Promise.all([task(1, 'a', 20), task(1, 'b', 1), task(2, 'x', 5), task(1, 'c', 1)]);
    assert.deepEqual(results, ['a', 'b', 'x', 'c']);
    assert.equal(most, 1, 'never two tasks of key 1 at once');
    const ofKey1 = log.filter((l) => !l.endsWith(' x'));
    assert.deepEqual(ofKey1, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    assert.ok(log.indexOf('end x') < log.indexOf('end a'), 'key 2 did not wait for key 1');
    await tick();
    assert.equal(queue.busyKeys, 0, 'idle keys are forgotten');
  });

  test('with a width of 2, at most two tasks of a key run at once, the others start in arrival order', async () => {
    const queue = createKeyedQueue<number>(2);
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string, ms: number) =>
      queue.run(7, async () => {
        most = Math.max(most, ++running);
        started.push(name);
        await tick(ms);
        running--;
      });
    await Promise.all([task('a', 15), task('b', 5), task('c', 1), task('d', 1), task('e', 1)]);
    assert.equal(most, 2);
    assert.deepEqual(started, ['a', 'b', 'c', 'd', 'e']);
    assert.equal(queue.busyKeys, 0);
  });

  test('a failing task gets its own error and does not stop the line', async () => {
    const queue = createKeyedQueue<string>();
    const first = queue.run('e', async () => {
      await tick(5);
      throw new Error('seat taken');
    });
    const second = queue.run('e', async () => 'registered');
    await assert.rejects(first, /seat taken/);
    assert.equal(await second, 'registered');
    await tick();
    assert.equal(queue.busyKeys, 0);
  });
});

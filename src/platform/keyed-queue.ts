// At most `width` tasks per key at once (registrations of one event), the rest waiting in the
// process in arrival order instead of each holding a database connection while it waits for a row
// lock. Tasks of different keys run side by side. A failing task does not stop the line.

export interface KeyedQueue<K> {
  run<T>(key: K, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or waiting (for tests: the map does not grow for good). */
  readonly busyKeys: number;
}

export function createKeyedQueue<K>(width = 1): KeyedQueue<K> {
  const lines = new Map<K, { running: number; waiting: Array<() => void> }>();

  function release(key: K): void {
    const line = lines.get(key)!;
    const next = line.waiting.shift();
    if (next) next();
    else if (--line.running === 0) lines.delete(key);
  }

  return {
    async run<T>(key: K, task: () => Promise<T>): Promise<T> {
      let line = lines.get(key);
      if (!line) lines.set(key, (line = { running: 0, waiting: [] }));
      // A task that starts hands its place on to the next waiting one when it ends (running
      // stays the same); only when nobody waits does the count go down.
      if (line.running < width) line.running++;
      else await new Promise<void>((resolve) => line.waiting.push(resolve));
      try {
        return await task();
      } finally {
        release(key);
      }
    },
    get busyKeys() {
      return lines.size;
    },
  };
}

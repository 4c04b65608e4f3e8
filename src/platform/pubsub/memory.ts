// PubSub within one process: enough for a single instance (the SQLite default).
import { type PubSub, Subscribers } from './pubsub.js';

export function memoryPubSub(): PubSub {
  const subscribers = new Subscribers();
  return {
    async publish(channel, payload) {
      // Asynchronously, like NOTIFY: the publisher's request is not held up by the fan-out.
      setImmediate(() => subscribers.deliver(channel, payload));
    },
    subscribe: (channel, listener) => subscribers.add(channel, listener),
    async ready() {},
    async close() {},
  };
}

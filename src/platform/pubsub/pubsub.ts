// Publish/subscribe between the parts of the app that push live updates (the live room's feed)
// and the connections that deliver them. One interface, two implementations: in-process for a
// single instance (SQLite), PostgreSQL LISTEN/NOTIFY when several instances share a database.

export type Listener = (payload: string) => void;

export interface PubSub {
  /** Delivers `payload` to every subscriber of `channel`, in this instance and (PostgreSQL) all others. */
  publish(channel: string, payload: string): Promise<void>;
  /** Returns the function that ends the subscription. */
  subscribe(channel: string, listener: Listener): () => void;
  /** Resolves once subscriptions receive messages (PostgreSQL: LISTEN is in place). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The listeners of each channel, shared by both implementations. */
export class Subscribers {
  private readonly byChannel = new Map<string, Set<Listener>>();

  add(channel: string, listener: Listener): () => void {
    let set = this.byChannel.get(channel);
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byChannel.delete(channel);
    };
  }

  deliver(channel: string, payload: string): void {
    // A copy: a listener may unsubscribe while we deliver.
    for (const listener of [...(this.byChannel.get(channel) ?? [])]) {
      try {
        listener(payload);
      } catch {
        // One broken connection must not keep the others from their update.
      }
    }
  }

  get size(): number {
    return this.byChannel.size;
  }
}

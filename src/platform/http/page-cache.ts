// A micro-cache for public pages that everyone sees alike (start page, event page): the rendered
// HTML per page and language, for a few seconds. Writes through this instance's services clear it
// at once; other instances (PostgreSQL scale-out) see a change within the TTL. Time comes from the
// domain clock, so a page whose registration state changes with time is re-rendered (ADR 12).
import type { Clock } from '../clock.js';

export class PageCache {
  private readonly entries = new Map<string, { html: string; expires: number }>();

  constructor(private readonly clock: Clock, private readonly ttlMs = 10_000, private readonly maxEntries = 500) {}

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.html;
  }

  set(key: string, html: string): void {
    if (this.entries.size >= this.maxEntries) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { html, expires: this.clock.now().getTime() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

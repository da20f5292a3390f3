/**
 * At most `limit` messages per `windowMs` for each key (a web chat session): enough for a person
 * tapping quickly, not for a script filling the inbox. Keys with no recent message are dropped.
 */
export class MessageRateLimit {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one message; false when the key is over its limit (the message is not counted). */
  allow(key: string): boolean {
    const now = this.now();
    const times = (this.recent.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length >= this.limit) {
      this.recent.set(key, times);
      return false;
    }
    times.push(now);
    this.recent.set(key, times);
    return true;
  }

  /** Drops keys whose window has passed. */
  prune(): void {
    const cutoff = this.now() - this.windowMs;
    for (const [key, times] of this.recent) if (times.every((t) => t <= cutoff)) this.recent.delete(key);
  }
}

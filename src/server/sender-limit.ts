import type { InboundUpdate } from '../channels/channel-adapter.js';

export interface SenderLimitOptions {
  /** Messages one sender (channel + user) may send per window; the rest are not handled. */
  readonly limit: number;
  readonly windowMs: number;
  /** The same text again within this time is answered once. */
  readonly repeatMs: number;
}

/** A person typing fast sends a few messages in ten seconds, not twenty. */
export const DEFAULT_SENDER_LIMIT: SenderLimitOptions = { limit: 20, windowMs: 10_000, repeatMs: 10_000 };

/**
 * - `ok`: handle it;
 * - `too_fast`: over the limit, and the sender has not been told yet in this window (tell them once);
 * - `over_limit`: over the limit, already told;
 * - `repeated`: the same text as a moment ago (spam), answered the first time.
 */
export type SenderVerdict = 'ok' | 'too_fast' | 'over_limit' | 'repeated';

interface Sender {
  times: number[];
  toldAt?: number;
  lastText?: string;
  lastTextAt?: number;
}

/**
 * Per-sender rate limit and repeated-text filter, in front of the inbox for every channel, so one
 * user flooding the bot neither fills the queue nor delays everyone else's answers. Per instance:
 * with several instances a sender spread over them gets at most `limit` per instance.
 */
export class SenderLimit {
  private readonly senders = new Map<string, Sender>();
  private lastPrune = 0;

  constructor(
    private readonly options: SenderLimitOptions = DEFAULT_SENDER_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  check(update: InboundUpdate): SenderVerdict {
    const now = this.now();
    this.prune(now);
    const key = `${update.channel}\u0000${update.userId}`;
    const sender = this.senders.get(key) ?? { times: [] };
    this.senders.set(key, sender);
    sender.times = sender.times.filter((t) => t > now - this.options.windowMs);
    if (update.text !== undefined) {
      const text = update.text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
      const repeated = text === sender.lastText && sender.lastTextAt !== undefined && now - sender.lastTextAt < this.options.repeatMs;
      sender.lastText = text;
      sender.lastTextAt = now;
      if (repeated) return 'repeated';
    }
    if (sender.times.length >= this.options.limit) {
      if (sender.toldAt !== undefined && sender.toldAt > now - this.options.windowMs) return 'over_limit';
      sender.toldAt = now;
      return 'too_fast';
    }
    sender.times.push(now);
    return 'ok';
  }

  /** Forgets senders quiet for longer than both windows (memory stays bounded by recent senders). */
  private prune(now: number): void {
    const keep = Math.max(this.options.windowMs, this.options.repeatMs);
    if (now - this.lastPrune < keep) return;
    this.lastPrune = now;
    for (const [key, s] of this.senders) {
      const last = Math.max(s.times[s.times.length - 1] ?? 0, s.lastTextAt ?? 0, s.toldAt ?? 0);
      if (last <= now - keep) this.senders.delete(key);
    }
  }
}

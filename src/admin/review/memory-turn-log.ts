import type { TurnOutcome } from '../../engine/conversation-events.js';
import { reviewReasons } from './review-reason.js';
import type { QuestionCount, ReviewStatus, StoredTurn, TimeRange, TurnFigures, TurnLog, TurnRecord } from './turn-log.js';
import { vietnamDay } from './vietnam-day.js';

/** Turn log in memory, for tests and trying things out; forgotten on exit. */
export class MemoryTurnLog implements TurnLog {
  private turns: StoredTurn[] = [];
  private readonly status = new Map<string, ReviewStatus>();

  async record(turn: TurnRecord): Promise<void> {
    this.turns.push({ ...turn, id: this.turns.length + 1 });
  }

  async rateLatestAnswer(conversationKey: string, at: Date, helpful: boolean): Promise<boolean> {
    const index = this.turns.findLastIndex((t) => t.conversationKey === conversationKey && t.outcome === 'answered' && t.at <= at);
    const turn = this.turns[index];
    if (!turn) return false;
    this.turns[index] = { ...turn, helpful };
    return true;
  }

  async reviewCandidates(range: TimeRange, channel?: string): Promise<StoredTurn[]> {
    return this.within(range).filter((t) => (channel === undefined || t.channel === channel) && reviewReasons(t).length > 0);
  }

  async statuses(folded: readonly string[]): Promise<Map<string, ReviewStatus>> {
    return new Map(folded.flatMap((f) => {
      const status = this.status.get(f);
      return status ? [[f, status] as const] : [];
    }));
  }

  async setStatus(folded: string, status: ReviewStatus): Promise<void> {
    this.status.set(folded, status);
  }

  async figures(range: TimeRange, limit: number): Promise<TurnFigures> {
    const messages = this.within(range).filter((t) => t.outcome !== 'rated');
    const perDay = new Map<string, { day: string; channel: string; count: number }>();
    const outcomes: Partial<Record<TurnOutcome, number>> = {};
    const intents = new Map<string, number>();
    const unanswered = new Map<string, QuestionCount>();
    for (const t of messages) {
      const day = vietnamDay(t.at);
      const key = `${day} ${t.channel}`;
      perDay.set(key, { day, channel: t.channel, count: (perDay.get(key)?.count ?? 0) + 1 });
      outcomes[t.outcome] = (outcomes[t.outcome] ?? 0) + 1;
      if (t.outcome === 'answered' && t.intent) intents.set(t.intent, (intents.get(t.intent) ?? 0) + 1);
      if (t.outcome === 'fallback' && t.folded !== undefined && t.text !== undefined) {
        const group = unanswered.get(t.folded);
        unanswered.set(t.folded, { folded: t.folded, text: group ? minText(group.text, t.text) : t.text, count: (group?.count ?? 0) + 1 });
      }
    }
    const latencies = messages.map((t) => t.latencyMs).sort((a, b) => a - b);
    const median = latencies[Math.floor((latencies.length - 1) / 2)];
    return {
      messages: messages.length,
      perDay: [...perDay.values()].sort((a, b) => compare(a.day, b.day) || compare(a.channel, b.channel)),
      outcomes,
      topIntents: [...intents]
        .map(([intent, count]) => ({ intent, count }))
        .sort((a, b) => b.count - a.count || compare(a.intent, b.intent))
        .slice(0, limit),
      topUnanswered: [...unanswered.values()].sort((a, b) => b.count - a.count || compare(a.folded, b.folded)).slice(0, limit),
      ratings: {
        helpful: messages.filter((t) => t.helpful === true).length,
        notHelpful: messages.filter((t) => t.helpful === false).length,
      },
      ...(median === undefined ? {} : { medianLatencyMs: median }),
    };
  }

  async purgeTexts(before: Date): Promise<number> {
    let purged = 0;
    this.turns = this.turns.map((t) => {
      if (t.at >= before || t.text === undefined) return t;
      purged++;
      const { text: _, folded: __, ...rest } = t;
      return rest;
    });
    return purged;
  }

  async close(): Promise<void> {}

  private within(range: TimeRange): StoredTurn[] {
    return this.turns.filter((t) => (!range.from || t.at >= range.from) && (!range.to || t.at < range.to));
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const minText = (a: string, b: string): string => (compare(a, b) <= 0 ? a : b);

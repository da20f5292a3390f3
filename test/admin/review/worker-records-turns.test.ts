import { beforeAll, describe, expect, it } from 'vitest';
import { SqlTurnLog } from '../../../src/store/turn-log-store.js';
import { turnRecorder } from '../../../src/admin/review/turn-recorder.js';
import type { TurnLog } from '../../../src/admin/review/turn-log.js';
import { createBot, type Bot } from '../../../src/bot.js';
import { LiveBot } from '../../../src/live-bot.js';
import { Logger } from '../../../src/logging/logger.js';
import { DEFAULT_WORKER_OPTIONS, InboundWorker } from '../../../src/server/inbound-worker.js';
import { SqlMessageQueue } from '../../../src/store/message-queue-store.js';

let bot: Bot;
let harnesses = 0;
beforeAll(() => {
  bot = createBot();
});

/** A worker on the real engine and a memory queue, writing to `turnLog`; `say` stores an update and handles it. */
function harness(turnLog: TurnLog) {
  const queue = SqlMessageQueue.inMemory();
  const lines: string[] = [];
  const worker = new InboundWorker(
    queue,
    new LiveBot(bot),
    new Logger({ write: (line) => lines.push(line) }),
    DEFAULT_WORKER_OPTIONS,
    () => undefined,
    turnRecorder(turnLog),
  );
  const run = ++harnesses;
  let n = 0;
  async function say(message: { text?: string; payload?: string }, conversationId = 'c1') {
    n++;
    // Conversation ids of their own: the engine's conversations outlive the harness.
    await queue.accept({ channel: 'web', conversationId: `${conversationId}-${run}`, userId: 'u1', platformMessageId: `m${n}`, receivedAt: new Date(Date.UTC(2025, 6, 1, 8, n)), ...message });
    expect(await worker.once()).toBe(true);
    const out = await queue.claimOutbound(new Date(), 1000);
    if (out) await queue.completeOutbound(out.id, new Date());
    return out?.replies ?? [];
  }
  return { say, lines };
}

describe('the inbound worker logs each turn for staff', () => {
  it('records answered and fallback turns masked, and a rating on the rated answer', async () => {
    const log = SqlTurnLog.inMemory();
    const { say } = harness(log);
    const replies = await say({ text: 'Lệ phí đăng ký kết hôn bao nhiêu?' });
    const last = replies.at(-1);
    const notHelpful = last && last.kind !== 'handover' ? last.rating?.notHelpful : undefined;
    expect(notHelpful).toBeDefined();
    await say({ payload: notHelpful ?? '' });
    await say({ text: 'giá vàng hôm nay thế nào, số tôi 0912345678' }, 'c2');

    const figures = await log.figures({}, 10);
    expect(figures.messages).toBe(2);
    expect(figures.outcomes.answered).toBe(1);
    expect(figures.ratings).toEqual({ helpful: 0, notHelpful: 1 });
    const candidates = await log.reviewCandidates({});
    const answered = candidates.find((t) => t.outcome === 'answered');
    expect(answered).toMatchObject({
      channel: 'web',
      text: 'Lệ phí đăng ký kết hôn bao nhiêu?',
      folded: 'le phi dang ky ket hon bao nhieu',
      intent: 'thu_tuc.ket_hon',
      aspect: 'le_phi',
      helpful: false,
    });
    expect(answered?.topIntents[0]?.intent).toBe('thu_tuc.ket_hon');
    expect(answered?.latencyMs).toBeGreaterThan(0);
    const other = candidates.find((t) => t.outcome !== 'answered');
    expect(other?.text).toBe('giá vàng hôm nay thế nào, số tôi *******678');
    expect(JSON.stringify(candidates)).not.toContain('0912345678');
  });

  it('answers the citizen even when the turn cannot be logged', async () => {
    const log = SqlTurnLog.inMemory();
    log.record = async () => {
      throw new Error('disk full');
    };
    const { say, lines } = harness(log);
    expect((await say({ text: 'xin chào' })).length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('turn not logged');
  });
});

import { percentile } from '../src/cli/evaluation.js';
import type { FullServer } from '../test/support/full-server.js';
import { round } from './measure.js';

let run = 0;
const QUESTIONS = ['thủ tục đăng ký kết hôn', 'làm căn cước cần gì', 'lệ phí đăng ký khai sinh', 'đổi giấy phép lái xe ở đâu', 'đăng ký thường trú mất bao lâu'];

/**
 * One Zalo user floods `floodCount` messages over `seconds` while `others` users each ask one
 * question, spread over the same time; figures: the others' webhook-to-delivery latency (the
 * fake Zalo receiving the answer), and what the flooder got.
 */
export async function floodFigures(full: FullServer, floodCount = 500, seconds = 5, others = 100) {
  // Fresh user ids per call, so calls on one server do not see each other's answers.
  const base = 4_440_000 + 1000 * run++;
  const floodUser = String(base);
  const sentAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const watch = setInterval(() => {
    for (const s of full.zalo.sent) if (sentAt.has(s.userId) && !answeredAt.has(s.userId)) answeredAt.set(s.userId, performance.now());
  }, 2);
  const started = performance.now();
  const at = (share: number) => new Promise((r) => setTimeout(r, Math.max(0, started + share * seconds * 1000 - performance.now())));
  const flood = Array.from({ length: floodCount }, async (_, i) => {
    await at(i / floodCount);
    await full.sendZalo(floodUser, `tin nhắn dồn dập số ${i}`);
  });
  const asks = Array.from({ length: others }, async (_, i) => {
    await at(i / others);
    const user = String(base + 1 + i);
    sentAt.set(user, performance.now());
    await full.sendZalo(user, QUESTIONS[i % QUESTIONS.length]!);
  });
  await Promise.all([...flood, ...asks]);
  const end = performance.now() + 30_000;
  while (answeredAt.size < others && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
  clearInterval(watch);
  const latencies = [...answeredAt].map(([user, t]) => t - sentAt.get(user)!).sort((a, b) => a - b);
  return {
    floodMessages: floodCount,
    floodAnswers: full.zalo.sent.filter((s) => s.userId === floodUser).length,
    othersAnswered: `${answeredAt.size}/${others}`,
    othersP50Ms: round(percentile(latencies, 0.5)),
    othersP99Ms: round(percentile(latencies, 0.99)),
  };
}

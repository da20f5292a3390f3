import { createBot } from '../../bot.js';
import { renderReplyAsText } from '../../channels/console/render-text.js';
import type { CliIo } from '../run-cli.js';

export async function askCommand(args: string[], io: CliIo): Promise<number> {
  const question = args.join(' ');
  if (!question.trim()) {
    io.err.write('Cách dùng: npm run -s cli -- ask "câu hỏi"\n');
    return 2;
  }
  const { engine, nlu } = createBot();
  const result = await engine.handleTurn({
    channel: 'cli',
    conversationId: 'ask',
    userId: 'cli',
    platformMessageId: '1',
    text: question,
    receivedAt: new Date(),
  });
  const a = result.analysis;
  if (a) {
    io.out.write('Ý định (xếp hạng):\n');
    for (const r of a.ranked.slice(0, 5)) io.out.write(`  ${r.score.toFixed(3)}  ${r.intent}\n`);
    io.out.write(`Khía cạnh: ${result.aspect ?? a.aspect}\n`);
    const top = (xs: readonly { score: number }[], name: (i: number) => string): string =>
      xs.slice(0, 3).map((x, i) => `${name(i)} ${x.score.toFixed(3)}`).join(', ');
    io.out.write(`  điểm khía cạnh (mô hình học): ${top(a.aspects, (i) => a.aspects[i]!.aspect)}; theo bảng gợi ý: ${a.cueAspect}\n`);
    if (result.intent) {
      const parts = nlu.parts(a, result.intent);
      io.out.write(`  phần câu trả lời (g = chung, c<n> = trường hợp, d<n> = chi tiết): ${top(parts, (i) => parts[i]!.part)}\n`);
    }
    io.out.write(`Quyết định: ${a.decision.kind}${a.decision.kind === 'answer' ? ' ' + a.decision.intent : ''}\n`);
    io.out.write(`Văn bản chuẩn hóa: ${a.normalized.folded.join(' ')}\n`);
  }
  io.out.write(`Kết quả: ${result.outcome}${result.intent ? ' → ' + result.intent : ''}\n\nTrả lời:\n`);
  for (const reply of result.replies) io.out.write(renderReplyAsText(reply) + '\n');
  return 0;
}

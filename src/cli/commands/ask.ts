import { createBot } from '../../bot.js';
import { renderReplyAsText } from '../../channels/console/render-text.js';
import type { CliIo } from '../run-cli.js';

export async function askCommand(args: string[], io: CliIo): Promise<number> {
  const question = args.join(' ');
  if (!question.trim()) {
    io.err.write('Cách dùng: npm run -s cli -- ask "câu hỏi"\n');
    return 2;
  }
  const { engine } = createBot();
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
    io.out.write(`Quyết định: ${a.decision.kind}${a.decision.kind === 'answer' ? ' ' + a.decision.intent : ''}\n`);
    io.out.write(`Văn bản chuẩn hóa: ${a.normalized.folded.join(' ')}\n`);
  }
  io.out.write(`Kết quả: ${result.outcome}${result.intent ? ' → ' + result.intent : ''}\n\nTrả lời:\n`);
  for (const reply of result.replies) io.out.write(renderReplyAsText(reply) + '\n');
  return 0;
}

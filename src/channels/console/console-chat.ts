import { createInterface } from 'node:readline/promises';
import type { Bot } from '../../bot.js';
import type { RatingPrompt } from '../../engine/reply.js';
import { renderReplyAsText } from './render-text.js';

/**
 * Terminal chat with the engine (`npm run chat`). Choices print as numbered lines and typing the
 * number picks one (the engine reads numbers against the choices it offered); "+" or "-" rates the
 * last answer.
 */
export async function runConsoleChat(bot: Bot, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const { engine, content } = bot;
  const rl = createInterface({ input, output, terminal: false });
  output.write(
    `Trợ lý thủ tục hành chính — ${content.locality.area}, tỉnh ${content.locality.province}.\n` +
      'Gõ câu hỏi; gõ số để chọn; "+" hoặc "-" để đánh giá câu trả lời; Ctrl+D để thoát.\n> ',
  );
  let n = 0;
  let rating: RatingPrompt | undefined;
  for await (const line of rl) {
    const trimmed = line.trim();
    const payload = rating && (trimmed === '+' || trimmed === '-') ? (trimmed === '+' ? rating.helpful : rating.notHelpful) : undefined;
    const replies = await engine.handle({
      channel: 'console',
      conversationId: 'console',
      userId: 'console',
      platformMessageId: `${Date.now()}-${++n}`,
      ...(payload ? { payload } : { text: line }),
      receivedAt: new Date(),
    });
    rating = undefined;
    for (const r of replies) {
      output.write(renderReplyAsText(r) + '\n');
      if (r.kind !== 'handover' && r.rating) rating = r.rating;
    }
    if (rating) output.write('  (Câu trả lời có hữu ích không? Gõ + hoặc -)\n');
    output.write('> ');
  }
  output.write('\n');
}

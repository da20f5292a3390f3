import { createInterface } from 'node:readline/promises';
import { createBot } from '../../bot.js';
import { renderReplyAsText } from './render-text.js';

/**
 * Terminal chat with the engine (`npm run chat`). Choices print as numbered lines;
 * typing the number picks one (the engine reads numbers against the choices it offered).
 */
export async function runConsoleChat(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const { engine, content } = createBot();
  const rl = createInterface({ input, output, terminal: false });
  output.write(`Trợ lý thủ tục hành chính — ${content.locality.name}, ${content.locality.province}. Gõ câu hỏi (Ctrl+D để thoát).\n> `);
  let n = 0;
  for await (const line of rl) {
    const replies = await engine.handle({
      channel: 'console',
      conversationId: 'console',
      userId: 'console',
      platformMessageId: String(++n),
      text: line,
      receivedAt: new Date(),
    });
    for (const r of replies) output.write(renderReplyAsText(r) + '\n');
    output.write('> ');
  }
  output.write('\n');
}

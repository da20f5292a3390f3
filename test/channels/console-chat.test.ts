import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { createBot } from '../../src/bot.js';
import { runConsoleChat } from '../../src/channels/console/console-chat.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';

const dir = mkdtempSync(join(tmpdir(), 'console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('chats in the terminal: numbered choices, picking by number, rating with "+", stored in SQLite', async () => {
  const store = await SqlConversationStore.open({ sqliteFile: join(dir, 'bot.sqlite') });
  const bot = createBot({ store });
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (d: Buffer) => (screen += d.toString('utf8')));
  const done = runConsoleChat(bot, input, output);
  input.write('thu tuc dang ky ket hon\n');
  input.write('2\n'); // the second choice of the overview: "Lệ phí"
  input.write('+\n');
  input.end();
  await done;
  expect(screen).toMatch(/ 1\. Hồ sơ\n {2}2\. Lệ phí/);
  expect(screen).toContain('Đăng ký kết hôn — Lệ phí');
  expect(screen).toContain('Cảm ơn Anh/Chị đã đánh giá');
  const ratings = await store.ratings();
  expect(ratings).toHaveLength(1);
  expect(ratings[0]).toMatchObject({ helpful: true, intent: 'thu_tuc.ket_hon' });
  await store.close();
});

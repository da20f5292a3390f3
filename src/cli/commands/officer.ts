import { readConfig } from '../../config.js';
import type { ConversationStore } from '../../engine/conversation-store.js';
import { OfficerDesk } from '../../officer/officer-desk.js';
import type { MessageQueue } from '../../server/message-queue.js';
import { openQueue } from '../../server/queue/open-queue.js';
import { openStore } from '../../store/open-store.js';
import type { CliIo } from '../run-cli.js';

const USAGE = `Cách dùng:
  npm run -s cli -- officer list                       các cuộc trò chuyện đang chờ cán bộ
  npm run -s cli -- officer show KHÓA                  lịch sử một cuộc trò chuyện
  npm run -s cli -- officer reply KHÓA "nội dung" [--as TÊN]   trả lời người dân
  npm run -s cli -- officer release KHÓA [--as TÊN]    trả cuộc trò chuyện lại cho Trợ lý
`;

/**
 * The officer's side of a handover from the command line (the staff workspace offers the same).
 * A reply is recorded in the conversation and put in the outbox, so the running server delivers it.
 * `deps` replaces the configured store and queue in tests.
 */
export async function officerCommand(
  args: string[],
  io: CliIo,
  deps?: { readonly store: ConversationStore; readonly queue: MessageQueue },
): Promise<number> {
  const [action, key, ...rest] = args;
  const asIndex = rest.indexOf('--as');
  const officer = asIndex >= 0 ? (rest[asIndex + 1] ?? 'cán bộ') : 'cán bộ';
  const words = asIndex >= 0 ? rest.slice(0, asIndex) : rest;
  if (!action || (action !== 'list' && !key)) {
    io.err.write(USAGE);
    return 2;
  }
  const config = readConfig();
  const where = { dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) };
  const db = deps?.store ?? (await openStore(where));
  const queue = deps?.queue ?? (await openQueue(where));
  const desk = new OfficerDesk(db, queue);
  try {
    if (action === 'list') {
      const open = await desk.waiting();
      if (open.length === 0) io.out.write('Không có cuộc trò chuyện nào đang chờ cán bộ.\n');
      for (const h of open) io.out.write(`${h.conversationKey}\t${h.reason}\t${h.openedAt.toISOString()}\n`);
      return 0;
    }
    if (action === 'show') {
      for (const line of await desk.history(key!)) io.out.write(`${line.seq}\t${line.at.toISOString()}\t${line.text}\n`);
      return 0;
    }
    if (action !== 'reply' && action !== 'release') {
      io.err.write(USAGE);
      return 2;
    }
    const text = words.join(' ').trim();
    if (action === 'reply' && !text) {
      io.err.write(USAGE);
      return 2;
    }
    const done = action === 'reply' ? await desk.reply(key!, officer, text) : await desk.release(key!, officer);
    if (!done) {
      io.err.write(`Cuộc trò chuyện "${key}" không chờ cán bộ (xem: officer list).\n`);
      return 1;
    }
    io.out.write(action === 'reply' ? 'Đã gửi câu trả lời của cán bộ.\n' : 'Đã trả cuộc trò chuyện lại cho Trợ lý.\n');
    return 0;
  } finally {
    if (!deps) {
      await db.close();
      await queue.close();
    }
  }
}


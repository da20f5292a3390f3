import { readConfig } from '../../config.js';
import type { StoredEvent } from '../../engine/conversation-events.js';
import type { ConversationStore } from '../../engine/conversation-store.js';
import { maskPersonalData } from '../../logging/mask-personal-data.js';
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
 * The officer's side of a handover, until the staff workspace exists. A reply is recorded in the
 * conversation and put in the outbox, so the running server delivers it through the citizen's channel.
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
  try {
    const open = await db.openHandovers();
    if (action === 'list') {
      if (open.length === 0) io.out.write('Không có cuộc trò chuyện nào đang chờ cán bộ.\n');
      for (const h of open) io.out.write(`${h.conversationKey}\t${h.reason}\t${h.openedAt.toISOString()}\n`);
      return 0;
    }
    const handover = open.find((h) => h.conversationKey === key);
    if (action === 'show') {
      for (const e of await db.history(key!)) io.out.write(describe(e) + '\n');
      return 0;
    }
    if (!handover) {
      io.err.write(`Cuộc trò chuyện "${key}" không chờ cán bộ (xem: officer list).\n`);
      return 1;
    }
    const ref = { channel: handover.channel, conversationId: handover.conversationId, userId: handover.userId };
    if (action === 'reply') {
      const text = words.join(' ').trim();
      if (!text) {
        io.err.write(USAGE);
        return 2;
      }
      const now = new Date();
      await db.withTurn(ref, () => ({ result: undefined, events: [{ at: now, event: { type: 'officer_replied', officer, text } }] }));
      await queue.enqueueOutbound({ channel: ref.channel, conversationId: ref.conversationId, replies: [{ kind: 'text', text }] }, now);
      io.out.write('Đã gửi câu trả lời của cán bộ.\n');
      return 0;
    }
    if (action === 'release') {
      await db.withTurn(ref, () => ({ result: undefined, events: [{ at: new Date(), event: { type: 'handover_released', officer } }] }));
      io.out.write('Đã trả cuộc trò chuyện lại cho Trợ lý.\n');
      return 0;
    }
    io.err.write(USAGE);
    return 2;
  } finally {
    if (!deps) {
      await db.close();
      await queue.close();
    }
  }
}

/** One history line for staff, personal data masked. */
function describe({ seq, at, event }: StoredEvent): string {
  const head = `${seq}\t${at.toISOString()}\t`;
  switch (event.type) {
    case 'user_said':
      return head + `Người dân: ${maskPersonalData(event.text ?? `[chọn ${event.payload ?? ''}]`)}`;
    case 'bot_replied':
      return head + `Trợ lý: ${maskPersonalData(event.replies.map((r) => r.text).join(' / '))}`;
    case 'understood':
      return head + `(hiểu: ${event.outcome}${event.intent ? ' ' + event.intent : ''}${event.aspect ? ' / ' + event.aspect : ''})`;
    case 'officer_replied':
      return head + `Cán bộ ${event.officer}: ${maskPersonalData(event.text)}`;
    case 'handover_opened':
      return head + `(chuyển cán bộ: ${event.reason})`;
    case 'handover_released':
      return head + `(cán bộ ${event.officer} trả lại cho Trợ lý)`;
    case 'rated':
      return head + `(đánh giá: ${event.helpful ? 'hữu ích' : 'chưa hữu ích'})`;
    case 'reset':
      return head + '(bắt đầu lại)';
    case 'notice_shown':
      return head + `(thông báo: ${event.notice})`;
  }
}

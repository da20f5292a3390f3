import { openTurnLog } from '../../admin/review/open-turn-log.js';
import { readConfig } from '../../config.js';
import { openQueue } from '../../server/queue/open-queue.js';
import { openStore } from '../../store/open-store.js';
import type { TextRetention } from '../../store/purge-schedule.js';
import type { CliIo } from '../run-cli.js';

/** "180d" or "12h" → milliseconds. */
export function parseAge(text: string): number | undefined {
  const m = /^(\d{1,5})([dh])$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000);
}

/**
 * Blanks message texts older than the retention period (`--older-than 180d`, default RETENTION_DAYS)
 * in the conversation store, the inbox/outbox and the turn log (as the server's daily purge does);
 * `targets` replaces them in tests.
 */
export async function purgeCommand(args: string[], io: CliIo, targets?: readonly TextRetention[]): Promise<number> {
  const config = readConfig();
  const i = args.indexOf('--older-than');
  const raw = i >= 0 ? args[i + 1] : `${config.retentionDays}d`;
  const age = raw === undefined ? undefined : parseAge(raw);
  if (age === undefined) {
    io.err.write('Cách dùng: npm run -s cli -- purge --older-than 180d   (đơn vị: d = ngày, h = giờ)\n');
    return 2;
  }
  const where = { dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) };
  const opened = targets ? [] : [await openStore(where), await openQueue(where), await openTurnLog(where)];
  try {
    const before = new Date(Date.now() - age);
    const counts = await Promise.all((targets ?? opened).map((t) => t.purgeTexts(before)));
    io.out.write(`Đã xóa nội dung của ${counts.reduce((a, b) => a + b, 0)} tin nhắn cũ hơn ${raw}.\n`);
    return 0;
  } finally {
    for (const o of opened) await o.close();
  }
}

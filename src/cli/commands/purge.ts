import { readConfig } from '../../config.js';
import type { ConversationStore } from '../../engine/conversation-store.js';
import { openStore } from '../../store/open-store.js';
import type { CliIo } from '../run-cli.js';

/** "180d" or "12h" → milliseconds. */
export function parseAge(text: string): number | undefined {
  const m = /^(\d{1,5})([dh])$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000);
}

/** Blanks message texts older than the retention period (`--older-than 180d`, default RETENTION_DAYS). */
export async function purgeCommand(args: string[], io: CliIo, store?: ConversationStore): Promise<number> {
  const config = readConfig();
  const i = args.indexOf('--older-than');
  const raw = i >= 0 ? args[i + 1] : `${config.retentionDays}d`;
  const age = raw === undefined ? undefined : parseAge(raw);
  if (age === undefined) {
    io.err.write('Cách dùng: npm run -s cli -- purge --older-than 180d   (đơn vị: d = ngày, h = giờ)\n');
    return 2;
  }
  const db = store ?? (await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) }));
  try {
    const n = await db.purgeTexts(new Date(Date.now() - age));
    io.out.write(`Đã xóa nội dung của ${n} sự kiện cũ hơn ${raw}.\n`);
    return 0;
  } finally {
    if (!store) await db.close();
  }
}

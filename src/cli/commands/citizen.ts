import { userInfo } from 'node:os';
import { openTurnLog } from '../../admin/review/open-turn-log.js';
import { openStaffStore } from '../../admin/open-staff-store.js';
import { SYSTEM_ACTORS } from '../../admin/system-actors.js';
import { readConfig } from '../../config.js';
import { CitizenData, type CitizenStores } from '../../privacy/citizen-data.js';
import { openQueue } from '../../server/queue/open-queue.js';
import { openStore } from '../../store/open-store.js';
import type { CliIo } from '../run-cli.js';

const USAGE = `Cách dùng:
  npm run -s cli -- citizen export --channel zalo --user MÃ_NGƯỜI_DÙNG          in mọi dữ liệu đã lưu về người dân (JSON)
  npm run -s cli -- citizen delete --channel zalo --user MÃ_NGƯỜI_DÙNG --yes    xóa mọi dữ liệu đó (không hoàn tác được)
`;

/**
 * A citizen's stored data by channel user id: printed as JSON, or deleted (with `--yes`). Both are
 * audited as `@cli:<OS user>`. `deps` replaces the configured stores in tests.
 */
export async function citizenCommand(args: string[], io: CliIo, deps?: CitizenStores): Promise<number> {
  const [action, ...rest] = args;
  const option = (name: string): string | undefined => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1]?.trim() || undefined : undefined;
  };
  const channel = option('--channel');
  const userId = option('--user');
  if ((action !== 'export' && action !== 'delete') || !channel || !userId) {
    io.err.write(USAGE);
    return 2;
  }
  if (action === 'delete' && !rest.includes('--yes')) {
    io.err.write('Xóa dữ liệu không hoàn tác được: thêm --yes để xác nhận.\n');
    return 2;
  }
  const stores = deps ?? (await openStores());
  try {
    const data = new CitizenData(stores);
    const by = { user: `${SYSTEM_ACTORS.cli}:${userInfo().username}`, at: new Date() };
    const user = { channel, userId };
    if (action === 'export') {
      io.out.write(JSON.stringify(await data.export(user, by), null, 2) + '\n');
      return 0;
    }
    const deleted = await data.delete(user, by);
    io.out.write(
      `Đã xóa dữ liệu của người dùng ${channel} này: ${deleted.conversations} cuộc trò chuyện (${deleted.conversationRows} bản ghi), ` +
        `${deleted.turns} lượt trong nhật ký, ${deleted.queueItems} tin trong hàng đợi.\n`,
    );
    return 0;
  } finally {
    if (!deps) await Promise.all([stores.store.close(), stores.queue.close(), stores.turnLog.close(), stores.staff.close()]);
  }
}

async function openStores(): Promise<CitizenStores> {
  const config = readConfig();
  const where = { dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) };
  return { store: await openStore(where), queue: await openQueue(where), turnLog: await openTurnLog(where), staff: await openStaffStore(where) };
}

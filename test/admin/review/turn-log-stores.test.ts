import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlTurnLog } from '../../../src/store/turn-log-store.js';
import { freshPostgresSchema } from '../../support/fresh-postgres-schema.js';
import { turnLogContract } from './turn-log-contract.js';

turnLogContract('SQLite in memory', async () => {
  const turnLog = SqlTurnLog.inMemory();
  return { turnLog, dispose: () => turnLog.close() };
});

turnLogContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'turn-log-'));
  const turnLog = await SqlTurnLog.open({ sqliteFile: join(dir, 'bot.sqlite') });
  return {
    turnLog,
    dispose: async () => {
      await turnLog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

turnLogContract('PostgreSQL', async () => {
  const schema = await freshPostgresSchema();
  const turnLog = await SqlTurnLog.open({ postgresUrl: schema.url });
  return {
    turnLog,
    dispose: async () => {
      await turnLog.close();
      await schema.drop();
    },
  };
});

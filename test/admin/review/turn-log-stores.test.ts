import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTurnLog } from '../../../src/admin/review/memory-turn-log.js';
import { PostgresTurnLog } from '../../../src/admin/review/postgres-turn-log.js';
import { SqliteTurnLog } from '../../../src/admin/review/sqlite-turn-log.js';
import { freshPostgresSchema } from '../../support/fresh-postgres-schema.js';
import { turnLogContract } from './turn-log-contract.js';

turnLogContract('memory', async () => ({ turnLog: new MemoryTurnLog(), dispose: async () => undefined }));

turnLogContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'turn-log-'));
  const turnLog = await SqliteTurnLog.open(join(dir, 'bot.sqlite'));
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
  const turnLog = await PostgresTurnLog.open(schema.url);
  return {
    turnLog,
    dispose: async () => {
      await turnLog.close();
      await schema.drop();
    },
  };
});

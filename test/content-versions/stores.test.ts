import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryContentVersions } from '../../src/content-versions/memory-content-versions.js';
import { openContentVersions } from '../../src/content-versions/open-content-versions.js';
import { PostgresContentVersions } from '../../src/content-versions/postgres-content-versions.js';
import { SqliteContentVersions } from '../../src/content-versions/sqlite-content-versions.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';
import { versionStoreContract } from './store-contract.js';

versionStoreContract('memory', async () => {
  const store = new MemoryContentVersions();
  return { store, other: async () => store, dispose: async () => undefined };
});

versionStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'versions-'));
  const store = await openContentVersions({ dataDir: dir });
  return {
    store,
    other: () => SqliteContentVersions.open(join(dir, 'bot.sqlite')),
    dispose: async () => {
      await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

versionStoreContract('PostgreSQL', async () => {
  const schema = await freshPostgresSchema();
  const store = await openContentVersions({ dataDir: '/nonexistent', databaseUrl: schema.url });
  return {
    store,
    other: () => PostgresContentVersions.open(schema.url),
    dispose: async () => {
      await store.close().catch(() => undefined);
      await schema.drop();
    },
  };
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openContentVersions } from '../../src/content-versions/open-content-versions.js';
import { SqlContentVersions } from '../../src/store/content-version-store.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';
import { versionStoreContract } from './store-contract.js';

versionStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'versions-'));
  const store = await openContentVersions({ dataDir: dir });
  return {
    store,
    other: () => SqlContentVersions.open({ sqliteFile: join(dir, 'bot.sqlite') }),
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
    other: () => SqlContentVersions.open({ postgresUrl: schema.url }),
    dispose: async () => {
      await store.close().catch(() => undefined);
      await schema.drop();
    },
  };
});

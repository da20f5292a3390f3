import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SqlTokenStore } from '../../src/store/zalo-token-store.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';
import { createLegacyPostgres } from '../support/legacy-database.js';

let db: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  db = await freshPostgresSchema();
});
afterAll(async () => {
  await db?.drop();
});

it('keeps tokens in PostgreSQL for every instance and lets only one instance refresh at a time', async () => {
  const a = await SqlTokenStore.open({ postgresUrl: db.url }, 'oa-1');
  const b = await SqlTokenStore.open({ postgresUrl: db.url }, 'oa-1');
  expect(await a.load()).toBeUndefined();
  await a.save({ refreshToken: 'r1', accessToken: 'a1', accessTokenExpiresAt: 1_700_000_000_000 });
  expect(await b.load()).toEqual({ refreshToken: 'r1', accessToken: 'a1', accessTokenExpiresAt: 1_700_000_000_000 });

  // Two instances refresh at once: the second must enter only after the first saved, and see its token.
  const trace: string[] = [];
  const refresh = (store: SqlTokenStore, name: string, next: string) =>
    store.withLock(async () => {
      const seen = (await store.load())!.refreshToken;
      trace.push(`${name} saw ${seen}`);
      await new Promise((r) => setTimeout(r, 100));
      await store.save({ refreshToken: next });
      trace.push(`${name} saved ${next}`);
    });
  await Promise.all([refresh(a, 'a', 'r2'), refresh(b, 'b', 'r3')]);
  expect(trace).toHaveLength(4);
  expect(trace[1]).toMatch(/saved/);
  expect(trace[2]).toContain(trace[1]!.split(' saved ')[1]!);
  await a.close();
  await b.close();
});

it('keeps tokens in an SQLite file across reopening, for one instance', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zalo-tokens-'));
  try {
    const first = await SqlTokenStore.open({ sqliteFile: join(dir, 'bot.sqlite') }, 'oa-1');
    expect(await first.load()).toBeUndefined();
    await first.save({ refreshToken: 'r1' });
    await first.withLock(() => first.save({ refreshToken: 'r2', accessToken: 'a2', accessTokenExpiresAt: 1_700_000_000_000 }));
    await first.close();
    const second = await SqlTokenStore.open({ sqliteFile: join(dir, 'bot.sqlite') }, 'oa-1');
    expect(await second.load()).toEqual({ refreshToken: 'r2', accessToken: 'a2', accessTokenExpiresAt: 1_700_000_000_000 });
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('takes over the table the PostgreSQL token store created before the Kysely layer', async () => {
  const schema = await freshPostgresSchema();
  try {
    await createLegacyPostgres(schema.url, ['zaloTokens'], async (client) => {
      await client.query("INSERT INTO zalo_tokens VALUES ('oa-1', 'a1', 'r1', 1700000000000, now())");
    });
    const store = await SqlTokenStore.open({ postgresUrl: schema.url }, 'oa-1');
    expect(await store.load()).toEqual({ refreshToken: 'r1', accessToken: 'a1', accessTokenExpiresAt: 1_700_000_000_000 });
    await store.close();
  } finally {
    await schema.drop();
  }
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { PostgresTokenStore } from '../../src/channels/zalo/postgres-token-store.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';

let db: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  db = await freshPostgresSchema();
});
afterAll(async () => {
  await db?.drop();
});

it('keeps tokens in PostgreSQL for every instance and lets only one instance refresh at a time', async () => {
  const a = await PostgresTokenStore.open(db.url, 'oa-1');
  const b = await PostgresTokenStore.open(db.url, 'oa-1');
  expect(await a.load()).toBeUndefined();
  await a.save({ refreshToken: 'r1', accessToken: 'a1', accessTokenExpiresAt: 1_700_000_000_000 });
  expect(await b.load()).toEqual({ refreshToken: 'r1', accessToken: 'a1', accessTokenExpiresAt: 1_700_000_000_000 });

  // Two instances refresh at once: the second must enter only after the first saved, and see its token.
  const trace: string[] = [];
  const refresh = (store: PostgresTokenStore, name: string, next: string) =>
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

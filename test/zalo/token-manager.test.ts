import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlTokenStore } from '../../src/store/zalo-token-store.js';
import { ZaloTokenManager, type TokenStore, type ZaloTokens } from '../../src/zalo-api-client/index.js';
import { FakeZaloServer } from './fake-zalo-server.js';
import { SECRETS } from './zalo-harness.js';
import { APP_ID } from './zalo-events.js';

const HOUR = 3_600_000;
let fake: FakeZaloServer;
let dir: string;
let opened: SqlTokenStore[] = [];
/** The database's token store in the SQLite file `name` of this test's directory. */
async function store(name: string): Promise<SqlTokenStore> {
  const s = await SqlTokenStore.open({ sqliteFile: join(dir, name) }, APP_ID);
  opened.push(s);
  return s;
}
beforeEach(async () => {
  fake = new FakeZaloServer({ appId: APP_ID, ...SECRETS, refreshDelayMs: 30 });
  await fake.start();
  dir = await mkdtemp(join(tmpdir(), 'zalo-tokens-'));
});
afterEach(async () => {
  for (const s of opened) await s.close();
  opened = [];
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
});

function manager(store: TokenStore, initialTokens: ZaloTokens | undefined, now = () => 1_000_000_000_000) {
  return new ZaloTokenManager({ appId: APP_ID, appSecretKey: SECRETS.appSecretKey, store, oauthBaseUrl: fake.url, now, ...(initialTokens ? { initialTokens } : {}) });
}

describe('ZaloTokenManager', () => {
  it('refreshes ahead of expiry (inside the 1-hour margin) but not earlier', async () => {
    const now = 1_000_000_000_000;
    fake.grantAccessToken('pasted');
    const fresh = manager(await store('a.sqlite'), { accessToken: 'pasted', refreshToken: 'refresh-0', accessTokenExpiresAt: now + 2 * HOUR }, () => now);
    expect(await fresh.accessToken()).toBe('pasted');
    expect(fake.refreshAttempts).toEqual([]);
    const ending = manager(await store('b.sqlite'), { accessToken: 'pasted', refreshToken: 'refresh-0', accessTokenExpiresAt: now + HOUR / 2 }, () => now);
    expect(await ending.accessToken()).toBe('access-1');
    expect(fake.refreshAttempts).toEqual(['refresh-0']);
    expect(await (await store('b.sqlite')).load()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1', accessTokenExpiresAt: now + 90_000_000 });
  });

  it('runs one refresh for many concurrent callers', async () => {
    const m = manager(await store('t.sqlite'), { refreshToken: 'refresh-0' });
    const tokens = await Promise.all(Array.from({ length: 8 }, () => m.accessToken()));
    expect(new Set(tokens)).toEqual(new Set(['access-1']));
    expect(fake.refreshAttempts).toEqual(['refresh-0']);
  });

  it('after a restart uses the stored, rotated tokens instead of the spent initial refresh token', async () => {
    const path = 't.sqlite';
    const first = manager(await store(path), { refreshToken: 'refresh-0' });
    await first.refresh('none');
    const restarted = manager(await store(path), { refreshToken: 'refresh-0' });
    expect(await restarted.accessToken()).toBe('access-1');
    fake.expireAccessTokens();
    expect(await restarted.refresh('access-1')).toBe('access-2');
    expect(fake.refreshAttempts).toEqual(['refresh-0', 'refresh-1']);
  });

  it('takes the token another instance refreshed meanwhile, under the store’s lock, without spending the refresh token again', async () => {
    const file = await store('shared.sqlite');
    // A real mutex, standing in for a database advisory lock shared by two instances.
    let tail = Promise.resolve();
    let locked = 0;
    const shared: TokenStore = {
      load: () => file.load(),
      save: (t) => file.save(t),
      withLock<T>(fn: () => Promise<T>): Promise<T> {
        const run = tail.then(() => {
          locked++;
          return fn();
        });
        tail = run.then(
          () => undefined,
          () => undefined,
        );
        return run;
      },
    };
    const a = manager(shared, { refreshToken: 'refresh-0' });
    const b = manager(shared, { refreshToken: 'refresh-0' });
    const tokenA = await a.accessToken();
    const tokenB = await b.accessToken();
    expect([tokenA, tokenB]).toEqual(['access-1', 'access-1']);
    // Zalo refuses access-1; both instances notice at once.
    fake.expireAccessTokens();
    const [nextA, nextB] = await Promise.all([a.refresh('access-1'), b.refresh('access-1')]);
    expect([nextA, nextB]).toEqual(['access-2', 'access-2']);
    expect(fake.refreshAttempts).toEqual(['refresh-0', 'refresh-1']);
    expect(locked).toBeGreaterThanOrEqual(2);
  });

  it('fails clearly with neither stored nor initial tokens, and recovers once tokens exist', async () => {
    const path = 'empty.sqlite';
    const m = manager(await store(path), undefined);
    await expect(m.accessToken()).rejects.toThrow(/No Zalo tokens/);
    fake.grantAccessToken('later');
    await (await store(path)).save({ accessToken: 'later', refreshToken: 'refresh-0' });
    expect(await m.accessToken()).toBe('later');
  });
});

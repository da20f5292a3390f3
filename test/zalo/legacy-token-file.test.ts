import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importLegacyTokenFile } from '../../src/store/legacy-token-file.js';
import { SqlTokenStore } from '../../src/store/zalo-token-store.js';

let dir: string;
let store: SqlTokenStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zalo-legacy-'));
  store = await SqlTokenStore.open({ sqliteFile: join(dir, 'bot.sqlite') }, 'oa-1');
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

it('moves a rotated token file of an SQLite deployment into the database, once', async () => {
  const file = join(dir, 'zalo-tokens.json');
  await writeFile(file, JSON.stringify({ accessToken: 'a7', refreshToken: 'r7', accessTokenExpiresAt: 1_700_000_000_000 }));
  expect(await importLegacyTokenFile(store, file)).toBe('imported');
  expect(await store.load()).toEqual({ accessToken: 'a7', refreshToken: 'r7', accessTokenExpiresAt: 1_700_000_000_000 });
  expect((await readdir(dir)).filter((f) => f.startsWith('zalo-tokens'))).toEqual(['zalo-tokens.json.imported']);
  // The next start finds no file and changes nothing.
  expect(await importLegacyTokenFile(store, file)).toBe('none');
  expect((await store.load())?.refreshToken).toBe('r7');
});

it('never overwrites tokens the database already holds with an older file', async () => {
  await store.save({ refreshToken: 'r9' });
  const file = join(dir, 'zalo-tokens.json');
  await writeFile(file, JSON.stringify({ refreshToken: 'r7' }));
  expect(await importLegacyTokenFile(store, file)).toBe('kept');
  expect(await store.load()).toEqual({ refreshToken: 'r9' });
});

it('refuses a file that is not a token file, naming it, and imports nothing', async () => {
  const file = join(dir, 'zalo-tokens.json');
  await writeFile(file, '{"accessToken": 5}');
  await expect(importLegacyTokenFile(store, file)).rejects.toThrow(file);
  await writeFile(file, 'not json');
  await expect(importLegacyTokenFile(store, file)).rejects.toThrow(/not a Zalo token file/);
  expect(await store.load()).toBeUndefined();
});

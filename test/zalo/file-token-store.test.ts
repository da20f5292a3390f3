import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from '../../src/channels/zalo/file-token-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zalo-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileTokenStore', () => {
  it('has nothing before the first save', async () => {
    expect(await new FileTokenStore(join(dir, 'zalo-tokens.json')).load()).toBeUndefined();
  });

  it('saves atomically into a new directory, owner-only, leaving no temporary file', async () => {
    const path = join(dir, 'var', 'zalo-tokens.json');
    const store = new FileTokenStore(path);
    await store.save({ accessToken: 'a1', refreshToken: 'r1', accessTokenExpiresAt: 123 });
    await store.save({ accessToken: 'a2', refreshToken: 'r2', accessTokenExpiresAt: 456 });
    expect(await store.load()).toEqual({ accessToken: 'a2', refreshToken: 'r2', accessTokenExpiresAt: 456 });
    expect(await readdir(join(dir, 'var'))).toEqual(['zalo-tokens.json']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a file that is not a token file, naming it', async () => {
    const path = join(dir, 'zalo-tokens.json');
    await writeFile(path, '{"accessToken": 5}');
    await expect(new FileTokenStore(path).load()).rejects.toThrow(path);
    await writeFile(path, 'not json');
    await expect(new FileTokenStore(path).load()).rejects.toThrow(/not a Zalo token file/);
  });

  it('leaves the previous tokens intact when a save fails', async () => {
    const path = join(dir, 'zalo-tokens.json');
    const store = new FileTokenStore(path);
    await store.save({ refreshToken: 'r1' });
    const bad = { refreshToken: 'r2', toJSON: () => { throw new Error('serialisation failed'); } };
    await expect(store.save(bad)).rejects.toThrow('serialisation failed');
    expect(await store.load()).toEqual({ refreshToken: 'r1' });
    expect(await readdir(dir)).toEqual(['zalo-tokens.json']);
  });
});

import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TokenStore, ZaloTokens } from '../../zalo-api-client/index.js';

/**
 * Zalo tokens in a JSON file (owner-only permissions), for a single instance. Writes go to a
 * temporary file that is flushed to disk and renamed over the old one, so a crash leaves either
 * the old pair or the new one, never half a file. Once a refresh has rotated the tokens this file
 * wins over ZALO_REFRESH_TOKEN; to re-authorise, set the new token and delete the file.
 */
export class FileTokenStore implements TokenStore {
  constructor(readonly path: string) {}

  async load(): Promise<ZaloTokens | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    const tokens = parseTokens(text);
    if (!tokens) throw new Error(`${this.path} is not a Zalo token file; delete it to start again from ZALO_REFRESH_TOKEN`);
    return tokens;
  }

  async save(tokens: ZaloTokens): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${randomUUID()}.tmp`;
    try {
      const file = await open(temporary, 'w', 0o600);
      try {
        await file.writeFile(JSON.stringify(tokens, null, 2));
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, this.path);
    } catch (e) {
      await rm(temporary, { force: true });
      throw e;
    }
  }
}

function parseTokens(text: string): ZaloTokens | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const { accessToken, refreshToken, accessTokenExpiresAt } = json as Record<string, unknown>;
  if (typeof refreshToken !== 'string' || !refreshToken) return undefined;
  if (accessToken !== undefined && typeof accessToken !== 'string') return undefined;
  if (accessTokenExpiresAt !== undefined && typeof accessTokenExpiresAt !== 'number') return undefined;
  return {
    refreshToken,
    ...(accessToken ? { accessToken } : {}),
    ...(accessTokenExpiresAt !== undefined ? { accessTokenExpiresAt } : {}),
  };
}

import { readFile, rename } from 'node:fs/promises';
import type { TokenStore, ZaloTokens } from '../zalo-api-client/index.js';

/**
 * Before the storage layer, a single instance kept its Zalo tokens in `<DATA_DIR>/zalo-tokens.json`.
 * Once a refresh has rotated them, that file holds the only valid single-use refresh token, so it
 * is moved into the database on first start (when the database has no tokens yet) and renamed
 * `….imported`; a database that already has tokens wins and the file is left as it is.
 */
export async function importLegacyTokenFile(store: TokenStore, path: string): Promise<'imported' | 'none' | 'kept'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw e;
  }
  if (await store.load()) return 'kept';
  const tokens = parseTokens(text);
  if (!tokens) throw new Error(`${path} is not a Zalo token file; delete it to start again from ZALO_REFRESH_TOKEN`);
  await store.save(tokens);
  await rename(path, `${path}.imported`);
  return 'imported';
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

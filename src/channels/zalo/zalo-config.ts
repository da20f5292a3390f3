import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL } from '../../zalo-api-client/index.js';

/** Zalo OA settings, from the environment only. */
export interface ZaloConfig {
  readonly appId: string;
  /** Secret key of the linked OA: signs webhooks. */
  readonly oaSecretKey: string;
  /** Secret key of the app: authenticates token refreshes. */
  readonly appSecretKey: string;
  /** The first refresh token; once rotated, the stored token wins (see SqlTokenStore). */
  readonly refreshToken: string;
  readonly accessToken?: string;
  readonly apiBaseUrl: string;
  readonly oauthBaseUrl: string;
}

/**
 * Reads ZALO_APP_ID, ZALO_OA_SECRET_KEY, ZALO_APP_SECRET_KEY, ZALO_REFRESH_TOKEN, and optionally
 * ZALO_ACCESS_TOKEN, ZALO_API_BASE_URL, ZALO_OAUTH_BASE_URL. No app id → undefined (the channel
 * is off). Errors name the variable, never its value.
 */
export function zaloConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ZaloConfig | undefined {
  const appId = env.ZALO_APP_ID?.trim();
  if (!appId) return undefined;
  if (!/^\d{1,20}$/.test(appId)) throw new Error('ZALO_APP_ID must be the numeric app id from developers.zalo.me');
  const oaSecretKey = required(env, 'ZALO_OA_SECRET_KEY');
  const appSecretKey = required(env, 'ZALO_APP_SECRET_KEY');
  const refreshToken = required(env, 'ZALO_REFRESH_TOKEN');
  const accessToken = env.ZALO_ACCESS_TOKEN?.trim();
  return {
    appId,
    oaSecretKey,
    appSecretKey,
    refreshToken,
    ...(accessToken ? { accessToken } : {}),
    apiBaseUrl: httpUrl(env, 'ZALO_API_BASE_URL', DEFAULT_API_BASE_URL),
    oauthBaseUrl: httpUrl(env, 'ZALO_OAUTH_BASE_URL', DEFAULT_OAUTH_BASE_URL),
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`${name} must be set when ZALO_APP_ID is set`);
  return value;
}

function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name]?.trim();
  if (!value) return fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL, not "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} must start with https:// or http://`);
  return value.replace(/\/+$/, '');
}

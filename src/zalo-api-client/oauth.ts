import { postToZalo } from './post-to-zalo.js';
import { ZaloHttpError } from './zalo-errors.js';

export const DEFAULT_OAUTH_BASE_URL = 'https://oauth.zaloapp.com';
export const ACCESS_TOKEN_PATH = '/v4/oa/access_token';

/** Answer of `POST /v4/oa/access_token`; `expires_in` (seconds, 90000 = 25 h) comes as a string. */
export interface OAuthTokenResponse {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly expires_in: string;
}

export interface RefreshRequest {
  readonly oauthBaseUrl: string;
  readonly appId: string;
  /** The app's secret key (not the OA secret key); it travels in the `secret_key` header. */
  readonly appSecretKey: string;
  readonly refreshToken: string;
  readonly timeoutMs: number;
}

/**
 * Trades a refresh token for a new access token and a NEW refresh token. The refresh token is
 * single-use: once this succeeds the old one is dead, so the new one must be stored first.
 */
export async function refreshAccessToken(request: RefreshRequest): Promise<OAuthTokenResponse> {
  const answer = await postToZalo({
    baseUrl: request.oauthBaseUrl,
    path: ACCESS_TOKEN_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: request.appSecretKey },
    body: new URLSearchParams({ app_id: request.appId, grant_type: 'refresh_token', refresh_token: request.refreshToken }).toString(),
    timeoutMs: request.timeoutMs,
  });
  const { access_token, refresh_token, expires_in } = answer;
  if (typeof access_token !== 'string' || !access_token || typeof refresh_token !== 'string' || !refresh_token) {
    throw new ZaloHttpError('answer has no access_token / refresh_token', ACCESS_TOKEN_PATH, 200);
  }
  return { access_token, refresh_token, expires_in: String(expires_in ?? '') };
}

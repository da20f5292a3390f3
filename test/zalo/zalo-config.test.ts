import { describe, expect, it } from 'vitest';
import { zaloConfigFromEnv } from '../../src/channels/zalo/zalo-config.js';

const env = {
  ZALO_APP_ID: '1111111111111111111',
  ZALO_OA_SECRET_KEY: 'oa-secret',
  ZALO_APP_SECRET_KEY: 'app-secret',
  ZALO_REFRESH_TOKEN: 'refresh-secret',
};

describe('zaloConfigFromEnv', () => {
  it('is off without ZALO_APP_ID', () => {
    expect(zaloConfigFromEnv({})).toBeUndefined();
    expect(zaloConfigFromEnv({ ...env, ZALO_APP_ID: ' ' })).toBeUndefined();
  });

  it('reads the secrets and defaults to Zalo’s hosts', () => {
    expect(zaloConfigFromEnv(env)).toEqual({
      appId: '1111111111111111111',
      oaSecretKey: 'oa-secret',
      appSecretKey: 'app-secret',
      refreshToken: 'refresh-secret',
      apiBaseUrl: 'https://openapi.zalo.me',
      oauthBaseUrl: 'https://oauth.zaloapp.com',
    });
  });

  it('takes an optional access token and base URLs (trailing slash removed)', () => {
    const config = zaloConfigFromEnv({ ...env, ZALO_ACCESS_TOKEN: 'at', ZALO_API_BASE_URL: 'http://127.0.0.1:9/', ZALO_OAUTH_BASE_URL: 'http://127.0.0.1:8' });
    expect(config).toMatchObject({ accessToken: 'at', apiBaseUrl: 'http://127.0.0.1:9', oauthBaseUrl: 'http://127.0.0.1:8' });
  });

  it('names a missing or bad variable without quoting any secret', () => {
    expect(() => zaloConfigFromEnv({ ...env, ZALO_OA_SECRET_KEY: '' })).toThrow(/ZALO_OA_SECRET_KEY/);
    expect(() => zaloConfigFromEnv({ ...env, ZALO_APP_SECRET_KEY: undefined })).toThrow(/ZALO_APP_SECRET_KEY/);
    expect(() => zaloConfigFromEnv({ ...env, ZALO_REFRESH_TOKEN: undefined })).toThrow(/ZALO_REFRESH_TOKEN/);
    expect(() => zaloConfigFromEnv({ ...env, ZALO_APP_ID: 'my-app' })).toThrow(/ZALO_APP_ID/);
    expect(() => zaloConfigFromEnv({ ...env, ZALO_API_BASE_URL: 'ftp://x' })).toThrow(/ZALO_API_BASE_URL/);
    try {
      zaloConfigFromEnv({ ...env, ZALO_REFRESH_TOKEN: '' });
    } catch (e) {
      expect(String(e)).not.toMatch(/oa-secret|app-secret/);
    }
  });
});

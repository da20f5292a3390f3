import { describe, expect, it } from 'vitest';
import { telegramConfigFromEnv } from '../../src/channels/telegram/telegram-config.js';

const TOKEN = '123456789:AAF-secret_part';

describe('telegramConfigFromEnv', () => {
  it('leaves the channel off without a token', () => {
    expect(telegramConfigFromEnv({})).toBeUndefined();
    expect(telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: '  ' })).toBeUndefined();
  });

  it('polls when no webhook URL is set, with an optional API root', () => {
    expect(telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN })).toEqual({ token: TOKEN });
    expect(telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' })).toEqual({
      token: TOKEN,
      apiRoot: 'http://127.0.0.1:8081',
    });
  });

  it('uses a webhook when a public HTTPS URL and a secret are set', () => {
    expect(
      telegramConfigFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://dvc.phuyen.gov.vn', TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123' }),
    ).toEqual({ token: TOKEN, webhook: { publicUrl: 'https://dvc.phuyen.gov.vn', secretToken: 'abc_DEF-123' } });
  });

  it('refuses bad settings with messages that never quote the token or secret', () => {
    const cases = [
      { TELEGRAM_BOT_TOKEN: 'not-a-token' },
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'api.telegram.org' },
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://dvc.phuyen.gov.vn' },
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://dvc.phuyen.gov.vn', TELEGRAM_WEBHOOK_SECRET: 'có dấu cách' },
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'http://dvc.phuyen.gov.vn', TELEGRAM_WEBHOOK_SECRET: 'abc' },
    ];
    for (const env of cases) {
      expect(() => telegramConfigFromEnv(env)).toThrow(/TELEGRAM_/);
      try {
        telegramConfigFromEnv(env);
      } catch (error) {
        expect((error as Error).message).not.toContain('secret_part');
        expect((error as Error).message).not.toContain('có dấu cách');
      }
    }
  });
});

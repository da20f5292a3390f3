/** Telegram settings, from the environment only. */
export interface TelegramConfig {
  readonly token: string;
  /** Bot API base URL; Telegram's own when not set (a fake server in tests, a local Bot API server in staging). */
  readonly apiRoot?: string;
  /** Set → webhook mode; unset → long polling. */
  readonly webhook?: TelegramWebhookConfig;
}

export interface TelegramWebhookConfig {
  /** The public base URL of this server; Telegram posts to `<publicUrl>/webhooks/telegram`. */
  readonly publicUrl: string;
  /** Telegram sends it back in `X-Telegram-Bot-Api-Secret-Token` on every webhook request. */
  readonly secretToken: string;
}

// Formats documented by Telegram: "<bot id>:<secret>" tokens, secret tokens of 1–256 of A-Z a-z 0-9 _ -.
const BOT_TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Reads TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET.
 * No token → undefined (the channel is off). Errors never quote the token or the secret.
 */
export function telegramConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TelegramConfig | undefined {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return undefined;
  if (!BOT_TOKEN.test(token)) throw new Error('TELEGRAM_BOT_TOKEN must look like "123456789:AA…" (the token BotFather gave)');
  const apiRoot = env.TELEGRAM_API_ROOT?.trim();
  if (apiRoot) requireHttpUrl('TELEGRAM_API_ROOT', apiRoot, ['http:', 'https:']);
  const publicUrl = env.TELEGRAM_WEBHOOK_URL?.trim();
  const secretToken = env.TELEGRAM_WEBHOOK_SECRET?.trim();
  if (!publicUrl) return { token, ...(apiRoot ? { apiRoot } : {}) };
  requireHttpUrl('TELEGRAM_WEBHOOK_URL', publicUrl, ['https:']);
  if (!secretToken || !SECRET_TOKEN.test(secretToken)) {
    throw new Error('TELEGRAM_WEBHOOK_SECRET must be set with TELEGRAM_WEBHOOK_URL: 1–256 characters of A-Z, a-z, 0-9, "_" or "-"');
  }
  return { token, ...(apiRoot ? { apiRoot } : {}), webhook: { publicUrl, secretToken } };
}

function requireHttpUrl(name: string, value: string, protocols: readonly string[]): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL, not "${value}"`);
  }
  if (!protocols.includes(url.protocol)) throw new Error(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
}

import type { ChannelAdapter } from '../channels/channel-adapter.js';
import { TelegramAdapter } from '../channels/telegram/telegram-adapter.js';
import { telegramConfigFromEnv } from '../channels/telegram/telegram-config.js';
import { WebChatAdapter } from '../channels/web/web-chat-adapter.js';
import { ZaloAdapter } from '../channels/zalo/zalo-adapter.js';
import { zaloConfigFromEnv } from '../channels/zalo/zalo-config.js';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { SqlTokenStore } from '../store/zalo-token-store.js';

/**
 * The web chat always; Telegram and Zalo when their variables are set. With PostgreSQL, Zalo's
 * single-use refresh token is kept there so several instances never spend it twice.
 */
export async function channelsFromEnv(config: AppConfig, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<ChannelAdapter[]> {
  const adapters: ChannelAdapter[] = [new WebChatAdapter({ logger })];
  const telegram = telegramConfigFromEnv(env);
  if (telegram) adapters.push(new TelegramAdapter({ ...telegram, logger }));
  const zalo = zaloConfigFromEnv(env);
  if (zalo) {
    const tokenStore = config.databaseUrl ? await SqlTokenStore.open({ postgresUrl: config.databaseUrl }, zalo.appId) : undefined;
    adapters.push(new ZaloAdapter({ config: zalo, dataDir: config.dataDir, logger, ...(tokenStore ? { tokenStore } : {}) }));
  }
  return adapters;
}

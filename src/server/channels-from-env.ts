import { join } from 'node:path';
import type { ChannelAdapter } from '../channels/channel-adapter.js';
import { TelegramAdapter } from '../channels/telegram/telegram-adapter.js';
import { telegramConfigFromEnv } from '../channels/telegram/telegram-config.js';
import { WebChatAdapter } from '../channels/web/web-chat-adapter.js';
import { ZaloAdapter } from '../channels/zalo/zalo-adapter.js';
import { zaloConfigFromEnv } from '../channels/zalo/zalo-config.js';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { databaseLocation } from '../store/database-location.js';
import { importLegacyTokenFile } from '../store/legacy-token-file.js';
import { SqlTokenStore } from '../store/zalo-token-store.js';

/**
 * The web chat always; Telegram and Zalo when their variables are set. Zalo's tokens live in the
 * database (with PostgreSQL several instances share them and never spend the single-use refresh
 * token twice); an SQLite deployment's former token file is moved in on first start.
 */
export async function channelsFromEnv(config: AppConfig, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<ChannelAdapter[]> {
  const adapters: ChannelAdapter[] = [new WebChatAdapter({ logger })];
  const telegram = telegramConfigFromEnv(env);
  if (telegram) adapters.push(new TelegramAdapter({ ...telegram, logger }));
  const zalo = zaloConfigFromEnv(env);
  if (zalo) {
    const tokenStore = await SqlTokenStore.open(databaseLocation(config), zalo.appId);
    if (!config.databaseUrl && (await importLegacyTokenFile(tokenStore, join(config.dataDir, 'zalo-tokens.json'))) === 'imported') {
      logger.info('Zalo tokens moved from zalo-tokens.json into the database');
    }
    adapters.push(new ZaloAdapter({ config: zalo, logger, tokenStore }));
  }
  return adapters;
}

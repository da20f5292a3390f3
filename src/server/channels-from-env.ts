import type { ChannelAdapter } from '../channels/channel-adapter.js';
import { TelegramAdapter } from '../channels/telegram/telegram-adapter.js';
import { telegramConfigFromEnv } from '../channels/telegram/telegram-config.js';
import { WebChatAdapter } from '../channels/web/web-chat-adapter.js';
import { ZaloAdapter } from '../channels/zalo/zalo-adapter.js';
import { zaloConfigFromEnv } from '../channels/zalo/zalo-config.js';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';

/** The web chat always; Telegram and Zalo when their variables are set. */
export function channelsFromEnv(config: AppConfig, logger: Logger, env: NodeJS.ProcessEnv = process.env): ChannelAdapter[] {
  const adapters: ChannelAdapter[] = [new WebChatAdapter({ logger })];
  const telegram = telegramConfigFromEnv(env);
  if (telegram) adapters.push(new TelegramAdapter({ ...telegram, logger }));
  const zalo = zaloConfigFromEnv(env);
  if (zalo) adapters.push(new ZaloAdapter({ config: zalo, dataDir: config.dataDir, logger }));
  return adapters;
}

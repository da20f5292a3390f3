import { createBot } from './bot.js';
import { runConsoleChat } from './channels/console/console-chat.js';
import { readConfig } from './config.js';
import { Logger } from './logging/logger.js';
import { schedulePurge } from './store/purge-schedule.js';
import { openStore } from './store/open-store.js';

// `npm start`: with no channel configured, the console chat; later channels start beside it.
const config = readConfig();
const logger = new Logger(undefined, config.logLevel === 'info' ? 'warn' : config.logLevel);
const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
const stopPurge = schedulePurge(store, config.retentionDays, logger);
const bot = createBot({ store, contextTtlMs: config.contextTtlMinutes * 60_000, logger });
await runConsoleChat(bot, process.stdin, process.stdout);
stopPurge();
await store.close();

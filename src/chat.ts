import { createBot } from './bot.js';
import { runConsoleChat } from './channels/console/console-chat.js';
import { readConfig } from './config.js';
import { Logger } from './logging/logger.js';
import { openStore } from './store/open-store.js';

// `npm run chat`: the console channel on the configured store (SQLite under DATA_DIR by default),
// so officers can take over its conversations with `npm run -s cli -- officer …`.
const config = readConfig();
const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
const bot = createBot({ store, contextTtlMs: config.contextTtlMinutes * 60_000, logger: new Logger(undefined, 'warn') });
await runConsoleChat(bot, process.stdin, process.stdout);
await store.close();

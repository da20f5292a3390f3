import { readConfig } from './config.js';
import { Logger } from './logging/logger.js';
import { startServer } from './server/app-server.js';
import { channelsFromEnv } from './server/channels-from-env.js';
import { startupBanner } from './server/startup-banner.js';

// `npm start`: the HTTP server (web chat at /, webhooks, /healthz, /readyz); it never reads stdin.
// The console chat is `npm run chat`.
const config = readConfig();
const logger = new Logger(undefined, config.logLevel);
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
const running = await startServer({
  config,
  port,
  host: process.env.HOST ?? '0.0.0.0',
  logger,
  channels: () => channelsFromEnv(config, logger),
});
process.stdout.write(startupBanner(running.url));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error('shutdown failed', e);
        process.exit(1);
      },
    );
  });
}

import type { ConversationStore } from '../engine/conversation-store.js';
import type { Logger } from '../logging/logger.js';

const DAY_MS = 86_400_000;

/** Blanks message texts older than `retentionDays` now and then once a day; returns a stop function. */
export function schedulePurge(store: ConversationStore, retentionDays: number, logger: Logger): () => void {
  const run = (): void => {
    store
      .purgeTexts(new Date(Date.now() - retentionDays * DAY_MS))
      .then((n) => n > 0 && logger.info('purged old message texts', { events: n, retentionDays }))
      .catch((e: unknown) => logger.error('purge failed', e));
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

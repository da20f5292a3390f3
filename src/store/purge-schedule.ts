import type { Logger } from '../logging/logger.js';

/** Anything that keeps message texts: the conversation store, the inbox/outbox. */
export interface TextRetention {
  purgeTexts(before: Date): Promise<number>;
}

const DAY_MS = 86_400_000;

/** Blanks message texts older than `retentionDays` now and then once a day; returns a stop function. */
export function schedulePurge(targets: readonly TextRetention[], retentionDays: number, logger: Logger): () => void {
  const run = (): void => {
    const before = new Date(Date.now() - retentionDays * DAY_MS);
    Promise.all(targets.map((t) => t.purgeTexts(before)))
      .then((counts) => {
        const n = counts.reduce((a, b) => a + b, 0);
        if (n > 0) logger.info('purged old message texts', { items: n, retentionDays });
      })
      .catch((e: unknown) => logger.error('purge failed', e));
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

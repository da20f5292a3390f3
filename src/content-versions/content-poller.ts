import { trainNlu } from '../bot.js';
import { loadContentFiles } from '../content/content-bundle.js';
import type { LiveBot } from '../live-bot.js';
import type { Logger } from '../logging/logger.js';
import type { AssembleLiveBot } from './content-publisher.js';
import type { ContentVersionStore } from './content-version-store.js';

export const DEFAULT_POLL_MS = 2_000;

/**
 * Keeps an instance on the published content version: every `intervalMs` it reads the published
 * version's id and, when it differs from the one served, loads and trains that version, then swaps
 * it in. This is how a version published by another instance (or the CLI) reaches this one.
 */
export class ContentPoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  /** A version that failed to load here; not retried every poll. */
  private failedId?: number;

  constructor(
    private readonly store: ContentVersionStore,
    private readonly live: LiveBot,
    private readonly assemble: AssembleLiveBot,
    private readonly logger: Logger,
    private readonly intervalMs = DEFAULT_POLL_MS,
    /** Told when a version published elsewhere was swapped in (metrics). */
    private readonly onAdopted: () => void = () => undefined,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.once()
        .catch((e: unknown) => this.logger.error('content poll failed', e))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One poll; true when a new version was swapped in. */
  async once(): Promise<boolean> {
    const id = await this.store.publishedId();
    if (id === undefined || id === this.live.versionId || id === this.failedId) return false;
    const version = await this.store.get(id);
    if (!version) return false;
    try {
      const content = loadContentFiles(version.files);
      const swapped = this.live.swap(this.assemble(content, trainNlu(content)), id);
      if (swapped) {
        this.logger.info('content version now live', { version: id, author: version.publishedBy ?? version.author });
        this.onAdopted();
      }
      return swapped;
    } catch (error) {
      this.failedId = id;
      this.logger.error(`content version ${id} could not be loaded; the previous one keeps serving`, error);
      return false;
    }
  }
}

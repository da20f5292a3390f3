import { setTimeout as sleep } from 'node:timers/promises';
import { TelegramError, type Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../logging/logger.js';
import { ALLOWED_UPDATES } from './telegram-update.js';

export interface LongPollingOptions {
  /** How long Telegram may hold one getUpdates request open. */
  readonly timeoutSeconds: number;
  /** Pause after a failed getUpdates or a failed update when Telegram gives no `retry_after`. */
  readonly retryDelayMs: number;
}

/**
 * The getUpdates loop. Unlike telegraf's own `launch()`, it handles a batch's updates one by one, in
 * order, and moves the offset past an update only once `handle` has resolved (the inbox stored it):
 * a failed update is fetched again after a pause, so nothing is confirmed to Telegram unstored.
 * `stop()` aborts the pending request and resolves when the loop has ended.
 */
export class LongPolling {
  private readonly abort = new AbortController();
  private offset = 0;
  private running?: Promise<void>;

  constructor(
    private readonly telegram: Telegram,
    private readonly handle: (update: Update) => Promise<void>,
    private readonly logger: Logger,
    private readonly options: LongPollingOptions,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await this.telegram.callApi(
          'getUpdates',
          { offset: this.offset, timeout: this.options.timeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
          { signal: apiSignal(signal) },
        );
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof TelegramError && error.code === 401) {
          this.logger.error('Telegram rejected the bot token; long polling stopped', error);
          return;
        }
        this.logger.warn('Telegram getUpdates failed; polling again after a pause', { error: describe(error) });
        await this.pause(retryAfterMs(error) ?? this.options.retryDelayMs);
        continue;
      }
      for (const update of updates) {
        try {
          await this.handle(update);
        } catch (error) {
          this.logger.warn('A Telegram update could not be stored; fetching it again after a pause', {
            updateId: update.update_id,
            error: describe(error),
          });
          await this.pause(this.options.retryDelayMs);
          break;
        }
        this.offset = update.update_id + 1;
        if (signal.aborted) break;
      }
    }
    await this.confirmOffset();
  }

  /** Tells Telegram which updates are stored, so a restart does not fetch them again. */
  private async confirmOffset(): Promise<void> {
    if (this.offset === 0) return;
    try {
      await this.telegram.callApi('getUpdates', { offset: this.offset, limit: 1, timeout: 0 }, { signal: apiSignal(AbortSignal.timeout(3000)) });
    } catch (error) {
      // Harmless: the inbox drops the updates fetched again after a restart.
      this.logger.warn('Telegram offset could not be confirmed on stop', { error: describe(error) });
    }
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }
}

// telegraf's typings name the `abort-controller` polyfill's AbortSignal; its node-fetch accepts Node's own.
type ApiSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];
function apiSignal(signal: AbortSignal): ApiSignal {
  return signal as unknown as ApiSignal;
}

function retryAfterMs(error: unknown): number | undefined {
  const seconds = error instanceof TelegramError ? error.parameters?.retry_after : undefined;
  return seconds === undefined ? undefined : seconds * 1000;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

import { retryWhileBusy } from '../retry-while-busy.js';

const LOCK_TIMEOUT_MS = 10_000;

/**
 * One SQLite connection's operations, run one after another in call order. A synchronous
 * operation is retried while another connection holds the file's lock, without blocking the
 * event loop (see retryWhileBusy). Shared by every store that lives in the same SQLite file.
 */
export class SerializedAccess {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after the operations queued before it. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Runs synchronous `work` after the operations queued before it, retrying while the file is locked. */
  serialized<T>(work: () => T): Promise<T> {
    return this.exclusive(() => retryWhileBusy(work, LOCK_TIMEOUT_MS));
  }
}

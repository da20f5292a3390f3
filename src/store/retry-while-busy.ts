import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';

/**
 * Runs an SQLite operation, trying again while another connection holds the lock it needs. The
 * waiting happens between attempts on the event loop, not in SQLite's busy handler: a conversation
 * turn keeps its write transaction open across an await, so if the lock holder is another
 * connection of this very process, blocking the event loop would keep it from ever committing.
 * (It also covers what the busy handler does not: SQLite returns SQLITE_BUSY at once where
 * waiting could deadlock, as when two connections switch a new file to WAL.) Attempts stay a few
 * milliseconds apart, as locks are held that long: waiting longer would let a busy process starve
 * this one. Gives up with the SQLITE_BUSY error after `timeoutMs`.
 */
export async function retryWhileBusy<T>(attempt: () => T | Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delayMs = 1; ; delayMs = Math.min(delayMs * 2, 10)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    await sleep(delayMs);
  }
}

const isBusy = (error: unknown): boolean => error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');

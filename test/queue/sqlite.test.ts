import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QUEUE_MIGRATIONS } from '../../src/store/queue-migrations.js';
import { SqlMessageQueue } from '../../src/store/message-queue-store.js';
import { CONVERSATION_MIGRATIONS } from '../../src/store/conversation-migrations.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { at, outboundFor, queueContract, update } from './contract.js';
import { expectExclusiveClaimsAcrossProcesses } from './cross-process.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'queue-sqlite-'));

queueContract('SQLite', async () => {
  const dir = tempDir();
  const queue = await SqlMessageQueue.open({ sqliteFile: join(dir, 'bot.sqlite') });
  return {
    queue,
    dispose: async () => {
      await queue.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

queueContract('SQLite in memory', async () => {
  const queue = SqlMessageQueue.inMemory();
  return { queue, dispose: () => queue.close() };
});

/**
 * Runs `queueWork` while a turn of `store` holds the file's write lock across an await (as turns
 * may), releasing the turn 50 ms later — which can only happen if `queueWork` waits for the lock
 * without blocking the event loop.
 */
async function duringTurn<T>(store: SqlConversationStore, queueWork: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const turn = store.withTurn({ channel: 'test', conversationId: 'turns', userId: 'u' }, async () => {
    holding();
    await gate;
    return { result: undefined, events: [{ at: at(1), event: { type: 'reset' } }] };
  });
  await held;
  const started = Date.now();
  const work = queueWork();
  await sleep(50);
  // Late if `queueWork` blocked the event loop waiting for the lock.
  expect(Date.now() - started).toBeLessThan(1000);
  release();
  await turn;
  return work;
}

describe('SQLite queue file', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates missing directories, uses WAL and keeps items across reopening without migrating again', async () => {
    const path = join(dir, 'nested', 'data', 'bot.sqlite');
    const first = await SqlMessageQueue.open({ sqliteFile: path });
    await first.accept(update('a', 'a1'));
    await first.accept(update('a', 'a2'));
    const a1 = await first.claimInbound(at(0), 60_000);
    if (!a1) throw new Error('nothing claimed');
    await first.completeInbound(a1.id, outboundFor(a1, 'reply'), at(1));
    await first.close();

    const second = await SqlMessageQueue.open({ sqliteFile: path });
    try {
      expect(await second.stats()).toEqual({ inboxPending: 1, outboxPending: 1, outboxFailed: 0 });
      expect(await second.accept(update('a', 'a1'))).toBe('duplicate');
      expect((await second.claimInbound(at(2), 60_000))?.platformMessageId).toBe('a2');
      expect((await second.claimOutbound(at(2), 60_000))?.replies).toEqual([{ kind: 'text', text: 'reply' }]);
    } finally {
      await second.close();
    }

    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT name FROM migrations_queue ORDER BY name').pluck().all()).toEqual(Object.keys(QUEUE_MIGRATIONS.migrations));
    } finally {
      raw.close();
    }
  });

  it('shares the file with the conversation store, even while a turn holds the write lock', async () => {
    const path = join(dir, 'bot.sqlite');
    const store = await SqlConversationStore.open({ sqliteFile: path });
    try {
      const queue = await duringTurn(store, () => SqlMessageQueue.open({ sqliteFile: path }));
      try {
        expect(await duringTurn(store, () => queue.accept(update('a', 'a1')))).toBe('stored');
        const item = await duringTurn(store, () => queue.claimInbound(at(0), 60_000));
        if (!item) throw new Error('nothing claimed');
        await duringTurn(store, () => queue.completeInbound(item.id, outboundFor(item, 'reply'), at(1)));
        expect(await duringTurn(store, () => queue.stats())).toEqual({ inboxPending: 0, outboxPending: 1, outboxFailed: 0 });
      } finally {
        await queue.close();
      }
      expect(await store.history('test:turns')).toHaveLength(5);
      await store.ping();
    } finally {
      await store.close();
    }

    const raw = new Database(path, { readonly: true });
    try {
      const tables = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
      expect(tables).toEqual(['events', 'handovers', 'inbox', 'migrations_conversations', 'migrations_conversations_lock', 'migrations_queue', 'migrations_queue_lock', 'outbox', 'ratings']);
      expect(raw.prepare('SELECT name FROM migrations_conversations ORDER BY name').pluck().all()).toEqual(Object.keys(CONVERSATION_MIGRATIONS.migrations));
      expect(raw.prepare('SELECT name FROM migrations_queue ORDER BY name').pluck().all()).toEqual(Object.keys(QUEUE_MIGRATIONS.migrations));
    } finally {
      raw.close();
    }
  });

  it('lets the conversation store open a file the queue created', async () => {
    const path = join(dir, 'bot.sqlite');
    const queue = await SqlMessageQueue.open({ sqliteFile: path });
    const store = await SqlConversationStore.open({ sqliteFile: path });
    try {
      await store.ping();
      expect(await queue.accept(update('a', 'a1'))).toBe('stored');
    } finally {
      await Promise.all([queue.close(), store.close()]);
    }
  });

  it('refuses a file that is not a database', async () => {
    const path = join(dir, 'bot.sqlite');
    writeFileSync(path, 'not a database, just some text that is long enough to have a header');
    await expect(SqlMessageQueue.open({ sqliteFile: path })).rejects.toThrow(/not a database/);
  });

  it('lets processes share one file, never claiming an item twice and keeping each conversation in order', async () => {
    await expectExclusiveClaimsAcrossProcesses({ dataDir: dir });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAFF_MIGRATIONS } from '../../src/store/staff-migrations.js';
import { SqlStaffStore } from '../../src/store/staff-store.js';
import { SqlMessageQueue } from '../../src/store/message-queue-store.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { staffStoreContract } from './store-contract.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'staff-sqlite-'));

staffStoreContract('SQLite', async () => {
  const dir = tempDir();
  const staff = await SqlStaffStore.open({ sqliteFile: join(dir, 'bot.sqlite') });
  return {
    staff,
    dispose: async () => {
      await staff.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

staffStoreContract('SQLite in memory', async () => {
  const staff = SqlStaffStore.inMemory();
  return { staff, dispose: () => staff.close() };
});

describe('SQLite staff store file', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('shares the file with the conversation store and the queue, each with its own version table', async () => {
    const path = join(dir, 'bot.sqlite');
    const [store, queue, staff] = await Promise.all([
      SqlConversationStore.open({ sqliteFile: path }),
      SqlMessageQueue.open({ sqliteFile: path }),
      SqlStaffStore.open({ sqliteFile: path }),
    ]);
    await Promise.all([store.close(), queue.close(), staff.close()]);
    const reopened = await SqlStaffStore.open({ sqliteFile: path });
    await reopened.close();

    const db = new Database(path, { readonly: true });
    try {
      const names = db.prepare<[], string>('SELECT name FROM migrations_staff ORDER BY name').pluck().all();
      expect(names).toEqual(Object.keys(STAFF_MIGRATIONS.migrations));
      const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['migrations_staff', 'audit_log', 'login_attempts', 'sessions', 'users', 'events', 'inbox']));
    } finally {
      db.close();
    }
  });

  it('waits for a conversation turn holding the write lock without blocking the event loop', async () => {
    const path = join(dir, 'bot.sqlite');
    const store = await SqlConversationStore.open({ sqliteFile: path });
    const staff = await SqlStaffStore.open({ sqliteFile: path });
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const turn = store.withTurn({ channel: 'test', conversationId: 'c', userId: 'u' }, async () => {
        holding();
        await gate;
        return { result: undefined, events: [{ at: new Date(), event: { type: 'reset' } }] };
      });
      await held;
      const started = Date.now();
      const created = staff.createUser({ username: 'lan', displayName: 'Lan', role: 'admin', passwordHash: 'x' }, { user: '@cli', at: new Date() });
      await sleep(50);
      // Late if the write blocked the event loop waiting for the lock.
      expect(Date.now() - started).toBeLessThan(1000);
      release();
      await turn;
      expect((await created).username).toBe('lan');
    } finally {
      await staff.close();
      await store.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERSATION_MIGRATIONS } from '../../src/store/conversation-migrations.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { append, at, storeContract, testRef } from './contract.js';
import { expectSerializedAcrossProcesses } from './cross-process.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'store-sqlite-'));

storeContract(
  'SQLite',
  async () => {
    const dir = tempDir();
    const store = await SqlConversationStore.open({ sqliteFile: join(dir, 'bot.sqlite') });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { parallelConversations: false },
);

storeContract(
  'SQLite in memory',
  async () => {
    const store = SqlConversationStore.inMemory();
    return { store, dispose: () => store.close() };
  },
  { parallelConversations: false },
);

describe('SQLite file', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates missing directories, uses WAL and keeps everything across reopening without migrating again', async () => {
    const path = join(dir, 'nested', 'data', 'bot.sqlite');
    const ref = testRef('reopen');
    const first = await SqlConversationStore.open({ sqliteFile: path });
    await append(first, ref, [
      { at: at(1), event: { type: 'user_said', platformMessageId: 'm1', text: 'gặp cán bộ' } },
      { at: at(2), event: { type: 'handover_opened', reason: 'requested' } },
      { at: at(3), event: { type: 'rated', answerSeq: 1, helpful: true, question: 'gặp cán bộ' } },
    ]);
    const before = { history: await first.history('test:reopen'), handovers: await first.openHandovers(), ratings: await first.ratings() };
    await first.close();

    const second = await SqlConversationStore.open({ sqliteFile: path });
    try {
      expect({ history: await second.history('test:reopen'), handovers: await second.openHandovers(), ratings: await second.ratings() }).toEqual(before);
      expect(before.history).toHaveLength(3);
      expect(before.handovers).toHaveLength(1);
      expect(before.ratings).toHaveLength(1);
      await append(second, ref, [{ at: at(4), event: { type: 'reset' } }]);
      expect((await second.history('test:reopen')).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      await expect(second.ping()).resolves.toBeUndefined();
    } finally {
      await second.close();
    }

    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT name FROM migrations_conversations ORDER BY name').pluck().all()).toEqual(Object.keys(CONVERSATION_MIGRATIONS.migrations));
    } finally {
      raw.close();
    }
  });

  it('serializes turns of one conversation across processes', async () => {
    // The writers race each other to create and migrate the file.
    await expectSerializedAcrossProcesses({ DATA_DIR: dir }, async () => SqlConversationStore.open({ sqliteFile: join(dir, 'bot.sqlite') }));
  });
});

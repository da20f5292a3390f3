import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqlContentVersions } from '../../src/store/content-version-store.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { SqlMessageQueue } from '../../src/store/message-queue-store.js';
import { SqlStaffStore } from '../../src/store/staff-store.js';
import { SqlTurnLog } from '../../src/store/turn-log-store.js';
import type { DatabaseLocation } from '../../src/store/database.js';
import { createLegacyPostgres, createLegacySqlite } from '../support/legacy-database.js';
import { freshPostgresSchema } from '../support/fresh-postgres-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'store-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPENED = Date.UTC(2025, 2, 1, 8, 0, 0);

/** What each store must read back from the rows the old code wrote, and that it can go on writing. */
async function expectTakenOver(location: DatabaseLocation): Promise<void> {
  const conversations = await SqlConversationStore.open(location);
  try {
    expect(await conversations.history('zalo:c1')).toEqual([
      { conversationKey: 'zalo:c1', seq: 1, at: new Date(OPENED), event: { type: 'user_said', platformMessageId: 'm1', text: 'gặp cán bộ' } },
      { conversationKey: 'zalo:c1', seq: 2, at: new Date(OPENED + 1000), event: { type: 'handover_opened', reason: 'requested' } },
    ]);
    expect(await conversations.openHandovers()).toEqual([
      { conversationKey: 'zalo:c1', channel: 'zalo', conversationId: 'c1', userId: 'u1', reason: 'requested', openedAt: new Date(OPENED + 1000) },
    ]);
    expect(await conversations.ratings()).toEqual([
      { conversationKey: 'zalo:c1', answerSeq: 1, helpful: false, question: 'gặp cán bộ', at: new Date(OPENED + 2000) },
    ]);
    await conversations.withTurn({ channel: 'zalo', conversationId: 'c1', userId: 'u1' }, () => ({
      result: undefined,
      events: [{ at: new Date(OPENED + 3000), event: { type: 'reset' } }],
    }));
    expect((await conversations.history('zalo:c1')).map((e) => e.seq)).toEqual([1, 2, 3]);
    await conversations.ping();
  } finally {
    await conversations.close();
  }

  const queue = await SqlMessageQueue.open(location);
  try {
    expect(await queue.stats()).toEqual({ inboxPending: 1, outboxPending: 1, outboxFailed: 0 });
    expect(await queue.accept({ channel: 'zalo', platformMessageId: 'm1', conversationId: 'c1', userId: 'u1', receivedAt: new Date(OPENED) })).toBe('duplicate');
    expect(await queue.claimInbound(new Date(OPENED + 10_000), 60_000)).toEqual({
      id: 2,
      channel: 'zalo',
      platformMessageId: 'm2',
      conversationId: 'c1',
      userId: 'u1',
      text: 'còn lệ phí?',
      receivedAt: new Date(OPENED + 5000),
      attempts: 0,
    });
    expect(await queue.claimOutbound(new Date(OPENED + 10_000), 60_000)).toEqual({
      id: 1,
      channel: 'zalo',
      conversationId: 'c1',
      replies: [{ kind: 'text', text: 'Cán bộ sẽ trả lời.' }],
      attempts: 0,
    });
  } finally {
    await queue.close();
  }

  const staff = await SqlStaffStore.open(location);
  try {
    expect(await staff.findAccount('quantri')).toEqual({
      id: 1,
      username: 'quantri',
      displayName: 'Quản trị',
      role: 'admin',
      createdAt: new Date(OPENED),
      disabled: false,
      passwordHash: 'scrypt$hash',
    });
    expect(await staff.auditLog({ limit: 5 })).toEqual([
      { id: 1, at: new Date(OPENED), user: '@system', action: 'user.create', target: 'quantri', before: null, after: { username: 'quantri' } },
    ]);
    const second = await staff.createUser({ username: 'canbo', displayName: 'Cán bộ', role: 'editor', passwordHash: 'h' }, { user: 'quantri', at: new Date(OPENED + 1000) });
    expect(second.id).toBe(2);
  } finally {
    await staff.close();
  }

  const turnLog = await SqlTurnLog.open(location);
  try {
    expect(await turnLog.reviewCandidates({})).toEqual([
      {
        id: 1,
        at: new Date(OPENED),
        channel: 'zalo',
        conversationKey: 'zalo:c1',
        text: 'gặp cán bộ',
        folded: 'gap can bo',
        outcome: 'fallback',
        topIntents: [{ intent: 'ban_giao', score: 0.3 }],
        latencyMs: 12.5,
      },
    ]);
    expect(await turnLog.statuses(['gap can bo'])).toEqual(new Map([['gap can bo', 'ignored']]));
  } finally {
    await turnLog.close();
  }

  const versions = await SqlContentVersions.open(location);
  try {
    expect(await versions.publishedId()).toBe(1);
    expect(await versions.get(1)).toEqual({
      id: 1,
      status: 'published',
      author: 'quantri',
      createdAt: new Date(OPENED),
      publishedAt: new Date(OPENED),
      publishedBy: 'quantri',
      files: { 'intents/chao_hoi.yaml': 'id: chao_hoi' },
    });
    const draft = await versions.add({ files: { 'intents/chao_hoi.yaml': 'id: chao_hoi\n' }, author: 'canbo', baseVersion: 1, publish: false }, new Date(OPENED + 1000));
    expect(draft).toMatchObject({ id: 2, status: 'draft', baseVersion: 1 });
    await versions.ping();
  } finally {
    await versions.close();
  }
}

const REPLIES = JSON.stringify([{ kind: 'text', text: 'Cán bộ sẽ trả lời.' }]);
const TOP = JSON.stringify([{ intent: 'ban_giao', score: 0.3 }]);
const FILES = JSON.stringify({ 'intents/chao_hoi.yaml': 'id: chao_hoi' });
const AUDITED = JSON.stringify({ username: 'quantri' });

describe('a database of the schema before the Kysely layer', () => {
  it('SQLite: is taken over in place, rows and all', async () => {
    const path = join(dir, 'bot.sqlite');
    createLegacySqlite(path, ['conversations', 'queue', 'staff', 'turnLog', 'contentVersions'], (db) => {
      const event = db.prepare('INSERT INTO events (conversation_key, seq, at, user_id, type, data) VALUES (?, ?, ?, ?, ?, ?)');
      event.run('zalo:c1', 1, OPENED, 'u1', 'user_said', JSON.stringify({ type: 'user_said', platformMessageId: 'm1', text: 'gặp cán bộ' }));
      event.run('zalo:c1', 2, OPENED + 1000, 'u1', 'handover_opened', JSON.stringify({ type: 'handover_opened', reason: 'requested' }));
      db.prepare('INSERT INTO handovers VALUES (?, ?, ?, ?, ?, ?, NULL)').run('zalo:c1', 'zalo', 'c1', 'u1', 'requested', OPENED + 1000);
      db.prepare('INSERT INTO ratings VALUES (?, ?, 0, ?, NULL, ?)').run('zalo:c1', 1, 'gặp cán bộ', OPENED + 2000);
      const inbox = db.prepare('INSERT INTO inbox (channel, platform_message_id, conversation_id, user_id, text, received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)');
      inbox.run('zalo', 'm1', 'c1', 'u1', 'gặp cán bộ', OPENED, 'done');
      inbox.run('zalo', 'm2', 'c1', 'u1', 'còn lệ phí?', OPENED + 5000, 'pending');
      db.prepare('INSERT INTO outbox (channel, conversation_id, replies, created_at) VALUES (?, ?, ?, ?)').run('zalo', 'c1', REPLIES, OPENED + 1000);
      db.prepare('INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run('quantri', 'Quản trị', 'admin', 'scrypt$hash', OPENED);
      db.prepare('INSERT INTO turn_log (at, channel, conversation_key, text, folded, outcome, top_intents, top_score, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(OPENED, 'zalo', 'zalo:c1', 'gặp cán bộ', 'gap can bo', 'fallback', TOP, 0.3, 12.5);
      db.prepare('INSERT INTO review_status VALUES (?, ?, ?, ?)').run('gap can bo', 'ignored', OPENED, 'quantri');
      db.prepare("INSERT INTO content_versions (files, status, author, created_at, published_at, published_by) VALUES (?, 'published', ?, ?, ?, ?)").run(FILES, 'quantri', OPENED, OPENED, 'quantri');
      db.prepare('INSERT INTO audit_log (at, "user", action, target, "before", "after") VALUES (?, ?, ?, ?, NULL, ?)').run(OPENED, '@system', 'user.create', 'quantri', AUDITED);
    });
    await expectTakenOver({ sqliteFile: path });
  });

  it('PostgreSQL: is taken over in place, rows and all', async () => {
    const schema = await freshPostgresSchema();
    try {
      await createLegacyPostgres(schema.url, ['conversations', 'queue', 'staff', 'turnLog', 'contentVersions'], async (client) => {
        const event = 'INSERT INTO events (conversation_key, seq, at, user_id, type, data) VALUES ($1, $2, $3, $4, $5, $6)';
        await client.query(event, ['zalo:c1', 1, new Date(OPENED), 'u1', 'user_said', { type: 'user_said', platformMessageId: 'm1', text: 'gặp cán bộ' }]);
        await client.query(event, ['zalo:c1', 2, new Date(OPENED + 1000), 'u1', 'handover_opened', { type: 'handover_opened', reason: 'requested' }]);
        await client.query('INSERT INTO handovers VALUES ($1, $2, $3, $4, $5, $6, NULL)', ['zalo:c1', 'zalo', 'c1', 'u1', 'requested', new Date(OPENED + 1000)]);
        await client.query('INSERT INTO ratings VALUES ($1, $2, false, $3, NULL, $4)', ['zalo:c1', 1, 'gặp cán bộ', new Date(OPENED + 2000)]);
        const inbox = 'INSERT INTO inbox (channel, platform_message_id, conversation_id, user_id, text, received_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7)';
        await client.query(inbox, ['zalo', 'm1', 'c1', 'u1', 'gặp cán bộ', new Date(OPENED), 'done']);
        await client.query(inbox, ['zalo', 'm2', 'c1', 'u1', 'còn lệ phí?', new Date(OPENED + 5000), 'pending']);
        await client.query('INSERT INTO outbox (channel, conversation_id, replies, created_at) VALUES ($1, $2, $3, $4)', ['zalo', 'c1', REPLIES, new Date(OPENED + 1000)]);
        await client.query('INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)', ['quantri', 'Quản trị', 'admin', 'scrypt$hash', new Date(OPENED)]);
        await client.query('INSERT INTO turn_log (at, channel, conversation_key, text, folded, outcome, top_intents, top_score, latency_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [new Date(OPENED), 'zalo', 'zalo:c1', 'gặp cán bộ', 'gap can bo', 'fallback', TOP, 0.3, 12.5]);
        await client.query('INSERT INTO review_status VALUES ($1, $2, $3, $4)', ['gap can bo', 'ignored', new Date(OPENED), 'quantri']);
        await client.query("INSERT INTO content_versions (files, status, author, created_at, published_at, published_by) VALUES ($1, 'published', $2, $3, $3, $2)", [FILES, 'quantri', new Date(OPENED)]);
        await client.query('INSERT INTO audit_log (at, "user", action, target, before, after) VALUES ($1, $2, $3, $4, NULL, $5)', [new Date(OPENED), '@system', 'user.create', 'quantri', AUDITED]);
      });
      await expectTakenOver({ postgresUrl: schema.url });
    } finally {
      await schema.drop();
    }
  });
});

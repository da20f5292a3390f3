import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';
import { SqlStaffStore } from '../../src/store/staff-store.js';

const dir = mkdtempSync(join(tmpdir(), 'citizen-cli-'));
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
const ref = { channel: 'zalo', conversationId: '5551234567', userId: '5551234567' };

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

beforeAll(async () => {
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const store = await SqlConversationStore.open({ sqliteFile: join(dir, 'bot.sqlite') });
  await store.withTurn(ref, () => ({ result: 0, events: [{ at: new Date(), event: { type: 'user_said', platformMessageId: 'm1', text: 'tôi ở 12 Lê Lợi' } }] }));
  await store.close();
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('citizen', () => {
  it('exports the user\'s data as JSON, deletes it only with --yes, and audits both', async () => {
    const exported = await cli('citizen', 'export', '--channel', 'zalo', '--user', ref.userId);
    expect(exported.code).toBe(0);
    const json = JSON.parse(exported.out) as { conversations: string[]; events: { event: { text?: string } }[] };
    expect(json.conversations).toEqual(['zalo:5551234567']);
    expect(json.events[0]?.event.text).toBe('tôi ở 12 Lê Lợi');

    const unconfirmed = await cli('citizen', 'delete', '--channel', 'zalo', '--user', ref.userId);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toContain('--yes');

    const deleted = await cli('citizen', 'delete', '--channel', 'zalo', '--user', ref.userId, '--yes');
    expect(deleted.code).toBe(0);
    expect(deleted.out).toContain('1 cuộc trò chuyện');
    expect(JSON.parse((await cli('citizen', 'export', '--channel', 'zalo', '--user', ref.userId)).out)).toMatchObject({ conversations: [], events: [] });

    const staff = await SqlStaffStore.open({ sqliteFile: join(dir, 'bot.sqlite') });
    const entries = await staff.auditLog({ limit: 10 });
    await staff.close();
    expect(entries.map((e) => e.action)).toEqual(['citizen.export', 'citizen.delete', 'citizen.export']);
    for (const entry of entries) {
      expect(entry.user).toMatch(/^@cli:/);
      expect(entry.target).toBe('zalo:***4567');
    }
  });

  it('refuses without a channel and a user', async () => {
    expect((await cli('citizen', 'export', '--channel', 'zalo')).code).toBe(2);
    expect((await cli('citizen', 'forget', '--channel', 'zalo', '--user', '1')).code).toBe(2);
  });
});

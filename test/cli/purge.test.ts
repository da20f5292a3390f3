import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAge, purgeCommand } from '../../src/cli/commands/purge.js';
import { SqlConversationStore } from '../../src/store/conversation-store.js';

const dir = mkdtempSync(join(tmpdir(), 'purge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('purge', () => {
  it('parses retention periods', () => {
    expect(parseAge('180d')).toBe(180 * 86_400_000);
    expect(parseAge('12h')).toBe(12 * 3_600_000);
    expect(parseAge('soon')).toBeUndefined();
  });

  it('blanks old message texts in a real SQLite file and keeps recent ones', async () => {
    const store = await SqlConversationStore.open({ sqliteFile: join(dir, 'bot.sqlite') });
    const ref = { channel: 'test', conversationId: 'p', userId: 'u' };
    const old = new Date(Date.now() - 200 * 86_400_000);
    await store.withTurn(ref, () => ({ result: 0, events: [{ at: old, event: { type: 'user_said', platformMessageId: '1', text: 'cccd 001203004567' } }] }));
    await store.withTurn(ref, () => ({ result: 0, events: [{ at: new Date(), event: { type: 'user_said', platformMessageId: '2', text: 'hôm nay' } }] }));
    let out = '';
    const code = await purgeCommand(['--older-than', '180d'], { out: { write: (s: string) => (out += s) }, err: { write: () => 0 } }, [store]);
    expect(code).toBe(0);
    expect(out).toContain('1 tin nhắn');
    const history = await store.history('test:p');
    expect(history).toHaveLength(2);
    expect(JSON.stringify(history[0]!.event)).not.toContain('001203004567');
    expect(history[1]!.event).toMatchObject({ text: 'hôm nay' });
    await store.close();
  });

  it('rejects a malformed period', async () => {
    let err = '';
    const code = await purgeCommand(['--older-than', 'forever'], { out: { write: () => 0 }, err: { write: (s: string) => (err += s) } });
    expect(code).toBe(2);
    expect(err).toContain('--older-than');
  });
});

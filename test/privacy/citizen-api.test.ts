import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullServer, type FullServer } from '../support/full-server.js';

const USER = '5557654321';

describe("a citizen's data through the staff API on the running server", () => {
  let full: FullServer;
  let admin: { cookie: string; csrf: string };
  beforeAll(async () => {
    full = await startFullServer();
    admin = await full.login();
  }, 60_000);
  afterAll(() => full?.close());

  const answered = async (count: number): Promise<void> => {
    const end = Date.now() + 30_000;
    const stats = () => full.running.queue.stats();
    while ((full.zalo.sent.filter((s) => s.userId === USER).length < count || (await stats()).inboxPending > 0 || (await stats()).outboxPending > 0) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const call = (path: string, body: unknown, session = admin) =>
    fetch(`${full.url}/admin/api/citizens/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify(body),
    });

  it('exports, deletes on confirmation, audits both, and the bot answers the user afterwards in a new conversation', async () => {
    expect((await full.sendZalo(USER, 'thủ tục đăng ký kết hôn')).status).toBe(200);
    await answered(1);

    const exported = await call('export', { channel: 'zalo', userId: USER });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('cache-control')).toBe('no-store');
    const data = (await exported.json()) as { conversations: string[]; events: { event: { type: string; text?: string } }[]; turns: unknown[]; inbox: unknown[]; outbox: unknown[] };
    expect(data.conversations).toEqual([`zalo:${USER}`]);
    expect(data.events.find((e) => e.event.type === 'user_said')?.event.text).toBe('thủ tục đăng ký kết hôn');
    expect(data.turns).toHaveLength(1);
    expect(data.inbox).toHaveLength(1);
    expect(data.outbox.length).toBeGreaterThan(0);

    expect((await call('delete', { channel: 'zalo', userId: USER })).status).toBe(400);
    expect((await call('delete', { channel: 'zalo', userId: USER, confirm: true }, { ...admin, csrf: 'forged' })).status).toBe(403);
    const deleted = await call('delete', { channel: 'zalo', userId: USER, confirm: true });
    expect(deleted.status).toBe(200);
    expect(((await deleted.json()) as { deleted: { conversations: number; turns: number } }).deleted).toMatchObject({ conversations: 1, turns: 1 });
    expect(await (await call('export', { channel: 'zalo', userId: USER })).json()).toMatchObject({ conversations: [], events: [], turns: [], inbox: [], outbox: [] });

    const audit = (await (await fetch(`${full.url}/admin/api/audit?limit=5`, { headers: { cookie: admin.cookie } })).json()) as { entries: { user: string; action: string; target: string }[] };
    expect(audit.entries.slice(0, 3).map((e) => [e.user, e.action, e.target])).toEqual([
      ['quantri', 'citizen.export', 'zalo:***4321'],
      ['quantri', 'citizen.delete', 'zalo:***4321'],
      ['quantri', 'citizen.export', 'zalo:***4321'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(USER);

    const before = full.zalo.sent.filter((s) => s.userId === USER).length;
    expect((await full.sendZalo(USER, 'làm giấy khai sinh cho con')).status).toBe(200);
    await answered(before + 1);
    expect(full.zalo.sent.filter((s) => s.userId === USER).length).toBeGreaterThan(before);
    const again = (await (await call('export', { channel: 'zalo', userId: USER })).json()) as typeof data & { events: { seq: number }[] };
    expect(again.events[0]).toMatchObject({ seq: 1, event: { type: 'user_said', text: 'làm giấy khai sinh cho con' } });
  }, 90_000);
});

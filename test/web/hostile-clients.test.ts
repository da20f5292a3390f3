import { afterEach, describe, expect, it } from 'vitest';
import type { InboundUpdate } from '../../src/channels/channel-adapter.js';
import { textReply } from '../../src/engine/reply.js';
import { MemoryInbox } from './memory-inbox.js';
import { PORTAL_ORIGIN, sessionIdOf, startWebChat, type WebChatServer } from './web-chat-server.js';
import { refusedStatus, settle, TestClient } from './ws-test-client.js';

let chat: WebChatServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await chat?.close();
  chat = undefined;
});

async function open(server: WebChatServer, cookie: string, headers: Record<string, string> = {}): Promise<TestClient> {
  const client = await TestClient.connect(server.socketUrl, { ...server.headers(cookie), ...headers });
  clients.push(client);
  return client;
}

describe('web chat against hostile clients', () => {
  it('ties every message to the cookie session: a frame claiming another user id reaches only its sender', async () => {
    const inbox = new MemoryInbox();
    chat = await startWebChat(inbox);
    const alice = await chat.newSession();
    const mallory = await chat.newSession();
    const aliceSocket = await open(chat, alice);
    const mallorySocket = await open(chat, mallory);
    const aliceId = sessionIdOf(alice);

    // botkit's own client protocol: the server used to believe `user`.
    mallorySocket.send({ type: 'message', id: 'm1', text: 'toi la alice', user: aliceId, channel: aliceId, conversationId: aliceId, userId: aliceId });
    await mallorySocket.next((f) => f.type === 'ack' && f.id === 'm1');
    expect(inbox.updates).toHaveLength(1);
    const stored = inbox.updates[0]!;
    expect(stored).toMatchObject({ channel: 'web', conversationId: sessionIdOf(mallory), userId: sessionIdOf(mallory), text: 'toi la alice' });
    expect(stored.platformMessageId).toBe(`${sessionIdOf(mallory)}:m1`);

    // The reply goes to the conversation that was stored, i.e. to Mallory alone.
    await chat.adapter.deliver(stored.conversationId, [textReply('Trả lời cho người gửi')]);
    await mallorySocket.next((f) => f.type === 'message' && f.text === 'Trả lời cho người gửi');
    await settle();
    expect(aliceSocket.frames).toEqual([]);

    // A forged cookie with Alice's id but no valid signature gets a fresh session, not Alice's.
    const forged = await TestClient.connect(chat.socketUrl, chat.headers(`tl_chat_session=${aliceId}.AAAA`));
    clients.push(forged);
    forged.send({ type: 'message', id: 'f1', text: 'forged' });
    await forged.next((f) => f.type === 'ack');
    expect(inbox.updates[1]!.conversationId).not.toBe(aliceId);
    await chat.adapter.deliver(aliceId, [textReply('Chỉ cho Alice')]);
    await aliceSocket.next((f) => f.text === 'Chỉ cho Alice');
    await settle();
    expect(forged.frames.filter((f) => f.type === 'message')).toEqual([]);
    expect(mallorySocket.frames.filter((f) => f.text === 'Chỉ cho Alice')).toEqual([]);
  });

  it('refuses sockets from a foreign or missing Origin, and accepts the configured portal', async () => {
    chat = await startWebChat(new MemoryInbox());
    const cookie = await chat.newSession();
    expect(await refusedStatus(chat.socketUrl, { Cookie: cookie, Origin: 'https://evil.example' })).toBe(403);
    expect(await refusedStatus(chat.socketUrl, { Cookie: cookie, Origin: 'http://127.0.0.1:1' })).toBe(403);
    expect(await refusedStatus(chat.socketUrl, { Cookie: cookie, Origin: 'null' })).toBe(403);
    expect(await refusedStatus(chat.socketUrl, { Cookie: cookie })).toBe(403);
    const portal = await open(chat, cookie, { Origin: PORTAL_ORIGIN });
    portal.send({ type: 'message', id: 'p1', text: 'xin chao' });
    await portal.next((f) => f.type === 'ack' && f.id === 'p1');
  });

  it('refuses upgrades on any path but /chat/ws', async () => {
    chat = await startWebChat(new MemoryInbox());
    const cookie = await chat.newSession();
    for (const path of ['/', '/api/messages', '/chat/ws/', '/chat/wsx', '/chat', '/ws']) {
      expect(await refusedStatus(`${chat.origin.replace('http:', 'ws:')}${path}`, chat.headers(cookie)), path).toBe(404);
    }
    // A query string does not change the path.
    const client = await TestClient.connect(`${chat.socketUrl}?v=1`, chat.headers(cookie));
    clients.push(client);
  });

  it('closes a socket that sends an oversized frame (1009), stores nothing, and keeps serving', async () => {
    const inbox = new MemoryInbox();
    chat = await startWebChat(inbox);
    const cookie = await chat.newSession();
    const client = await open(chat, cookie);
    client.send({ type: 'message', id: 'big', text: 'a'.repeat(5000) });
    expect((await client.closed).code).toBe(1009);
    expect(inbox.updates).toEqual([]);
    const again = await open(chat, cookie);
    again.send({ type: 'message', id: 'ok', text: 'con ket noi khong' });
    await again.next((f) => f.type === 'ack' && f.id === 'ok');
    expect((await fetch(`${chat.origin}/`)).status).toBe(200);
  });

  it('ignores malformed and out-of-bounds frames without closing the socket or storing anything', async () => {
    const inbox = new MemoryInbox();
    chat = await startWebChat(inbox);
    const client = await open(chat, await chat.newSession());
    const junk = [
      'not json',
      '{"type":"message","text":',
      '[]',
      'null',
      '42',
      '{}',
      '{"type":"message"}',
      '{"type":"message","text":123}',
      '{"type":"message","text":"   "}',
      '{"type":"message","text":"a","payload":"b"}',
      '{"type":"message","payload":"has space"}',
      `{"type":"message","payload":"${'x'.repeat(65)}"}`,
      '{"type":"message","payload":"i:thủ_tục"}',
      '{"type":"typing","text":"x"}',
      '{"__proto__":{"type":"message"},"text":"x"}',
    ];
    for (const frame of junk) client.send(frame);
    client.socket.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
    client.send({ type: 'message', id: 'after-junk', text: 'van hoat dong' });
    await client.next((f) => f.type === 'ack' && f.id === 'after-junk');
    expect(inbox.updates.map((u) => u.text)).toEqual(['van hoat dong']);
    expect(client.frames).toEqual([{ type: 'ack', id: 'after-junk' }]);
  });

  it('keeps only text or a short payload, cut to 1,000 characters, with an id the server scopes to the session', async () => {
    const inbox = new MemoryInbox();
    chat = await startWebChat(inbox);
    const cookie = await chat.newSession();
    const client = await open(chat, cookie);
    client.send({ type: 'message', id: 'long', text: `  ${'ă'.repeat(1200)}  ` });
    client.send({ type: 'message', id: 'bad id with spaces', payload: 'i:thu_tuc.khai_sinh' });
    client.send({ type: 'message', id: 'x'.repeat(41), text: 'id qua dai' });
    await settle(400);
    const sid = sessionIdOf(cookie);
    expect(inbox.updates).toHaveLength(3);
    expect(inbox.updates[0]).toMatchObject({ platformMessageId: `${sid}:long`, text: 'ă'.repeat(1000) });
    expect(inbox.updates[1]).toMatchObject({ payload: 'i:thu_tuc.khai_sinh' });
    expect(inbox.updates[1]!.text).toBeUndefined();
    // Invalid client ids are replaced by server ids, unique per frame.
    expect(inbox.updates[1]!.platformMessageId).toMatch(new RegExp(`^${sid}:s-[A-Za-z0-9_-]{12}$`));
    expect(inbox.updates[2]!.platformMessageId).not.toBe(inbox.updates[1]!.platformMessageId);
  });

  it('survives an inbox that throws or rejects: the sender is told politely, the socket stays usable', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const stored: InboundUpdate[] = [];
      chat = await startWebChat({
        accept(update) {
          if (update.text === 'throw') throw new Error('database is down');
          if (update.text === 'reject') return Promise.reject(new Error('disk full'));
          stored.push(update);
          return Promise.resolve('stored');
        },
      });
      const client = await open(chat, await chat.newSession());
      client.send({ type: 'message', id: 't1', text: 'throw' });
      client.send({ type: 'message', id: 't2', text: 'reject' });
      const failed = await client.next((f) => f.type === 'failed' && f.id === 't1');
      expect(failed.text).toMatch(/Xin lỗi, Trợ lý chưa nhận được tin nhắn/);
      await client.next((f) => f.type === 'failed' && f.id === 't2');
      client.send({ type: 'message', id: 't3', text: 'lan nay duoc' });
      await client.next((f) => f.type === 'ack' && f.id === 't3');
      expect(stored.map((u) => u.text)).toEqual(['lan nay duoc']);
      expect(chat.errors.map((e) => (e as Error).message)).toEqual(['database is down', 'disk full']);
      expect((await fetch(`${chat.origin}/`)).status).toBe(200);
      await settle();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('does not expose botkit\'s /api/messages webhook', async () => {
    const inbox = new MemoryInbox();
    chat = await startWebChat(inbox);
    for (const body of ['{}', '{"type":"message","user":"x","text":"hi"}']) {
      const response = await fetch(`${chat.origin}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBe(404);
    }
    expect((await fetch(`${chat.origin}/api/messages`)).status).toBe(404);
    expect(inbox.updates).toEqual([]);
    expect((await fetch(`${chat.origin}/`)).status).toBe(200);
  });

  it('limits how fast one session may send, politely', async () => {
    const inbox = new MemoryInbox();
    chat = await startWebChat(inbox, { rateLimit: { limit: 3, windowMs: 60_000 } });
    const cookie = await chat.newSession();
    const client = await open(chat, cookie);
    const second = await open(chat, cookie); // the limit is per session, not per socket
    for (const id of ['r1', 'r2', 'r3']) client.send({ type: 'message', id, text: id });
    await client.next((f) => f.type === 'ack' && f.id === 'r3');
    second.send({ type: 'message', id: 'r4', text: 'r4' });
    const failed = await second.next((f) => f.type === 'failed' && f.id === 'r4');
    expect(failed.text).toMatch(/gửi hơi nhanh/);
    expect(inbox.updates.map((u) => u.text)).toEqual(['r1', 'r2', 'r3']);
  });
});

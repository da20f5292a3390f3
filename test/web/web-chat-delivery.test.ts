import { afterEach, describe, expect, it } from 'vitest';
import { SessionCookies, SESSION_COOKIE } from '../../src/channels/web/session-cookie.js';
import { textReply, type Reply } from '../../src/engine/reply.js';
import { MemoryInbox } from './memory-inbox.js';
import { sessionIdOf, startWebChat, type WebChatServer } from './web-chat-server.js';
import { settle, TestClient } from './ws-test-client.js';

let chat: WebChatServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await chat?.close();
  chat = undefined;
});

async function open(server: WebChatServer, cookie: string): Promise<TestClient> {
  const client = await TestClient.connect(server.socketUrl, server.headers(cookie));
  clients.push(client);
  return client;
}

const messages = (client: TestClient): unknown[] => client.frames.filter((f) => f.type === 'message');

describe('web chat delivery', () => {
  it('sends a reply to every open tab of the session, rendered with choices, rating and handover', async () => {
    chat = await startWebChat(new MemoryInbox());
    const cookie = await chat.newSession();
    const [tab1, tab2] = [await open(chat, cookie), await open(chat, cookie)];
    const stranger = await open(chat, await chat.newSession());
    const replies: Reply[] = [
      {
        kind: 'choices',
        text: 'Đăng ký khai sinh',
        choices: [{ title: 'Lệ phí', payload: 'i:thu_tuc.khai_sinh:le_phi' }],
        rating: { helpful: 'r:3:1', notHelpful: 'r:3:0' },
      },
      { kind: 'handover', text: 'Trợ lý đã chuyển câu hỏi cho cán bộ.', reason: 'requested' },
    ];
    await chat.adapter.deliver(sessionIdOf(cookie), replies);
    const expected = [
      {
        type: 'message',
        text: 'Đăng ký khai sinh',
        choices: [{ title: 'Lệ phí', payload: 'i:thu_tuc.khai_sinh:le_phi' }],
        rating: { helpful: 'r:3:1', notHelpful: 'r:3:0' },
      },
      { type: 'message', text: 'Trợ lý đã chuyển câu hỏi cho cán bộ.', handover: true },
    ];
    for (const tab of [tab1, tab2]) {
      await tab.next((f) => f.handover === true);
      expect(messages(tab)).toEqual(expected);
    }
    await settle();
    expect(stranger.frames).toEqual([]);
  });

  it('holds the last replies while no socket is open and sends them on reconnect', async () => {
    chat = await startWebChat(new MemoryInbox(), { sessions: { heldPerSession: 3, idleMs: 60_000, maxSessions: 100 } });
    const cookie = await chat.newSession();
    const first = await open(chat, cookie);
    first.close();
    await first.closed;
    await settle(50);
    for (let i = 1; i <= 5; i++) await chat.adapter.deliver(sessionIdOf(cookie), [textReply(`trả lời ${i}`)]);
    const back = await open(chat, cookie);
    await back.next((f) => f.text === 'trả lời 5');
    expect(messages(back).map((f) => (f as { text: string }).text)).toEqual(['trả lời 3', 'trả lời 4', 'trả lời 5']);
    // Once handed over, they are not sent again.
    const another = await open(chat, cookie);
    await settle();
    expect(another.frames).toEqual([]);
  });

  it('drops a socket that stops answering pings (a phone that lost its network) and holds its replies', async () => {
    chat = await startWebChat(new MemoryInbox(), { heartbeatMs: 100 });
    const cookie = await chat.newSession();
    const silent = await open(chat, cookie);
    silent.socket.pause(); // reads nothing, so answers no ping
    await settle(400);
    await chat.adapter.deliver(sessionIdOf(cookie), [textReply('Giữ lại cho lần kết nối sau')]);
    const back = await open(chat, cookie);
    await back.next((f) => f.text === 'Giữ lại cho lần kết nối sau');
    silent.socket.resume();
    await settle(100);
    expect(silent.frames).toEqual([]);
  });

  it('holds replies for a session it has not seen since start (e.g. after a restart) until its browser connects', async () => {
    chat = await startWebChat(new MemoryInbox());
    const cookies = new SessionCookies(chat.config.secret);
    const sessionId = cookies.newSessionId();
    await chat.adapter.deliver(sessionId, [textReply('Câu trả lời đến sau')]);
    const cookie = cookies.serialize(sessionId, false).split(';')[0]!;
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    const client = await open(chat, cookie);
    await client.next((f) => f.text === 'Câu trả lời đến sau');
  });

  it('dedupes a message the browser resends after reconnecting, and acknowledges it again', async () => {
    const inbox = new MemoryInbox();
    chat = await startWebChat(inbox);
    const cookie = await chat.newSession();
    const first = await open(chat, cookie);
    first.send({ type: 'message', id: 'q1', text: 'le phi lam ho chieu' });
    await first.next((f) => f.type === 'ack' && f.id === 'q1');
    first.close();
    const second = await open(chat, cookie);
    second.send({ type: 'message', id: 'q1', text: 'le phi lam ho chieu' });
    await second.next((f) => f.type === 'ack' && f.id === 'q1');
    expect(inbox.updates).toHaveLength(1);
  });

  it('stores a session\'s messages in the order they were sent, even when the inbox is slow and uneven', async () => {
    const inbox = new MemoryInbox();
    const delays = [60, 5, 40, 0, 20];
    let call = 0;
    chat = await startWebChat({
      accept: async (update) => {
        await new Promise((resolve) => setTimeout(resolve, delays[call++ % delays.length]));
        return inbox.accept(update);
      },
    });
    const client = await open(chat, await chat.newSession());
    for (const n of [1, 2, 3, 4, 5]) client.send({ type: 'message', id: `o${n}`, text: `cau ${n}` });
    await client.next((f) => f.type === 'ack' && f.id === 'o5');
    await settle(100);
    expect(inbox.updates.map((u) => u.text)).toEqual(['cau 1', 'cau 2', 'cau 3', 'cau 4', 'cau 5']);
  });

  it('turns "hello" (the page opened) into the reserved "follow" payload, once per session', async () => {
    const inbox = new MemoryInbox();
    chat = await startWebChat(inbox);
    const cookie = await chat.newSession();
    const client = await open(chat, cookie);
    client.send({ type: 'hello' });
    client.send({ type: 'hello', user: 'someone-else' });
    await settle(300);
    expect(inbox.updates).toEqual([
      expect.objectContaining({ payload: 'follow', platformMessageId: `${sessionIdOf(cookie)}:hello`, conversationId: sessionIdOf(cookie) }),
    ]);
  });

  it('gives a socket that comes without a valid cookie a new session, by a cookie on the 101 response', async () => {
    const inbox = new MemoryInbox();
    chat = await startWebChat(inbox);
    const bare = await TestClient.connect(chat.socketUrl, { Origin: chat.origin });
    clients.push(bare);
    expect(bare.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax$`));
    const cookie = bare.setCookie!.split(';')[0]!;
    const again = await open(chat, cookie);
    expect(again.setCookie).toBeUndefined();
    again.send({ type: 'message', id: 'c1', text: 'xin chao' });
    await again.next((f) => f.type === 'ack');
    expect(inbox.updates[0]!.conversationId).toBe(sessionIdOf(cookie));
    const proxied = await TestClient.connect(chat.socketUrl, { Origin: chat.origin, 'X-Forwarded-Proto': 'https' });
    clients.push(proxied);
    expect(proxied.setCookie).toMatch(/; Secure$/);
  });

  it('stops politely: open sockets are closed with 1001', async () => {
    chat = await startWebChat(new MemoryInbox());
    const client = await open(chat, await chat.newSession());
    const server = chat;
    chat = undefined;
    await server.close();
    expect((await client.closed).code).toBe(1001);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZaloHarness, type ZaloHarness } from './zalo-harness.js';
import { APP_ID, CITIZEN, OA_ID, clickChatNow, follow, oaEcho, userImage, userSeen, userSticker, userText } from './zalo-events.js';

let h: ZaloHarness;
beforeEach(async () => {
  h = await startZaloHarness();
});
afterEach(async () => {
  await h.close();
});

describe('Zalo webhook: authenticity', () => {
  it('stores a correctly signed text message as the citizen’s conversation', async () => {
    const event = userText('Thủ tục đăng ký khai sinh cần gì?');
    const res = await h.fake.push(h.webhookUrl, event);
    expect(res.status).toBe(200);
    expect(h.inbox.updates).toHaveLength(1);
    expect(h.inbox.updates[0]).toMatchObject({
      channel: 'zalo',
      platformMessageId: event.message.msg_id,
      conversationId: CITIZEN,
      userId: CITIZEN,
      text: 'Thủ tục đăng ký khai sinh cần gì?',
    });
    expect(h.inbox.updates[0]!.payload).toBeUndefined();
  });

  it('refuses a missing signature (401) and a wrong one (403), storing nothing and logging no content', async () => {
    const missing = await h.fake.push(h.webhookUrl, userText('gọi 0912345678'), { signature: 'missing' });
    const wrong = await h.fake.push(h.webhookUrl, userText('gọi 0912345678'), { signature: 'wrong' });
    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(403);
    expect(h.inbox.updates).toEqual([]);
    expect(h.logLines.join('\n')).toContain('wrong signature');
    expect(h.logLines.join('\n')).not.toContain('0912345678');
  });

  it('refuses a signature computed over different bytes or a different timestamp', async () => {
    const event = userText('xin chào');
    const body = JSON.stringify(event);
    // Same JSON value, re-serialised with other whitespace: the MAC covers the raw bytes.
    const reformatted = JSON.stringify(event, null, 2);
    const bodyMac = h.fake.mac(body, event.timestamp);
    const reformattedRes = await h.fake.push(h.webhookUrl, reformatted, { signature: 'missing', headers: { 'x-zevent-signature': `mac=${bodyMac}` } });
    const otherTimestamp = await h.fake.push(h.webhookUrl, body, {
      signature: 'missing',
      headers: { 'x-zevent-signature': `mac=${h.fake.mac(body, '1')}` },
    });
    const truncated = await h.fake.push(h.webhookUrl, body, { signature: 'missing', headers: { 'x-zevent-signature': `mac=${bodyMac.slice(0, 63)}` } });
    expect([reformattedRes.status, otherTimestamp.status, truncated.status]).toEqual([403, 403, 403]);
    expect(h.inbox.updates).toEqual([]);
  });

  it('accepts the MAC without the "mac=" prefix and in upper case', async () => {
    const event = userText('xin chào');
    const body = JSON.stringify(event);
    const res = await h.fake.push(h.webhookUrl, body, {
      signature: 'missing',
      headers: { 'x-zevent-signature': h.fake.mac(body, event.timestamp).toUpperCase() },
    });
    expect(res.status).toBe(200);
    expect(h.inbox.updates).toHaveLength(1);
  });

  it('answers 503 before the adapter has an inbox, so Zalo retries later', async () => {
    await h.adapter.stop();
    const res = await h.fake.push(h.webhookUrl, userText('xin chào'));
    expect(res.status).toBe(503);
  });
});

describe('Zalo webhook: bad input', () => {
  it('rejects malformed JSON, non-objects, missing timestamps and invalid UTF-8 with 400', async () => {
    const statuses = [
      (await h.fake.push(h.webhookUrl, '{"event_name":"user_send_text",', { timestamp: '1' })).status,
      (await h.fake.push(h.webhookUrl, '[1,2,3]', { timestamp: '' })).status,
      (await h.fake.push(h.webhookUrl, '', { timestamp: '' })).status,
      (await h.fake.push(h.webhookUrl, JSON.stringify({ ...userText('x'), timestamp: undefined }), { timestamp: '' })).status,
    ];
    const invalidUtf8 = await fetch(h.webhookUrl, {
      method: 'POST',
      headers: { 'x-zevent-signature': `mac=${'0'.repeat(64)}` },
      body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(statuses).toEqual([400, 400, 400, 400]);
    expect(invalidUtf8.status).toBe(400);
    expect(h.inbox.updates).toEqual([]);
  });

  it('rejects bodies over 64 KB with 413, with or without Content-Length', async () => {
    const huge = userText('a'.repeat(70 * 1024));
    const declared = await h.fake.push(h.webhookUrl, huge);
    const body = new TextEncoder().encode(JSON.stringify(huge));
    const chunked = await fetch(h.webhookUrl, {
      method: 'POST',
      headers: { 'x-zevent-signature': `mac=${h.fake.mac(JSON.stringify(huge), huge.timestamp)}` },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < body.length; i += 8192) controller.enqueue(body.subarray(i, i + 8192));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(declared.status).toBe(413);
    expect(chunked.status).toBe(413);
    expect(h.inbox.updates).toEqual([]);
  });

  it('answers only POST on the exact path', async () => {
    expect((await fetch(h.webhookUrl)).status).toBe(405);
    expect((await fetch(h.webhookUrl, { method: 'PUT', body: '{}' })).status).toBe(405);
    expect((await h.fake.push(`${h.webhookUrl}/extra`, userText('x'))).status).toBe(404);
    expect(h.inbox.updates).toEqual([]);
  });

  it('keeps 19-digit ids sent as bare JSON numbers exact', async () => {
    const timestamp = '1735689600999';
    const raw = `{"app_id":${APP_ID},"event_name":"user_send_text","sender":{"id":9223372036854775807},"recipient":{"id":${OA_ID}},"message":{"msg_id":"m-big","text":"xin chào"},"timestamp":${timestamp}}`;
    const res = await h.fake.push(h.webhookUrl, raw, { timestamp });
    expect(res.status).toBe(200);
    expect(h.inbox.updates[0]).toMatchObject({ conversationId: '9223372036854775807', userId: '9223372036854775807' });
  });
});

describe('Zalo webhook: events', () => {
  it('stores a redelivered event once and answers 200 both times', async () => {
    const event = userText('lệ phí cấp căn cước');
    const first = await h.fake.push(h.webhookUrl, event);
    const retry = await h.fake.push(h.webhookUrl, event, { headers: { num_retry: '1' } });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(h.inbox.updates).toHaveLength(1);
  });

  it('ignores the OA’s own echoes, unfollows and events it does not handle, with 200', async () => {
    for (const event of [oaEcho('Trợ lý trả lời'), follow(CITIZEN, 'unfollow'), userSeen(), { ...userText('x'), sender: undefined }]) {
      expect((await h.fake.push(h.webhookUrl, event)).status).toBe(200);
    }
    expect(h.inbox.updates).toEqual([]);
  });

  it('maps follow and "Nhắn tin" taps to the "follow" payload, media to "unsupported"', async () => {
    const f = follow();
    await h.fake.push(h.webhookUrl, f);
    await h.fake.push(h.webhookUrl, f);
    await h.fake.push(h.webhookUrl, clickChatNow());
    const image = userImage();
    await h.fake.push(h.webhookUrl, image);
    await h.fake.push(h.webhookUrl, userSticker());
    expect(h.inbox.updates.map((u) => u.payload)).toEqual(['follow', 'follow', 'unsupported', 'unsupported']);
    expect(h.inbox.updates.every((u) => u.text === undefined && u.conversationId === CITIZEN)).toBe(true);
    expect(h.inbox.updates[2]!.platformMessageId).toBe(image.message.msg_id);
  });

  it('treats "#"-prefixed text that is not an engine payload as typed text', async () => {
    await h.fake.push(h.webhookUrl, userText('#khaisinh thủ tục'));
    await h.fake.push(h.webhookUrl, userText('#i:NOT VALID'));
    expect(h.inbox.updates.map((u) => [u.text, u.payload])).toEqual([
      ['#khaisinh thủ tục', undefined],
      ['#i:NOT VALID', undefined],
    ]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryError } from '../../src/channels/channel-adapter.js';
import type { Reply } from '../../src/engine/reply.js';
import { refreshAccessToken, type TokenStore, type ZaloTokens } from '../../src/zalo-api-client/index.js';
import { openTokenStore, startZaloHarness, SECRETS, type ZaloHarness } from './zalo-harness.js';
import { APP_ID, CITIZEN, userText } from './zalo-events.js';

let h: ZaloHarness;
afterEach(async () => {
  await h.close();
});

const rating = { helpful: 'r:7:1', notHelpful: 'r:7:0' };
const text = (t: string): Reply => ({ kind: 'text', text: t });

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

/** The database's token store, also writing each save into the fake's trace, to check what happened first. */
function tracingStore(h: () => ZaloHarness) {
  return async (database: string): Promise<TokenStore> => {
    const store = await openTokenStore(database);
    return {
      load: () => store.load(),
      save: async (tokens: ZaloTokens) => {
        await store.save(tokens);
        h().fake.trace.push(`save:${tokens.refreshToken}`);
      },
      close: () => store.close(),
    } as TokenStore;
  };
}

describe('ZaloAdapter.deliver: rendering', () => {
  it('sends a text reply to the citizen after obtaining a token with the initial refresh token', async () => {
    h = await startZaloHarness();
    await h.adapter.deliver(CITIZEN, [text('Anh/Chị cần mang căn cước.')]);
    expect(h.fake.sent).toEqual([{ accessToken: 'access-1', userId: CITIZEN, text: 'Anh/Chị cần mang căn cước.', buttons: [] }]);
    const stored = await h.storedTokens();
    expect(stored).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('splits a 5,000-character reply into messages of at most 2,000 characters at sentence ends', async () => {
    h = await startZaloHarness();
    const sentence = 'Hồ sơ gồm tờ khai theo mẫu và bản sao giấy tờ tùy thân của người yêu cầu. ';
    const long = sentence.repeat(Math.ceil(5000 / sentence.length)).slice(0, 5000).replace(/\s+\S*$/, '.');
    expect(long.length).toBeGreaterThan(4900);
    await h.adapter.deliver(CITIZEN, [{ kind: 'text', text: long, rating }]);
    const parts = h.fake.sent.map((m) => m.text);
    expect(parts.length).toBe(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p).toMatch(/\.$/);
    }
    expect(parts.join(' ')).toBe(long);
    // The 👍/👎 buttons ride on the last part only.
    expect(h.fake.sent.map((m) => m.buttons.length)).toEqual([0, 0, 2]);
  });

  it('shows choices and the rating as hidden-query buttons carrying the payloads', async () => {
    h = await startZaloHarness();
    await h.adapter.deliver(CITIZEN, [
      {
        kind: 'choices',
        text: 'Anh/Chị muốn hỏi thủ tục nào?',
        choices: [
          { title: 'Đăng ký khai sinh', payload: 'i:khai_sinh' },
          { title: 'Đăng ký kết hôn', payload: 'i:ket_hon' },
          { title: 'Không phải các mục trên', payload: 'none' },
        ],
        rating,
      },
    ]);
    expect(h.fake.sent).toHaveLength(1);
    expect(h.fake.sent[0]!.text).toBe('Anh/Chị muốn hỏi thủ tục nào?');
    expect(h.fake.sent[0]!.buttons).toEqual([
      { type: 'oa.query.hide', title: 'Đăng ký khai sinh', payload: '#i:khai_sinh' },
      { type: 'oa.query.hide', title: 'Đăng ký kết hôn', payload: '#i:ket_hon' },
      { type: 'oa.query.hide', title: 'Không phải các mục trên', payload: '#none' },
      { type: 'oa.query.hide', title: '👍 Hữu ích', payload: '#r:7:1' },
      { type: 'oa.query.hide', title: '👎 Chưa hữu ích', payload: '#r:7:0' },
    ]);
  });

  it('puts choices beyond five as numbered lines, drops the rating when there is no room, and shortens long titles', async () => {
    h = await startZaloHarness();
    const choices = Array.from({ length: 7 }, (_, i) => ({ title: `Mục số ${i + 1}`, payload: `i:muc_${'abcdefg'[i]}` }));
    choices[0] = { title: 'Cấp lại giấy chứng nhận quyền sử dụng đất do bị mất hoặc hư hỏng', payload: 'i:cap_lai' };
    await h.adapter.deliver(CITIZEN, [{ kind: 'choices', text: 'Có nhiều thủ tục gần giống:', choices, rating }]);
    const [message] = h.fake.sent;
    expect(message!.buttons.map((b) => b.payload)).toEqual(['#i:cap_lai', '#i:muc_b', '#i:muc_c', '#i:muc_d', '#i:muc_e']);
    expect(message!.text).toBe('Có nhiều thủ tục gần giống:\nCác mục khác (Anh/Chị gõ số để chọn):\n6. Mục số 6\n7. Mục số 7');
    const title = message!.buttons[0]!.title;
    expect([...title].length).toBeLessThanOrEqual(40);
    expect(title).toBe('Cấp lại giấy chứng nhận quyền sử dụng…');
  });

  it('sends handover replies as plain text', async () => {
    h = await startZaloHarness();
    await h.adapter.deliver(CITIZEN, [{ kind: 'handover', text: 'Cán bộ sẽ trả lời Anh/Chị sớm.', reason: 'requested' }]);
    expect(h.fake.sent.map((m) => [m.text, m.buttons.length])).toEqual([['Cán bộ sẽ trả lời Anh/Chị sớm.', 0]]);
  });

  it('round-trips a tapped button: the payload Zalo sends back as user_send_text reaches the inbox as the choice payload', async () => {
    h = await startZaloHarness();
    await h.adapter.deliver(CITIZEN, [{ kind: 'choices', text: 'Chọn thủ tục:', choices: [{ title: 'Khai sinh', payload: 'v:khai_sinh:ho_so:d2' }] }]);
    const tapped = h.fake.sent[0]!.buttons[0]!.payload as string;
    const res = await h.fake.push(h.webhookUrl, userText(tapped));
    expect(res.status).toBe(200);
    expect(h.inbox.updates).toHaveLength(1);
    expect(h.inbox.updates[0]).toMatchObject({ payload: 'v:khai_sinh:ho_so:d2', conversationId: CITIZEN });
    expect(h.inbox.updates[0]!.text).toBeUndefined();
  });
});

describe('ZaloAdapter.deliver: tokens', () => {
  it.each([-216, -220] as const)('refreshes once on %i, persists the new refresh token before using the new access token, and retries', async (code) => {
    h = await startZaloHarness({ tokenStore: tracingStore(() => h) });
    await h.adapter.deliver(CITIZEN, [text('Lần một.')]);
    h.fake.expireAccessTokens(code);
    await h.adapter.deliver(CITIZEN, [text('Lần hai.')]);
    expect(h.fake.sent.map((m) => [m.text, m.accessToken])).toEqual([
      ['Lần một.', 'access-1'],
      ['Lần hai.', 'access-2'],
    ]);
    expect(h.fake.refreshAttempts).toEqual(['refresh-0', 'refresh-1']);
    expect(h.fake.trace).toEqual(['refresh:refresh-1', 'save:refresh-1', 'send:access-1', 'refresh:refresh-2', 'save:refresh-2', 'send:access-2']);
    // The spent refresh token is dead at Zalo; only the stored one works.
    const reuse = refreshAccessToken({ oauthBaseUrl: h.fake.url, appId: APP_ID, appSecretKey: SECRETS.appSecretKey, refreshToken: 'refresh-1', timeoutMs: 5000 });
    await expect(reuse).rejects.toMatchObject({ name: 'ZaloApiError', code: -14014 });
    expect((await h.storedTokens())?.refreshToken).toBe(h.fake.currentRefreshToken);
  });

  it('never uses a new access token whose refresh token could not be saved', async () => {
    h = await startZaloHarness({
      tokenStore: async () => ({
        load: async () => undefined,
        save: async () => {
          throw new Error('disk full');
        },
      }),
    });
    const error = await deliveryError(h.adapter.deliver(CITIZEN, [text('Xin chào.')]));
    expect(error.message).toContain('disk full');
    expect(h.fake.refreshAttempts).toEqual(['refresh-0']);
    expect(h.fake.sent).toEqual([]);
    expect(h.fake.trace).toEqual(['refresh:refresh-1']);
  });

  it('refreshes exactly once when concurrent sends all find the token expired', async () => {
    h = await startZaloHarness({ refreshDelayMs: 50 });
    await h.adapter.deliver(CITIZEN, [text('Mở đầu.')]);
    h.fake.expireAccessTokens();
    const users = ['1000000000000000001', '1000000000000000002', '1000000000000000003', '1000000000000000004', '1000000000000000005'];
    await Promise.all(users.map((u) => h.adapter.deliver(u, [text(`Chào ${u}.`)])));
    expect(h.fake.refreshAttempts).toEqual(['refresh-0', 'refresh-1']);
    expect(h.fake.sent.slice(1).map((m) => m.accessToken)).toEqual(Array(5).fill('access-2'));
    expect(new Set(h.fake.sent.map((m) => m.userId))).toEqual(new Set([CITIZEN, ...users]));
  });

  it('does not refresh in a loop when the new token is refused too', async () => {
    h = await startZaloHarness();
    await h.adapter.deliver(CITIZEN, [text('Mở đầu.')]);
    h.fake.failNextSends(-216, -216);
    const error = await deliveryError(h.adapter.deliver(CITIZEN, [text('Lần hai.')]));
    expect(error.options.permanent).toBeFalsy();
    expect(h.fake.refreshAttempts).toHaveLength(2);
  });

  it('reports a broken refresh chain as a slow-retry failure that asks for re-authorisation', async () => {
    h = await startZaloHarness();
    await h.adapter.deliver(CITIZEN, [text('Mở đầu.')]);
    // Someone else spent the refresh token: our stored one is now rejected.
    await refreshAccessToken({ oauthBaseUrl: h.fake.url, appId: APP_ID, appSecretKey: SECRETS.appSecretKey, refreshToken: 'refresh-1', timeoutMs: 5000 });
    const error = await deliveryError(h.adapter.deliver(CITIZEN, [text('Lần hai.')]));
    expect(error.message).toMatch(/re-authorised/);
    expect(error.options).toEqual({ retryAfterMs: 300_000 });
  });
});

describe('ZaloAdapter: background token refresh', () => {
  it('obtains and stores tokens on its own, without waiting for a message to send', async () => {
    h = await startZaloHarness({ tokenCheckIntervalMs: 20 });
    await vi.waitFor(() => expect(h.fake.refreshAttempts).toEqual(['refresh-0']));
    await vi.waitFor(async () => expect((await h.storedTokens())?.refreshToken).toBe('refresh-1'));
    // The fresh token is not refreshed again on the next checks.
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.refreshAttempts).toEqual(['refresh-0']);
  });
});

describe('ZaloAdapter.deliver: Zalo errors', () => {
  it('turns the rate limit (-32) into a DeliveryError that waits a minute', async () => {
    h = await startZaloHarness();
    await h.adapter.deliver(CITIZEN, [text('Mở đầu.')]);
    h.fake.failNextSends(-32);
    const error = await deliveryError(h.adapter.deliver(CITIZEN, [text('Lần hai.')]));
    expect(error.options).toEqual({ retryAfterMs: 60_000 });
    expect(error.message).toContain('-32');
  });

  it.each([-230, -232, -213, -227, -244])('gives up for good on %i (outside the 7-day window or unreachable)', async (code) => {
    h = await startZaloHarness();
    await h.adapter.deliver(CITIZEN, [text('Mở đầu.')]);
    h.fake.failNextSends(code);
    const error = await deliveryError(h.adapter.deliver(CITIZEN, [text('Lần hai.')]));
    expect(error.options.permanent).toBe(true);
    expect(h.fake.sent).toHaveLength(1);
  });

  it('keeps other failures retryable (Zalo unreachable)', async () => {
    h = await startZaloHarness();
    await h.fake.stop();
    const error = await deliveryError(h.adapter.deliver(CITIZEN, [text('Xin chào.')]));
    expect(error.options.permanent).toBeFalsy();
    expect(error.options.retryAfterMs).toBeUndefined();
  });
});

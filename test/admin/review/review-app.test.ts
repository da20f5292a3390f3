import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createDashboardApp } from '../../../src/admin/review/dashboard-app.js';
import { foldQuestion } from '../../../src/admin/review/fold-question.js';
import { SqlTurnLog } from '../../../src/store/turn-log-store.js';
import { createReviewApp } from '../../../src/admin/review/review-app.js';
import { maskPersonalData } from '../../../src/logging/mask-personal-data.js';
import { SqlContentVersions } from '../../../src/store/content-version-store.js';
import { publisherFor } from '../../content-versions/harness.js';
import { adminHarness } from '../admin-harness.js';
import { turn, utc } from './turn-log-contract.js';

interface Item {
  key: string;
  text: string;
  count: number;
  channels: string[];
  firstAt: string;
  lastAt: string;
  reasons: string[];
  status: string;
  suggestedIntents: { intent: string; score: number }[];
}

/** The staff app with the review and dashboard APIs mounted beside it, an editor logged in, and a few logged turns. */
async function reviewHarness() {
  const h = adminHarness();
  const turnLog = SqlTurnLog.inMemory();
  const versions = SqlContentVersions.inMemory();
  const publisher = publisherFor(versions);
  const clock = () => h.clock.now;
  h.app.route('/api/review', createReviewApp({ staff: h.staff, turnLog, publisher, clock }));
  h.app.route('/api/dashboard', createDashboardApp({ staff: h.staff, turnLog, clock }));
  await h.seed('lan', 'editor');
  const editor = await h.login('lan');
  const ask = (at: Date, text: string, outcome: Parameters<typeof turn>[1], fields: Parameters<typeof turn>[2] = {}) => {
    const masked = maskPersonalData(text);
    return turnLog.record(turn(at, outcome, { text: masked, folded: foldQuestion(masked), ...fields }));
  };
  const items = async (query = ''): Promise<Item[]> => {
    const response = await h.call(`/api/review/items${query}`, { cookie: editor.cookie });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Item[] }).items;
  };
  const post = (key: string, action: string, json?: unknown) =>
    h.call(`/api/review/items/${encodeURIComponent(key)}/${action}`, { method: 'POST', cookie: editor.cookie, csrf: editor.csrf, json: json ?? {} });
  return { ...h, turnLog, versions, editor, ask, items, post };
}

describe('review of what citizens asked', () => {
  it('groups questions that differ only in accents, case and punctuation, with masked texts only', async () => {
    const h = await reviewHarness();
    const top = [{ intent: 'thu_tuc.cap_cccd', score: 0.4 }, { intent: 'ngoai_pham_vi', score: 0.3 }];
    await h.ask(utc(1), 'Làm CCCD mất bao lâu? số 012345678901', 'fallback', { topIntents: top });
    await h.ask(utc(2), 'lam cccd mat bao lau so 012345678901!!', 'clarified', { topIntents: top, channel: 'zalo' });
    await h.ask(utc(3), 'Làm cccd mất bao lâu, số 012345678901', 'fallback', { topIntents: top });
    await h.ask(utc(4), 'Thời tiết mai thế nào', 'fallback', { top: 0.2 });
    await h.ask(utc(5), 'Khai sinh cần gì', 'answered', { top: 0.95, intent: 'thu_tuc.khai_sinh' });

    const items = await h.items();
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      key: 'lam cccd mat bao lau so 901',
      text: 'Làm cccd mất bao lâu, số *********901',
      variants: ['Làm cccd mất bao lâu, số *********901', 'lam cccd mat bao lau so *********901!!', 'Làm CCCD mất bao lâu? số *********901'],
      count: 3,
      channels: ['web', 'zalo'],
      firstAt: utc(1).toISOString(),
      lastAt: utc(3).toISOString(),
      reasons: ['fallback', 'clarified', 'low_confidence'],
      status: 'new',
      suggestedIntents: [{ intent: 'thu_tuc.cap_cccd', score: 0.4 }],
    });
    const all = await h.call('/api/review/items', { cookie: h.editor.cookie });
    expect(await all.text()).not.toContain('012345678901');

    expect((await h.items('?channel=zalo')).map((i) => i.count)).toEqual([1]);
    expect((await h.items('?reason=clarified')).map((i) => i.key)).toEqual(['lam cccd mat bao lau so 901']);
    expect(await h.items('?from=2025-07-02')).toEqual([]);
    const bad = await h.call('/api/review/items?status=open', { cookie: h.editor.cookie });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/Trạng thái/);
  });

  it('adds a group as a training example in a new draft and marks it done, audited', async () => {
    const h = await reviewHarness();
    await h.ask(utc(1), 'Đăng kí khai sinh cho con ở đâu vậy ad', 'fallback', { top: 0.3 });
    const key = 'dang ki khai sinh cho con o dau vay ad';

    const unknown = await h.post(key, 'example', { intent: 'thu_tuc.khong_co' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toBe('Không có ý định "thu_tuc.khong_co".');
    expect((await h.post('khong co nhom nay', 'example', { intent: 'thu_tuc.khai_sinh' })).status).toBe(404);

    const added = await h.post(key, 'example', { intent: 'thu_tuc.khai_sinh' });
    expect(added.status).toBe(201);
    const { draft } = (await added.json()) as { draft: { id: number } };
    const version = await h.versions.get(draft.id);
    expect(version).toMatchObject({ status: 'draft', author: 'lan' });
    expect(version?.files['intents/thu_tuc.khai_sinh.yaml']).toContain('- "Đăng kí khai sinh cho con ở đâu vậy ad"');
    expect((await h.items()).map((i) => i.status)).toEqual(['done']);
    expect((await h.items('?status=new'))).toEqual([]);
    const [entry] = await h.staff.auditLog({ limit: 1 });
    expect(entry).toMatchObject({ user: 'lan', action: 'review.example', target: key, before: { status: 'new' } });
    expect(entry?.after).toMatchObject({ status: 'done', intent: 'thu_tuc.khai_sinh', draft: draft.id });

    // The same text again: already an example.
    expect((await h.post(key, 'example', { intent: 'thu_tuc.khai_tu' })).status).toBe(409);
  });

  it('adds a group as an example of one answer unit, next to the unit in its procedure or topic file', async () => {
    const h = await reviewHarness();
    await h.ask(utc(1), 'sao y bang cap tu so goc o truong co mat tien ko', 'fallback', { top: 0.3 });
    await h.ask(utc(1), 'toi di to cao thi ai biet ten toi', 'fallback', { top: 0.3 });
    const copy = 'sao y bang cap tu so goc o truong co mat tien ko';

    const unknown = await h.post(copy, 'example', { unit: 'thu_tuc.chung_thuc/khong_co/le_phi' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain('thu_tuc.chung_thuc/khong_co/le_phi');

    const added = await h.post(copy, 'example', { unit: 'thu_tuc.chung_thuc/ban_sao_so_goc/le_phi' });
    expect(added.status).toBe(201);
    const { draft } = (await added.json()) as { draft: { id: number } };
    const files = (await h.versions.get(draft.id))!.files;
    const procedure = parse(files['data/procedures/chung_thuc.yaml']!) as { cases: { id: string; aspects: { le_phi?: { examples?: string[] } } }[] };
    expect(procedure.cases.find((c) => c.id === 'ban_sao_so_goc')?.aspects.le_phi?.examples).toContain(copy);
    const [entry] = await h.staff.auditLog({ limit: 1 });
    expect(entry?.after).toMatchObject({ status: 'done', unit: 'thu_tuc.chung_thuc/ban_sao_so_goc/le_phi' });

    const detail = await h.post('toi di to cao thi ai biet ten toi', 'example', { unit: 'cong_dan.khieu_nai_to_cao/chi_tiet_6' });
    expect(detail.status).toBe(201);
    const topicFiles = (await h.versions.get(((await detail.json()) as { draft: { id: number } }).draft.id))!.files;
    const topic = parse(topicFiles['data/topics/cong_dan.khieu_nai_to_cao.yaml']!) as { details: { examples?: string[] }[] };
    expect(topic.details[5]?.examples).toContain('toi di to cao thi ai biet ten toi');
  });

  it('ignores a group, or adds it to the out-of-scope examples', async () => {
    const h = await reviewHarness();
    await h.ask(utc(1), 'Giá vàng hôm nay?', 'fallback', { top: 0.2 });
    await h.ask(utc(2), 'ahihi', 'fallback', { top: 0.2 });

    expect((await h.post('ahihi', 'ignore')).status).toBe(200);
    const outOfScope = await h.post('gia vang hom nay', 'out-of-scope');
    expect(outOfScope.status).toBe(201);
    const { draft } = (await outOfScope.json()) as { draft: { id: number } };
    expect((await h.versions.get(draft.id))?.files['intents/ngoai_pham_vi.yaml']).toContain('- "Giá vàng hôm nay?"');
    expect((await h.items()).map((i) => [i.key, i.status])).toEqual([
      ['ahihi', 'ignored'],
      ['gia vang hom nay', 'done'],
    ]);
    expect((await h.staff.auditLog({ limit: 2 })).map((e) => e.action)).toEqual(['review.out_of_scope', 'review.ignore']);
  });

  it('needs a session, and the CSRF token to change anything', async () => {
    const h = await reviewHarness();
    await h.ask(utc(1), 'ahihi', 'fallback', { top: 0.2 });
    expect((await h.call('/api/review/items')).status).toBe(401);
    expect((await h.call('/api/dashboard')).status).toBe(401);
    const noCsrf = await h.call('/api/review/items/ahihi/ignore', { method: 'POST', cookie: h.editor.cookie, json: {} });
    expect(noCsrf.status).toBe(403);
    expect((await h.items()).map((i) => i.status)).toEqual(['new']);
  });
});

describe('dashboard', () => {
  it('shows the figures of a range of days', async () => {
    const h = await reviewHarness();
    await h.ask(utc(1), 'Khai sinh cần gì', 'answered', { top: 0.9, intent: 'thu_tuc.khai_sinh', latencyMs: 12 });
    await h.ask(utc(2), 'Kết hôn cần gì', 'answered', { top: 0.9, intent: 'thu_tuc.ket_hon', latencyMs: 30 });
    await h.ask(utc(3), 'Giá vàng?', 'fallback', { top: 0.2, latencyMs: 8 });
    await h.ask(utc(4), 'gia vang', 'fallback', { top: 0.2, latencyMs: 9, channel: 'telegram' });
    await h.ask(utc(5), 'khai sinh hay ket hon', 'clarified', { top: 0.4, latencyMs: 20 });
    await h.turnLog.record(turn(utc(6), 'rated', { latencyMs: 1 }));
    await h.turnLog.rateLatestAnswer('web:c1', utc(6), true);
    await h.ask(new Date(Date.UTC(2025, 6, 5)), 'ngoài khoảng', 'fallback', { top: 0.1 });

    const response = await h.call('/api/dashboard?from=2025-07-01&to=2025-07-01', { cookie: h.editor.cookie });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      from: '2025-07-01',
      to: '2025-07-01',
      messages: 5,
      perDay: [
        { day: '2025-07-01', channel: 'telegram', count: 1 },
        { day: '2025-07-01', channel: 'web', count: 4 },
      ],
      shares: { answered: 0.4, clarified: 0.2, fallback: 0.4, handover: 0 },
      outcomes: { answered: 2, fallback: 2, clarified: 1 },
      topIntents: [
        { intent: 'thu_tuc.ket_hon', count: 1 },
        { intent: 'thu_tuc.khai_sinh', count: 1 },
      ],
      topUnanswered: [{ folded: 'gia vang', text: 'Giá vàng?', count: 2 }],
      ratings: { helpful: 1, notHelpful: 0 },
      medianLatencyMs: 12,
    });
    expect((await h.call('/api/dashboard?from=2025-13-01', { cookie: h.editor.cookie })).status).toBe(400);
  });
});

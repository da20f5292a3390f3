import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../src/logging/mask-personal-data.js';
import { startFullServer, type FullServer } from '../support/full-server.js';
import { leaks, personalDataCorpus, PERSONAL_DATA_KINDS, type PersonalDataSample } from '../support/personal-data-corpus.js';

describe('the masker over a generated corpus of personal data', () => {
  it('masks every ID, phone, e-mail, bank account and home address (figure printed)', () => {
    const corpus = personalDataCorpus(7000);
    const leaked = corpus.filter((s) => leaks([s], maskPersonalData(s.text)).length > 0);
    process.stdout.write(`privacy corpus: ${corpus.length - leaked.length}/${corpus.length} masked\n`);
    expect(leaked.map((s) => s.text)).toEqual([]);
  });
});

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The same corpus sent by citizens on the web chat, Telegram and Zalo — some while the bot answers,
 * some while an officer holds the conversation — then everything staff and operators can see.
 */
describe('personal data sent through every channel', () => {
  let full: FullServer;
  const corpus = personalDataCorpus(PERSONAL_DATA_KINDS.length * 6, 2023_13);
  const perChannel = corpus.length / 3;
  beforeAll(async () => {
    full = await startFullServer();
  }, 60_000);
  afterAll(() => full?.close());

  it('is masked in every log line, the review, the dashboard and the handover history', async () => {
    const { running } = full;
    const slice = (i: number): PersonalDataSample[] => corpus.slice(i * perChannel, (i + 1) * perChannel);
    const half = (samples: PersonalDataSample[]) => [samples.slice(0, samples.length / 2), samples.slice(samples.length / 2)] as const;

    // Web chat: one session answered by the bot, one handed to an officer first.
    const [webBot, webHeld] = half(slice(0));
    const web = await full.webSession();
    const webOfficer = await full.webSession();
    webOfficer.send({ type: 'message', id: 'h', text: 'tôi muốn gặp cán bộ' });
    await webOfficer.next((f) => f.type === 'message', 15_000);
    for (const [i, s] of webBot.entries()) web.send({ type: 'message', id: `w${i}`, text: s.text });
    for (const [i, s] of webHeld.entries()) webOfficer.send({ type: 'message', id: `o${i}`, text: s.text });

    const [tgBot, tgHeld] = half(slice(1));
    expect((await full.sendTelegram(7001, 1, 'tôi muốn gặp cán bộ')).status).toBe(200);
    for (const [i, s] of tgBot.entries()) expect((await full.sendTelegram(7000, i + 1, s.text)).status).toBe(200);
    for (const [i, s] of tgHeld.entries()) expect((await full.sendTelegram(7001, i + 2, s.text)).status).toBe(200);

    const [zaloBot, zaloHeld] = half(slice(2));
    expect((await full.sendZalo('9001', 'tôi muốn gặp cán bộ')).status).toBe(200);
    for (const s of zaloBot) expect((await full.sendZalo('9000', s.text)).status).toBe(200);
    for (const s of zaloHeld) expect((await full.sendZalo('9001', s.text)).status).toBe(200);

    const expectedTurns = corpus.length + 3;
    await until(async () => (await running.queue.stats()).inboxPending === 0, 60_000);
    await until(() => full.logLines.filter((l) => JSON.parse(l).message === 'turn').length >= expectedTurns, 30_000);

    const { cookie } = await full.login();
    const get = async (path: string) => {
      const response = await fetch(`${full.url}${path}`, { headers: { cookie } });
      expect(response.status, path).toBe(200);
      return response.text();
    };
    const review = await get('/admin/api/review/items');
    const dashboard = await get('/admin/api/dashboard');
    const handovers = JSON.parse(await get('/admin/api/handovers')) as { handovers: { key: string }[] };
    expect(handovers.handovers.map((h) => h.key.split(':')[0]).sort()).toEqual(['telegram', 'web', 'zalo']);
    const histories = await Promise.all(handovers.handovers.map((h) => get(`/admin/api/handovers/${encodeURIComponent(h.key)}/history`)));
    // The held messages are in the histories (masked), so the check below looks at real content.
    for (const s of [...webHeld, ...tgHeld, ...zaloHeld]) expect(histories.join('\n')).toContain(JSON.stringify(maskPersonalData(s.text)).slice(1, -1));

    const screens = { logs: full.logLines.join('\n'), review, dashboard, handovers: histories.join('\n') };
    const figures = Object.entries(screens).map(([name, shown]) => {
      const leaked = leaks(corpus, shown);
      return { name, masked: corpus.length - leaked.length, leaked: leaked.map((s) => s.text) };
    });
    process.stdout.write(`privacy through channels: ${figures.map((f) => `${f.name} ${f.masked}/${corpus.length}`).join(', ')}\n`);
    for (const f of figures) expect(f.leaked, f.name).toEqual([]);
    web.close();
    webOfficer.close();
  }, 120_000);
});

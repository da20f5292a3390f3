import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFullServer, type FullServer } from '../support/full-server.js';
import { hostileStaffApi, hostileTelegram, hostileWebChat, hostileZalo, type EntryFigures } from '../support/hostile-run.js';

/** Bodies per entry point: 1,000 here (about 30 s); `npm run soak` sends 10,000 (about 5 minutes on 2 cores). */
const COUNT = Number(process.env.HOSTILE_COUNT ?? 1_000);

describe(`${COUNT} hostile bodies per entry point, on one server`, () => {
  let full: FullServer;
  const turns: string[] = [];
  const errors: string[] = [];
  beforeAll(async () => {
    full = await startFullServer({
      onLogLine: (line) => {
        const entry = JSON.parse(line) as { message: string; level: string; text?: string; outcome?: string };
        // A redelivered message the engine recognised ("duplicate") is not answered again.
        if (entry.message === 'turn' && entry.outcome !== 'duplicate') turns.push(entry.text?.slice(0, 40) ?? '');
        if (entry.level === 'error') errors.push(line.slice(0, 300));
      },
    });
  }, 60_000);
  afterAll(() => full?.close());

  const report = (f: EntryFigures) =>
    process.stdout.write(`hostile ${f.entry}: ${f.sent} sent in ${(f.ms / 1000).toFixed(1)} s, 5xx ${f.serverErrors}, ${JSON.stringify(f.statuses)}\n`);

  it('answers every one without a server error, lets no forged event in and answers no replay twice', async () => {
    const rssBefore = process.memoryUsage().rss;
    const figures = [
      await hostileZalo(full, COUNT, 1),
      await hostileTelegram(full, COUNT, 2),
      await hostileWebChat(full, COUNT, 3),
      await hostileStaffApi(full, COUNT, 4),
    ];
    figures.forEach(report);
    for (const f of figures) expect(f.serverErrors, f.entry).toBe(0);
    expect((await fetch(`${full.url}/healthz`)).status).toBe(200);

    const end = Date.now() + 120_000;
    while ((await full.running.queue.stats()).inboxPending > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    expect((await full.running.queue.stats()).inboxPending).toBe(0);
    const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    process.stdout.write(`hostile: ${turns.length} turns handled, RSS growth ${rssGrowthMb.toFixed(0)} MB, ${errors.length} error lines\n`);

    expect(turns.filter((t) => t.includes('FORGED'))).toEqual([]);
    const replays = turns.filter((t) => t.startsWith('REPLAY-'));
    expect(replays.length).toBeGreaterThan(0);
    expect(replays.length).toBe(new Set(replays).size);
    expect(errors).toEqual([]);
    expect(rssGrowthMb).toBeLessThan(400);
  }, 600_000);
});

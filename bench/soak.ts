import { maskPersonalData } from '../src/logging/mask-personal-data.js';
import { startFullServer, type FullServer } from '../test/support/full-server.js';
import { hostileStaffApi, hostileTelegram, hostileWebChat, hostileZalo } from '../test/support/hostile-run.js';
import { leaks, personalDataCorpus } from '../test/support/personal-data-corpus.js';
import { floodFigures } from './flood.js';

/**
 * `npm run soak`: bounded, loopback-only runs that print figures — masking of a generated
 * personal-data corpus, hostile bodies on every entry point, and a flooding user next to ordinary
 * ones. SOAK_HOSTILE_COUNT (default 10,000 per entry point) bounds the longest part.
 */
const hostileCount = Number(process.env.SOAK_HOSTILE_COUNT ?? 10_000);
const print = (name: string, figures: unknown) => process.stdout.write(`${name}: ${JSON.stringify(figures)}\n`);

const corpus = personalDataCorpus(70_000);
print('privacy corpus', { masked: corpus.length - corpus.filter((s) => leaks([s], maskPersonalData(s.text)).length > 0).length, total: corpus.length });

async function withServer<T>(run: (full: FullServer, errors: string[]) => Promise<T>): Promise<T> {
  const errors: string[] = [];
  const full = await startFullServer({
    onLogLine: (line) => {
      if (line.includes('"level":"error"')) errors.push(line.slice(0, 300));
    },
  });
  try {
    return await run(full, errors);
  } finally {
    await full.close();
  }
}

await withServer(async (full) => {
  await floodFigures(full, 0, 2, 20); // warm-up: first turns, the Zalo access token
  print('baseline (100 Zalo users asking over 5 s)', await floodFigures(full, 0, 5, 100));
  print('flood (one Zalo user sending 500 messages in 5 s, 100 others asking meanwhile)', await floodFigures(full, 500, 5, 100));
});

await withServer(async (full, errors) => {
  const rssBefore = process.memoryUsage().rss;
  for (const [run, seed] of [[hostileZalo, 1], [hostileTelegram, 2], [hostileWebChat, 3], [hostileStaffApi, 4]] as const) {
    const f = await run(full, hostileCount, seed);
    print(`hostile ${f.entry}`, { sent: f.sent, seconds: Math.round(f.ms / 100) / 10, serverErrors: f.serverErrors, statuses: f.statuses });
  }
  print('hostile totals', { errorLogLines: errors.length, rssGrowthMb: Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20), healthz: (await fetch(`${full.url}/healthz`)).status });
});

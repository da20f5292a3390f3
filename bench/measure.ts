import { percentile } from '../src/cli/evaluation.js';

/** Median and tail of per-call latency in microseconds, after a warm-up pass. */
export function latency(texts: readonly string[], run: (text: string) => unknown, passes: number): { p50: number; p99: number } {
  for (const t of texts) run(t);
  const samples: number[] = [];
  for (let p = 0; p < passes; p++) {
    for (const t of texts) {
      const start = process.hrtime.bigint();
      run(t);
      samples.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  return tail(samples);
}

/** `latency` for an asynchronous call (NLP.js answers with a promise). */
export async function latencyAsync(
  texts: readonly string[],
  run: (text: string) => Promise<unknown>,
  passes: number,
): Promise<{ p50: number; p99: number }> {
  for (const t of texts) await run(t);
  const samples: number[] = [];
  for (let p = 0; p < passes; p++) {
    for (const t of texts) {
      const start = process.hrtime.bigint();
      await run(t);
      samples.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  return tail(samples);
}

function tail(samples: number[]): { p50: number; p99: number } {
  samples.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 0.5)), p99: round(percentile(samples, 0.99)) };
}

export function timed<T>(f: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = f();
  return { value, ms: round(Number(process.hrtime.bigint() - start) / 1e6) };
}

/** Heap retained by what `build` returns, after full garbage collections (needs --expose-gc). */
export function retainedMegabytes<T>(build: () => T): { value: T; mb: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const value = build();
  gc();
  gc();
  return { value, mb: round((process.memoryUsage().heapUsed - before) / 1e6) };
}

export const round = (x: number): number => Math.round(x * 100) / 100;

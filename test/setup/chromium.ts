import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The browser the real-browser tests drive (Debian's package; no browser is downloaded by npm). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Vitest globalSetup: makes sure Debian's Chromium is installed, so `npm test` works on a fresh
 * machine (CI runs as root). Prints what apt-get does; fails with a clear message if it cannot.
 */
export default function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  console.log(`[setup] ${CHROMIUM_PATH} is missing: installing Debian's chromium package (apt-get update && apt-get install -y chromium)…`);
  const started = Date.now();
  const result = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0 || !existsSync(CHROMIUM_PATH)) {
    const why = result.error ? result.error.message : `apt-get exited with status ${String(result.status)}`;
    throw new Error(
      `Could not install Chromium (${why}). The browser tests need ${CHROMIUM_PATH}: ` +
        'run `apt-get update && apt-get install -y chromium` as root, then run the tests again.',
    );
  }
  console.log(`[setup] chromium installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

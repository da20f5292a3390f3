import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Installs Debian's Chromium for the browser tests when the machine has none.
    globalSetup: ['./test/setup/chromium.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { WebChatAdapter } from '../../src/channels/web/web-chat-adapter.js';
import { Logger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/server/app-server.js';
import { CHROMIUM_PATH } from '../setup/chromium.js';

export interface WorkspaceBrowserOptions {
  /** The first administrator, created from the environment on the server's first start. */
  readonly admin: { readonly username: string; readonly password: string };
  /** Names the temporary data folder. */
  readonly name: string;
  /** Serves the citizens' web chat too. */
  readonly webChat?: boolean;
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly acceptDownloads?: boolean;
  /** Fills the data folder before the server opens it. */
  readonly seed?: (dataDir: string) => Promise<void>;
}

export interface WorkspaceBrowser {
  readonly running: RunningServer;
  readonly context: BrowserContext;
  /** Closes the browser and the server and removes their folders. */
  stop(): Promise<void>;
}

/** A real server on a fresh data folder (SQLite) and a headless Chromium to drive its pages. */
export async function openWorkspaceBrowser(options: WorkspaceBrowserOptions): Promise<WorkspaceBrowser> {
  const dataDir = mkdtempSync(join(tmpdir(), `${options.name}-`));
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  await options.seed?.(dataDir);
  process.env.ADMIN_USERNAME = options.admin.username;
  process.env.ADMIN_PASSWORD = options.admin.password;
  const logger = new Logger({ write: () => undefined });
  const secret = Buffer.from('a-test-secret-of-32-characters!!');
  const running = await startServer({
    config: { dataDir, contextTtlMinutes: 30, retentionDays: 180, logLevel: 'error' },
    port: 0,
    host: '127.0.0.1',
    logger,
    channels: () => (options.webChat ? [new WebChatAdapter({ logger, config: { secret, allowedOrigins: [] } })] : []),
    idleMs: 50,
    // The staff tests have a citizen ask the same question again within seconds (before and after publishing).
    senderLimit: { limit: 20, windowMs: 10_000, repeatMs: 0 },
  });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: options.acceptDownloads ?? false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  return {
    running,
    context,
    async stop() {
      await context.close();
      await running.stop();
      delete process.env.ADMIN_USERNAME;
      delete process.env.ADMIN_PASSWORD;
      rmSync(profile, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls generously: CI runs other suites beside the browser tests on two cores, and publishing retrains. */
export const eventually = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout });

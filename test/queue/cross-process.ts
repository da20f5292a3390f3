import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { MessageQueue } from '../../src/server/message-queue.js';
import { openQueue } from '../../src/server/queue/open-queue.js';
import { openStore } from '../../src/store/open-store.js';
import { update } from './contract.js';
import type { HandledItem } from './fixtures/claimer.js';

const CLAIMER = fileURLToPath(new URL('./fixtures/claimer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Where {
  readonly dataDir: string;
  readonly databaseUrl?: string;
}

/**
 * Starts `processes` workers (4 loops each) on the database of `where`, racing each other to create
 * the queue's and the store's tables; stores conversations × perConversation updates, interleaved,
 * and lets the workers empty the inbox. Then checks that every process took part, that no item was
 * handled twice, and that each conversation was handled one item at a time in acceptance order —
 * as seen by the workers, in the store's histories and in the outbox.
 */
export async function expectExclusiveClaimsAcrossProcesses(where: Where, processes = 2, conversations = 6, perConversation = 8): Promise<void> {
  const conversationIds = Array.from({ length: conversations }, (_, c) => `c${c}`);
  const accepted = new Map(conversationIds.map((c) => [c, Array.from({ length: perConversation }, (_, i) => `${c}-${i}`)]));

  const handled = await runWorkers(where, processes, async (queue) => {
    for (let i = 0; i < perConversation; i++) {
      for (const c of conversationIds) await queue.accept(update(c, `${c}-${i}`));
    }
  });

  for (const mine of handled) expect(mine.length).toBeGreaterThan(0);
  const all = handled.flat();
  expect(all).toHaveLength(conversations * perConversation);
  expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
  for (const [conversationId, ids] of accepted) {
    const items = ids.map((id) => all.find((item) => item.platformMessageId === id && item.conversationId === conversationId));
    expect(items.every((item) => item !== undefined)).toBe(true);
    for (const [i, item] of items.entries()) {
      const previous = items[i - 1];
      if (!item || !previous) continue;
      expect(item.claimedAt, `${item.platformMessageId} was claimed before ${previous.platformMessageId} was done`).toBeGreaterThanOrEqual(
        previous.completingAt,
      );
    }
  }

  const store = await openStore(where);
  try {
    for (const [conversationId, ids] of accepted) {
      const history = await store.history(`test:${conversationId}`);
      expect(history.map(({ event }) => (event.type === 'user_said' ? event.platformMessageId : event.type))).toEqual(ids);
    }
  } finally {
    await store.close();
  }

  const queue = await openQueue(where);
  try {
    const delivered = new Map<string, string[]>();
    for (let item = await queue.claimOutbound(new Date(), 60_000); item; item = await queue.claimOutbound(new Date(), 60_000)) {
      delivered.set(item.conversationId, [...(delivered.get(item.conversationId) ?? []), item.replies[0]?.text ?? '']);
      await queue.completeOutbound(item.id, new Date());
    }
    expect(delivered).toEqual(accepted);
    expect(await queue.stats()).toEqual({ inboxPending: 0, outboxPending: 0, outboxFailed: 0 });
  } finally {
    await queue.close();
  }
}

/** Starts the workers, fills the inbox once they are ready, lets them go and returns what each handled. */
async function runWorkers(where: Where, processes: number, fill: (queue: MessageQueue) => Promise<void>): Promise<HandledItem[][]> {
  const env = where.databaseUrl ? { DATABASE_URL: where.databaseUrl } : { DATA_DIR: where.dataDir };
  const children = Array.from({ length: processes }, () =>
    spawn(process.execPath, ['--import', 'tsx', CLAIMER, '4'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] }),
  );
  try {
    const watched = children.map(watch);
    await Promise.all(watched.map(({ ready, output }) => Promise.race([ready, output])));
    const queue = await openQueue(where);
    await fill(queue).finally(() => queue.close());
    for (const child of children) child.stdin?.write('go\n');
    const outputs = await Promise.all(watched.map(({ output }) => output));
    return outputs.map((output) => JSON.parse(output.trim().split('\n').at(-1) ?? '') as HandledItem[]);
  } finally {
    // Workers still waiting for "go" when something failed.
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

/** `ready` resolves once the child printed "ready"; `output` is all it printed, once it exited successfully. */
function watch(child: ChildProcess): { ready: Promise<void>; output: Promise<string> } {
  let out = '';
  let err = '';
  let signalReady!: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout?.on('data', (chunk) => {
    out += String(chunk);
    if (out.includes('ready\n')) signalReady();
  });
  child.stderr?.on('data', (chunk) => (err += String(chunk)));
  // 'close' rather than 'exit': it comes after the output was read to the end.
  const output = once(child, 'close').then(([code]) => {
    if (code !== 0) throw new Error(`claimer exited with ${String(code)}:\n${err}`);
    return out;
  });
  return { ready, output };
}

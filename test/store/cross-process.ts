import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { HISTORY_LIMIT, type ConversationStore } from '../../src/engine/conversation-store.js';

const WRITER = fileURLToPath(new URL('./fixtures/turn-writer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts `writers` processes on the store configured by `env` (DATABASE_URL or DATA_DIR), lets
 * them all fire `turns` turns at the same conversation at once, then checks through a store
 * opened afterwards that the turns were serialized: seq 1..N, each turn saw exactly the events
 * before it, and each process's turns kept their call order.
 */
export async function expectSerializedAcrossProcesses(
  env: Record<string, string>,
  openStore: () => Promise<ConversationStore>,
  writers = 2,
  turns = 40,
): Promise<void> {
  const children = Array.from({ length: writers }, (_, w) =>
    spawn(process.execPath, ['--import', 'tsx', WRITER, `w${w}`, String(turns)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  const exits = children.map(exitOf);
  await Promise.all(children.map((child, w) => Promise.race([readyOf(child), exits[w]])));
  for (const child of children) child.stdin?.write('go\n');
  await Promise.all(exits);

  const store = await openStore();
  const stored = await store.history('test:shared').finally(() => store.close());
  const total = writers * turns;
  expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  const lastIndex = new Map<string, number>();
  for (const { seq, event } of stored) {
    if (event.type !== 'user_said') throw new Error(`unexpected ${event.type} at seq ${seq}`);
    expect(event.text).toBe(`${Math.min(seq - 1, HISTORY_LIMIT)}/${seq - 1}`);
    const [writer = '', index = ''] = event.platformMessageId.split('-');
    expect(Number(index)).toBe((lastIndex.get(writer) ?? -1) + 1);
    lastIndex.set(writer, Number(index));
  }
  expect([...lastIndex.values()]).toEqual(Array.from({ length: writers }, () => turns - 1));
}

async function readyOf(child: ChildProcess): Promise<void> {
  let out = '';
  for await (const chunk of child.stdout!) {
    out += String(chunk);
    if (out.includes('ready\n')) return;
  }
}

async function exitOf(child: ChildProcess): Promise<void> {
  let err = '';
  child.stderr?.on('data', (chunk) => (err += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`writer exited with ${code}:\n${err}`);
}

import { createHash } from 'node:crypto';
import { APP_ID } from '../zalo/zalo-events.js';
import { SECRETS } from '../zalo/zalo-harness.js';
import { userText } from '../zalo/zalo-events.js';
import { textUpdate } from '../telegram/telegram-updates.js';
import { TestClient } from '../web/ws-test-client.js';
import type { FullServer } from './full-server.js';
import { TELEGRAM_SECRET } from './full-server.js';
import { HostileBodies } from './hostile-bodies.js';

/** What one entry point answered to the hostile bodies. */
export interface EntryFigures {
  readonly entry: string;
  readonly sent: number;
  /** Responses by status (web chat: frames answered "failed", sockets closed by the server). */
  readonly statuses: Record<string, number>;
  readonly serverErrors: number;
  readonly ms: number;
}

const mac = (body: Uint8Array | string, timestamp: string, key: string = SECRETS.oaSecretKey) =>
  createHash('sha256').update(Buffer.concat([Buffer.from(APP_ID), Buffer.from(body), Buffer.from(`${timestamp}${key}`)])).digest('hex');

/** Runs `count` tasks, `parallel` at a time. */
async function pool(count: number, parallel: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

function tally(entry: string, sent: number): { figures: EntryFigures; count(status: number | string): void } {
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const figures = { entry, sent, statuses, serverErrors: 0, ms: 0 };
  return {
    get figures() {
      figures.ms = performance.now() - started;
      return figures;
    },
    count(status) {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (typeof status === 'number' && status >= 500) figures.serverErrors++;
    },
  };
}

/** The status, or "closed" when the server answered early (413) and closed while the body was still being sent. */
async function status(request: Promise<Response>): Promise<number | string> {
  try {
    const response = await request;
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'closed';
  }
}

/**
 * Forged events carry "FORGED-<n>" and replayed ones "REPLAY-<n>" in their text, so the turns
 * logged afterwards show whether any forged event got in and whether a replay was answered twice.
 */
export async function hostileZalo(full: FullServer, count: number, seed: number): Promise<EntryFigures> {
  const h = new HostileBodies(seed);
  const t = tally('zalo webhook', count);
  const url = `${full.url}/webhooks/zalo`;
  const replays: Uint8Array[] = [];
  await pool(count, 16, async (i) => {
    const roll = i % 10;
    let body: Uint8Array;
    let signature: string | undefined;
    if (roll < 4) {
      const event = h.mutate(userText(`sự kiện ${i} ${h.text()}`, `u${i % 50}`)) as { timestamp?: unknown };
      body = new TextEncoder().encode(JSON.stringify(event));
      signature = `mac=${mac(body, String(event?.timestamp ?? ''))}`;
    } else if (roll < 7) {
      const event = userText(`FORGED-${i}`, `u${i % 50}`);
      body = new TextEncoder().encode(JSON.stringify(event));
      const forgery = h.pick(['wrong-key', 'other-body', 'other-timestamp', 'missing', 'garbage', 'truncated'] as const);
      signature =
        forgery === 'wrong-key' ? `mac=${mac(body, event.timestamp, 'guessed')}`
        : forgery === 'other-body' ? `mac=${mac(JSON.stringify(userText('xin chào')), event.timestamp)}`
        : forgery === 'other-timestamp' ? `mac=${mac(body, '1')}`
        : forgery === 'missing' ? undefined
        : forgery === 'garbage' ? h.text().slice(0, 200).replace(/[^\x20-\x7e]/g, '')
        : `mac=${mac(body, event.timestamp).slice(0, 63)}`;
    } else if (roll < 9) {
      body = h.brokenBytes();
      signature = `mac=${mac(body, '')}`;
    } else {
      if (replays.length === 0 || h.chance(0.5)) replays.push(new TextEncoder().encode(JSON.stringify(userText(`REPLAY-Z${i}`, `r${i % 20}`))));
      body = h.pick(replays);
      const event = JSON.parse(new TextDecoder().decode(body)) as { timestamp: string };
      signature = `mac=${mac(body, event.timestamp)}`;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(signature !== undefined ? { 'x-zevent-signature': signature } : {}) };
    t.count(await status(fetch(url, { method: 'POST', headers, body })));
  });
  return t.figures;
}

export async function hostileTelegram(full: FullServer, count: number, seed: number): Promise<EntryFigures> {
  const h = new HostileBodies(seed);
  const t = tally('telegram webhook', count);
  const url = `${full.url}/webhooks/telegram`;
  const replays: string[] = [];
  await pool(count, 16, async (i) => {
    const roll = i % 10;
    let body: Uint8Array | string;
    let secret: string | undefined = TELEGRAM_SECRET;
    if (roll < 4) body = JSON.stringify(h.mutate({ update_id: 1_000_000 + i, ...textUpdate(8000 + (i % 50), i, `tin ${i} ${h.text()}`) }));
    else if (roll < 7) {
      body = JSON.stringify({ update_id: 2_000_000 + i, ...textUpdate(8100 + (i % 50), i, `FORGED-${i}`) });
      secret = h.pick([undefined, '', `${TELEGRAM_SECRET}x`, TELEGRAM_SECRET.slice(0, -1), TELEGRAM_SECRET.toUpperCase(), h.text().replace(/[^\x20-\x7e]/g, '').slice(0, 100)]);
    } else if (roll < 9) body = h.brokenBytes();
    else {
      if (replays.length === 0 || h.chance(0.5)) replays.push(JSON.stringify({ update_id: 3_000_000 + i, ...textUpdate(8200 + (i % 20), i, `REPLAY-${i}`) }));
      body = h.pick(replays);
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}) };
    t.count(await status(fetch(url, { method: 'POST', headers, body })));
  });
  return t.figures;
}

/** Frames over a few sockets; a socket the server closes (an oversized frame) is replaced by a new one. */
export async function hostileWebChat(full: FullServer, count: number, seed: number): Promise<EntryFigures> {
  const h = new HostileBodies(seed);
  const t = tally('web chat frames', count);
  const sockets = await Promise.all(Array.from({ length: 8 }, () => full.webSession()));
  for (let i = 0; i < count; i++) {
    const at = i % sockets.length;
    let socket = sockets[at]!;
    if (socket.socket.readyState !== socket.socket.OPEN) {
      t.count('socket closed by server');
      for (const f of socket.frames) t.count(`frame ${f.type ?? '?'}`);
      socket = sockets[at] = await full.webSession();
    }
    const roll = i % 5;
    if (roll === 4) socket.send({ type: 'message', id: `v${i}`, text: `web ${i} ${h.text()}`.slice(0, 1500) });
    else if (roll === 0) socket.send(JSON.stringify(h.mutate({ type: 'message', id: `c${i}`, text: `web ${i} ${h.text()}` })));
    else if (roll === 1) socket.send(new TextDecoder().decode(h.brokenBytes()).slice(0, 8000));
    else if (roll === 2) socket.socket.send(h.brokenBytes().slice(0, 3000), { binary: h.chance(0.5) });
    else socket.send(JSON.stringify(h.value()));
    // Let the frames reach the server (and a close come back) before the next round.
    if (at === sockets.length - 1) await new Promise((r) => setTimeout(r, 3));
  }
  await new Promise((r) => setTimeout(r, 200));
  for (const s of sockets) {
    for (const f of s.frames) t.count(`frame ${f.type ?? '?'}`);
    s.close();
  }
  return t.figures;
}

const STAFF_ROUTES: readonly [string, string][] = [
  ['POST', '/admin/api/login'],
  ['POST', '/admin/api/users'],
  ['PATCH', '/admin/api/users/1'],
  ['POST', '/admin/api/users/999999/password'],
  ['GET', '/admin/api/audit'],
  ['GET', '/admin/api/review/items'],
  ['POST', '/admin/api/review/items/x/example'],
  ['POST', '/admin/api/review/items/..%2F..%2Fetc/ignore'],
  ['GET', '/admin/api/dashboard'],
  ['POST', '/admin/api/content/try'],
  ['POST', '/admin/api/content/publish'],
  ['GET', '/admin/api/content/versions/1/diff'],
  ['GET', '/admin/api/documents/one'],
  ['PUT', '/admin/api/documents'],
  ['POST', '/admin/api/documents'],
  ['DELETE', '/admin/api/documents'],
  ['POST', '/admin/api/spreadsheets/preview'],
  ['GET', '/admin/api/spreadsheets/export'],
  ['GET', '/admin/api/handovers/web%3Ax/history'],
  ['POST', '/admin/api/handovers/web%3Ax/reply'],
  ['POST', '/admin/api/citizens/export'],
  ['POST', '/admin/api/citizens/delete'],
];
const TRAVERSALS = ['../../../etc/passwd', '..%2F..%2Fpackage.json', 'intents/../../package.json', '/etc/passwd', 'data\\..\\..\\x', 'intents/%00.yaml', 'intents/' + 'a'.repeat(5000)];

/** Hostile bodies, queries and headers on the staff API, logged in as an administrator (or not, or with a wrong CSRF token). */
export async function hostileStaffApi(full: FullServer, count: number, seed: number): Promise<EntryFigures> {
  const h = new HostileBodies(seed);
  const t = tally('staff API', count);
  const { cookie, csrf } = await full.login();
  await pool(count, 8, async (i) => {
    const [method, path] = h.pick(STAFF_ROUTES);
    // Publishing trains a model: only as a refused (CSRF) request, or the run would take minutes.
    const auth = path.endsWith('/publish') ? 'bad-csrf' : h.pick(['admin', 'admin', 'admin', 'none', 'bad-csrf'] as const);
    const headers: Record<string, string> = { 'content-type': h.pick(['application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) };
    if (auth !== 'none') headers.cookie = cookie;
    if (auth === 'admin') headers['x-csrf-token'] = csrf;
    if (auth === 'bad-csrf') headers['x-csrf-token'] = csrf.slice(1);
    const query = h.chance(0.5) ? `?path=${encodeURIComponent(h.pick(TRAVERSALS))}&from=${encodeURIComponent(h.text().slice(0, 40).replace(/[\ud800-\udfff]/g, ''))}${h.pick(['', '%ff%c3%28', '%00', '%', '%E0%A4%A'])}&kind=${h.pick(['intent', '__proto__', ''])}` : '';
    const body = method === 'GET' ? undefined : h.chance(0.5) ? h.brokenBytes() : JSON.stringify(h.value());
    t.count(await status(fetch(`${full.url}${path}${query}`, { method, headers, ...(body === undefined ? {} : { body }) })));
  });
  return t.figures;
}

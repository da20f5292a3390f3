import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InlineKeyboardMarkup, Update } from 'telegraf/types';

/** What the bot sent with `sendMessage`, plus the text a citizen sees once Telegram parsed the HTML. */
export interface SentMessage {
  readonly chatId: string;
  readonly text: string;
  readonly parseMode?: string;
  readonly replyMarkup?: InlineKeyboardMarkup;
  readonly visibleText: string;
}

export interface ApiError {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { readonly retry_after?: number };
}

/** An update body without `update_id`, which the fake assigns as Telegram does. */
type NewUpdate = Record<string, unknown>;

// Tags Telegram's HTML parse mode accepts (Bot API "HTML style").
const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);
const TEXT_LIMIT = 4096;

/**
 * A fake Telegram Bot API on 127.0.0.1 speaking the documented HTTP protocol at `/bot<token>/<method>`:
 * JSON in, `{ok:true,result}` / `{ok:false,error_code,description,parameters?}` out, with the error
 * code as HTTP status. getUpdates honours `offset` (confirming older updates), `limit` and `timeout`
 * (held open until an update is queued); sendMessage enforces the HTML parse mode and button rules.
 */
export class FakeTelegramServer {
  readonly sent: SentMessage[] = [];
  readonly answeredCallbackQueries: string[] = [];
  /** Every Bot API method called, in order, failed calls included. */
  readonly calls: string[] = [];
  /** `offset` of every getUpdates request that was answered normally, in order. */
  readonly pollOffsets: number[] = [];
  webhook?: { readonly url: string; readonly secretToken?: string };
  private updates: Update[] = [];
  private nextUpdateId = 100_000;
  /** Answers of getUpdates requests held open, waiting for an update. */
  private held: (() => void)[] = [];
  private readonly failures = new Map<string, ApiError[]>();

  private constructor(
    private readonly server: Server,
    readonly token: string,
  ) {}

  static async start(token: string): Promise<FakeTelegramServer> {
    let fake: FakeTelegramServer | undefined;
    const server = createServer((req, res) => void fake!.route(req, res));
    fake = new FakeTelegramServer(server, token);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queues an update as Telegram would (the next update_id) and wakes a held getUpdates. */
  queueUpdate(update: NewUpdate): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.updates.push(full);
    for (const respond of this.held.splice(0)) respond();
    return full;
  }

  /** The next call of `method` fails with this error (429, 403…). */
  failNext(method: string, error: ApiError): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /** Posts an update to the registered webhook, with the secret header Telegram adds. */
  async pushWebhook(update: NewUpdate): Promise<number> {
    if (!this.webhook) throw new Error('no webhook is set');
    const response = await fetch(this.webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.webhook.secretToken ? { 'x-telegram-bot-api-secret-token': this.webhook.secretToken } : {}),
      },
      body: JSON.stringify({ update_id: this.nextUpdateId++, ...update }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  async close(): Promise<void> {
    for (const respond of this.held.splice(0)) respond();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== this.token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    this.calls.push(method);
    let params: Record<string, unknown>;
    try {
      const body = await readBody(req);
      params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) return send(res, failure.error_code, { ok: false, ...failure });
    const handler = this.methods[method];
    if (!handler) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    handler(params, res, req);
  }

  private readonly methods: Record<string, (params: Record<string, unknown>, res: ServerResponse, req: IncomingMessage) => void> = {
    getMe: (_p, res) =>
      ok(res, { id: Number(this.token.split(':')[0]), is_bot: true, first_name: 'Trợ lý dịch vụ công', username: 'tro_ly_dvc_bot' }),
    setWebhook: (p, res) => {
      if (typeof p.url !== 'string') return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: bad webhook: URL is empty' });
      this.webhook = { url: p.url, ...(typeof p.secret_token === 'string' ? { secretToken: p.secret_token } : {}) };
      ok(res, true);
    },
    deleteWebhook: (_p, res) => {
      this.webhook = undefined;
      ok(res, true);
    },
    getUpdates: (p, res, req) => this.getUpdates(p, res, req),
    answerCallbackQuery: (p, res) => {
      if (typeof p.callback_query_id !== 'string') return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' });
      this.answeredCallbackQueries.push(p.callback_query_id);
      ok(res, true);
    },
    sendMessage: (p, res) => {
      const problem = checkMessage(p);
      if (typeof problem === 'string') return send(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${problem}` });
      this.sent.push(problem);
      ok(res, { message_id: this.sent.length, date: Math.floor(Date.now() / 1000), chat: { id: Number(problem.chatId), type: 'private' }, text: problem.visibleText });
    },
  };

  private getUpdates(p: Record<string, unknown>, res: ServerResponse, req: IncomingMessage): void {
    if (this.webhook) {
      return send(res, 409, { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
    }
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    const limit = typeof p.limit === 'number' ? p.limit : 100;
    const timeout = typeof p.timeout === 'number' ? p.timeout : 0;
    this.pollOffsets.push(offset);
    // Requesting an offset confirms every update before it: Telegram forgets them.
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    const respond = () => {
      clearTimeout(timer);
      this.held = this.held.filter((h) => h !== respond);
      if (!res.writableEnded) ok(res, this.updates.slice(0, limit));
    };
    const timer = setTimeout(respond, timeout * 1000);
    if (this.updates.length > 0 || timeout <= 0) return respond();
    this.held.push(respond);
    req.on('close', () => {
      clearTimeout(timer);
      this.held = this.held.filter((h) => h !== respond);
    });
  }
}

function checkMessage(p: Record<string, unknown>): SentMessage | string {
  if (typeof p.chat_id !== 'string' && typeof p.chat_id !== 'number') return 'chat_id is empty';
  if (typeof p.text !== 'string') return 'message text is empty';
  const parseMode = typeof p.parse_mode === 'string' ? p.parse_mode : undefined;
  const parsed = parseMode === 'HTML' ? parseHtml(p.text) : { text: p.text };
  if ('error' in parsed) return `can't parse entities: ${parsed.error}`;
  const visibleText = parsed.text;
  if (visibleText.trim() === '') return 'message text is empty';
  if (visibleText.length > TEXT_LIMIT) return 'message is too long';
  const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
  for (const row of markup?.inline_keyboard ?? []) {
    for (const button of row) {
      if (!button.text) return 'BUTTON_TEXT_EMPTY';
      const data = 'callback_data' in button ? button.callback_data : undefined;
      if (data === undefined || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64) return 'BUTTON_DATA_INVALID';
    }
  }
  return {
    chatId: String(p.chat_id),
    text: p.text,
    ...(parseMode ? { parseMode } : {}),
    ...(markup ? { replyMarkup: markup } : {}),
    visibleText,
  };
}

/** Telegram's HTML parse mode, strictly: known tags, balanced, and only entity-escaped `<`, `>`, `&`. */
function parseHtml(html: string): { readonly text: string } | { readonly error: string } {
  const open: string[] = [];
  let text = '';
  for (let i = 0; i < html.length; ) {
    const ch = html[i]!;
    if (ch === '<') {
      const tag = /^<(\/?)([a-z-]+)(?:\s[^<>]*)?>/.exec(html.slice(i));
      if (!tag || !ALLOWED_TAGS.has(tag[2]!)) return { error: `unsupported start tag at offset ${i}` };
      if (tag[1]) {
        if (open.pop() !== tag[2]) return { error: `unmatched end tag at offset ${i}` };
      } else open.push(tag[2]!);
      i += tag[0].length;
    } else if (ch === '&') {
      const entity = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i));
      if (!entity) return { error: `unescaped "&" at offset ${i}` };
      const name = entity[1]!.toLowerCase();
      text += name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'amp' ? '&' : name === 'quot' ? '"'
        : String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      i += entity[0].length;
    } else if (ch === '>') {
      return { error: `unescaped ">" at offset ${i}` };
    } else {
      text += ch;
      i += 1;
    }
  }
  return open.length > 0 ? { error: `can't find end tag corresponding to start tag "${open.at(-1)}"` } : { text };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function ok(res: ServerResponse, result: unknown): void {
  send(res, 200, { ok: true, result });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

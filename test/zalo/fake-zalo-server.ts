import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the fake OA API accepted, with the access token it came with. */
export interface SentMessage {
  readonly accessToken: string;
  readonly userId: string;
  readonly text: string;
  readonly buttons: readonly { readonly type: string; readonly title: string; readonly payload: unknown }[];
}

export interface FakeZaloOptions {
  readonly appId: string;
  readonly appSecretKey: string;
  readonly oaSecretKey: string;
  /** The refresh token an administrator obtained; the fake accepts it once. */
  readonly refreshToken: string;
  /** Delay before answering a refresh, so concurrent callers really overlap. */
  readonly refreshDelayMs?: number;
}

/**
 * A local stand-in for Zalo's OA Open API (`/v3.0/oa/message/cs`) and OAuth server
 * (`/v4/oa/access_token`), speaking their documented HTTP protocol: errors as HTTP 200 with
 * `error ≠ 0`, single-use rotating refresh tokens, the `access_token` and `secret_key` headers.
 * It also pushes webhook events signed like Zalo does.
 */
export class FakeZaloServer {
  readonly sent: SentMessage[] = [];
  /** Refresh tokens presented, in order (spent ones included). */
  readonly refreshAttempts: string[] = [];
  /** Ordered trace shared with tests: "refresh:<new refresh token>", "send:<access token>". */
  readonly trace: string[] = [];
  private readonly validAccessTokens = new Set<string>();
  /** Tokens that no longer work, with the code Zalo answers for them. */
  private readonly deadAccessTokens = new Map<string, number>();
  private validRefreshToken: string;
  private issued = 0;
  private injected: number[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly options: FakeZaloOptions) {
    this.validRefreshToken = options.refreshToken;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Issues an access token directly, as if the administrator had pasted one. */
  grantAccessToken(token: string): void {
    this.validAccessTokens.add(token);
  }

  /** Every access token issued so far stops working and answers `code` (-216 invalid, -220 expired). */
  expireAccessTokens(code: -216 | -220 = -216): void {
    for (const t of this.validAccessTokens) this.deadAccessTokens.set(t, code);
    this.validAccessTokens.clear();
  }

  /** The next sends answer these error codes, one each, in order. */
  failNextSends(...codes: number[]): void {
    this.injected.push(...codes);
  }

  get currentRefreshToken(): string {
    return this.validRefreshToken;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (req.method === 'POST' && req.url === '/v3.0/oa/message/cs') return this.sendMessage(req, body, res);
    if (req.method === 'POST' && req.url === '/v4/oa/access_token') return this.refresh(req, body, res);
    res.writeHead(404).end();
  }

  private sendMessage(req: IncomingMessage, body: string, res: ServerResponse): void {
    const token = header(req, 'access_token');
    if (!token || !this.validAccessTokens.has(token)) {
      const code = (token ? this.deadAccessTokens.get(token) : undefined) ?? -216;
      return answer(res, { error: code, message: INJECTED_MESSAGES[code] });
    }
    this.trace.push(`send:${token}`);
    const injected = this.injected.shift();
    if (injected !== undefined) return answer(res, { error: injected, message: INJECTED_MESSAGES[injected] ?? 'Injected error' });
    let request: { recipient?: { user_id?: unknown }; message?: { text?: unknown; attachment?: { payload?: { buttons?: unknown } } } };
    try {
      request = JSON.parse(body);
    } catch {
      return answer(res, { error: -201, message: 'Body is invalid' });
    }
    const userId = request.recipient?.user_id;
    const text = request.message?.text;
    const buttons = request.message?.attachment?.payload?.buttons ?? [];
    if (typeof userId !== 'string' || !/^\d+$/.test(userId)) return answer(res, { error: -201, message: 'user_id is invalid' });
    if (typeof text !== 'string' || text.length === 0 || text.length > 2000) return answer(res, { error: -201, message: 'text is invalid' });
    if (!Array.isArray(buttons) || buttons.length > 5) return answer(res, { error: -201, message: 'buttons are invalid' });
    this.sent.push({ accessToken: token, userId, text, buttons });
    answer(res, { error: 0, message: 'Success', data: { message_id: `m${this.sent.length}`, user_id: userId } });
  }

  private async refresh(req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(body);
    const refreshToken = form.get('refresh_token') ?? '';
    this.refreshAttempts.push(refreshToken);
    if (this.options.refreshDelayMs) await new Promise((r) => setTimeout(r, this.options.refreshDelayMs));
    if (header(req, 'secret_key') !== this.options.appSecretKey || form.get('app_id') !== this.options.appId) {
      return answer(res, { error: -14001, error_name: 'Invalid app', error_description: 'app_id or secret_key is invalid' });
    }
    if (form.get('grant_type') !== 'refresh_token' || refreshToken !== this.validRefreshToken) {
      return answer(res, { error: -14014, error_name: 'Invalid refresh token', error_description: 'Refresh token is invalid or already used' });
    }
    this.issued++;
    const accessToken = `access-${this.issued}`;
    this.validRefreshToken = `refresh-${this.issued}`;
    // A new access token replaces the previous ones.
    this.expireAccessTokens(-220);
    this.validAccessTokens.add(accessToken);
    this.trace.push(`refresh:${this.validRefreshToken}`);
    answer(res, { access_token: accessToken, refresh_token: this.validRefreshToken, expires_in: '90000' });
  }

  /**
   * Pushes an event to a webhook the way Zalo does: the exact bytes sent are signed with
   * `mac = sha256(appId + body + timestamp + oaSecretKey)` (computed here independently of the
   * code under test). `signature: "wrong"` signs with another secret, `"missing"` sends no header.
   */
  async push(
    webhookUrl: string,
    event: object | string,
    options: { signature?: 'valid' | 'wrong' | 'missing'; timestamp?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const body = typeof event === 'string' ? event : JSON.stringify(event);
    const timestamp = options.timestamp ?? String((event as { timestamp?: unknown }).timestamp ?? '');
    const mac = this.mac(body, timestamp, options.signature === 'wrong' ? `${this.options.oaSecretKey}x` : this.options.oaSecretKey);
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.signature !== 'missing') headers['x-zevent-signature'] = `mac=${mac}`;
    return fetch(webhookUrl, { method: 'POST', headers, body });
  }

  /** Zalo's webhook MAC (hex) of a body. */
  mac(body: string, timestamp: string, oaSecretKey = this.options.oaSecretKey): string {
    return createHash('sha256').update(`${this.options.appId}${body}${timestamp}${oaSecretKey}`, 'utf8').digest('hex');
  }
}

const INJECTED_MESSAGES: Record<number, string> = {
  [-32]: 'Your application reached limit call api',
  [-216]: 'Access token is invalid',
  [-220]: 'Access token is expired or removed',
  [-230]: 'User has not interacted with the OA in the past 7 days',
};

function answer(res: ServerResponse, json: object): void {
  // Zalo answers errors with HTTP 200 too.
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { Hono } from 'hono';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Reply } from '../../engine/reply.js';
import { Logger } from '../../logging/logger.js';
import { KeyedQueue } from '../../store/keyed-queue.js';
import { DeliveryError, type ChannelAdapter, type Inbox } from '../channel-adapter.js';
import { BotkitWebAdapter } from './botkit-web-adapter.js';
import type { ChatRuntime, TurnHandler } from './chat-runtime.js';
import { MessageRateLimit } from './message-rate-limit.js';
import { isOriginAllowed } from './origin-policy.js';
import { renderWebFrame } from './render-web-frames.js';
import { isHttpsRequest, SessionCookies } from './session-cookie.js';
import { readWebChatConfig, type WebChatConfig } from './web-chat-config.js';
import { mountWebChatPage } from './web-chat-page.js';
import { CHAT_SOCKET_PATH, MAX_FRAME_BYTES, parseClientFrame, type ServerFrame, type WebChatInput } from './web-chat-protocol.js';
import { DEFAULT_SESSIONS_OPTIONS, WebChatSessions, type FrameSink, type WebChatSessionsOptions } from './web-chat-sessions.js';

export interface WebChatAdapterOptions {
  /** Default: from the environment (WEB_CHAT_SECRET, WEB_CHAT_ALLOWED_ORIGINS). */
  readonly config?: WebChatConfig;
  readonly logger?: Pick<Logger, 'warn' | 'error'>;
  /** The bot framework the turns run on; default botkit (botkit-web-adapter.ts). */
  readonly runtime?: (handleTurn: TurnHandler, onError: (error: unknown) => void) => ChatRuntime;
  readonly sessions?: WebChatSessionsOptions;
  /** Messages a session may send per window (default 10 per 10 s). */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  /** How often dead sockets are found (ping/pong) and idle sessions forgotten (default 30 s). */
  readonly heartbeatMs?: number;
}

const NOT_TAKEN = 'Xin lỗi, Trợ lý chưa nhận được tin nhắn này. Anh/Chị vui lòng gửi lại sau ít phút.';
const TOO_FAST = 'Anh/Chị gửi hơi nhanh. Vui lòng chờ vài giây rồi gửi tiếp.';
const CLOSE_GOING_AWAY = 1001;

/**
 * The web chat (channel "web"): our page at GET /, and a WebSocket at /chat/ws on the one HTTP
 * server. The server decides who is speaking (a signed session cookie, never an id the browser
 * sends), checks the Origin, bounds frames, rewrites each one to text or a choice payload, and
 * runs it as a turn (botkit) that stores it in the inbox. Replies go to every open socket of the
 * session; with none open, the last few are held and sent when the browser reconnects.
 */
export class WebChatAdapter implements ChannelAdapter {
  readonly channel = 'web';
  private readonly config: WebChatConfig;
  private readonly logger: Pick<Logger, 'warn' | 'error'>;
  private readonly cookies: SessionCookies;
  private readonly sessions: WebChatSessions;
  private readonly rateLimit: MessageRateLimit;
  private readonly runtime: ChatRuntime;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  /** Set-Cookie for handshakes that came without a valid session (a new session is given). */
  private readonly handshakeCookies = new WeakMap<IncomingMessage, string>();
  private readonly alive = new WeakSet<WebSocket>();
  /** A session's messages are stored one at a time, in the order they came. */
  private readonly storing = new KeyedQueue();
  private readonly heartbeatMs: number;
  private inbox: Inbox | undefined;
  private server: Server | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(options: WebChatAdapterOptions = {}) {
    this.config = options.config ?? readWebChatConfig();
    this.logger = options.logger ?? new Logger();
    this.cookies = new SessionCookies(this.config.secret);
    this.sessions = new WebChatSessions(options.sessions ?? DEFAULT_SESSIONS_OPTIONS);
    this.rateLimit = new MessageRateLimit(options.rateLimit?.limit ?? 10, options.rateLimit?.windowMs ?? 10_000);
    this.heartbeatMs = options.heartbeatMs ?? 30_000;
    const onError = (error: unknown): void => this.logger.error('web chat turn failed', error);
    this.runtime = (options.runtime ?? ((handle, report) => new BotkitWebAdapter(handle, report)))((input) => this.take(input), onError);
    this.wss.on('headers', (headers, request) => {
      const cookie = this.handshakeCookies.get(request);
      if (cookie) headers.push(`Set-Cookie: ${cookie}`);
    });
  }

  mount(app: Hono): void {
    mountWebChatPage(app, { cookies: this.cookies, allowedOrigins: this.config.allowedOrigins });
  }

  /** Accepts chat sockets on the HTTP server (call once, after it is created). */
  attach(server: Server): void {
    if (this.server) throw new Error('the web chat is already attached to a server');
    this.server = server;
    server.on('upgrade', this.onUpgrade);
    this.heartbeat = setInterval(() => this.checkSockets(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  async start(inbox: Inbox): Promise<void> {
    this.inbox = inbox;
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    this.server?.off('upgrade', this.onUpgrade);
    const closed = [...this.wss.clients].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
    for (const ws of this.wss.clients) ws.close(CLOSE_GOING_AWAY, 'Máy chủ tạm dừng');
    // A browser that does not answer the close handshake is cut after a second.
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.runtime.stop();
  }

  async deliver(conversationId: string, replies: readonly Reply[]): Promise<void> {
    if (replies.length === 0) return;
    if (!this.sessions.has(conversationId)) this.openSession(conversationId);
    try {
      await this.runtime.say(conversationId, replies.map(renderWebFrame));
    } catch (error) {
      throw new DeliveryError(`web chat delivery failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    if (pathOf(request.url) !== CHAT_SOCKET_PATH) {
      // Other upgrade listeners (if any) answer their own paths.
      if (this.server?.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    if (!isOriginAllowed(request.headers.origin, request.headers.host, this.config.allowedOrigins)) {
      this.logger.warn('web chat: socket refused for origin', { origin: request.headers.origin ?? '(none)' });
      refuse(socket, 403, 'Forbidden');
      return;
    }
    const sessionId = this.cookies.read(request.headers.cookie) ?? this.newSessionFor(request);
    this.wss.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws, sessionId));
  };

  /** The page sets the cookie; a handshake without one (a cross-site frame, a lost cookie) starts a new session. */
  private newSessionFor(request: IncomingMessage): string {
    const sessionId = this.cookies.newSessionId();
    const https = isHttpsRequest((request.socket as TLSSocket).encrypted === true, header(request, 'x-forwarded-proto'));
    this.handshakeCookies.set(request, this.cookies.serialize(sessionId, https));
    return sessionId;
  }

  private onConnection(ws: WebSocket, sessionId: string): void {
    // Errors (an oversized frame, a broken connection) close the socket; ws reports them here first.
    ws.on('error', (error) => this.logger.warn('web chat socket closed on error', { error: error.message }));
    const sink: FrameSink = { send: (frame) => ws.readyState === ws.OPEN && ws.send(frame) };
    if (!this.sessions.has(sessionId)) this.openSession(sessionId);
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.on('close', () => this.sessions.close(sessionId, sink));
    ws.on('message', (data, isBinary) => this.onFrame(sessionId, ws, data, isBinary));
    this.sessions.open(sessionId, sink);
  }

  private onFrame(sessionId: string, ws: WebSocket, data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    const frame = parseClientFrame(rawText(data));
    if (!frame) return;
    const clientId = frame.type === 'message' ? frame.id : undefined;
    const answer = (reply: ServerFrame): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
    };
    if (!this.rateLimit.allow(sessionId)) {
      answer({ type: 'failed', ...(clientId ? { id: clientId } : {}), text: TOO_FAST });
      return;
    }
    // Only what the server decided is kept: the session, an id unique within it, the text or payload.
    const input: WebChatInput =
      frame.type === 'hello'
        ? { sessionId, messageId: `${sessionId}:hello`, payload: 'follow' }
        : {
            sessionId,
            messageId: `${sessionId}:${clientId ?? `s-${randomBytes(9).toString('base64url')}`}`,
            ...(clientId ? { clientId } : {}),
            ...('text' in frame ? { text: frame.text } : { payload: frame.payload }),
          };
    try {
      this.runtime.receive(input);
    } catch (error) {
      this.logger.error('web chat: the runtime refused a message', error);
      answer({ type: 'failed', ...(clientId ? { id: clientId } : {}), text: NOT_TAKEN });
    }
  }

  /** The turn: store the message; the reply comes later through `deliver`. */
  private async take(input: WebChatInput): Promise<void> {
    const tell = (frame: ServerFrame): void => this.sessions.sendToOpen(input.sessionId, JSON.stringify(frame));
    try {
      const inbox = this.inbox;
      if (!inbox) throw new Error('the web chat got a message before start()');
      const update = {
        channel: this.channel,
        platformMessageId: input.messageId,
        conversationId: input.sessionId,
        userId: input.sessionId,
        ...(input.text !== undefined ? { text: input.text } : { payload: input.payload ?? 'unsupported' }),
        receivedAt: new Date(),
      };
      await this.storing.run(input.sessionId, () => inbox.accept(update));
      if (input.clientId) tell({ type: 'ack', id: input.clientId });
    } catch (error) {
      this.logger.error('web chat: could not store a message', error);
      tell({ type: 'failed', ...(input.clientId ? { id: input.clientId } : {}), text: NOT_TAKEN });
    }
  }

  private openSession(sessionId: string): void {
    for (const forgotten of this.sessions.add(sessionId)) this.runtime.closeSession(forgotten);
    this.runtime.openSession(sessionId, (frame) => this.sessions.send(sessionId, frame));
  }

  /** Ends sockets that stopped answering pings (a phone that lost its network) and forgets idle sessions. */
  private checkSockets(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.delete(ws)) ws.terminate();
      else ws.ping();
    }
    for (const forgotten of this.sessions.forgetIdle()) this.runtime.closeSession(forgotten);
    this.rateLimit.prune();
  }
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

import { EventEmitter } from 'node:events';
import { WebAdapter } from 'botbuilder-adapter-web';
import { Botkit, type BotkitMessage } from 'botkit';
import type { ChatRuntime, TurnHandler } from './chat-runtime.js';
import type { MessageFrame, WebChatInput } from './web-chat-protocol.js';

/**
 * The web chat's turns run on botkit 4.15 with botbuilder-adapter-web 1.0.10 — the only file that
 * knows them. Both are unmaintained since 2022 and their socket layer is unsafe (it trusts the user
 * id a client claims, keeps one socket per user in a module-wide map, accepts any path, origin and
 * size, and dies on a throwing handler), so the real sockets are ours (web-chat-adapter.ts, `ws`):
 * botkit's adapter gets one stand-in socket per session, fed only frames we checked and tied to the
 * session, and what botkit sends to it goes to every socket of that session.
 */
export class BotkitWebAdapter implements ChatRuntime {
  private readonly webAdapter = new WebAdapter({ noServer: true });
  private readonly controller: Botkit;
  private readonly timers: NodeJS.Timeout[];
  private readonly sockets = new Map<string, SessionSocket>();

  constructor(handleTurn: TurnHandler, onError: (error: unknown) => void) {
    // Botkit runs the adapter's init while constructing: it builds its socket server (noServer: it
    // never listens) and a 30 s heartbeat timer it never clears, kept here so stop() can.
    [this.controller, this.timers] = captureIntervals(
      () => new Botkit({ adapter: this.webAdapter, disable_webserver: true, disable_console: true, storage: NO_STATE }),
    );
    for (const timer of this.timers) timer.unref();
    // A handler that throws inside botkit becomes an unhandled rejection: nothing may escape it.
    this.controller.on('message', async (_bot, message) => {
      try {
        await handleTurn(toInput(message));
      } catch (error) {
        onError(error);
      }
    });
  }

  openSession(sessionId: string, outlet: (frame: string) => void): void {
    if (this.sockets.has(sessionId)) return;
    const socket = new SessionSocket(outlet);
    this.sockets.set(sessionId, socket);
    this.webAdapter.wss.emit('connection', socket);
    // Botkit learns whose a socket is only from a frame; this is the one its own client sends on reconnecting.
    socket.emit('message', JSON.stringify({ type: 'welcome_back', user: sessionId }));
  }

  closeSession(sessionId: string): void {
    const socket = this.sockets.get(sessionId);
    if (!socket) return;
    this.sockets.delete(sessionId);
    socket.emit('close');
    socket.removeAllListeners();
  }

  receive(input: WebChatInput): void {
    const socket = this.sockets.get(input.sessionId);
    if (!socket) throw new Error('receive: the session is not open');
    const { sessionId, ...fields } = input;
    socket.emit('message', JSON.stringify({ type: 'message', user: sessionId, ...fields }));
  }

  async say(sessionId: string, frames: readonly MessageFrame[]): Promise<void> {
    const bot = await this.controller.spawn();
    await bot.changeContext({
      channelId: 'websocket',
      conversation: { id: sessionId, name: 'web', isGroup: false, conversationType: 'personal' },
      user: { id: sessionId, name: 'citizen' },
      bot: { id: 'bot', name: 'bot' },
    });
    // The adapter sends `{type, text, ...channelData}`: the frame itself.
    for (const frame of frames) await bot.say({ text: frame.text, channelData: frame });
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    for (const sessionId of [...this.sockets.keys()]) this.closeSession(sessionId);
    this.webAdapter.wss.close();
  }
}

/** What botkit's web adapter uses of a socket: events in, `send` out, open while the session is. */
class SessionSocket extends EventEmitter {
  readonly readyState = 1;

  constructor(private readonly outlet: (frame: string) => void) {
    super();
  }

  send(frame: string): void {
    this.outlet(frame);
  }
}

/** The engine keeps conversations in its own store; botkit's dialog state stays empty. */
const NO_STATE = {
  read: async () => ({}),
  write: async () => undefined,
  delete: async () => undefined,
};

function toInput(message: BotkitMessage): WebChatInput {
  const field = (name: string): string | undefined => (typeof message[name] === 'string' ? (message[name] as string) : undefined);
  const messageId = field('messageId');
  if (!messageId) throw new Error('a web chat message without messageId reached botkit');
  const clientId = field('clientId');
  const text = field('text');
  const payload = field('payload');
  return {
    sessionId: message.user,
    messageId,
    ...(clientId ? { clientId } : {}),
    ...(text !== undefined ? { text } : {}),
    ...(payload !== undefined ? { payload } : {}),
  };
}

/** Runs `build` and returns the interval timers it started (setInterval is put back at once). */
function captureIntervals<T>(build: () => T): [T, NodeJS.Timeout[]] {
  const original = globalThis.setInterval;
  const timers: NodeJS.Timeout[] = [];
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
    const timer = original(...args);
    timers.push(timer);
    return timer;
  }) as typeof setInterval;
  try {
    return [build(), timers];
  } finally {
    globalThis.setInterval = original;
  }
}

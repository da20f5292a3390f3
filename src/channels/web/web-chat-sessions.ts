/** Where a session's frames go: an open WebSocket, or anything with `send`. */
export interface FrameSink {
  send(frame: string): void;
}

interface Session {
  readonly sockets: Set<FrameSink>;
  /** Frames sent while no socket was open, oldest first, at most `heldPerSession`. */
  held: string[];
  /** When the last socket closed (0 while one is open). */
  idleSince: number;
}

export interface WebChatSessionsOptions {
  /** Frames kept for a session with no open socket; older ones are dropped. */
  readonly heldPerSession: number;
  /** A session with no open socket is forgotten after this long. */
  readonly idleMs: number;
  /** At most this many sessions are remembered; the longest idle are forgotten first. */
  readonly maxSessions: number;
}

export const DEFAULT_SESSIONS_OPTIONS: WebChatSessionsOptions = { heldPerSession: 10, idleMs: 15 * 60_000, maxSessions: 10_000 };

/**
 * The open sockets of each web chat session: a frame for a session goes to every socket it has
 * open (two tabs of one person both get it, nobody else does), or is held in memory until one opens.
 */
export class WebChatSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly options: WebChatSessionsOptions = DEFAULT_SESSIONS_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {}

  has(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  /** Starts remembering a session; the ids of sessions forgotten to stay under `maxSessions`. */
  add(sessionId: string): string[] {
    if (this.sessions.has(sessionId)) return [];
    const forgotten: string[] = [];
    for (const [id, session] of this.sessions) {
      if (this.sessions.size < this.options.maxSessions) break;
      if (session.sockets.size === 0) {
        this.sessions.delete(id);
        forgotten.push(id);
      }
    }
    this.sessions.set(sessionId, { sockets: new Set(), held: [], idleSince: this.now() });
    return forgotten;
  }

  /** Adds an open socket to a known session and hands it the frames held for the session. */
  open(sessionId: string, socket: FrameSink): void {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error('open: unknown session');
    session.sockets.add(socket);
    session.idleSince = 0;
    const held = session.held;
    session.held = [];
    for (const frame of held) socket.send(frame);
  }

  close(sessionId: string, socket: FrameSink): void {
    const session = this.sessions.get(sessionId);
    if (!session?.sockets.delete(socket) || session.sockets.size > 0) return;
    session.idleSince = this.now();
    // Re-inserted so the Map's order stays "longest idle first" for `add`.
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, session);
  }

  /** Sends to every open socket of the session, or holds the frame until one opens. */
  send(sessionId: string, frame: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    if (session.sockets.size === 0) {
      session.held.push(frame);
      if (session.held.length > this.options.heldPerSession) session.held.shift();
      return;
    }
    for (const socket of session.sockets) socket.send(frame);
  }

  /** Sends to every open socket of the session; dropped when none is open (acks and notices). */
  sendToOpen(sessionId: string, frame: string): void {
    for (const socket of this.sessions.get(sessionId)?.sockets ?? []) socket.send(frame);
  }

  /** Forgets sessions idle for longer than `idleMs`; returns their ids. */
  forgetIdle(): string[] {
    const cutoff = this.now() - this.options.idleMs;
    const forgotten: string[] = [];
    for (const [id, session] of this.sessions) {
      if (session.sockets.size === 0 && session.idleSince <= cutoff) {
        this.sessions.delete(id);
        forgotten.push(id);
      }
    }
    return forgotten;
  }
}

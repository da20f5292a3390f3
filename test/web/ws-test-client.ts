import WebSocket from 'ws';

export interface Frame {
  readonly type?: string;
  readonly id?: string;
  readonly text?: string;
  readonly [key: string]: unknown;
}

/** A real `ws` client that records every frame it is sent, for tests that play a browser (or an attacker). */
export class TestClient {
  readonly frames: Frame[] = [];
  /** The Set-Cookie of the 101 response, if any. */
  setCookie: string | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  /** Opens a socket; rejects with the HTTP status when the handshake is refused. */
  static connect(url: string, headers: Record<string, string>): Promise<TestClient> {
    const socket = new WebSocket(url, { headers });
    let setCookie: string | undefined;
    socket.once('upgrade', (response) => (setCookie = response.headers['set-cookie']?.[0]));
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        const client = new TestClient(socket);
        client.setCookie = setCookie;
        resolve(client);
      });
      socket.once('unexpected-response', (_request, response) => reject(new HandshakeRefused(response.statusCode ?? 0)));
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (already received or coming) that matches. */
  async next(match: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

export class HandshakeRefused extends Error {
  constructor(readonly status: number) {
    super(`handshake refused with HTTP ${status}`);
  }
}

/** The status a refused handshake got (fails the test if the socket opened). */
export async function refusedStatus(url: string, headers: Record<string, string>): Promise<number> {
  try {
    const client = await TestClient.connect(url, headers);
    client.close();
  } catch (error) {
    if (error instanceof HandshakeRefused) return error.status;
    throw error;
  }
  throw new Error('the handshake was accepted');
}

export const settle = (ms = 200): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The web chat's own wire protocol (JSON text frames over the WebSocket at CHAT_SOCKET_PATH).
 *
 * Browser → server:
 *   {"type":"hello"}                                    the page opened (first connection of a page view)
 *   {"type":"message","id":"<client id>","text":"…"}    a typed question
 *   {"type":"message","id":"<client id>","payload":"…"} a tapped choice or rating
 * Server → browser:
 *   {"type":"ack","id":"…"}                             the message is stored; the reply will follow
 *   {"type":"failed","id":"…","text":"…"}               the message was not taken; text says why
 *   {"type":"message","text":"…","choices":[…],"rating":{…},"handover":true}
 */
export const CHAT_SOCKET_PATH = '/chat/ws';
/** Largest frame a browser may send; a bigger one closes the socket (1009). */
export const MAX_FRAME_BYTES = 4096;
/** Longer questions are cut: the engine reads the start, and a question is never this long. */
export const MAX_TEXT_CHARS = 1000;

const CLIENT_ID = /^[A-Za-z0-9_-]{1,40}$/;
/** Choice payloads are short printable ASCII (see src/engine/payload.ts). */
const PAYLOAD = /^[\x21-\x7e]{1,64}$/;

/** A browser frame after checking: only what the engine may read is kept. */
export type ClientFrame =
  | { readonly type: 'hello' }
  | { readonly type: 'message'; readonly id?: string; readonly text: string }
  | { readonly type: 'message'; readonly id?: string; readonly payload: string };

/** A message checked and tied to the session the server gave the browser (never one it claims). */
export interface WebChatInput {
  readonly sessionId: string;
  /** Unique per session: the browser's id when valid (so a resend after reconnecting dedupes), else the server's. */
  readonly messageId: string;
  /** The browser's id, echoed in the ack. */
  readonly clientId?: string;
  readonly text?: string;
  readonly payload?: string;
}

export interface ChoiceFrame {
  readonly title: string;
  readonly payload: string;
}

export type ServerFrame =
  | { readonly type: 'ack'; readonly id: string }
  | { readonly type: 'failed'; readonly id?: string; readonly text: string }
  | {
      readonly type: 'message';
      readonly text: string;
      readonly choices?: readonly ChoiceFrame[];
      readonly rating?: { readonly helpful: string; readonly notHelpful: string };
      readonly handover?: true;
      /** An officer's reply, labelled with their name instead of the bot's. */
      readonly officer?: string;
    };

export type MessageFrame = Extract<ServerFrame, { type: 'message' }>;

/** Reads one browser frame; anything malformed, of another type or out of bounds is `undefined`. */
export function parseClientFrame(raw: string): ClientFrame | undefined {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const frame = data as Record<string, unknown>;
  if (frame.type === 'hello') return { type: 'hello' };
  if (frame.type !== 'message') return undefined;
  const id = typeof frame.id === 'string' && CLIENT_ID.test(frame.id) ? { id: frame.id } : {};
  if (typeof frame.text === 'string' && frame.payload === undefined) {
    const text = [...frame.text.trim()].slice(0, MAX_TEXT_CHARS).join(''); // by code point: never half an emoji
    return text ? { type: 'message', ...id, text } : undefined;
  }
  if (typeof frame.payload === 'string' && frame.text === undefined && PAYLOAD.test(frame.payload)) {
    return { type: 'message', ...id, payload: frame.payload };
  }
  return undefined;
}

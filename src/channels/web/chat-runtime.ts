import type { MessageFrame, WebChatInput } from './web-chat-protocol.js';

/**
 * The bot framework under the web chat, behind a seam so it can be replaced (today botkit, see
 * botkit-web-adapter.ts). The web chat adapter owns sockets, sessions and checking; the runtime
 * runs each checked message as a turn, and says frames to a session.
 */
export interface ChatRuntime {
  /** Starts a session; whatever the runtime says to it goes to `outlet` as a JSON frame. */
  openSession(sessionId: string, outlet: (frame: string) => void): void;
  closeSession(sessionId: string): void;
  /** Runs a turn for a checked message of an open session; the turn handler is given at construction. */
  receive(input: WebChatInput): void;
  /** Says frames to an open session, in order. */
  say(sessionId: string, frames: readonly MessageFrame[]): Promise<void>;
  stop(): void;
}

/** What a runtime calls for each message; it must not throw (errors are the handler's to report). */
export type TurnHandler = (input: WebChatInput) => Promise<void>;

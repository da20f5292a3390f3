/** A message from any channel, translated by its adapter into the one type the engine reads. */
export interface IncomingMessage {
  /** Channel name: "console", "telegram", "zalo", "web"… */
  readonly channel: string;
  /** The conversation on that channel (a chat, a Zalo user's thread, a web session). */
  readonly conversationId: string;
  readonly userId: string;
  /** The platform's own id for this message (dedupe key with the channel). */
  readonly platformMessageId: string;
  /** Exactly one of text and payload is set: typed text, or the payload of a tapped choice. */
  readonly text?: string;
  readonly payload?: string;
  readonly receivedAt: Date;
}

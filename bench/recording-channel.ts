import type { Hono } from 'hono';
import type { ChannelAdapter, Inbox } from '../src/channels/channel-adapter.js';
import type { Reply } from '../src/engine/reply.js';

/**
 * A channel for the load benchmark: updates arrive as webhook POSTs (acknowledged once stored) and
 * each delivery is recorded with its time, per conversation.
 */
export class RecordingChannel implements ChannelAdapter {
  readonly channel = 'bench';
  readonly delivered = new Map<string, number[]>();
  private inbox?: Inbox;

  mount(app: Hono): void {
    app.post('/bench/inbound', async (c) => {
      const body = (await c.req.json()) as { id: string; conversation: string; text: string };
      const stored = await this.inbox!.accept({
        channel: this.channel,
        platformMessageId: body.id,
        conversationId: body.conversation,
        userId: body.conversation,
        text: body.text,
        receivedAt: new Date(),
      });
      return c.json({ stored });
    });
  }

  async start(inbox: Inbox): Promise<void> {
    this.inbox = inbox;
  }

  async deliver(conversationId: string, _replies: readonly Reply[]): Promise<void> {
    const times = this.delivered.get(conversationId) ?? [];
    times.push(performance.now());
    this.delivered.set(conversationId, times);
  }
}

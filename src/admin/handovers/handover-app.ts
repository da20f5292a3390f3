import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { ConversationStore } from '../../engine/conversation-store.js';
import { OfficerDesk } from '../../officer/officer-desk.js';
import type { MessageQueue } from '../../server/message-queue.js';
import { MAX_BODY_BYTES } from '../admin-app.js';
import { ADMIN_MESSAGES } from '../admin-messages.js';
import { readJsonBody } from '../json-body.js';
import { requirePermission, requireSession, type AdminEnv } from '../staff-auth.js';
import type { Actor, StaffStore } from '../staff-store.js';
import { HANDOVER_MESSAGES } from './handover-messages.js';

export interface HandoverAppOptions {
  readonly staff: StaffStore;
  readonly store: ConversationStore;
  readonly queue: MessageQueue;
  readonly clock?: () => Date;
}

/** The longest reply an officer may send. */
export const MAX_REPLY_LENGTH = 2000;

const replyBody = z.object({
  text: z.string({ error: HANDOVER_MESSAGES.missingText }).trim().min(1, HANDOVER_MESSAGES.missingText).max(MAX_REPLY_LENGTH, HANDOVER_MESSAGES.textTooLong),
});

/**
 * The citizens waiting for an officer, to be mounted at /admin/api/handovers: the open handovers,
 * a conversation's masked history, replying through the citizen's channel and releasing the
 * conversation back to the bot. Replies and releases are audited.
 */
export function createHandoverApp(options: HandoverAppOptions): Hono<AdminEnv> {
  const { staff } = options;
  const clock = options.clock ?? (() => new Date());
  const desk = new OfficerDesk(options.store, options.queue, clock);
  const app = new Hono<AdminEnv>();
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: ADMIN_MESSAGES.tooLarge }, 413) }));
  app.use('*', requireSession(staff, clock), requirePermission('handover.reply'));

  const notWaiting = (c: Context<AdminEnv>) => c.json({ error: HANDOVER_MESSAGES.notWaiting }, 404);

  app.get('/', async (c) =>
    c.json({
      handovers: (await desk.waiting()).map((h) => ({
        key: h.conversationKey,
        channel: h.channel,
        reason: h.reason,
        openedAt: h.openedAt.toISOString(),
        lastCitizenMessage: h.lastCitizenMessage ?? null,
      })),
    }),
  );

  app.get('/:key/history', async (c) => {
    const key = c.req.param('key');
    if (!(await desk.find(key))) return notWaiting(c);
    return c.json({ lines: (await desk.history(key)).map((l) => ({ seq: l.seq, at: l.at.toISOString(), text: l.text })) });
  });

  app.post('/:key/reply', async (c) => {
    const body = await readJsonBody(c, replyBody);
    if (!body.ok) return body.response;
    const key = c.req.param('key');
    if (!(await desk.reply(key, c.var.user.displayName, body.value.text))) return notWaiting(c);
    const by: Actor = { user: c.var.user.username, at: clock() };
    await staff.recordAudit({ action: 'handover.reply', target: key, before: null, after: { length: body.value.text.length } }, by);
    return c.json({ status: 'sent' });
  });

  app.post('/:key/release', async (c) => {
    const key = c.req.param('key');
    if (!(await desk.release(key, c.var.user.displayName))) return notWaiting(c);
    const by: Actor = { user: c.var.user.username, at: clock() };
    await staff.recordAudit({ action: 'handover.release', target: key, before: { waiting: true }, after: { waiting: false } }, by);
    return c.json({ status: 'released' });
  });

  return app;
}

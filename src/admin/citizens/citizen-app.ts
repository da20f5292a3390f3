import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { CitizenData, type CitizenStores } from '../../privacy/citizen-data.js';
import { MAX_BODY_BYTES } from '../admin-app.js';
import { ADMIN_MESSAGES } from '../admin-messages.js';
import { readJsonBody } from '../json-body.js';
import { requirePermission, requireSession, type AdminEnv } from '../staff-auth.js';

export interface CitizenAppOptions extends CitizenStores {
  readonly clock?: () => Date;
}

/** The user in the body, not the URL, so that no access log or proxy records the id. */
const citizenBody = z.object({
  channel: z.string({ error: 'Thiếu kênh (channel).' }).trim().regex(/^[a-z]{1,20}$/, 'Kênh (channel) không hợp lệ, ví dụ: zalo, telegram, web.'),
  userId: z.string({ error: 'Thiếu mã người dùng (userId).' }).trim().min(1, 'Thiếu mã người dùng (userId).').max(200, 'Mã người dùng quá dài.'),
  confirm: z.boolean().optional(),
});

/**
 * A citizen's stored data for administrators, to be mounted at /admin/api/citizens:
 * POST /export returns it as JSON, POST /delete (with `"confirm": true`) removes it. Both need the
 * `citizen.data` permission and the CSRF header, and are audited.
 */
export function createCitizenApp(options: CitizenAppOptions): Hono<AdminEnv> {
  const clock = options.clock ?? (() => new Date());
  const data = new CitizenData(options);
  const app = new Hono<AdminEnv>();
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: ADMIN_MESSAGES.tooLarge }, 413) }));
  app.use('*', requireSession(options.staff, clock), requirePermission('citizen.data'));

  app.post('/export', async (c) => {
    const body = await readJsonBody(c, citizenBody);
    if (!body.ok) return body.response;
    const { channel, userId } = body.value;
    c.header('Cache-Control', 'no-store');
    return c.json(await data.export({ channel, userId }, { user: c.var.user.username, at: clock() }));
  });

  app.post('/delete', async (c) => {
    const body = await readJsonBody(c, citizenBody);
    if (!body.ok) return body.response;
    const { channel, userId, confirm } = body.value;
    if (confirm !== true) return c.json({ error: 'Xóa dữ liệu không hoàn tác được: gửi "confirm": true để xác nhận.' }, 400);
    return c.json({ deleted: await data.delete({ channel, userId }, { user: c.var.user.username, at: clock() }) });
  });

  return app;
}

import { timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import type { Registry } from 'prom-client';

/**
 * GET /metrics for Prometheus, only with `Authorization: Bearer <METRICS_TOKEN>`. Without a
 * configured token the route does not exist (404); with a wrong or missing one, 401.
 */
export function mountMetrics(app: Hono, registry: Registry, token: string | undefined): void {
  if (!token) return;
  const expected = Buffer.from(`Bearer ${token}`);
  app.get('/metrics', async (c) => {
    const given = Buffer.from(c.req.header('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return c.text('Cần mã truy cập hợp lệ.', 401, { 'www-authenticate': 'Bearer' });
    }
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });
}

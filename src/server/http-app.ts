import { Hono } from 'hono';
import type { ChannelAdapter } from '../channels/channel-adapter.js';
import type { Logger } from '../logging/logger.js';

export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/**
 * The one HTTP app: liveness, readiness (store reachable, content loaded…), and whatever the
 * channel adapters mount (web chat page, webhooks). Errors never leak details to the client.
 */
export function createHttpApp(adapters: readonly ChannelAdapter[], checks: readonly ReadinessCheck[], logger: Logger): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const results = await Promise.all(
      checks.map(async (k) => {
        try {
          await k.check();
          return [k.name, 'ok'] as const;
        } catch (e) {
          return [k.name, e instanceof Error ? e.message : String(e)] as const;
        }
      }),
    );
    const ready = results.every(([, r]) => r === 'ok');
    return c.json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) }, ready ? 200 : 503);
  });
  for (const adapter of adapters) adapter.mount?.(app);
  app.notFound((c) => c.text('Không tìm thấy trang.', 404));
  app.onError((error, c) => {
    logger.error(`http ${c.req.method} ${c.req.path}`, error);
    return c.text('Có lỗi xảy ra, vui lòng thử lại sau.', 500);
  });
  return app;
}

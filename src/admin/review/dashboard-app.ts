import { Hono } from 'hono';
import { firstIssue } from '../account-input.js';
import { requirePermission, requireSession, type AdminEnv } from '../staff-auth.js';
import type { StaffStore } from '../staff-store.js';
import { dayRangeQuery, toTimeRange } from './day-range-query.js';
import type { TurnLog } from './turn-log.js';

export interface DashboardAppOptions {
  readonly staff: StaffStore;
  readonly turnLog: TurnLog;
  readonly clock?: () => Date;
}

/** How many intents and unanswered questions the dashboard lists. */
const TOP_SHOWN = 10;
/** The outcomes whose shares of all messages the dashboard shows. */
const SHARED_OUTCOMES = ['answered', 'clarified', 'fallback', 'handover'] as const;

/**
 * The staff dashboard's figures, to be mounted at /admin/api/dashboard: `GET /?from&to`
 * (Vietnamese calendar days, both included) → messages per day by channel, the shares answered /
 * clarified / fallback / handed over, top intents, top unanswered questions (masked), ratings and
 * the median response time.
 */
export function createDashboardApp(options: DashboardAppOptions): Hono<AdminEnv> {
  const { staff, turnLog } = options;
  const clock = options.clock ?? (() => new Date());
  const app = new Hono<AdminEnv>();
  app.use('*', requireSession(staff, clock), requirePermission('inbox.review'));

  app.get('/', async (c) => {
    const query = dayRangeQuery.safeParse(c.req.query());
    if (!query.success) return c.json({ error: firstIssue(query.error) }, 400);
    const figures = await turnLog.figures(toTimeRange(query.data), TOP_SHOWN);
    const share = (count: number | undefined): number => (figures.messages === 0 ? 0 : Math.round(((count ?? 0) / figures.messages) * 1000) / 1000);
    return c.json({
      from: query.data.from ?? null,
      to: query.data.to ?? null,
      messages: figures.messages,
      perDay: figures.perDay,
      shares: Object.fromEntries(SHARED_OUTCOMES.map((o) => [o, share(figures.outcomes[o])])),
      outcomes: figures.outcomes,
      topIntents: figures.topIntents,
      topUnanswered: figures.topUnanswered,
      ratings: figures.ratings,
      medianLatencyMs: figures.medianLatencyMs === undefined ? null : Math.round(figures.medianLatencyMs * 10) / 10,
    });
  });

  return app;
}

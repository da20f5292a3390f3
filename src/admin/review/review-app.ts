import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { ContentPublisher } from '../../content-versions/content-publisher.js';
import { VersionConflictError } from '../../content-versions/version-conflict-error.js';
import { OUT_OF_SCOPE } from '../../nlu/decision.js';
import { firstIssue } from '../account-input.js';
import { MAX_BODY_BYTES } from '../admin-app.js';
import { ADMIN_MESSAGES } from '../admin-messages.js';
import { readJsonBody } from '../json-body.js';
import { requirePermission, requireSession, type AdminEnv } from '../staff-auth.js';
import type { Actor, AuditAction, StaffStore } from '../staff-store.js';
import { dayRangeQuery, toTimeRange } from './day-range-query.js';
import { REVIEW_REASONS } from './review-reason.js';
import { reviewGroups, type ReviewGroup } from './review-groups.js';
import { REVIEW_MESSAGES } from './review-messages.js';
import { withTrainingExample } from './training-example.js';
import { withUnitExample } from './unit-example.js';
import type { ReviewStatus, TurnLog } from './turn-log.js';

export interface ReviewAppOptions {
  readonly staff: StaffStore;
  readonly turnLog: TurnLog;
  /** Saves the drafts that add reviewed questions as training examples. */
  readonly publisher: ContentPublisher;
  readonly clock?: () => Date;
}

const itemsQuery = dayRangeQuery.and(
  z.object({
    channel: z.string().regex(/^[a-z0-9_-]{1,32}$/, REVIEW_MESSAGES.badChannel).optional(),
    status: z.enum(['new', 'done', 'ignored'], { error: REVIEW_MESSAGES.badStatus }).optional(),
    reason: z.enum(REVIEW_REASONS, { error: REVIEW_MESSAGES.badReason }).optional(),
  }),
);

/** An intent, or an answer unit (`thu_tuc.chung_thuc/le_phi`…): the example goes next to that unit's text. */
const exampleBody = z.union([
  z.object({ unit: z.string().trim().min(3, REVIEW_MESSAGES.missingIntent).max(160, REVIEW_MESSAGES.missingIntent) }),
  z.object({
    intent: z.string({ error: REVIEW_MESSAGES.missingIntent }).trim().min(1, REVIEW_MESSAGES.missingIntent).max(64, REVIEW_MESSAGES.missingIntent),
  }),
]);

/**
 * The review of what citizens asked, to be mounted at /admin/api/review: the questions that
 * ended in a fallback or a "did you mean", were understood with low confidence or rated not
 * helpful, grouped by folded text (masked texts only); a group can become a training example of
 * an intent or of ngoai_pham_vi (as a new draft) or be ignored. Every action is audited.
 */
export function createReviewApp(options: ReviewAppOptions): Hono<AdminEnv> {
  const { staff, turnLog, publisher } = options;
  const clock = options.clock ?? (() => new Date());
  const app = new Hono<AdminEnv>();
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: ADMIN_MESSAGES.tooLarge }, 413) }));
  app.use('*', requireSession(staff, clock), requirePermission('inbox.review'));

  app.get('/items', async (c) => {
    const query = itemsQuery.safeParse(c.req.query());
    if (!query.success) return c.json({ error: firstIssue(query.error) }, 400);
    const { channel, status, reason } = query.data;
    const turns = await turnLog.reviewCandidates(toTimeRange(query.data), channel);
    const groups = reviewGroups(turns, await turnLog.statuses([...new Set(turns.flatMap((t) => t.folded ?? []))]));
    const shown = groups.filter((g) => (!status || g.status === status) && (!reason || g.reasons.includes(reason)));
    return c.json({ items: shown.map(groupJson) });
  });

  /** The group with this key among every question needing review, or the 404 response. */
  async function findGroup(c: Context<AdminEnv>): Promise<ReviewGroup | Response> {
    const key = c.req.param('key') ?? '';
    const turns = (await turnLog.reviewCandidates({})).filter((t) => t.folded === key);
    const group = reviewGroups(turns, await turnLog.statuses([key]))[0];
    return group ?? c.json({ error: REVIEW_MESSAGES.groupNotFound }, 404);
  }

  async function conclude(c: Context<AdminEnv>, group: ReviewGroup, status: ReviewStatus, action: AuditAction, after: Record<string, unknown>) {
    const by: Actor = { user: c.var.user.username, at: clock() };
    await turnLog.setStatus(group.key, status, by);
    await staff.recordAudit({ action, target: group.key, before: { status: group.status }, after: { status, ...after } }, by);
  }

  /** Adds the group's text as an example of `intent` in a new draft on top of the newest version, and marks the group done. */
  async function addExample(c: Context<AdminEnv>, target: { intent: string } | { unit: string }, action: AuditAction): Promise<Response> {
    const group = await findGroup(c);
    if (group instanceof Response) return group;
    const { info: newest, files } = await publisher.newest();
    const intent = 'unit' in target ? target.unit : target.intent;
    const added = 'unit' in target ? withUnitExample(files, target.unit, group.text) : withTrainingExample(files, target.intent, group.text);
    if (added.kind === 'unknown_intent') return c.json({ error: REVIEW_MESSAGES.unknownIntent(intent) }, 400);
    if (added.kind === 'unknown_unit') return c.json({ error: REVIEW_MESSAGES.unknownUnit(intent) }, 400);
    if (added.kind === 'exists') return c.json({ error: REVIEW_MESSAGES.exampleExists(added.owner) }, 409);
    try {
      const draft = await publisher.saveDraft({
        files: added.files,
        author: c.var.user.username,
        note: REVIEW_MESSAGES.exampleNote(intent),
        ...(newest ? { baseVersion: newest.id } : {}),
      });
      await conclude(c, group, 'done', action, { ...target, example: group.text, draft: draft.id });
      return c.json({ status: 'done', draft: { id: draft.id } }, 201);
    } catch (error) {
      if (error instanceof VersionConflictError) return c.json({ error: error.message }, 409);
      throw error;
    }
  }

  app.post('/items/:key/example', requirePermission('draft.edit'), async (c) => {
    const body = await readJsonBody(c, exampleBody);
    if (!body.ok) return body.response;
    return addExample(c, body.value, 'review.example');
  });

  app.post('/items/:key/out-of-scope', requirePermission('draft.edit'), (c) => addExample(c, { intent: OUT_OF_SCOPE }, 'review.out_of_scope'));

  app.post('/items/:key/ignore', async (c) => {
    const group = await findGroup(c);
    if (group instanceof Response) return group;
    await conclude(c, group, 'ignored', 'review.ignore', {});
    return c.json({ status: 'ignored' });
  });

  return app;
}

function groupJson(group: ReviewGroup) {
  return {
    key: group.key,
    text: group.text,
    variants: group.variants,
    count: group.count,
    channels: group.channels,
    firstAt: group.firstAt.toISOString(),
    lastAt: group.lastAt.toISOString(),
    reasons: group.reasons,
    status: group.status,
    suggestedIntents: group.suggestedIntents,
  };
}

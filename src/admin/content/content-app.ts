import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { loadContentFiles } from '../../content/content-bundle.js';
import { ContentError } from '../../content/content-error.js';
import type { ContentPublisher } from '../../content-versions/content-publisher.js';
import type { ContentVersionInfo } from '../../content-versions/content-version.js';
import { VersionConflictError } from '../../content-versions/version-conflict-error.js';
import { DEFAULT_ENGINE_OPTIONS } from '../../engine/engine.js';
import { MAX_BODY_BYTES } from '../admin-app.js';
import { ADMIN_MESSAGES } from '../admin-messages.js';
import { readJsonBody } from '../json-body.js';
import { requirePermission, requireSession, type AdminEnv } from '../staff-auth.js';
import type { Actor, AuditAction, StaffStore } from '../staff-store.js';
import { CONTENT_MESSAGES } from './content-messages.js';
import { DraftTrial } from './draft-trial.js';

export interface ContentAppOptions {
  readonly staff: StaffStore;
  readonly publisher: ContentPublisher;
  readonly clock?: () => Date;
}

const versionNumber = z.number({ error: CONTENT_MESSAGES.badVersion }).int(CONTENT_MESSAGES.badVersion).min(1, CONTENT_MESSAGES.badVersion);
const versionBody = z.object({ version: versionNumber });
const tryBody = z.object({
  text: z.string({ error: CONTENT_MESSAGES.missingText }).trim().min(1, CONTENT_MESSAGES.missingText).max(DEFAULT_ENGINE_OPTIONS.maxTextLength, CONTENT_MESSAGES.textTooLong),
  version: versionNumber.optional(),
});

/**
 * The content versions API, to be mounted at /admin/api/content: the history, a version's changes,
 * the intents of the newest version, trying a question against a draft, publishing and rolling
 * back. The publisher's refusals come back as 422 with every problem (file, line, field, message).
 */
export function createContentApp(options: ContentAppOptions): Hono<AdminEnv> {
  const { staff, publisher } = options;
  const clock = options.clock ?? (() => new Date());
  const trial = new DraftTrial();
  const app = new Hono<AdminEnv>();
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: ADMIN_MESSAGES.tooLarge }, 413) }));
  app.use('*', requireSession(staff, clock), requirePermission('draft.edit'));
  app.onError((error, c) => {
    if (error instanceof ContentError) return c.json({ error: CONTENT_MESSAGES.refused, problems: error.problems }, 422);
    if (error instanceof VersionConflictError) return c.json({ error: error.message }, 409);
    throw error;
  });


  app.get('/history', async (c) => c.json({ versions: (await publisher.history()).map(versionJson) }));

  // ?against=live: what publishing the version would change (the working draft's summary).
  app.get('/versions/:id{[0-9]{1,9}}/diff', async (c) =>
    c.json({ files: await publisher.diff(Number(c.req.param('id')), c.req.query('against') === 'live' ? 'live' : undefined) }),
  );

  app.get('/intents', async (c) => {
    const content = loadContentFiles((await publisher.newest()).files);
    return c.json({ intents: content.intents.map((i) => ({ id: i.id, title: i.title })) });
  });

  app.post('/try', async (c) => {
    const body = await readJsonBody(c, tryBody);
    if (!body.ok) return body.response;
    const version = body.value.version ?? (await publisher.newestVersion())?.id;
    try {
      return c.json({ version: version ?? null, ...(await trial.ask(version, () => publisher.files(version), body.value.text)) });
    } catch (error) {
      if (error instanceof ContentError) return c.json({ error: CONTENT_MESSAGES.brokenDraft, problems: error.problems }, 422);
      throw error;
    }
  });

  /** Publishes (or rolls back to) the body's version and audits it: the new live version, or 422 / 409 with the reasons. */
  const change = (action: AuditAction, act: (version: number, by: string) => Promise<ContentVersionInfo>) => async (c: Context<AdminEnv>) => {
    const body = await readJsonBody(c, versionBody);
    if (!body.ok) return body.response;
    const by: Actor = { user: c.var.user.username, at: clock() };
    const before = await publisher.history();
    const live = await act(body.value.version, by.user);
    const previous = before.find((v) => v.status === 'published')?.id ?? null;
    await staff.recordAudit({ action, target: String(body.value.version), before: { live: previous }, after: { live: live.id } }, by);
    return c.json({ version: versionJson(live) });
  };
  app.post('/publish', requirePermission('content.publish'), change('content.publish', (id, by) => publisher.publish(id, by)));
  app.post('/rollback', requirePermission('content.rollback'), change('content.rollback', (id, by) => publisher.rollback(id, by)));

  return app;
}

/** A version as the history shows it, without its files. */
function versionJson(version: ContentVersionInfo) {
  return {
    id: version.id,
    status: version.status,
    author: version.author,
    createdAt: version.createdAt.toISOString(),
    publishedAt: version.publishedAt?.toISOString() ?? null,
    publishedBy: version.publishedBy ?? null,
    note: version.note ?? null,
    baseVersion: version.baseVersion ?? null,
  };
}

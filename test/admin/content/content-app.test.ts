import { describe, expect, it } from 'vitest';
import { createContentApp } from '../../../src/admin/content/content-app.js';
import { SqlContentVersions } from '../../../src/store/content-version-store.js';
import { edited, publisherFor, SEED, thanksSaying } from '../../content-versions/harness.js';
import { adminHarness } from '../admin-harness.js';

/** The staff app with the content API mounted beside it, and an editor and a publisher logged in. */
async function contentHarness() {
  const h = adminHarness();
  const versions = SqlContentVersions.inMemory();
  const publisher = publisherFor(versions);
  h.app.route('/api/content', createContentApp({ staff: h.staff, publisher, clock: () => h.clock.now }));
  await h.seed('lan', 'editor');
  await h.seed('hung', 'publisher');
  const editor = await h.login('lan');
  const chief = await h.login('hung');
  return { ...h, versions, publisher, editor, chief };
}

describe('content API', () => {
  it('refuses logged-out callers (401), forged CSRF tokens (403) and editors publishing (403)', async () => {
    const h = await contentHarness();
    const draft = await h.publisher.saveDraft({ files: thanksSaying('Xin cảm ơn'), author: 'lan' });
    expect((await h.call('/api/content/history')).status).toBe(401);
    expect((await h.call('/api/content/publish', { method: 'POST', json: { version: draft.id } })).status).toBe(401);
    const forged = await h.call('/api/content/publish', { method: 'POST', cookie: h.chief.cookie, csrf: 'gia-mao', json: { version: draft.id } });
    expect(forged.status).toBe(403);
    const byEditor = await h.call('/api/content/publish', { method: 'POST', cookie: h.editor.cookie, csrf: h.editor.csrf, json: { version: draft.id } });
    expect(byEditor.status).toBe(403);
    const rollbackByEditor = await h.call('/api/content/rollback', { method: 'POST', cookie: h.editor.cookie, csrf: h.editor.csrf, json: { version: draft.id } });
    expect(rollbackByEditor.status).toBe(403);
    expect((await h.versions.get(draft.id))?.status).toBe('draft');
  });

  it('refuses to publish a broken draft with 422 and every problem located by file, line and field', async () => {
    const h = await contentHarness();
    const draft = await h.publisher.saveDraft({ files: edited('intents/thu_tuc.ket_hon.yaml', (s) => s.replace(/^title: .*$/m, 'title: ""')), author: 'lan' });
    const response = await h.call('/api/content/publish', { method: 'POST', cookie: h.chief.cookie, csrf: h.chief.csrf, json: { version: draft.id } });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: expect.stringContaining('chưa thể xuất bản'),
      problems: [{ file: 'intents/thu_tuc.ket_hon.yaml', line: 2, field: 'title', message: 'không được để trống' }],
    });
    expect((await h.versions.get(draft.id))?.status).toBe('draft');
  });

  // Three publications, each retraining and cross-validating the whole bundle: slow on a busy machine.
  it('publishes a draft, lists it in the history with who and when, shows its diff, rolls back, and audits both', async () => {
    const h = await contentHarness();
    const draft = await h.publisher.saveDraft({ files: thanksSaying('Xin cảm ơn'), author: 'lan', note: 'sửa lời cảm ơn' });
    const published = await h.call('/api/content/publish', { method: 'POST', cookie: h.chief.cookie, csrf: h.chief.csrf, json: { version: draft.id } });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ version: { id: draft.id, status: 'published', publishedBy: 'hung' } });

    const history = await h.call('/api/content/history', { cookie: h.editor.cookie });
    expect(await history.json()).toEqual({
      versions: [
        {
          id: draft.id,
          status: 'published',
          author: 'lan',
          createdAt: expect.any(String),
          publishedAt: expect.any(String),
          publishedBy: 'hung',
          note: 'sửa lời cảm ơn',
          baseVersion: null,
        },
      ],
    });
    const diff = (await (await h.call(`/api/content/versions/${draft.id}/diff`, { cookie: h.editor.cookie })).json()) as { files: { path: string; unified: string }[] };
    expect(diff.files.map((f) => f.path)).toEqual(['data/topics/hoi_thoai.cam_on.yaml']);
    expect(diff.files[0]!.unified).toContain('+');
    expect((await h.call('/api/content/versions/99/diff', { cookie: h.editor.cookie })).status).toBe(409);

    const second = await h.publisher.saveDraft({ files: thanksSaying('Cảm ơn lần hai'), author: 'lan', baseVersion: draft.id });
    await h.publisher.publish(second.id, 'hung');
    const rolledBack = await h.call('/api/content/rollback', { method: 'POST', cookie: h.chief.cookie, csrf: h.chief.csrf, json: { version: draft.id } });
    expect(rolledBack.status).toBe(200);
    expect(await rolledBack.json()).toMatchObject({ version: { status: 'published', note: `khôi phục phiên bản ${draft.id}` } });
    expect((await h.staff.auditLog({ limit: 10 })).map((e) => e.action)).toEqual(expect.arrayContaining(['content.publish', 'content.rollback']));
  }, 120_000);

  it('tries a question against the newest draft: ranked intents with scores, aspect, decision and the replies citizens would see', async () => {
    const h = await contentHarness();
    const draft = await h.publisher.saveDraft({ files: thanksSaying('Lời cảm ơn của bản nháp'), author: 'lan' });
    const response = await h.call('/api/content/try', { method: 'POST', cookie: h.editor.cookie, csrf: h.editor.csrf, json: { text: 'cảm ơn nhé' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { version: number; ranked: { intent: string; score: number }[]; aspect: string; decision: { kind: string }; replies: { text: string }[] };
    expect(body.version).toBe(draft.id);
    expect(body.ranked[0]).toEqual({ intent: 'hoi_thoai.cam_on', score: expect.any(Number) });
    expect(body.ranked.map((r) => r.score)).toEqual([...body.ranked.map((r) => r.score)].sort((a, b) => b - a));
    expect(body.decision).toEqual({ kind: 'answer', intent: 'hoi_thoai.cam_on' });
    expect(typeof body.aspect).toBe('string');
    expect(body.replies.map((r) => r.text).join('\n')).toContain('Lời cảm ơn của bản nháp');

    const seedAnswer = await h.call('/api/content/try', { method: 'POST', cookie: h.editor.cookie, csrf: h.editor.csrf, json: { text: 'cảm ơn nhé', version: 99 } });
    expect(seedAnswer.status).toBe(409);
    const empty = await h.call('/api/content/try', { method: 'POST', cookie: h.editor.cookie, csrf: h.editor.csrf, json: { text: '  ' } });
    expect(empty.status).toBe(400);
    expect(SEED['data/topics/hoi_thoai.cam_on.yaml']).not.toContain('Lời cảm ơn của bản nháp');
  });

  it('lists the intents of the newest version for the review screen', async () => {
    const h = await contentHarness();
    const response = await h.call('/api/content/intents', { cookie: h.editor.cookie });
    const { intents } = (await response.json()) as { intents: { id: string; title: string }[] };
    expect(intents).toContainEqual({ id: 'cong_dan.lien_he', title: 'Thông tin liên hệ' });
  });
});

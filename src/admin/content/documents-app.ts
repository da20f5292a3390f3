import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { loadContentFiles, vietnamToday } from '../../content/content-bundle.js';
import { ContentError, type ContentProblem } from '../../content/content-error.js';
import type { ContentFiles } from '../../content/content-files.js';
import type { ContentPublisher } from '../../content-versions/content-publisher.js';
import { VersionConflictError } from '../../content-versions/version-conflict-error.js';
import { checkBase } from '../../content-versions/version-rules.js';
import { ADMIN_MESSAGES } from '../admin-messages.js';
import { readJsonBody } from '../json-body.js';
import { requirePermission, requireSession, type AdminEnv } from '../staff-auth.js';
import type { Actor, AuditAction, StaffStore } from '../staff-store.js';
import { aspectLabels, documentValue, listDocuments, suggestions } from './content-documents.js';
import { DOCUMENT_KINDS, kindNamed, kindOfPath, newDocumentPath, type DocumentKind } from './document-kinds.js';
import { DOCUMENTS_MESSAGES } from './documents-messages.js';
import { changedFacts, stampEditedFacts } from './edited-facts.js';
import { FIELD_LABELS } from './field-labels.js';
import { describeForm, fieldLabelAt, type FormField } from './form-description.js';
import { valueProblems } from './value-problems.js';
import { rewriteYaml } from './yaml-rewrite.js';

export interface DocumentsAppOptions {
  readonly staff: StaffStore;
  readonly publisher: ContentPublisher;
  readonly clock?: () => Date;
}

/** A whole document fits, with room to spare (the largest content file is about 20 KB). */
export const MAX_DOCUMENT_BYTES = 256 * 1024;

const NAME = /^[a-z0-9][a-z0-9_.-]{0,79}$/;
const path = z.string({ error: DOCUMENTS_MESSAGES.badPath }).min(1, DOCUMENTS_MESSAGES.badPath).max(200, DOCUMENTS_MESSAGES.badPath);
const baseVersion = z.union([z.number().int().min(1), z.null()], { error: DOCUMENTS_MESSAGES.badBase });
const note = z.string({ error: DOCUMENTS_MESSAGES.noteTooLong }).trim().max(200, DOCUMENTS_MESSAGES.noteTooLong).optional();
const sourceId = z.string({ error: DOCUMENTS_MESSAGES.badSourceId }).regex(/^[a-z0-9_]{1,80}$/, DOCUMENTS_MESSAGES.badSourceId);
const factSource = z.union([
  z.object({ source: sourceId }),
  z.object({
    newSource: z.object({
      id: sourceId,
      title: z.string({ error: DOCUMENTS_MESSAGES.badSourceTitle }).trim().min(1, DOCUMENTS_MESSAGES.badSourceTitle).max(300, DOCUMENTS_MESSAGES.badSourceTitle),
      url: z.url({ error: DOCUMENTS_MESSAGES.badSourceUrl }).max(500, DOCUMENTS_MESSAGES.badSourceUrl).optional(),
    }),
  }),
], { error: DOCUMENTS_MESSAGES.badFactSource });
const saveBody = z.object({ path, baseVersion, value: z.unknown().refine((v) => v !== undefined, DOCUMENTS_MESSAGES.missingValue), note, factSource: factSource.optional() });
const deleteBody = z.object({ path, baseVersion, note });

/** A refusal the handlers return early: the status and the body. */
class Refusal extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    readonly body: { readonly error: string; readonly problems?: readonly LabelledProblem[]; readonly changedFacts?: readonly string[] },
  ) {
    super(body.error);
  }
}

/** A problem with the Vietnamese name of its field, so staff see which box to fix. */
type LabelledProblem = ContentProblem & { readonly label?: string };

/**
 * The content forms' API, to be mounted at /admin/api/documents: the editable documents of the
 * newest version, one document as data with the form to edit it (derived from the validator's
 * schemas), and saving, creating or deleting a document as a new draft. A change is checked on its
 * own (problems name the exact field) and then with the whole bundle (references across files)
 * before the draft is stored; a draft is never live until published. Every change is audited.
 */
export function createDocumentsApp(options: DocumentsAppOptions): Hono<AdminEnv> {
  const { staff, publisher } = options;
  const clock = options.clock ?? (() => new Date());
  const app = new Hono<AdminEnv>();
  app.use('*', bodyLimit({ maxSize: MAX_DOCUMENT_BYTES, onError: (c) => c.json({ error: ADMIN_MESSAGES.tooLarge }, 413) }));
  app.use('*', requireSession(staff, clock), requirePermission('draft.edit'));
  app.onError((error, c) => {
    if (error instanceof Refusal) return c.json(error.body, error.status);
    if (error instanceof VersionConflictError) return c.json({ error: error.message }, 409);
    throw error;
  });

  /** The newest version (draft or not) and its files: what staff edit. */
  const newest = async (): Promise<{ baseVersion: number | null; files: ContentFiles }> => {
    const { info, files } = await publisher.newest();
    return { baseVersion: info?.id ?? null, files };
  };

  /** The files of the version the change is based on, refused (409) unless it is still the newest. */
  const filesOfBase = async (base: number | null): Promise<ContentFiles> => {
    checkBase(await publisher.newestVersion(), base ?? undefined);
    return publisher.files(base ?? undefined);
  };

  app.get('/', async (c) => {
    const { baseVersion, files } = await newest();
    return c.json({
      baseVersion,
      kinds: DOCUMENT_KINDS.map((k) => ({ kind: k.kind, label: k.label, creatable: 'folder' in k.where })),
      documents: listDocuments(files),
    });
  });

  /** The Vietnamese names of content fields by field name, aspects included: the audit log shows paths in words. */
  app.get('/labels', async (c) => {
    const { files } = await newest();
    const labels = { ...FIELD_LABELS, ...aspectLabels(files) };
    return c.json({ labels: Object.fromEntries(Object.entries(labels).map(([name, l]) => [name, l.label])) });
  });

  app.get('/one', async (c) => {
    const wanted = c.req.query('path') ?? '';
    const { baseVersion, files } = await newest();
    const found = kindOfPath(wanted);
    const text = files[wanted];
    if (!found || text === undefined) throw new Refusal(404, { error: DOCUMENTS_MESSAGES.notFound(wanted) });
    const summary = listDocuments(files).find((d) => d.path === wanted)!;
    return c.json({ ...summary, baseVersion, isNew: false, value: documentValue(text) ?? null, ...formOf(found.kind, files) });
  });

  app.get('/new', async (c) => {
    const kind = kindNamed(c.req.query('kind') ?? '');
    const name = c.req.query('name') ?? '';
    if (!kind || !('folder' in kind.where)) throw new Refusal(400, { error: DOCUMENTS_MESSAGES.badKind });
    if (!NAME.test(name)) throw new Refusal(400, { error: DOCUMENTS_MESSAGES.badName });
    const { baseVersion, files } = await newest();
    const wanted = newDocumentPath(kind, name)!;
    if (files[wanted] !== undefined) throw new Refusal(409, { error: DOCUMENTS_MESSAGES.exists(wanted) });
    return c.json({
      path: wanted,
      kind: kind.kind,
      kindLabel: kind.label,
      id: name,
      title: name,
      baseVersion,
      isNew: true,
      value: kind.start?.(name) ?? {},
      ...formOf(kind, files),
    });
  });

  /** Checks the changed files as a whole, stores them as a draft and audits the change. */
  async function store(c: Context<AdminEnv>, change: Change, refusal: string): Promise<Response> {
    const problems = bundleProblems(change.files);
    if (problems.length > 0) throw new Refusal(422, { error: refusal, problems: labelled(problems, change.files) });
    const by: Actor = { user: c.var.user.username, at: clock() };
    const draft = await publisher.saveDraft({
      files: change.files,
      author: by.user,
      note: change.note,
      ...(change.baseVersion !== null ? { baseVersion: change.baseVersion } : {}),
    });
    await staff.recordAudit(
      {
        action: change.action,
        target: change.path,
        before: change.before === undefined ? null : { version: change.baseVersion, value: change.before },
        after: change.after === undefined ? null : { version: draft.id, value: change.after },
      },
      by,
    );
    return c.json({ draft: { id: draft.id, note: draft.note ?? null }, path: change.path, value: change.after ?? null }, change.action === 'content.create' ? 201 : 200);
  }

  app.put('/', async (c) => {
    const body = await readJsonBody(c, saveBody);
    if (!body.ok) return body.response;
    const { path: target, baseVersion: base, value } = body.value;
    const found = kindOfPath(target);
    if (!found) throw new Refusal(404, { error: DOCUMENTS_MESSAGES.notEditable(target) });
    const files = await filesOfBase(base);
    const old = files[target];
    if (old === undefined) throw new Refusal(404, { error: DOCUMENTS_MESSAGES.notFound(target) });
    const before = documentValue(old) ?? old;
    // An edited fact asks for its source and is verified today (see edited-facts.ts).
    const changed = found.kind.kind === 'procedure' ? changedFacts(before, value) : [];
    let saved: unknown = value;
    let withSource = files;
    if (changed.length > 0) {
      const given = body.value.factSource;
      if (!given) checkValue(found.kind, value, target, files); // the form's own problems first
      if (!given) throw new Refusal(422, { error: DOCUMENTS_MESSAGES.sourceNeeded, problems: [{ file: target, field: 'factSource', message: DOCUMENTS_MESSAGES.sourceNeeded }], changedFacts: changed });
      const id = 'source' in given ? given.source : given.newSource.id;
      const known = suggestions(files).sources.includes(id);
      if ('source' in given && !known) throw new Refusal(422, { error: DOCUMENTS_MESSAGES.unknownSource(id) });
      if ('newSource' in given) {
        if (known) throw new Refusal(422, { error: DOCUMENTS_MESSAGES.sourceExists(id) });
        withSource = withStaffSource(files, given.newSource, vietnamToday(clock()));
      }
      saved = stampEditedFacts(value, changed, id, vietnamToday(clock()));
    }
    checkValue(found.kind, saved, target, files);
    const text = rewriteYaml(old, saved);
    if (text === old) return c.json({ draft: null, path: target });
    return store(c, {
      action: 'content.edit',
      path: target,
      baseVersion: base,
      files: { ...withSource, [target]: text },
      note: body.value.note || DOCUMENTS_MESSAGES.editNote(target),
      before,
      after: saved,
    }, DOCUMENTS_MESSAGES.invalidBundle);
  });

  app.post('/', async (c) => {
    const body = await readJsonBody(c, saveBody);
    if (!body.ok) return body.response;
    const { path: target, baseVersion: base, value } = body.value;
    const found = kindOfPath(target);
    if (!found || !('folder' in found.kind.where) || newDocumentPath(found.kind, found.name) !== target) throw new Refusal(400, { error: DOCUMENTS_MESSAGES.badKind });
    if (!NAME.test(found.name)) throw new Refusal(400, { error: DOCUMENTS_MESSAGES.badName });
    const files = await filesOfBase(base);
    if (files[target] !== undefined) throw new Refusal(409, { error: DOCUMENTS_MESSAGES.exists(target) });
    checkValue(found.kind, value, target, files);
    return store(c, {
      action: 'content.create',
      path: target,
      baseVersion: base,
      files: { ...files, [target]: rewriteYaml('', value) },
      note: body.value.note || DOCUMENTS_MESSAGES.createNote(target),
      after: value,
    }, DOCUMENTS_MESSAGES.invalidBundle);
  });

  app.delete('/', async (c) => {
    const body = await readJsonBody(c, deleteBody);
    if (!body.ok) return body.response;
    const { path: target, baseVersion: base } = body.value;
    const found = kindOfPath(target);
    if (!found) throw new Refusal(404, { error: DOCUMENTS_MESSAGES.notEditable(target) });
    if (!('folder' in found.kind.where)) throw new Refusal(400, { error: DOCUMENTS_MESSAGES.notDeletable(target) });
    const files = await filesOfBase(base);
    const old = files[target];
    if (old === undefined) throw new Refusal(404, { error: DOCUMENTS_MESSAGES.notFound(target) });
    const { [target]: _deleted, ...rest } = files;
    return store(c, {
      action: 'content.delete',
      path: target,
      baseVersion: base,
      files: rest,
      note: body.value.note || DOCUMENTS_MESSAGES.deleteNote(target),
      before: documentValue(old) ?? old,
    }, DOCUMENTS_MESSAGES.stillUsed);
  });

  return app;
}

/** The file of the sources staff add while editing a fact. */
export const STAFF_SOURCES_PATH = 'data/sources/can-bo.yaml';
const STAFF_SOURCES_HEADER = '# Nguồn do cán bộ thêm khi sửa thông tin trong không gian làm việc (checked: ngày thêm).\n';

/** The files with a new source added to the staff's sources file (created when missing). */
function withStaffSource(files: ContentFiles, source: { id: string; title: string; url?: string }, today: string): ContentFiles {
  const old = files[STAFF_SOURCES_PATH];
  const value = (old === undefined ? undefined : (documentValue(old) as { sources?: Record<string, unknown> } | undefined)) ?? { sources: {} };
  const entry = { title: source.title, ...(source.url ? { url: source.url } : {}), checked: today };
  const next = { ...value, sources: { ...(value.sources ?? {}), [source.id]: entry } };
  return { ...files, [STAFF_SOURCES_PATH]: old === undefined ? STAFF_SOURCES_HEADER + rewriteYaml('', next) : rewriteYaml(old, next) };
}

/** A change to store as a draft: the new files and, for the audit log, the document before and after. */
interface Change {
  readonly action: AuditAction;
  readonly path: string;
  readonly baseVersion: number | null;
  readonly files: ContentFiles;
  readonly note: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** The form of a kind with the aspects named as in this version, and the ids its fields may name. */
function formOf(kind: DocumentKind, files: ContentFiles): { form: FormField; suggestions: ReturnType<typeof suggestions> } {
  return { form: describeForm(kind.schema, aspectLabels(files)), suggestions: suggestions(files) };
}

/** Refuses (422) a value that does not fit its file's schema, every problem at its exact field. */
function checkValue(kind: DocumentKind, value: unknown, file: string, files: ContentFiles): void {
  const problems = valueProblems(kind.schema, value, file);
  if (problems.length > 0) throw new Refusal(422, { error: DOCUMENTS_MESSAGES.invalidValue, problems: labelled(problems, files) });
}

/** Every problem of the bundle as the validator finds it (the same check as publishing starts with). */
function bundleProblems(files: ContentFiles): readonly ContentProblem[] {
  try {
    loadContentFiles(files);
    return [];
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
}

function labelled(problems: readonly ContentProblem[], files: ContentFiles): LabelledProblem[] {
  const forms = new Map<string, FormField>();
  const extra = aspectLabels(files);
  return problems.map((p) => {
    const kind = kindOfPath(p.file)?.kind;
    if (!kind || !p.field) return p;
    const form = forms.get(kind.kind) ?? describeForm(kind.schema, extra);
    forms.set(kind.kind, form);
    return { ...p, label: fieldLabelAt(form, p.field) };
  });
}

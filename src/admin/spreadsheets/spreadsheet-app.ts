import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { loadContentFiles } from '../../content/content-bundle.js';
import { ContentError } from '../../content/content-error.js';
import type { ContentFiles } from '../../content/content-files.js';
import type { ContentPublisher } from '../../content-versions/content-publisher.js';
import type { ContentVersionInfo } from '../../content-versions/content-version.js';
import { VersionConflictError } from '../../content-versions/version-conflict-error.js';
import { checkBase } from '../../content-versions/version-rules.js';
import { unitExamplePlaces } from '../review/unit-example.js';
import { requirePermission, requireSession, type AdminEnv } from '../staff-auth.js';
import type { StaffStore } from '../staff-store.js';
import { attachment } from './content-disposition.js';
import { contentCsv, contentWorkbook } from './content-sheets.js';
import { planImport, type ImportPlan, type RowStatus } from './import-plan.js';
import { intentRecords } from './intent-records.js';
import { filesWithPlan } from './planned-files.js';
import { SHEETS } from './sheet-definitions.js';
import { sheetTables } from './sheet-tables.js';
import { isAcceptedUpload, readSpreadsheet, XLSX_TYPE, type SpreadsheetFormat } from './spreadsheet-file.js';
import { SpreadsheetFileError } from './spreadsheet-file-error.js';
import { SPREADSHEET_MESSAGES } from './spreadsheet-messages.js';

export interface SpreadsheetAppOptions {
  readonly staff: StaffStore;
  readonly publisher: ContentPublisher;
  readonly clock?: () => Date;
}

/** Uploads beyond this are refused with 413 (the whole content is about 300 KB as .xlsx). */
export const MAX_UPLOAD_MB = 2;

const exportQuery = z.union([
  z.object({ format: z.literal('xlsx') }),
  z.object({ format: z.literal('csv'), sheet: z.enum([SHEETS.examples.slug, SHEETS.faq.slug]) }),
]);

const applyQuery = z.object({
  baseVersion: z.string().regex(/^\d{1,9}$/).transform(Number),
  applyValidRows: z.enum(['true', 'false']).default('false'),
});

/**
 * The FAQ and the training examples as spreadsheets, to be mounted at /admin/api/spreadsheets:
 * `GET /export?format=xlsx` (both sheets) or `?format=csv&sheet=cau-mau|hoi-dap`, of the newest
 * version; `POST /preview` with the file as the raw request body (any Content-Type a browser
 * gives a .xlsx or .csv file; the bytes decide the format) says row by row what importing would
 * add, change, leave or reject, storing nothing; `POST /apply?baseVersion=N[&applyValidRows=true]`
 * with the same file makes the new draft (audited). A file that cannot be read is a 400 and changes
 * nothing; 409 when the newest version is no longer N; 422 when rows are rejected and the valid
 * ones were not confirmed, or the result does not validate.
 */
export function createSpreadsheetApp(options: SpreadsheetAppOptions): Hono<AdminEnv> {
  const { staff, publisher } = options;
  const clock = options.clock ?? (() => new Date());
  const app = new Hono<AdminEnv>();
  app.use('*', bodyLimit({ maxSize: MAX_UPLOAD_MB * 1024 * 1024, onError: (c) => c.json({ error: SPREADSHEET_MESSAGES.tooLarge(MAX_UPLOAD_MB) }, 413) }));
  app.use('*', requireSession(staff, clock), requirePermission('draft.edit'));
  app.onError((error, c) => {
    if (error instanceof SpreadsheetFileError) return c.json({ error: error.message }, 400);
    if (error instanceof VersionConflictError) return c.json({ error: error.message }, 409);
    if (error instanceof ContentError) return c.json({ error: SPREADSHEET_MESSAGES.refused, problems: error.problems }, 422);
    throw error;
  });

  /** The newest version (a draft included) and its files; version 0 is the repository's content, before any version. */
  const newest = async (): Promise<{ info: ContentVersionInfo | undefined; id: number; files: ContentFiles }> => {
    const { info, files } = await publisher.newest();
    return { info, id: info?.id ?? 0, files };
  };

  app.get('/export', async (c) => {
    const query = exportQuery.safeParse(c.req.query());
    if (!query.success) return c.json({ error: SPREADSHEET_MESSAGES.badExportQuery }, 400);
    const { id, files } = await newest();
    const version = id === 0 ? 'bản gốc' : `phiên bản ${id}`;
    c.header('Cache-Control', 'no-store');
    if (query.data.format === 'xlsx') {
      c.header('Content-Type', XLSX_TYPE);
      c.header('Content-Disposition', attachment(`Câu mẫu và hỏi đáp - ${version}.xlsx`));
      return c.body(contentWorkbook(files).slice().buffer);
    }
    const sheet = query.data.sheet === SHEETS.examples.slug ? SHEETS.examples : SHEETS.faq;
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', attachment(`${sheet.name} - ${version}.csv`));
    return c.body(contentCsv(files, sheet.kind));
  });

  /** The uploaded file's plan against the version's files, or the 415 response. */
  async function planOf(c: Context<AdminEnv>, files: ContentFiles): Promise<{ format: SpreadsheetFormat; plan: ImportPlan; ignored: string[] } | Response> {
    const contentType = c.req.header('content-type');
    if (!isAcceptedUpload(contentType)) return c.json({ error: SPREADSHEET_MESSAGES.unsupportedType }, 415);
    const file = readSpreadsheet(new Uint8Array(await c.req.arrayBuffer()), contentType);
    const { tables, ignored } = sheetTables(file);
    return { format: file.format, plan: planImport(tables, intentRecords(files), unitExamplePlaces(files)), ignored };
  }

  app.post('/preview', async (c) => {
    const base = await newest();
    const read = await planOf(c, base.files);
    if (read instanceof Response) return read;
    return c.json({
      format: read.format,
      baseVersion: base.id,
      ignoredSheets: read.ignored,
      summary: summary(read.plan),
      rows: read.plan.rows,
    });
  });

  app.post('/apply', async (c) => {
    const query = applyQuery.safeParse(c.req.query());
    if (!query.success) return c.json({ error: SPREADSHEET_MESSAGES.badBaseVersion }, 400);
    const { baseVersion } = query.data;
    const base = await newest();
    // The file was previewed against baseVersion: applying it to anything newer would surprise.
    checkBase(base.info, baseVersion === 0 ? undefined : baseVersion);
    const read = await planOf(c, base.files);
    if (read instanceof Response) return read;
    const { plan, format } = read;
    const counts = summary(plan);
    if (counts.rejected > 0 && query.data.applyValidRows !== 'true') {
      return c.json({ error: SPREADSHEET_MESSAGES.rejectedRows(counts.rejected), summary: counts }, 422);
    }
    if (counts.added + counts.changed === 0) return c.json({ error: SPREADSHEET_MESSAGES.nothingToApply, summary: counts }, 422);
    const files = filesWithPlan(base.files, plan);
    loadContentFiles(files);
    const author = c.var.user.username;
    const draft = await publisher.saveDraft({
      files,
      author,
      note: SPREADSHEET_MESSAGES.draftNote(counts.added, plan.fields.size),
      ...(baseVersion === 0 ? {} : { baseVersion }),
    });
    await staff.recordAudit(
      {
        action: 'spreadsheet.import',
        target: String(draft.id),
        before: { version: baseVersion === 0 ? null : baseVersion },
        after: {
          draft: draft.id,
          format,
          examplesAdded: Object.fromEntries(plan.examples),
          ...(plan.unitExamples.size > 0 ? { unitExamplesAdded: Object.fromEntries(plan.unitExamples) } : {}),
          fieldsChanged: Object.fromEntries(plan.fields),
          rejectedRows: counts.rejected,
        },
      },
      { user: author, at: clock() },
    );
    return c.json({ draft: { id: draft.id }, summary: counts }, 201);
  });

  return app;
}

function summary(plan: ImportPlan): Record<RowStatus, number> {
  const counts: Record<RowStatus, number> = { added: 0, changed: 0, unchanged: 0, rejected: 0 };
  for (const row of plan.rows) counts[row.status]++;
  return counts;
}

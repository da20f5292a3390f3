import { parseDocument } from 'yaml';
import { filesIn, type ContentFiles } from '../../content/content-files.js';
import { DOCUMENT_KINDS, kindOfPath } from './document-kinds.js';
import type { Suggestion } from './field-labels.js';
import type { ExtraLabels } from './form-description.js';

/** One editable document of a version, as the workspace lists it. */
export interface DocumentSummary {
  readonly path: string;
  readonly kind: string;
  readonly kindLabel: string;
  readonly id: string;
  readonly title: string;
  /** More words the search finds it by: a procedure's aspect titles ("lệ phí khai sinh"). */
  readonly keywords?: string;
}

/** Parsed files by their text: every request reads the ~130 files of the same version again. */
const parsed = new Map<string, unknown>();
const PARSED_KEPT = 2000;

/** What a file holds, as plain data (undefined when it is not valid YAML); shared, so never to be changed. */
export function documentValue(text: string): unknown {
  if (parsed.has(text)) return parsed.get(text);
  const doc = parseDocument(text);
  const value = doc.errors.length > 0 ? undefined : (doc.toJS() as unknown);
  if (parsed.size >= PARSED_KEPT) parsed.clear();
  parsed.set(text, value);
  return value;
}

const byTitle = new Intl.Collator('vi');

const field = (value: unknown, name: string | undefined): string | undefined => {
  const v = name && value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' && v.trim() ? v : undefined;
};

/**
 * Every file of the version staff can edit here, grouped by kind (in the kinds' order) and sorted by
 * title: its id (the name the rest of the content uses) and its title (a topic takes its intent's
 * title, a sources file the first line of its leading comment).
 */
export function listDocuments(files: ContentFiles): DocumentSummary[] {
  const aspectWords = Object.values(aspectLabels(files)).map((l) => l.label).join(' ');
  const intentTitles = new Map(filesIn(files, 'intents').map(([path, text]) => [kindOfPath(path)?.name, field(documentValue(text), 'title')]));
  const documents = Object.entries(files).flatMap(([path, text]) => {
    const found = kindOfPath(path);
    if (!found) return [];
    const { kind, name } = found;
    const value = documentValue(text);
    const id = field(value, kind.nameField) ?? name;
    const title =
      field(value, kind.titleField) ??
      (kind.kind === 'topic' ? intentTitles.get(name) : undefined) ??
      (kind.kind === 'sources' ? /^#\s*(.+)$/m.exec(text.split('\n')[0] ?? '')?.[1]?.trim() : undefined) ??
      ('file' in kind.where ? kind.label : name);
    return [{ path, kind: kind.kind, kindLabel: kind.label, id, title, ...(kind.kind === 'procedure' ? { keywords: aspectWords } : {}) }];
  });
  const order = (kind: string) => DOCUMENT_KINDS.findIndex((k) => k.kind === kind);
  return documents.sort((a, b) => order(a.kind) - order(b.kind) || byTitle.compare(a.title, b.title));
}

/** The ids the form suggests for fields naming other content: intents, procedures, topics, sources. */
export function suggestions(files: ContentFiles): Record<Suggestion, string[]> {
  const names = (folder: string) => filesIn(files, folder).map(([path]) => kindOfPath(path)?.name ?? path).sort();
  const sourceIds = filesIn(files, 'data/sources').flatMap(([, text]) => {
    const sources = (documentValue(text) as { sources?: unknown } | undefined)?.sources;
    return sources && typeof sources === 'object' ? Object.keys(sources) : [];
  });
  return { intents: names('intents'), procedures: names('data/procedures'), topics: names('data/topics'), sources: sourceIds.sort() };
}

/** The procedure aspects named as data/aspects.yaml titles them ("le_phi" → "Lệ phí"). */
export function aspectLabels(files: ContentFiles): ExtraLabels {
  const aspects = (documentValue(files['data/aspects.yaml'] ?? '') as { aspects?: Record<string, { title?: unknown }> } | undefined)?.aspects ?? {};
  return Object.fromEntries(
    Object.entries(aspects).flatMap(([key, rule]) => (typeof rule?.title === 'string' ? [[key, { label: rule.title }]] : [])),
  );
}

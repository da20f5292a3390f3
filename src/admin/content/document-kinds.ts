import type { z } from 'zod';
import { intentFileSchema } from '../../content/intent-schema.js';
import { followUpsFileSchema } from '../../content/follow-ups-schema.js';
import { localitySchema } from '../../content/locality-schema.js';
import { messagesFileSchema } from '../../content/messages-schema.js';
import { abbreviationsFileSchema, aspectsFileSchema, nluConfigSchema, requiredIntentsSchema } from '../../content/nlu-data-schema.js';
import { procedureFileSchema } from '../../content/procedure-schema.js';
import { sourcesFileSchema } from '../../content/sources-schema.js';
import { topicFileSchema } from '../../content/topic-schema.js';

/**
 * A kind of content file staff edit in the workspace: where its files are, the schema the
 * validator checks them with, and what it is called. Folder kinds (intents, procedures, topics,
 * sources) can be created and deleted; the single data files only edited.
 */
export interface DocumentKind {
  readonly kind: string;
  /** The kind's name in the workspace (Vietnamese). */
  readonly label: string;
  readonly schema: z.ZodType;
  readonly where: { readonly folder: string } | { readonly file: string };
  /** The field naming a document, equal to its file name (procedures' id, topics' intent…). */
  readonly nameField?: string;
  /** The first values of a new document called `name`, beyond the blank form. */
  readonly start?: (name: string) => Record<string, unknown>;
  /** The field holding a document's title, when it has one. */
  readonly titleField?: string;
}

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  {
    kind: 'procedure',
    label: 'Thủ tục',
    schema: procedureFileSchema,
    where: { folder: 'data/procedures' },
    nameField: 'id',
    start: (name) => ({ id: name, intent: `thu_tuc.${name}` }),
    titleField: 'title',
  },
  { kind: 'topic', label: 'Chủ đề', schema: topicFileSchema, where: { folder: 'data/topics' }, nameField: 'intent', start: (name) => ({ intent: name }) },
  { kind: 'intent', label: 'Ý định', schema: intentFileSchema, where: { folder: 'intents' }, nameField: 'id', start: (name) => ({ id: name }), titleField: 'title' },
  { kind: 'sources', label: 'Nguồn', schema: sourcesFileSchema, where: { folder: 'data/sources' }, start: () => ({ sources: {} }) },
  { kind: 'locality', label: 'Địa phương', schema: localitySchema, where: { file: 'data/locality.yaml' } },
  { kind: 'messages', label: 'Câu nói của Trợ lý', schema: messagesFileSchema, where: { file: 'data/messages.yaml' } },
  { kind: 'aspects', label: 'Khía cạnh câu hỏi', schema: aspectsFileSchema, where: { file: 'data/aspects.yaml' } },
  { kind: 'abbreviations', label: 'Chữ viết tắt', schema: abbreviationsFileSchema, where: { file: 'data/abbreviations.yaml' } },
  { kind: 'nlu', label: 'Ngưỡng hiểu câu hỏi', schema: nluConfigSchema, where: { file: 'data/nlu.yaml' } },
  { kind: 'follow-ups', label: 'Câu hỏi tiếp theo ngữ cảnh', schema: followUpsFileSchema, where: { file: 'data/follow-ups.yaml' } },
  { kind: 'required-intents', label: 'Ý định bắt buộc', schema: requiredIntentsSchema, where: { file: 'data/required-intents.yaml' } },
];

const YAML_FILE = /^([a-z0-9_.-]+)\.ya?ml$/;

/** The kind of the file at `path` and the file's name without folder and extension; undefined when staff cannot edit it here. */
export function kindOfPath(path: string): { readonly kind: DocumentKind; readonly name: string } | undefined {
  for (const kind of DOCUMENT_KINDS) {
    if ('file' in kind.where) {
      if (path === kind.where.file) return { kind, name: YAML_FILE.exec(path.slice(path.lastIndexOf('/') + 1))?.[1] ?? path };
      continue;
    }
    const prefix = `${kind.where.folder}/`;
    const name = path.startsWith(prefix) ? YAML_FILE.exec(path.slice(prefix.length))?.[1] : undefined;
    if (name !== undefined) return { kind, name };
  }
  return undefined;
}

export const kindNamed = (kind: string): DocumentKind | undefined => DOCUMENT_KINDS.find((k) => k.kind === kind);

/** Where a new document called `name` of a folder kind goes. */
export const newDocumentPath = (kind: DocumentKind, name: string): string | undefined =>
  'folder' in kind.where ? `${kind.where.folder}/${name}.yaml` : undefined;

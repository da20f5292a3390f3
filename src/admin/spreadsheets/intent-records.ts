import { basename } from 'node:path';
import { parseDocument } from 'yaml';
import { filesIn, type ContentFiles } from '../../content/content-files.js';

/** How an intent answers, as far as the sheets are concerned: a short text they can edit, or data they cannot. */
export type IntentAnswer = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'procedure' | 'topic' | 'other' };

/** What the sheets show of one intent file. */
export interface IntentRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly answer: IntentAnswer;
  readonly examples: readonly string[];
}

/**
 * The intents of a version as the sheets show them, by id (the file's name), sorted by id. Read
 * leniently: a draft may be invalid, and exporting it is how staff can see what is there; a
 * field that is missing or not text reads as empty.
 */
export function intentRecords(files: ContentFiles): Map<string, IntentRecord> {
  const records = new Map<string, IntentRecord>();
  for (const [path, source] of filesIn(files, 'intents')) {
    // Edits go to intents/<id>.yaml, as the review's do.
    if (!path.endsWith('.yaml')) continue;
    const value: unknown = parseDocument(source).toJS();
    const fields = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    const id = basename(path, '.yaml');
    records.set(id, {
      id,
      title: text(fields.title),
      description: text(fields.description),
      answer: answerOf(fields.answer),
      examples: Array.isArray(fields.examples) ? fields.examples.filter((e): e is string => typeof e === 'string') : [],
    });
  }
  return records;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function answerOf(value: unknown): IntentAnswer {
  const answer = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (typeof answer.text === 'string') return { kind: 'text', text: answer.text };
  if ('procedure' in answer) return { kind: 'procedure' };
  if ('topic' in answer) return { kind: 'topic' };
  return { kind: 'other' };
}

import { isNode, isSeq, parseDocument } from 'yaml';
import type { ContentFiles } from '../../content/content-files.js';
import { filesIn } from '../../content/content-files.js';
import { exampleKey } from '../../content/example-key.js';

export type ExampleAdded =
  | { readonly kind: 'added'; readonly files: ContentFiles }
  | { readonly kind: 'unknown_intent' }
  /** The example is already there (under this intent or, `owner`, another one). */
  | { readonly kind: 'exists'; readonly owner: string };

/**
 * The files with `text` appended to the training examples of `intent` (intents/<intent>.yaml).
 * The line is added after the last example so the rest of the file stays as staff wrote it.
 */
export function withTrainingExample(files: ContentFiles, intent: string, text: string): ExampleAdded {
  const path = `intents/${intent}.yaml`;
  if (files[path] === undefined) return { kind: 'unknown_intent' };
  const owner = exampleOwner(files, text);
  if (owner) return { kind: 'exists', owner };
  return { kind: 'added', files: withExamplesAppended(files, intent, [text]) };
}

/**
 * The files with `texts` appended, in order, after the last training example of `intent`, the rest
 * of intents/<intent>.yaml left as staff wrote it. The caller has checked that the intent exists
 * and that no text belongs to another intent (`withTrainingExample` does both for one text).
 */
export function withExamplesAppended(files: ContentFiles, intent: string, texts: readonly string[]): ContentFiles {
  const path = `intents/${intent}.yaml`;
  const source = files[path];
  if (source === undefined) throw new Error(`no intent file ${path}`);
  return { ...files, [path]: appendExamples(source, texts) };
}

/** The intent that already has this example (compared as the validator does: folded, spaces collapsed). */
function exampleOwner(files: ContentFiles, text: string): string | undefined {
  const key = exampleKey(text);
  for (const [, source] of filesIn(files, 'intents')) {
    const value = parseDocument(source).toJS() as { id?: unknown; examples?: unknown } | null;
    const examples = Array.isArray(value?.examples) ? value.examples : [];
    if (examples.some((e) => typeof e === 'string' && exampleKey(e) === key)) return String(value?.id);
  }
  return undefined;
}

/** `source` with `texts` appended to the list at `path` (an answer unit's `examples`, or an intent's). */
export function appendExamples(source: string, texts: readonly string[], path: readonly (string | number)[] = ['examples']): string {
  const doc = parseDocument(source);
  const examples = doc.getIn(path, true);
  const last = isSeq(examples) && !examples.flow ? examples.items.at(-1) : undefined;
  const range = isNode(last) ? last.range : undefined;
  if (!range) {
    // No block list to extend: let the YAML library write the list.
    if (isSeq(examples)) for (const text of texts) doc.addIn(path, text);
    else doc.setIn(path, doc.createNode([...texts]));
    return doc.toString();
  }
  const lineStart = source.lastIndexOf('\n', range[0] - 1) + 1;
  const indent = source.slice(lineStart, range[0]).replace(/-\s*$/, '');
  const lineEnd = source.indexOf('\n', Math.max(range[0], range[1] - 1));
  const at = lineEnd === -1 ? source.length : lineEnd;
  // A JSON string is a valid YAML double-quoted scalar.
  const lines = texts.map((text) => `\n${indent}- ${JSON.stringify(text)}`).join('');
  return `${source.slice(0, at)}${lines}${source.slice(at)}`;
}

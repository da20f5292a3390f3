import { isScalar, parseDocument, Scalar } from 'yaml';

/**
 * The YAML text with the string at `path` (["title"], ["answer", "text"]…) set to `value`. Only
 * that value's text is replaced, so the rest of the file — comments, quoting, line breaks — stays
 * as staff wrote it: a block scalar (">-", "|-") stays a block, a one-line value becomes a
 * double-quoted string (a JSON string is valid YAML). A missing key is added by the YAML library.
 */
export function withScalar(source: string, path: readonly string[], value: string): string {
  const doc = parseDocument(source);
  const node = doc.getIn(path, true);
  if (!isScalar(node) || !node.range) {
    doc.setIn(path, value);
    return doc.toString();
  }
  const [start, end] = node.range;
  const old = source.slice(start, end);
  return `${source.slice(0, start)}${rendered(node, old, value)}${source.slice(end)}`;
}

function rendered(node: Scalar, old: string, value: string): string {
  const block = node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL;
  if (!block) return JSON.stringify(value);
  // A block's text runs to the end of its last line, and may take the blank lines after it.
  const tail = old.slice(old.trimEnd().length);
  const indent = /\n([ ]+)\S/.exec(old)?.[1];
  const literal = node.type === Scalar.BLOCK_LITERAL;
  if (!indent || (!literal && value.includes('\n'))) return `${JSON.stringify(value)}${tail}`;
  const lines = value.split('\n').map((line) => (line ? `${indent}${line}` : ''));
  // "-": no line break is added at the end of the value.
  return `${literal ? '|' : '>'}-\n${lines.join('\n')}${tail}`;
}

import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isNode, isScalar, isSeq, parseDocument, type Node, type Pair, type ToStringOptions, type YAMLMap, type YAMLSeq } from 'yaml';

/** How new YAML text is written: the style of the content files (two-space indents, flow lists without padding). */
const STYLE: ToStringOptions = { indent: 2, indentSeq: true, minContentWidth: 40, flowCollectionPadding: false };
/** Long text of a new file, or replacing text that was folded over several lines, is folded at this width. */
const FOLD_WIDTH = 120;

interface Edit {
  /** Order of creation: of two edits at one position, the later one (an outer insertion) comes first in the text. */
  readonly order: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Where a node sits: the document itself, a map value (after "key:"), or a sequence item (after "- "). */
type Place = { readonly kind: 'root' } | { readonly kind: 'pair'; readonly pair: Pair<unknown, unknown> } | { readonly kind: 'item' };

type Plain = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The YAML text `source` rewritten to hold `value`, touching only what changed: every unchanged
 * key, item, comment, quoting and line break stays exactly as staff wrote it. A changed scalar keeps
 * its style (quoted, folded…); added keys and items are written after their siblings in the files'
 * style. Text that is not valid YAML (or empty: a new file) is written anew, keeping its leading comment block.
 */
export function rewriteYaml(source: string, value: unknown): string {
  const doc = parseDocument(source);
  if (doc.errors.length > 0 || !isNode(doc.contents)) return leadingComments(source) + render(value, undefined, FOLD_WIDTH);
  const edits: Edit[] = [];
  new Rewriter(source, edits).visit(doc.contents, doc.toJS() as unknown, value, { kind: 'root' });
  let out = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.order - a.order)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

class Rewriter {
  constructor(
    private readonly source: string,
    private readonly edits: Edit[],
  ) {}

  visit(node: Node, before: unknown, after: unknown, place: Place): void {
    if (isDeepStrictEqual(before, after)) return;
    if (isMap(node) && !node.flow && isPlainObject(before) && isPlainObject(after) && Object.keys(after).length > 0 && this.keepsFirstLine(node, after)) {
      return this.map(node.items, before, after);
    }
    if (isSeq(node) && !node.flow && Array.isArray(before) && Array.isArray(after) && after.length > 0) return this.seq(node.items as Node[], before, after);
    this.replace(node, after, place);
  }

  /** False when the map starts on a sequence item's line ("- id: …") and its first key goes: then it is written anew. */
  private keepsFirstLine(map: YAMLMap<unknown, unknown>, after: Plain): boolean {
    const first = map.items[0]?.key;
    if (!isScalar(first)) return false;
    const before = this.source.slice(this.lineStart(first.range![0]), first.range![0]);
    return !/-\s*$/.test(before) || String(first.value) in after;
  }

  /** Keys kept are visited, keys gone are deleted with their lines, new keys are added after the last one. */
  private map(pairs: Pair<unknown, unknown>[], before: Plain, after: Plain): void {
    for (const pair of pairs) {
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name === undefined || !(name in before)) continue;
      if (!(name in after) || after[name] === undefined) this.push(this.lineStart(key.range![0]), this.lineEnd(pair.value, key), '');
      else if (isNode(pair.value)) this.visit(pair.value, before[name], after[name], { kind: 'pair', pair });
      else this.replaceAfterKey(pair, after[name]);
    }
    const added = Object.keys(after).filter((k) => !(k in before) && after[k] !== undefined);
    if (added.length === 0) return;
    const first = pairs[0]!.key as Node;
    const last = pairs.at(-1)!;
    const indent = ' '.repeat(this.column(first.range![0]));
    this.insert(this.lineEnd(last.value, last.key as Node), added.map((k) => indentLines(render({ [k]: after[k] }), indent)).join(''));
  }

  /**
   * Items are aligned with the longest run of unchanged ones; between two unchanged items, the
   * changed ones are rewritten in place, the extra old ones deleted and the extra new ones inserted.
   */
  private seq(nodes: Node[], before: unknown[], after: unknown[]): void {
    const dash = this.dashOf(nodes[0]!);
    const indent = ' '.repeat(this.column(dash));
    let i = 0;
    let j = 0;
    for (const [mi, mj] of [...unchangedItems(before, after), [before.length, after.length] as const]) {
      const shared = Math.min(mi - i, mj - j);
      for (let k = 0; k < shared; k++) this.visit(nodes[i + k]!, before[i + k], after[j + k], { kind: 'item' });
      for (let k = i + shared; k < mi; k++) this.push(this.lineStart(this.dashOf(nodes[k]!)), this.lineEnd(nodes[k], nodes[k]!), '');
      if (mj - j > shared) {
        const text = after.slice(j + shared, mj).map((v) => indentLines(render([v]), indent)).join('');
        // After the item before (so a comment above the next item stays with it), or before the first item.
        const previous = nodes[mi - 1];
        this.insert(previous ? this.lineEnd(previous, previous) : this.lineStart(dash), text);
      }
      i = mi + 1;
      j = mj + 1;
    }
  }

  /** The node's text replaced with the new value, written as a value in its place, in the old node's style. */
  private replace(node: Node, after: unknown, place: Place): void {
    if (place.kind === 'pair') return this.replaceAfterKey(place.pair, after, node);
    const [start, end] = node.range!;
    const old = this.source.slice(start, end);
    const rendered = place.kind === 'root' ? render(after, node, FOLD_WIDTH) : renderItem(after, node, this.column(start), foldLike(old));
    this.push(start, end, withTail(rendered, old));
  }

  /** Everything after "key" up to the end of its value, replaced with ": <new value>". */
  private replaceAfterKey(pair: Pair<unknown, unknown>, after: unknown, old?: Node): void {
    const key = pair.key as Node;
    const start = key.range![1];
    const end = old?.range?.[1] ?? this.source.indexOf(':', start) + 1;
    const replaced = this.source.slice(start, end);
    const rendered = renderAfterKey(after, old, ' '.repeat(this.column(key.range![0])), foldLike(replaced));
    this.push(start, end, withTail(rendered, replaced));
  }

  private insert(at: number, text: string): void {
    this.push(at, at, at > 0 && this.source[at - 1] !== '\n' ? `\n${text.replace(/\n$/, '')}` : text);
  }

  private push(start: number, end: number, text: string): void {
    this.edits.push({ order: this.edits.length, start, end, text });
  }

  /** The position of the "-" before a sequence item (or the node itself when there is none on its line). */
  private dashOf(node: Node): number {
    const at = node.range![0];
    const dash = this.source.lastIndexOf('-', at - 1);
    return dash >= this.lineStart(at) ? dash : at;
  }

  /** Just after the line holding the end of `node`'s value (or of `fallback` when it has none). */
  private lineEnd(node: unknown, fallback: Node): number {
    const end = isNode(node) && node.range ? node.range[1] : fallback.range![1];
    if (end > 0 && this.source[end - 1] === '\n') return end;
    const newline = this.source.indexOf('\n', end);
    return newline === -1 ? this.source.length : newline + 1;
  }

  private lineStart(at: number): number {
    return this.source.lastIndexOf('\n', at - 1) + 1;
  }

  private column(at: number): number {
    return at - this.lineStart(at);
  }
}

/** Index pairs of the items left unchanged (a longest common subsequence), in order. */
function unchangedItems(before: readonly unknown[], after: readonly unknown[]): [number, number][] {
  const n = before.length;
  const m = after.length;
  const longest = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      longest[i]![j] = isDeepStrictEqual(before[i], after[j]) ? longest[i + 1]![j + 1]! + 1 : Math.max(longest[i + 1]![j]!, longest[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (isDeepStrictEqual(before[i], after[j])) pairs.push([i++, j++]);
    else if (longest[i + 1]![j]! >= longest[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** Text that was folded over several lines is folded again; a one-line value stays on one line. */
const foldLike = (replaced: string): number => (/\S\n\s*\S/.test(replaced.trim()) ? FOLD_WIDTH : 0);

/** A value as a YAML document in the files' style; `like` lends its style (quoting, folding, flow) to the new node. */
function render(value: unknown, like?: Node, lineWidth = 0): string {
  const doc = new Document();
  doc.contents = styled(doc.createNode(value), like);
  return doc.toString({ ...STYLE, lineWidth });
}

/** The text after "key" for a map value: ": value" or ":\n  nested…", following lines indented by `indent`. */
function renderAfterKey(value: unknown, like: Node | undefined, indent: string, lineWidth: number): string {
  const doc = new Document();
  const map = doc.createNode({ k: null }) as YAMLMap<unknown, unknown>;
  map.items[0]!.value = styled(doc.createNode(value), like);
  doc.contents = map;
  return reindentTail(doc.toString({ ...STYLE, lineWidth }).slice(1), indent);
}

/** The text of a sequence item after its "- ", following lines lined up with its first one (at `column`). */
function renderItem(value: unknown, like: Node, column: number, lineWidth: number): string {
  const doc = new Document();
  const seq = doc.createNode([null]) as YAMLSeq<unknown>;
  seq.items[0] = styled(doc.createNode(value), like);
  doc.contents = seq;
  const text = doc.toString({ ...STYLE, lineWidth }).slice(2);
  return reindentTail(text.replace(/\n {2}/g, '\n'), ' '.repeat(column));
}

function styled(node: Node, like: Node | undefined): Node {
  if (isScalar(node) && isScalar(like) && typeof node.value === 'string' && typeof like.value === 'string' && like.type) node.type = like.type;
  if (isSeq(node) && isSeq(like) && like.flow && node.items.every(isScalar)) node.flow = true;
  return node;
}

/** Every line but the first prefixed with `indent` (the first continues a line already indented). */
function reindentTail(text: string, indent: string): string {
  const [first, ...rest] = text.replace(/\n$/, '').split('\n');
  return [first, ...rest.map((line) => (line ? indent + line : line))].join('\n');
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
}

/** The replacement followed by the line breaks the replaced text ended with (block values end with one). */
function withTail(rendered: string, replaced: string): string {
  const tail = /\n\s*$/.exec(replaced)?.[0] ?? '';
  return rendered.replace(/\n$/, '') + tail;
}

/** The comment lines (and blank lines) a file starts with. */
function leadingComments(source: string): string {
  return /^(?:[ \t]*(?:#[^\n]*)?\n)*/.exec(source)?.[0] ?? '';
}

/** The changes between two versions of one file, as a unified diff (`-` removed, `+` added, ` ` context). */
export interface FileDiff {
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly unified: string;
}

/** oldNo/newNo: the line's number on its side, or for the other side how many lines came before. */
type Line = { readonly op: ' ' | '-' | '+'; readonly text: string; readonly oldNo: number; readonly newNo: number };

/** Line-based diff through the longest common subsequence; hunks keep `context` unchanged lines around changes. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): FileDiff | undefined {
  if (before === after) return undefined;
  const a = before === undefined ? [] : splitLines(before);
  const b = after === undefined ? [] : splitLines(after);
  const lines = diffLines(a, b);
  const header = `--- ${before === undefined ? '/dev/null' : `a/${path}`}\n+++ ${after === undefined ? '/dev/null' : `b/${path}`}\n`;
  return {
    path,
    change: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed',
    unified: header + hunks(lines, context).join(''),
  };
}

const splitLines = (text: string): string[] => {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

function diffLines(a: readonly string[], b: readonly string[]): Line[] {
  // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) out.push({ op: ' ', text: a[i++]!, oldNo: i, newNo: ++j });
    else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push({ op: '-', text: a[i++]!, oldNo: i, newNo: j });
    else out.push({ op: '+', text: b[j++]!, oldNo: i, newNo: j });
  }
  return out;
}

function hunks(lines: readonly Line[], context: number): string[] {
  const out: string[] = [];
  let k = 0;
  while (k < lines.length) {
    const firstChange = lines.findIndex((l, n) => n >= k && l.op !== ' ');
    if (firstChange < 0) break;
    const start = Math.max(k, firstChange - context);
    let end = firstChange;
    // Extend while the next change is within 2 × context unchanged lines.
    for (let n = firstChange; n < lines.length; n++) {
      if (lines[n]!.op !== ' ') end = n;
      else if (n - end > 2 * context) break;
    }
    const stop = Math.min(lines.length, end + context + 1);
    const slice = lines.slice(start, stop);
    const oldCount = slice.filter((l) => l.op !== '+').length;
    const newCount = slice.filter((l) => l.op !== '-').length;
    // Numbers are 1-based; an empty side names the line before, as `diff -u` does.
    const oldFrom = slice.find((l) => l.op !== '+')?.oldNo ?? slice[0]!.oldNo;
    const newFrom = slice.find((l) => l.op !== '-')?.newNo ?? slice[0]!.newNo;
    out.push(`@@ -${oldFrom},${oldCount} +${newFrom},${newCount} @@\n` + slice.map((l) => `${l.op}${l.text}\n`).join(''));
    k = stop;
  }
  return out;
}

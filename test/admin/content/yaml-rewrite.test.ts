import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rewriteYaml } from '../../../src/admin/content/yaml-rewrite.js';
import { SEED } from '../../content-versions/harness.js';

const valueOf = (text: string): any => parseDocument(text).toJS();

/** `source` rewritten with `change` applied to its value; the result must hold exactly the changed value. */
function rewritten(source: string, change: (value: any) => void): string {
  const value = valueOf(source);
  change(value);
  const text = rewriteYaml(source, value);
  const doc = parseDocument(text);
  expect(doc.errors).toEqual([]);
  expect(doc.toJS()).toEqual(value);
  return text;
}

/** Lines only in `a` and lines only in `b`, in order. */
function changedLines(a: string, b: string): { removed: string[]; added: string[] } {
  const before = a.split('\n');
  const after = b.split('\n');
  let head = 0;
  while (head < before.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before.at(-1 - tail) === after.at(-1 - tail)) tail++;
  return { removed: before.slice(head, before.length - tail), added: after.slice(head, after.length - tail) };
}

const SAMPLE = `# Leading comment block
# kept as staff wrote it.
title: "Quoted title"
text: >-
  Folded text over
  two lines.
list:
  - one
  # about two
  - two
  - three
flow: [a, b]
nested:
  key: value # trailing comment
  other: 1
`;

describe('rewriteYaml', () => {
  it('gives back every content file unchanged when the value is unchanged', () => {
    for (const [path, text] of Object.entries(SEED)) expect(rewriteYaml(text, valueOf(text)), path).toBe(text);
  });

  it('rewrites only the changed scalar, keeping its quoting and the comments around it', () => {
    const title = rewritten(SAMPLE, (v) => (v.title = 'New: title'));
    expect(changedLines(SAMPLE, title)).toEqual({ removed: ['title: "Quoted title"'], added: ['title: "New: title"'] });
    const text = rewritten(SAMPLE, (v) => (v.nested.key = 'changed'));
    expect(changedLines(SAMPLE, text)).toEqual({ removed: ['  key: value # trailing comment'], added: ['  key: changed # trailing comment'] });
    expect(text.startsWith('# Leading comment block\n# kept as staff wrote it.\n')).toBe(true);
  });

  it('refolds text that was folded and keeps one-line text on one line', () => {
    const long = 'Văn bản dài '.repeat(20).trim();
    const text = rewritten(SAMPLE, (v) => {
      v.text = long;
      v.list[0] = long;
    });
    expect(text).toMatch(/^text: >-\n {2}Văn bản dài/m);
    const folded = text.slice(text.indexOf('text: >-\n'), text.indexOf('list:')).trim().split('\n');
    expect(folded.length).toBeGreaterThan(2);
    expect(folded.every((line) => line.length <= 122)).toBe(true);
    expect(text).toContain(`  - ${long}\n`);
  });

  it('deletes, inserts and reorders list items touching only their lines', () => {
    const removed = rewritten(SAMPLE, (v) => v.list.splice(0, 1));
    expect(changedLines(SAMPLE, removed)).toEqual({ removed: ['  - one'], added: [] });
    const added = rewritten(SAMPLE, (v) => v.list.push('four'));
    expect(changedLines(SAMPLE, added)).toEqual({ removed: [], added: ['  - four'] });
    const inserted = rewritten(SAMPLE, (v) => v.list.splice(1, 0, 'one and a half'));
    expect(inserted).toContain('  - one\n  - one and a half\n  # about two\n  - two\n');
    rewritten(SAMPLE, (v) => v.list.reverse());
    const flow = rewritten(SAMPLE, (v) => v.flow.push('c'));
    expect(changedLines(SAMPLE, flow)).toEqual({ removed: ['flow: [a, b]'], added: ['flow: [a, b, c]'] });
  });

  it('adds and removes keys, switches a value between shapes, and empties lists and maps', () => {
    const text = rewritten(SAMPLE, (v) => {
      delete v.nested.other;
      v.nested.added = ['x', 'y'];
      v.title = { unknown: true, note: 'chưa rõ' };
    });
    expect(text).toContain('nested:\n  key: value # trailing comment\n  added:\n    - x\n    - y\n');
    expect(text).toContain('title:\n  unknown: true\n  note: chưa rõ\n');
    rewritten(SAMPLE, (v) => {
      v.list = [];
      v.nested = {};
    });
  });

  it('edits items of lists of maps, including their first key', () => {
    const source = SEED['data/locality.yaml']!;
    rewritten(source, (v) => {
      v.communes[0] = { name: 'xã Mới' };
      v.communes[1].formedFrom = 'các xã A, B';
      v.communes.at(-1).formedFrom = 'xã C';
      v.communes.push({ name: 'xã Thêm', formedFrom: 'xã D' });
    });
    rewritten(source, (v) => {
      v.communes[2] = { formedFrom: 'không tên' };
    });
  });

  it('keeps a string that looks like a number a string, and writes a new file with folded text', () => {
    const source = SEED['data/locality.yaml']!;
    expect(rewritten(source, (v) => (v.portal.hotline = '19001234'))).toContain('  hotline: "19001234"\n');
    const fresh = rewriteYaml('', { id: 'moi', codes: ['1.000001'], text: 'chữ '.repeat(60).trim() });
    expect(valueOf(fresh)).toEqual({ id: 'moi', codes: ['1.000001'], text: 'chữ '.repeat(60).trim() });
    expect(fresh.split('\n').every((line) => line.length <= 124)).toBe(true);
  });

  it('survives many edits of every content file: the result always holds the new value', () => {
    for (const [path, source] of Object.entries(SEED)) {
      const value = valueOf(source);
      const lists = collect(value, (v) => Array.isArray(v));
      const maps = collect(value, (v) => typeof v === 'object' && v !== null && !Array.isArray(v));
      const strings = collect(value, (v) => typeof v === 'string');
      for (const [edit, targets] of [
        [(v: any, p: Path) => set(v, p, `${get(v, p)} — đã sửa: "x" # y`), strings.slice(0, 2)],
        [(v: any, p: Path) => get(v, p).push(get(v, p)[0] ?? 'mới'), lists.slice(0, 2)],
        [(v: any, p: Path) => get(v, p).splice(0, 1), lists.slice(0, 2)],
        [(v: any, p: Path) => Object.assign(get(v, p), { them: { a: ['x'], b: 'y' } }), maps.slice(0, 2)],
        [(v: any, p: Path) => delete get(v, p)[Object.keys(get(v, p))[0]!], maps.slice(1, 3)],
      ] as const) {
        for (const target of targets) {
          const changed = structuredClone(value);
          edit(changed, target);
          const text = rewriteYaml(source, changed);
          expect(valueOf(text), `${path} ${target.join('.')}`).toEqual(changed);
        }
      }
    }
  });
});

type Path = (string | number)[];
const get = (v: any, p: Path): any => p.reduce((a, k) => a[k], v);
const set = (v: any, p: Path, x: unknown): void => {
  get(v, p.slice(0, -1))[p.at(-1)!] = x;
};

function collect(value: unknown, wanted: (v: unknown) => boolean, path: Path = []): Path[] {
  const here = wanted(value) && path.length > 0 ? [path] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => collect(v, wanted, [...path, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => collect(v, wanted, [...path, k]))];
  return here;
}

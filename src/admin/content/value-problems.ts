import type { z } from 'zod';
import type { ContentProblem } from '../../content/content-error.js';

type Issue = z.core.$ZodIssue;
type Path = readonly (string | number)[];

/** What a value of each JSON type is called in a message. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'một đoạn chữ',
  number: 'một số',
  int: 'một số nguyên',
  boolean: 'có hoặc không',
  array: 'một danh sách',
  object: 'một nhóm thông tin',
};

/**
 * Every problem of `value` against its file's schema, each naming the exact field ("aspects.le_phi.text",
 * "examples.3") so the form can show it at that field. Of a field that may take several shapes, the
 * problems of the shape the value is closest to are given.
 */
export function valueProblems(schema: z.ZodType, value: unknown, file: string): ContentProblem[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => problemsOf(issue, [], value, file));
}

function problemsOf(issue: Issue, base: Path, root: unknown, file: string): ContentProblem[] {
  const path = [...base, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const closest = [...issue.errors].sort((a, b) => distance(a, path, root) - distance(b, path, root))[0]!;
    return closest.flatMap((inner) => problemsOf(inner, path, root, file));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ file, field: [...path, key].join('.'), message: 'trường này không có trong mẫu nội dung' }));
  }
  return [{ file, field: path.join('.'), message: messageOf(issue, path, root) }];
}

/** How far a value is from a shape: fields missing or not in the shape count most, then other problems. */
function distance(issues: readonly Issue[], base: Path, root: unknown): number {
  return issues.reduce((sum, issue) => {
    const path = [...base, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
    const shapeMiss = issue.code === 'unrecognized_keys' || (issue.code === 'invalid_type' && valueAt(root, path) === undefined);
    return sum + (shapeMiss ? 100 : 1);
  }, 0);
}

function messageOf(issue: Issue, path: Path, root: unknown): string {
  if (issue.code === 'invalid_key') return `khóa "${String(path.at(-1) ?? '')}" không hợp lệ: ${issue.issues.map((i) => i.message).join('; ')}`;
  if (issue.code !== 'invalid_type') return issue.message;
  if (valueAt(root, path) === undefined) return 'cần nhập thông tin này';
  return `cần ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
}

function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

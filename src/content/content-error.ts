/** One problem found in a content file, located precisely enough for staff to fix it. */
export interface ContentProblem {
  readonly file: string;
  readonly line?: number;
  readonly field: string;
  readonly message: string;
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''} — ${p.field || '(tệp)'}: ${p.message}`;
}

/** Thrown when content cannot be loaded; carries every problem, not just the first. */
export class ContentError extends Error {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(`Nội dung không hợp lệ (${problems.length} lỗi):\n` + problems.map((p) => '  ' + formatProblem(p)).join('\n'));
    this.name = 'ContentError';
  }
}

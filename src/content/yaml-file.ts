import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import type { ContentProblem } from './content-error.js';

/** A parsed YAML file that can tell the line of any field path, for error messages. */
export class YamlFile {
  private constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  static parse(source: string, displayName: string): YamlFile {
    const lines = new LineCounter();
    const doc = parseDocument(source, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    return new YamlFile(displayName, doc, lines);
  }

  /** YAML syntax errors, each with its line. */
  syntaxProblems(): ContentProblem[] {
    return this.doc.errors.map((e) => ({
      file: this.file,
      line: e.linePos?.[0]?.line,
      field: '',
      message: `lỗi cú pháp YAML: ${e.message.split('\n')[0]}`,
    }));
  }

  get value(): unknown {
    return this.doc.toJS();
  }

  lineOf(path: readonly (string | number)[]): number | undefined {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }

  problem(path: readonly (string | number)[], message: string): ContentProblem {
    return { file: this.file, line: this.lineOf(path), field: path.join('.'), message };
  }

  /** Parses with a zod schema; problems name the file, the line and the field path. */
  validate<T>(schema: z.ZodType<T>): { value?: T; problems: ContentProblem[] } {
    const syntax = this.syntaxProblems();
    if (syntax.length > 0) return { problems: syntax };
    const result = schema.safeParse(this.value);
    if (result.success) return { value: result.data, problems: [] };
    return {
      problems: result.error.issues.map((i) =>
        this.problem(i.path.filter((p): p is string | number => typeof p !== 'symbol'), i.message),
      ),
    };
  }
}

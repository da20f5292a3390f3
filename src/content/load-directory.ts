import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import type { ContentProblem } from './content-error.js';
import { YamlFile } from './yaml-file.js';

export interface LoadedFile<T> {
  readonly name: string;
  readonly file: YamlFile;
  readonly value: T;
}

/** Validates every YAML file of a directory with one schema; problems are appended to `problems`. */
export function loadDirectory<T>(dir: string, shownAs: string, schema: z.ZodType<T>, problems: ContentProblem[]): LoadedFile<T>[] {
  if (!existsSync(dir)) return [];
  const out: LoadedFile<T>[] = [];
  for (const f of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = YamlFile.read(join(dir, f), `${shownAs}/${f}`);
    const { value, problems: p } = file.validate(schema);
    problems.push(...p);
    if (value !== undefined) out.push({ name: basename(f).replace(/\.ya?ml$/, ''), file, value });
  }
  return out;
}

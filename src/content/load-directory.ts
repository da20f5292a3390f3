import type { z } from 'zod';
import type { ContentProblem } from './content-error.js';
import { filesIn, type ContentFiles } from './content-files.js';
import { YamlFile } from './yaml-file.js';

export interface LoadedFile<T> {
  readonly name: string;
  readonly file: YamlFile;
  readonly value: T;
}

/** Validates every YAML file of a folder of the bundle with one schema; problems are appended to `problems`. */
export function loadDirectory<T>(files: ContentFiles, folder: string, schema: z.ZodType<T>, problems: ContentProblem[]): LoadedFile<T>[] {
  const out: LoadedFile<T>[] = [];
  for (const [path, text] of filesIn(files, folder)) {
    const file = YamlFile.parse(text, path);
    const { value, problems: p } = file.validate(schema);
    problems.push(...p);
    if (value !== undefined) out.push({ name: path.slice(folder.length + 1).replace(/\.ya?ml$/, ''), file, value });
  }
  return out;
}

import { basename } from 'node:path';
import { ContentError, type ContentProblem } from './content-error.js';
import { filesIn, type ContentFiles } from './content-files.js';
import { exampleKey } from './example-key.js';
import { intentFileSchema, type IntentDefinition } from './intent-schema.js';
import { YamlFile } from './yaml-file.js';

export interface IntentCatalog {
  /** Intent ids that must exist (from the evaluation catalog). */
  readonly requiredIds: readonly string[];
}

/**
 * Loads every `intents/*.yaml` of the bundle and checks the set as a whole:
 * file name matches id, ids unique, no example under two intents, required ids present.
 * All problems are collected and thrown together.
 */
export function loadIntents(files: ContentFiles, catalog?: IntentCatalog): IntentDefinition[] {
  const { intents, problems } = readIntents(files, catalog);
  if (problems.length > 0) throw new ContentError(problems);
  return intents;
}

export interface IntentsRead {
  /** The intents that are valid on their own. */
  readonly intents: IntentDefinition[];
  readonly problems: ContentProblem[];
  /** Every intent id that has a file, valid or not (so other files' references do not cascade). */
  readonly declaredIds: ReadonlySet<string>;
  readonly filesById: ReadonlyMap<string, YamlFile>;
}

/** Reads and checks the intents without throwing, for the whole-bundle validation. */
export function readIntents(files: ContentFiles, catalog?: IntentCatalog): IntentsRead {
  return parseIntentFiles(
    filesIn(files, 'intents').map(([path, text]) => ({ name: basename(path), file: YamlFile.parse(text, path) })),
    catalog,
  );
}

function parseIntentFiles(files: readonly { name: string; file: YamlFile }[], catalog?: IntentCatalog): IntentsRead {
  const filesById = new Map<string, YamlFile>();
  const problems: ContentProblem[] = [];
  const intents: IntentDefinition[] = [];
  const byId = new Map<string, string>();
  const exampleOwner = new Map<string, { id: string; file: string }>();

  for (const { name, file } of files) {
    const { value, problems: p } = file.validate(intentFileSchema);
    problems.push(...p);
    if (!value) continue;
    const expectedName = `${value.id}.yaml`;
    if (!name.endsWith(expectedName) && !name.endsWith(`${value.id}.yml`)) {
      problems.push(file.problem(['id'], `mã "${value.id}" phải trùng với tên tệp (${expectedName})`));
    }
    const previous = byId.get(value.id);
    if (previous) {
      problems.push(file.problem(['id'], `mã "${value.id}" đã được dùng trong ${previous}`));
      continue;
    }
    byId.set(value.id, file.file);
    filesById.set(value.id, file);
    value.examples.forEach((example, i) => {
      const key = exampleKey(example);
      const owner = exampleOwner.get(key);
      if (owner && owner.id !== value.id) {
        problems.push(file.problem(['examples', i], `câu mẫu "${example}" đã có ở ý định ${owner.id} (${owner.file})`));
      } else if (!owner) {
        exampleOwner.set(key, { id: value.id, file: file.file });
      }
    });
    intents.push(value);
  }

  const present = new Set(files.map((f) => basename(f.name).replace(/\.ya?ml$/, '')));
  for (const id of catalog?.requiredIds ?? []) {
    // A required intent whose file exists but failed has been reported already.
    if (!byId.has(id) && !present.has(id)) problems.push({ file: 'intents/', field: id, message: `thiếu ý định bắt buộc "${id}"` });
  }
  return { intents, problems, declaredIds: present, filesById };
}

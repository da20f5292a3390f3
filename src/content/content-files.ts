import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ContentProblem } from './content-error.js';

/**
 * The content as files: relative path ("intents/thu_tuc.khai_sinh.yaml", "data/procedures/khai_sinh.yaml"…)
 * → text. The unit that is validated, stored as a version, published, exported and imported.
 */
export type ContentFiles = Readonly<Record<string, string>>;

/** The folders whose YAML files make up the content (the intents, the data and its three sub-folders). */
const CONTENT_FOLDERS = ['intents', 'data', 'data/procedures', 'data/topics', 'data/sources'] as const;

const YAML_NAME = /^[^/\\]+\.ya?ml$/;

/** Whether a path is one the content is read from: a YAML file directly in one of the content folders. */
export function isContentPath(path: string): boolean {
  const slash = path.lastIndexOf('/');
  return slash > 0 && (CONTENT_FOLDERS as readonly string[]).includes(path.slice(0, slash)) && YAML_NAME.test(path.slice(slash + 1));
}

/** One problem per path the content is not read from, so a bundle never carries files that would be ignored. */
export function unknownPathProblems(files: ContentFiles): ContentProblem[] {
  return Object.keys(files)
    .filter((path) => !isContentPath(path))
    .map((path) => ({ file: path, field: '', message: 'tệp không thuộc nội dung (chỉ nhận intents/*.yaml, data/*.yaml, data/procedures|topics|sources/*.yaml)' }));
}

/** The YAML files of one folder of the bundle, sorted by name (as a directory listing would be). */
export function filesIn(files: ContentFiles, folder: string): [path: string, text: string][] {
  return Object.entries(files)
    .filter(([path]) => path.startsWith(`${folder}/`) && YAML_NAME.test(path.slice(folder.length + 1)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Reads the content files of a directory holding `intents/` and `data/` (the repository's layout). */
export function readContentFiles(root: string): ContentFiles {
  return readContentFolders({ intentsDir: join(root, 'intents'), dataDir: join(root, 'data') });
}

/** Reads the content files from the intents and data directories, wherever they are. */
export function readContentFolders(paths: { readonly intentsDir: string; readonly dataDir: string }): ContentFiles {
  const files: Record<string, string> = {};
  for (const folder of CONTENT_FOLDERS) {
    const dir = folder === 'intents' ? paths.intentsDir : join(paths.dataDir, folder.slice('data'.length));
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((f) => YAML_NAME.test(f))) files[`${folder}/${name}`] = readFileSync(join(dir, name), 'utf8');
  }
  return files;
}

/**
 * Writes a bundle into `root` in the repository's layout. The content files already there are
 * replaced, so `root` then holds exactly this bundle (other files are left alone).
 */
export function writeContentFiles(root: string, files: ContentFiles): void {
  const problems = unknownPathProblems(files);
  if (problems.length > 0) throw new Error(`không ghi được: ${problems.map((p) => p.file).join(', ')}`);
  for (const path of Object.keys(readContentFiles(root))) rmSync(join(root, path));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

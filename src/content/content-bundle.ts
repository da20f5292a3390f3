import { join } from 'node:path';
import type { AspectRule } from '../nlu/aspect-detector.js';
import { AbbreviationDictionary } from '../nlu/normalize/abbreviations.js';
import { ContentError, type ContentProblem } from './content-error.js';
import type { IntentDefinition } from './intent-schema.js';
import { readIntents } from './load-intents.js';
import {
  abbreviationsFileSchema,
  aspectsFileSchema,
  nluConfigSchema,
  requiredIntentsSchema,
  type NluConfig,
} from './nlu-data-schema.js';
import { YamlFile } from './yaml-file.js';
import { localityPlaceholders, localitySchema, type Locality } from './locality-schema.js';
import { crossCheck } from './cross-checks.js';
import { loadDirectory } from './load-directory.js';
import { readContentFolders, unknownPathProblems, type ContentFiles } from './content-files.js';
import { procedureFileSchema, type Procedure } from './procedure-schema.js';
import { sourcesFileSchema, type Sources } from './sources-schema.js';
import { topicFileSchema, type Topic } from './topic-schema.js';
import { messagesFileSchema } from './messages-schema.js';
import { followUpsFileSchema, type FollowUps } from './follow-ups-schema.js';
import type { BotMessages } from '../engine/engine.js';

/** Everything the engine is built from: the intents and the data it knows. */
export interface ContentBundle {
  readonly intents: readonly IntentDefinition[];
  readonly abbreviations: AbbreviationDictionary;
  readonly aspects: readonly AspectRule[];
  /** Words that carry no topic, for telling a follow-up ("thế lệ phí bao nhiêu?") from a new question. */
  readonly followUpWords: readonly string[];
  readonly nluConfig: NluConfig;
  readonly messages: BotMessages;
  readonly locality: Locality;
  readonly procedures: readonly Procedure[];
  readonly topics: readonly Topic[];
  readonly sources: Sources;
  /** Follow-up phrasings and written dialogs the dialog model learns from. */
  readonly followUps: FollowUps;
}

export interface ContentPaths {
  readonly intentsDir: string;
  readonly dataDir: string;
}

export function defaultContentPaths(root = process.cwd()): ContentPaths {
  return { intentsDir: join(root, 'intents'), dataDir: join(root, 'data') };
}

/**
 * Loads and validates the whole bundle from the intents and data directories; throws one
 * ContentError listing every problem. `today` (YYYY-MM-DD) is the reference for "a date in the future".
 */
export function loadContent(paths: ContentPaths = defaultContentPaths(), today = vietnamToday()): ContentBundle {
  return loadContentFiles(readContentFolders(paths), today);
}

/**
 * Today in Vietnam (UTC+7, no daylight saving), YYYY-MM-DD: staff who checked a fact this morning
 * write today's date, which is still yesterday in UTC until 07:00.
 */
export const vietnamToday = (now = new Date()): string => new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Loads and validates a bundle given as files (path → text), exactly as `loadContent` does from disk. */
export function loadContentFiles(files: ContentFiles, today = vietnamToday()): ContentBundle {
  const problems: ContentProblem[] = unknownPathProblems(files);
  const read = <T>(name: string, schema: Parameters<YamlFile['validate']>[0]): T | undefined => {
    const text = files[`data/${name}`];
    if (text === undefined) {
      problems.push({ file: `data/${name}`, field: '', message: 'thiếu tệp' });
      return undefined;
    }
    const { value, problems: p } = YamlFile.parse(text, `data/${name}`).validate(schema);
    problems.push(...p);
    return value as T | undefined;
  };

  const abbreviations = read<{ abbreviations: Record<string, string> }>('abbreviations.yaml', abbreviationsFileSchema);
  const aspects = read<{ aspects: Record<AspectRule['aspect'], Omit<AspectRule, 'aspect'>>; followUpWords: string[] }>(
    'aspects.yaml',
    aspectsFileSchema,
  );
  const nluConfig = read<NluConfig>('nlu.yaml', nluConfigSchema);
  const messages = read<{ messages: BotMessages }>('messages.yaml', messagesFileSchema);
  const locality = read<Locality>('locality.yaml', localitySchema);
  const required = read<{ required: string[] }>('required-intents.yaml', requiredIntentsSchema);
  const followUps = read<FollowUps>('follow-ups.yaml', followUpsFileSchema);

  const intentsRead = readIntents(files, { requiredIds: required?.required ?? [] });
  const intents = intentsRead.intents;
  problems.push(...intentsRead.problems);
  const procedures = loadDirectory(files, 'data/procedures', procedureFileSchema, problems);
  const topics = loadDirectory(files, 'data/topics', topicFileSchema, problems);
  const sources = loadDirectory(files, 'data/sources', sourcesFileSchema, problems);
  problems.push(
    ...crossCheck({
      intents,
      declaredIntentIds: intentsRead.declaredIds,
      intentFiles: intentsRead.filesById,
      procedures,
      topics,
      sources,
      ...(locality ? { placeholders: new Set(Object.keys(localityPlaceholders(locality))) } : {}),
      today,
    }),
    ...(followUps ? followUpIntentProblems(followUps, intentsRead.declaredIds) : []),
  );
  if (problems.length > 0 || !abbreviations || !aspects || !nluConfig || !messages || !locality || !followUps) throw new ContentError(problems);
  return {
    intents,
    abbreviations: new AbbreviationDictionary(abbreviations.abbreviations),
    aspects: Object.entries(aspects.aspects).map(([aspect, rule]) => ({ aspect: aspect as AspectRule['aspect'], ...rule })),
    followUpWords: aspects.followUpWords,
    nluConfig,
    messages: messages.messages,
    locality,
    procedures: procedures.map((p) => p.value),
    topics: topics.map((t) => t.value),
    sources: Object.assign({}, ...sources.map((s) => s.value.sources)) as Sources,
    followUps,
  };
}

/** Every intent named in data/follow-ups.yaml must exist. */
function followUpIntentProblems(followUps: FollowUps, known: ReadonlySet<string>): ContentProblem[] {
  const file = 'data/follow-ups.yaml';
  const problems: ContentProblem[] = [];
  for (const id of Object.keys(followUps.names)) {
    if (!known.has(id)) problems.push({ file, field: `names.${id}`, message: `ý định "${id}" không tồn tại` });
  }
  followUps.dialogs.forEach((turns, d) =>
    turns.forEach((t, i) => {
      if (!known.has(t.intent)) problems.push({ file, field: `dialogs[${d}][${i}].intent`, message: `ý định "${t.intent}" không tồn tại` });
    }),
  );
  return problems;
}

import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { assembleBot, trainingData, trainNlu, type Bot } from '../bot.js';
import { loadContentFiles, type ContentBundle } from '../content/content-bundle.js';
import { ContentError } from '../content/content-error.js';
import { unknownPathProblems, type ContentFiles } from '../content/content-files.js';
import { factCheckProblems } from '../content/fact-checks.js';
import type { LiveBot } from '../live-bot.js';
import { kFoldHeldOut } from '../nlu/cross-validation.js';
import type { Nlu } from '../nlu/nlu.js';
import type { ContentVersion, ContentVersionInfo } from './content-version.js';
import type { ContentVersionStore } from './content-version-store.js';
import { unifiedDiff, type FileDiff } from './line-diff.js';
import { VersionConflictError } from './version-conflict-error.js';

/** Assembles the bot that serves citizens (with the shared conversation store) from checked content. */
export type AssembleLiveBot = (content: ContentBundle, nlu: Nlu) => Bot;

export interface PublisherOptions {
  readonly store: ContentVersionStore;
  /** The repository's intents/ and data/: what is live while no version has been published. */
  readonly seed: () => ContentFiles;
  readonly assemble: AssembleLiveBot;
  /** The running bot, swapped on publication; none in the CLI (running servers poll for new versions). */
  readonly live?: LiveBot;
  /** Least share of training examples a model trained without them must recognise (3-fold, top-1). */
  readonly minAccuracy?: number;
  /** Told of every publication, rollback and publication refused by the checks (metrics). */
  readonly onEvent?: (event: 'published' | 'rolled_back' | 'refused') => void;
}

export const DEFAULT_MIN_ACCURACY = 0.85;
const FOLDS = 3;

/**
 * The content staff's actions — save a draft, publish it, roll back, read the history and the
 * changes — for the command line and the web workspace. Nothing is published unless the
 * whole bundle validates, the NLU trains, the content's fact checks pass and the quick accuracy check passes;
 * otherwise a ContentError lists every reason (file, field, message) and the live version keeps serving.
 */
export class ContentPublisher {
  constructor(private readonly options: PublisherOptions) {}

  /**
   * Stores files as a new draft on top of `baseVersion`, the newest version when the author started
   * (none if there was no version yet); VersionConflictError when someone saved another meanwhile.
   */
  async saveDraft(draft: { files: ContentFiles; author: string; baseVersion?: number; note?: string }): Promise<ContentVersion> {
    const problems = unknownPathProblems(draft.files);
    if (problems.length > 0) throw new ContentError(problems);
    return this.options.store.add({ ...draft, publish: false }, new Date());
  }

  /** Validates files (as `npm run validate`) and stores them as a new draft on top of the newest version; `publish` then publishes it. */
  async importFiles(files: ContentFiles, author: string, publish: boolean): Promise<ContentVersion> {
    loadContentFiles(files);
    const newest = await this.options.store.newest();
    const draft = await this.saveDraft({ files, author, note: 'nhập từ thư mục', ...(newest ? { baseVersion: newest.id } : {}) });
    return publish ? this.publish(draft.id, author) : draft;
  }

  /** Checks a draft (the newest version) and, if everything passes, makes it the live version. */
  async publish(id: number, by: string): Promise<ContentVersion> {
    const { store } = this.options;
    const version = await store.get(id);
    if (version?.status !== 'draft') throw new VersionConflictError(version ? `Phiên bản ${id} không phải bản nháp.` : `Không có phiên bản ${id}.`);
    const checked = await this.check(version.files);
    // The store re-checks that it is still the newest draft, atomically with publishing it.
    const published = await store.publish(id, by, new Date());
    this.options.live?.swap(this.options.assemble(checked.content, checked.nlu), published.id);
    this.options.onEvent?.('published');
    return published;
  }

  /** Publishes an earlier version's files again, as a new version recorded as a rollback, after the same checks. */
  async rollback(toId: number, by: string): Promise<ContentVersion> {
    const { store } = this.options;
    const target = await store.get(toId);
    if (!target) throw new VersionConflictError(`Không có phiên bản ${toId}.`);
    if (target.status === 'draft') throw new VersionConflictError(`Phiên bản ${toId} là bản nháp, chưa từng được xuất bản nên không thể khôi phục.`);
    const checked = await this.check(target.files);
    const newest = await store.newest();
    const published = await store.add(
      { files: target.files, author: by, note: `khôi phục phiên bản ${toId}`, publish: true, ...(newest ? { baseVersion: newest.id } : {}) },
      new Date(),
    );
    this.options.live?.swap(this.options.assemble(checked.content, checked.nlu), published.id);
    this.options.onEvent?.('rolled_back');
    return published;
  }

  /** The newest version (a draft included) and its files, what staff edit; before any version, the repository's files. */
  async newest(): Promise<{ info: ContentVersionInfo | undefined; files: ContentFiles }> {
    const info = await this.newestVersion();
    return { info, files: await this.files(info?.id) };
  }

  /** The newest version (a draft included), without its files; none before any version. */
  newestVersion(): Promise<ContentVersionInfo | undefined> {
    return this.options.store.newest();
  }

  /** Every version, newest first, with who made and published it and when. */
  history(): Promise<ContentVersionInfo[]> {
    return this.options.store.history();
  }

  /** The files of a version, or of the live content: the published version, else the repository's. */
  async files(id?: number): Promise<ContentFiles> {
    const { store } = this.options;
    const wanted = id ?? (await store.publishedId());
    if (wanted === undefined) return this.options.seed();
    const version = await store.get(wanted);
    if (!version) throw new VersionConflictError(`Không có phiên bản ${wanted}.`);
    return version.files;
  }

  /**
   * What version `id` changed, per file: against `from`, by default the version it was based on (or
   * the repository's files); `'live'`: what publishing it would change for citizens.
   */
  async diff(id: number, from?: number | 'live'): Promise<FileDiff[]> {
    const version = await this.options.store.get(id);
    if (!version) throw new VersionConflictError(`Không có phiên bản ${id}.`);
    const base = from ?? version.baseVersion;
    const before = base === 'live' ? await this.files() : base === undefined ? this.options.seed() : await this.files(base);
    const paths = [...new Set([...Object.keys(before), ...Object.keys(version.files)])].sort();
    return paths.flatMap((path) => unifiedDiff(path, before[path], version.files[path]) ?? []);
  }

  /**
   * The checks before publication; throws a ContentError with every reason. Training is synchronous:
   * the steps yield to the event loop between them so turns in progress keep being answered.
   */
  private async check(files: ContentFiles): Promise<{ content: ContentBundle; nlu: Nlu }> {
    const content = loadContentFiles(files);
    await yieldToEventLoop();
    const nlu = trainNlu(content);
    await yieldToEventLoop();
    // A bot of its own (conversations in memory): the fact checks are not citizens' conversations.
    const problems = await factCheckProblems(assembleBot(content, nlu).engine, content);
    await yieldToEventLoop();
    const accuracy = quickAccuracy(content);
    const floor = this.options.minAccuracy ?? DEFAULT_MIN_ACCURACY;
    if (accuracy < floor) {
      problems.push({
        file: 'intents/',
        field: 'examples',
        message: `độ chính xác kiểm định chéo ${FOLDS} phần là ${percent(accuracy)}, thấp hơn mức tối thiểu ${percent(floor)}: các câu mẫu của những ý định gần nhau cần phân biệt rõ hơn`,
      });
    }
    if (problems.length > 0) {
      this.options.onEvent?.('refused');
      throw new ContentError(problems);
    }
    return { content, nlu };
  }
}

/** Share of training examples whose top intent, by a model trained without them, is their own. */
function quickAccuracy(content: ContentBundle): number {
  const heldOut = kFoldHeldOut(trainingData(content), content.nluConfig, FOLDS);
  const right = heldOut.filter((h) => {
    let best = 0;
    h.logits.forEach((v, i) => {
      if (v > h.logits[best]!) best = i;
    });
    return h.labels[best] === h.label;
  }).length;
  return right / Math.max(1, heldOut.length);
}

const percent = (x: number): string => `${(x * 100).toFixed(1).replace('.', ',')}%`;

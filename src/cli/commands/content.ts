import { assembleBot } from '../../bot.js';
import { readConfig } from '../../config.js';
import { defaultContentPaths } from '../../content/content-bundle.js';
import { readContentFiles, readContentFolders, writeContentFiles } from '../../content/content-files.js';
import { ContentPublisher } from '../../content-versions/content-publisher.js';
import type { ContentVersionStore } from '../../content-versions/content-version-store.js';
import { openContentVersions } from '../../content-versions/open-content-versions.js';
import type { CliIo } from '../run-cli.js';

const USAGE = `Cách dùng:
  npm run -s cli -- content export THƯ_MỤC [--version N]        ghi nội dung đang dùng (hoặc phiên bản N) thành intents/ và data/
  npm run -s cli -- content import THƯ_MỤC [--as TÊN] [--publish]   kiểm tra rồi lưu thành bản nháp (hoặc xuất bản luôn)
  npm run -s cli -- content history                            các phiên bản: ai, khi nào, trạng thái
  npm run -s cli -- content diff N [--from M]                  thay đổi của phiên bản N so với bản gốc của nó (hoặc M)
  npm run -s cli -- content publish N [--as TÊN]               kiểm tra và xuất bản bản nháp N
  npm run -s cli -- content rollback N [--as TÊN]              xuất bản lại phiên bản N (khôi phục)
`;

const STATUS = { draft: 'bản nháp', published: 'đang dùng', superseded: 'đã thay thế' } as const;

/**
 * Content versions from the command line: the repository's intents/ and data/ layout is the
 * exchange format. Publishing here goes through the same checks as everywhere; running servers
 * pick the new version up within seconds. `deps` replaces the configured store in tests.
 */
export async function contentCommand(args: string[], io: CliIo, deps?: { readonly versions: ContentVersionStore }): Promise<number> {
  const [action, target, ...rest] = args;
  const option = (name: string): string | undefined => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const number = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);
  const author = option('--as') ?? 'cán bộ';
  const id = number(target);
  const valid =
    (action === 'export' || action === 'import') ? target !== undefined : action === 'history' ? true : ['diff', 'publish', 'rollback'].includes(action ?? '') && id !== undefined;
  if (!valid) {
    io.err.write(USAGE);
    return 2;
  }
  const config = readConfig();
  const versions = deps?.versions ?? (await openContentVersions({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) }));
  const publisher = new ContentPublisher({
    store: versions,
    seed: () => readContentFolders(defaultContentPaths()),
    // Checked and trained here, but never serving: running servers load the version themselves.
    assemble: (content, nlu) => assembleBot(content, nlu),
  });
  try {
    switch (action) {
      case 'export': {
        const version = option('--version');
        const files = await publisher.files(number(version));
        writeContentFiles(target!, files);
        io.out.write(`Đã ghi ${Object.keys(files).length} tệp (${version ? `phiên bản ${version}` : 'nội dung đang dùng'}) vào ${target}.\n`);
        return 0;
      }
      case 'import': {
        const version = await publisher.importFiles(readContentFiles(target!), author, rest.includes('--publish'));
        io.out.write(version.status === 'published' ? `Đã xuất bản phiên bản ${version.id}.\n` : `Đã lưu bản nháp: phiên bản ${version.id}.\n`);
        return 0;
      }
      case 'history':
        for (const v of await publisher.history()) {
          const published = v.publishedAt ? `\txuất bản ${v.publishedAt.toISOString()} bởi ${v.publishedBy ?? v.author}` : '';
          io.out.write(`${v.id}\t${STATUS[v.status]}\t${v.author}\t${v.createdAt.toISOString()}${published}${v.note ? `\t(${v.note})` : ''}\n`);
        }
        return 0;
      case 'diff': {
        const diffs = await publisher.diff(id!, number(option('--from')));
        if (diffs.length === 0) io.out.write('Không có thay đổi.\n');
        for (const d of diffs) io.out.write(d.unified);
        return 0;
      }
      case 'publish':
        io.out.write(`Đã xuất bản phiên bản ${(await publisher.publish(id!, author)).id}.\n`);
        return 0;
      default: {
        const version = await publisher.rollback(id!, author);
        io.out.write(`Đã khôi phục phiên bản ${id}: phiên bản mới ${version.id} đang được dùng.\n`);
        return 0;
      }
    }
  } finally {
    if (!deps) await versions.close();
  }
}

import { foldDiacritics } from '../../nlu/normalize/fold.js';

/**
 * A Content-Disposition header that downloads as `name`, Vietnamese included (RFC 6266: the UTF-8
 * name in filename*, and an unaccented ASCII filename for clients that do not read it).
 */
export function attachment(name: string): string {
  const ascii = foldDiacritics(name)
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

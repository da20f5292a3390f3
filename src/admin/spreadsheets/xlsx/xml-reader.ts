/** What a spreadsheet part's XML says, element by element; names are local (any "x:" prefix dropped). */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** The XML is not well-formed (or uses a DOCTYPE, which a spreadsheet part never needs). */
export class XmlSyntaxError extends Error {
  constructor(message: string, offset: number) {
    super(`${message} (at character ${offset})`);
    this.name = 'XmlSyntaxError';
  }
}

const NAME = /[A-Za-z_][\w.\-:]*/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.\-:]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.\-:]*)\s*>/y;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Reads well-formed XML (the subset spreadsheet parts use: elements, attributes, text, CDATA,
 * comments, processing instructions) and calls the handlers in document order. Throws an
 * XmlSyntaxError at the first fault: a broken tag, a mismatched or unclosed element, an unknown
 * entity, text outside the root element. DOCTYPEs are refused, so no entity can expand.
 */
export function readXml(source: string, handlers: XmlHandlers): void {
  const open: string[] = [];
  let rootSeen = false;
  let at = 0;
  while (at < source.length) {
    const lt = source.indexOf('<', at);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > at) {
      const raw = source.slice(at, textEnd);
      if (open.length === 0) {
        if (raw.trim() !== '') throw new XmlSyntaxError('text outside the root element', at);
      } else {
        const text = decodeEntities(raw, at);
        handlers.text?.(text);
      }
    }
    if (lt === -1) break;
    if (source.startsWith('<?', lt)) {
      at = skipPast(source, '?>', lt);
    } else if (source.startsWith('<!--', lt)) {
      at = skipPast(source, '-->', lt);
    } else if (source.startsWith('<![CDATA[', lt)) {
      if (open.length === 0) throw new XmlSyntaxError('CDATA outside the root element', lt);
      const end = skipPast(source, ']]>', lt);
      handlers.text?.(source.slice(lt + '<![CDATA['.length, end - ']]>'.length));
      at = end;
    } else if (source.startsWith('<!', lt)) {
      throw new XmlSyntaxError('DOCTYPE declarations are not accepted', lt);
    } else if (source.startsWith('</', lt)) {
      END_TAG.lastIndex = lt;
      const end = END_TAG.exec(source);
      if (!end) throw new XmlSyntaxError('malformed end tag', lt);
      const name = end[1]!;
      const expected = open.pop();
      if (name !== expected) throw new XmlSyntaxError(`end tag </${name}> does not close <${expected ?? ''}>`, lt);
      handlers.close?.(localName(name));
      at = END_TAG.lastIndex;
    } else {
      if (open.length === 0 && rootSeen) throw new XmlSyntaxError('a second root element', lt);
      at = readStartTag(source, lt, open, handlers);
      rootSeen = true;
    }
  }
  if (open.length > 0) throw new XmlSyntaxError(`<${open.at(-1)}> is never closed`, source.length);
  if (!rootSeen) throw new XmlSyntaxError('no root element', 0);
}

/** Reads the start tag at `lt`, reports it (and its end when self-closing); the offset after it. */
function readStartTag(source: string, lt: number, open: string[], handlers: XmlHandlers): number {
  NAME.lastIndex = lt + 1;
  const name = NAME.exec(source)?.[0];
  if (!name) throw new XmlSyntaxError('malformed start tag', lt);
  let at = NAME.lastIndex;
  const attributes: Record<string, string> = {};
  for (;;) {
    ATTRIBUTE.lastIndex = at;
    const attribute = ATTRIBUTE.exec(source);
    if (!attribute) break;
    attributes[localName(attribute[1]!)] = decodeEntities(attribute[2] ?? attribute[3] ?? '', at);
    at = ATTRIBUTE.lastIndex;
  }
  TAG_END.lastIndex = at;
  const end = TAG_END.exec(source);
  if (!end) throw new XmlSyntaxError(`malformed start tag <${name}>`, lt);
  handlers.open?.(localName(name), attributes);
  if (end[1] === '/') handlers.close?.(localName(name));
  else open.push(name);
  return TAG_END.lastIndex;
}

function skipPast(source: string, terminator: string, from: number): number {
  const end = source.indexOf(terminator, from);
  if (end === -1) throw new XmlSyntaxError(`unterminated markup (no "${terminator}")`, from);
  return end + terminator.length;
}

function decodeEntities(raw: string, offset: number): string {
  if (!raw.includes('&')) return raw;
  const decoded = raw.replace(ENTITY, (_, named: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named]!;
    const code = decimal ? Number(decimal) : Number.parseInt(hex!, 16);
    if (code > 0x10ffff) throw new XmlSyntaxError('character reference out of range', offset);
    return String.fromCodePoint(code);
  });
  // Every "&" that began a known entity is gone now; one left over began an unknown one.
  if (raw.replace(ENTITY, '').includes('&')) throw new XmlSyntaxError('unknown or malformed entity', offset);
  return decoded;
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

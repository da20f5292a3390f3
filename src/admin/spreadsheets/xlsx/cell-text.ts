/**
 * How a cell's text is written inside SpreadsheetML: XML-escaped, and the characters XML cannot
 * carry (control characters) as Excel writes them, "_xHHHH_"; a literal "_xHHHH_" in the text is
 * protected as "_x005F_xHHHH_". `decodeCellText` reverses it on what Excel (or we) wrote.
 */
export function encodeCellText(text: string): string {
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
}

export function decodeCellText(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** XML-escapes an attribute value or element text that needs no "_xHHHH_" protection (names, numbers). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

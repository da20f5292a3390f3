/**
 * Zalo ids are 18–19-digit decimals. Zalo usually sends them as strings, but any sent as a bare
 * number would be rounded by JSON.parse (above 2^53), so integers of 16+ digits are read as
 * strings, and the id fields listed below always come out as strings.
 */
const ID_KEYS = new Set([
  'app_id',
  'id',
  'oa_id',
  'user_id',
  'user_id_by_app',
  'msg_id',
  'message_id',
  'quote_msg_id',
  'timestamp',
  'sent_time',
]);

// A JSON string (skipped as is) or a number; applied only to text JSON.parse has already accepted,
// so every string is terminated and the scan stays linear.
const STRING_OR_NUMBER = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const LONG_INTEGER = /^-?\d{16,}$/;

export function parseZaloJson(text: string): unknown {
  const plain = JSON.parse(text, idsAsStrings);
  if (!/\d{16}/.test(text)) return plain;
  const quoted = text.replace(STRING_OR_NUMBER, (token) => (LONG_INTEGER.test(token) ? `"${token}"` : token));
  return JSON.parse(quoted, idsAsStrings);
}

function idsAsStrings(key: string, value: unknown): unknown {
  if (ID_KEYS.has(key) && typeof value === 'number') return String(value);
  if (key === 'msg_ids' && Array.isArray(value)) return value.map((v: unknown) => (typeof v === 'number' ? String(v) : v));
  return value;
}
